import { setInquiryLocale } from "../../db/queries/inquiries";
import type { Language } from "~/i18n/languages";
import { languageCookieHeader, statusTokenIn } from "./i18n.server";
import { safeRedirect } from "./redirect-target";
import type { Services } from "./services.server";
import { getInquiryByToken } from "./status.server";

/**
 * A buyer's change of language from the switcher: remembered in the `lng` cookie for public pages
 * and, from a status page, on the inquiry itself, so that e-mails and the quote follow. Returns the
 * page to go back to (on this site only, without a `?lng=` that would override the choice) and the
 * cookie to set.
 */
export async function switchLanguage(
  services: Services,
  language: Language,
  returnTo: string | undefined,
): Promise<{ location: string; cookie: string }> {
  const origin = services.config.publicUrl;
  const target = new URL(safeRedirect(returnTo, origin, "/"), origin);
  target.searchParams.delete("lng");
  const token = statusTokenIn(target.pathname);
  const inquiry = token === undefined ? null : getInquiryByToken(services, token);
  if (inquiry && inquiry.locale !== language) setInquiryLocale(services.db, inquiry.id, language);
  return {
    location: `${target.pathname}${target.search}${target.hash}`,
    cookie: await languageCookieHeader(services, language),
  };
}
