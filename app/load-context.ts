import type { Services } from "./server/services.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    services: Services;
    clientIp: string;
    /** This response's Content-Security-Policy nonce for inline scripts. */
    cspNonce: string;
  }
}

export {};
