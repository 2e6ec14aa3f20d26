/**
 * Where to send someone after signing in, from a `redirectTo` anyone can put in a link. Only a
 * place on this site qualifies: the target must resolve, as a browser would resolve it, to
 * `origin`. Control characters are refused outright because browsers strip them before resolving
 * (`/\t/evil.example` becomes `//evil.example`), and a path that normalises to `//host` would be
 * read as another site once sent back in a Location header.
 */
export function safeRedirect(target: unknown, origin: string, fallback = "/review"): string {
  if (typeof target !== "string" || target === "" || /\p{Cc}/u.test(target)) return fallback;
  let url: URL;
  try {
    url = new URL(target, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== new URL(origin).origin || url.pathname.startsWith("//")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
