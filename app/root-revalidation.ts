import type { ShouldRevalidateFunction } from "@remix-run/react";
import { isStaffPage } from "~/i18n/staff-pages";
import { statusTokenIn } from "~/i18n/status-path";

/** The posts that change what the root loader returns: the buyer's language, the factory's name, accent and logo. */
const ROOT_DATA_ACTIONS = new Set(["/language", "/admin/factory", "/admin/factory/logo"]);

/**
 * Whether the root loader reads different things at the two addresses. Of the address it reads
 * whether the page is a staff page (English, no accent), the status token (the page speaks that
 * inquiry's language) and `?lng=`; the rest it reads (the `lng` cookie, Accept-Language, the factory
 * profile) changes only through the posts above.
 */
function rootInputsDiffer(current: URL, next: URL): boolean {
  return (
    isStaffPage(current.pathname) !== isStaffPage(next.pathname) ||
    statusTokenIn(current.pathname) !== statusTokenIn(next.pathname) ||
    current.searchParams.get("lng") !== next.searchParams.get("lng")
  );
}

/**
 * The root's data (the page's language with all its messages, 24-36 kB of JSON, and the factory's
 * brand) is loaded again only when it can have changed. Remix's default reloads it after every post,
 * every change of the query (?answered=1 after a status page's answer) and every live update of a
 * page. A language switch in another tab of the same status page is not seen here: this tab's
 * header keeps the old language until the next page load (its page's own data, reloaded by a live
 * update, follows the inquiry's new one). When the root loader reads something new, add what changes it.
 */
export const shouldRevalidateRoot: ShouldRevalidateFunction = ({ currentUrl, nextUrl, formMethod, formAction }) => {
  if (rootInputsDiffer(currentUrl, nextUrl)) return true;
  if (!formMethod || formMethod.toUpperCase() === "GET" || !formAction) return false;
  return ROOT_DATA_ACTIONS.has(new URL(formAction, nextUrl).pathname);
};
