/** One DNS label (letters, digits, inner hyphens; an IDN in its xn-- form), or a bracketed IPv6 address. */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])$/;

/**
 * Scheme (http or https), host and optional port, nothing else: what a browser sends as Origin and
 * what CSP frame-ancestors matches. The host is read as the browser reads it (a Unicode name in its
 * xn-- form, %-escapes decoded) and must then be a plain host name: no wildcard, and none of the
 * `;` and `,` that would end a CSP directive or start another value (helmet refuses those, and would
 * take every page that sends the header down with it). The one check for INTAKE_ORIGINS, the
 * embedding sites an admin lists, and what is already stored of them.
 */
export function isOrigin(entry: string): boolean {
  if (!/^https?:\/\/[^/?#\s@\\]+\/?$/i.test(entry) || !URL.canParse(entry)) return false;
  return HOST.test(new URL(entry).hostname);
}

/** How to write an origin, for the messages that refuse one. */
export const ORIGIN_RULE =
  "give http:// or https://, the host name and an optional port, nothing else (no path, no wildcard: list each site)";
