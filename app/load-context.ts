import type { Services } from "./server/services.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    services: Services;
    clientIp: string;
    /** This response's Content-Security-Policy nonce for inline scripts. */
    cspNonce: string;
    /** The body of a post that is not an upload, read by the server within the form limits; null without one. */
    formBody: Buffer | null;
  }
}

export {};
