import crypto from "node:crypto";
import type { ServerResponse } from "node:http";
import type { RequestHandler, Response } from "express";
import helmet from "helmet";

/** The nonce made for this response; Remix's load context hands it to app/entry.server.tsx. */
export function cspNonceOf(res: ServerResponse): string {
  return (res as Response).locals.cspNonce as string;
}

/**
 * Security headers on every response, pages, files and assets alike. Scripts run only from this
 * site or with the response's nonce (the inline scripts Remix writes); styles keep
 * 'unsafe-inline' for React style attributes. HSTS and upgrade-insecure-requests only when the
 * public address is https, so a plain-http install on a factory LAN keeps working.
 */
export function createSecurityHeaders(options: { publicUrl: string }): RequestHandler[] {
  const https = new URL(options.publicUrl).protocol === "https:";
  const setNonce: RequestHandler = (_req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
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
          frameAncestors: ["'none'"],
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
      xFrameOptions: { action: "deny" },
    }),
  ];
}
