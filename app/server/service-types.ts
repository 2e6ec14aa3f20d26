/**
 * What the routes and server modules are handed: the type of the services the server builds once at
 * start-up (services.server.ts). Types only, so that a module taking services imports nothing that
 * builds them, and no import cycle runs through the builder.
 */
import type { IntervalHistogram } from "node:perf_hooks";
import type { Db } from "../../db/client";
import type { createAnalysisRunner } from "./cad/runner.server";
import type { Config } from "./config.server";
import type { LiveHub } from "./live.server";
import type { Logger } from "./logger";
import type { Mailer } from "./mail/mailer.server";
import type { createOutboxWorker } from "./mail/outbox.server";
import type { RateLimits } from "./rate-limit.server";
import type { Storage } from "./storage/storage.server";

export type Services = {
  config: Config;
  db: Db;
  storage: Storage;
  mailer: Mailer;
  outbox: ReturnType<typeof createOutboxWorker>;
  analysis: ReturnType<typeof createAnalysisRunner>;
  /** Tells open workspaces and status pages that their inquiry changed. */
  live: LiveHub;
  /** The server's event-loop delay since /healthz last reported it. */
  eventLoop: IntervalHistogram;
  rateLimits: RateLimits;
  logger: Logger;
};
