import crypto from "node:crypto";
import type { ServerResponse } from "node:http";
import type { RequestHandler, Response } from "express";
import helmet from "helmet";
import { isOrigin } from "~/forms/origin";
import type { Logger } from "./logger";

/** The nonce made for this response; Remix's load context hands it to app/entry.server.tsx. */
export function cspNonceOf(res: ServerResponse): string {
  return (res as Response).locals.cspNonce as string;
}

/** The pages another site may show in an iframe: the inquiry form and its confirmation. */
const EMBEDDABLE_PATH = /^\/rfq\/(new|received)\/?$/;

/**
 * Security headers on every response, pages, files and assets alike. Scripts run only from this
 * site or with the response's nonce (the inline scripts Remix writes); styles keep
 * 'unsafe-inline' for React style attributes. HSTS and upgrade-insecure-requests only when the
 * public address is https, so a plain-http install on a factory LAN keeps working.
 * No page may be framed, except the intake pages by the sites an admin lists (`frameOrigins`,
 * read per request so a change applies at once); X-Frame-Options cannot name several sites, so
 * those pages send CSP frame-ancestors alone rather than a DENY that would contradict it.
 * A stored entry that is not an origin (saved before the form checked as strictly, or edited in the
 * database) is left out with a warning: helmet would refuse the whole header, and with it the page.
 */
export function createSecurityHeaders(options: {
  publicUrl: string;
  frameOrigins: () => readonly string[];
  logger: Pick<Logger, "warn">;
}): RequestHandler[] {
  const https = new URL(options.publicUrl).protocol === "https:";
  let warnedOf = "";
  const framingOrigins = (): string[] => {
    const listed = options.frameOrigins();
    const wrong = listed.filter((entry) => !isOrigin(entry));
    // Once per stored list, not on every page view.
    const key = wrong.join("\n");
    if (wrong.length > 0 && key !== warnedOf) {
      options.logger.warn(
        `the sites that may embed the inquiry form include ${wrong.map((entry) => JSON.stringify(entry)).join(", ")}, which ${wrong.length === 1 ? "is not an origin" : "are not origins"}: skipped; correct the list on /admin/factory`,
      );
    }
    warnedOf = key;
    return listed.filter(isOrigin);
  };
  const setNonce: RequestHandler = (req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    res.locals.frameAncestors = EMBEDDABLE_PATH.test(req.path) ? framingOrigins() : [];
    next();
  };
  const framers = (res: ServerResponse): readonly string[] => (res as Response).locals.frameAncestors as string[];
  const denyFraming: RequestHandler = (_req, res, next) => {
    if (framers(res).length === 0) res.setHeader("X-Frame-Options", "DENY");
    next();
  };
  return [
    setNonce,
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          baseUri: ["'self'"],
          scriptSrc: ["'self'", (_req, res) => `'nonce-${cspNonceOf(res)}'`],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", "data:", "blob:"],
          // The live pages' event streams and Remix's data requests: this site only.
          connectSrc: ["'self'"],
          frameAncestors: [(_req, res) => (framers(res).length > 0 ? framers(res).join(" ") : "'none'")],
          // Our own pages post only to us; another site's page posting the intake form is
          // governed by that site's policy and by the origin check (origin-check.server.ts).
          formAction: ["'self'"],
          ...(https ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      strictTransportSecurity: https ? { maxAge: 365 * 24 * 60 * 60, includeSubDomains: false } : false,
      // Status links carry a secret in the URL: never hand it to another site in a Referer header.
      // ("no-referrer" would also make browsers send `Origin: null` on our own form posts, which
      // the origin check rightly refuses.)
      referrerPolicy: { policy: "same-origin" },
      xFrameOptions: false,
    }),
    denyFraming,
  ];
}
