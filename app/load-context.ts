import type { Services } from "./server/service-types";

declare module "@remix-run/node" {
  interface AppLoadContext {
    services: Services;
    clientIp: string;
    /** This response's Content-Security-Policy nonce for inline scripts. */
    cspNonce: string;
    /** The body of a post that is not an upload, read by the server within the form limits; null without one. */
    formBody: Buffer | null;
    /**
     * Aborted when this response's connection closes. Long-lived responses (event streams) listen
     * to it rather than to `request.signal`: undici links a Request's signal to the server's abort
     * weakly, so once the Request Remix made is garbage collected, a closed page is never noticed.
     */
    connectionClosed: AbortSignal;
  }
}

export {};
