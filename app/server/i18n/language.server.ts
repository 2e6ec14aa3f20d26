import { setInquiryLocale } from "../../../db/queries/inquiries";
import type { Language } from "~/i18n/languages";
import { statusTokenIn } from "~/i18n/status-path";
import { languageCookieHeader } from "./i18n.server";
import { safeRedirect } from "../redirect-target";
import type { Services } from "../service-types";
import { getInquiryByToken } from "../buyer/request-inquiry.server";

/**
 * A buyer's change of language from the switcher: remembered in the `lng` cookie and the page's
 * `?lng=` for public pages and, from a status page, on the inquiry itself, so that e-mails and the
 * quote follow. Returns the page to go back to (on this site only) and the cookie to set.
 */
export async function switchLanguage(
  services: Services,
  language: Language,
  returnTo: string | undefined,
): Promise<{ location: string; cookie: string }> {
  const origin = services.config.publicUrl;
  const target = new URL(safeRedirect(returnTo, origin, "/"), origin);
  const token = statusTokenIn(target.pathname);
  const inquiry = token === undefined ? null : getInquiryByToken(services, token);
  if (inquiry && inquiry.locale !== language) setInquiryLocale(services.db, inquiry.id, language);
  // A status page speaks its inquiry's language. Elsewhere the address carries the choice too: a
  // form embedded in another site's frame gets no cookie of ours (SameSite), only its address.
  if (inquiry) target.searchParams.delete("lng");
  else target.searchParams.set("lng", language);
  return {
    location: `${target.pathname}${target.search}${target.hash}`,
    cookie: await languageCookieHeader(services, language),
  };
}
