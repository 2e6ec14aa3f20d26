import type { Services } from "./server/services.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    services: Services;
    clientIp: string;
  }
}

export {};
