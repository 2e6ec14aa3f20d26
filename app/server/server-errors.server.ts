import { isRouteErrorResponse } from "@remix-run/react";
import type { HandleErrorFunction } from "@remix-run/node";

/**
 * Starts every line that reports a bug in the server (an uncaught exception, an unhandled
 * rejection, a request that ended in a 500), as opposed to a request we refused on purpose.
 * Operators grep for it; the test harness fails the test whose request logged it.
 */
export const SERVER_ERROR_MARK = "[mim-rfq] SERVER ERROR";

export function logServerError(where: string, error: unknown) {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  console.error(`${SERVER_ERROR_MARK} ${where}: ${detail}`);
}

/** Status and password links carry their secret in the path: logs get the route, not the key. */
export function redactedPath(url: string): string {
  return new URL(url).pathname.replace(/^\/(status|set-password)\/[^/]+/, "/$1/<token>");
}

/**
 * Remix calls this for every error a loader, action or render threw. A client that went away and
 * a URL no route matches are not server bugs; everything else is.
 */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  const where = `${request.method} ${redactedPath(request.url)}`;
  if (isRouteErrorResponse(error) && error.status < 500) {
    console.warn(`[mim-rfq] ${where}: ${error.status} ${error.statusText}`);
    return;
  }
  logServerError(where, error);
};
