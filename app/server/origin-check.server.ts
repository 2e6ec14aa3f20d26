import type { Request, RequestHandler } from "express";

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const INTAKE_PATH = "/rfq/new";
export const CROSS_ORIGIN_REFUSED =
  "This form was sent from another website, so it was not accepted. Open the page on this site and send it from there.";

/** The host the browser addressed, as Remix's own check reads it (a proxy's X-Forwarded-Host first). */
function requestHost(req: Request): string | undefined {
  return req.get("x-forwarded-host")?.split(",")[0]?.trim() || req.get("host");
}

function hostOf(origin: string): string | null {
  return URL.canParse(origin) ? new URL(origin).host : null;
}

/**
 * Refuses a browser's post from another site with a 403 and a message. It replaces Remix's check,
 * which runs only for document posts (not `?_data=` ones) and throws a plain error that is answered
 * as an empty 500 and logged as a crash. The intake form alone may also be posted from the
 * configured `intakeOrigins` (a manufacturer's own website). Requests without an Origin header do
 * not come from a browser's cross-site form or fetch, so they pass, as in Remix.
 */
export function createOriginCheck(options: { publicUrl: string; intakeOrigins: readonly string[] }): RequestHandler {
  const publicOrigin = new URL(options.publicUrl).origin;
  const intakeOrigins = new Set(options.intakeOrigins);
  return (req, res, next) => {
    const origin = req.get("origin");
    if (!UNSAFE_METHODS.has(req.method) || origin === undefined) return next();
    const sameSite = origin === publicOrigin || hostOf(origin) === requestHost(req);
    const intake = req.path.replace(/\/+$/, "") === INTAKE_PATH && intakeOrigins.has(origin);
    if (!sameSite && !intake) {
      res.status(403).type("text/plain").set("Cache-Control", "no-store").send(CROSS_ORIGIN_REFUSED);
      return;
    }
    // Checked here: Remix's stricter host comparison would refuse an allowed intake origin.
    delete req.headers.origin;
    next();
  };
}
