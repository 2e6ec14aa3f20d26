/** Scheme, host and optional port, nothing else: what a browser sends as Origin and CSP matches. */
export function isOrigin(entry: string): boolean {
  return /^https?:\/\/[^/?#\s]+\/?$/.test(entry) && URL.canParse(entry);
}
