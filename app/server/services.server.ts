import { monitorEventLoopDelay } from "node:perf_hooks";
import { createDb } from "../../db/client";
import type { Config } from "./config.server";
import { createAnalysisRunner } from "./cad/runner.server";
import { fileInquiryId } from "../../db/queries/files";
import { buyerSender } from "./factory/factory.server";
import { createLiveHub } from "./live.server";
import { createMailer } from "./mail/mail-transport.server";
import { createOutboxWorker } from "./mail/outbox.server";
import { expireQuotes } from "./quotes/quote-expiry.server";
import { createRateLimits } from "./rate-limit.server";
import { createStorage } from "./storage/index.server";
import { sweepAbandonedFiles } from "./files/uploads.server";
import type { Logger } from "./logger";
import type { Services } from "./service-types";

const HOUR = 60 * 60 * 1000;

/** Builds everything the routes use from one validated config; the server passes it as load context. */
export function createServices(config: Config, logger: Logger): Services {
  const db = createDb(config.databaseFile);
  const storage = createStorage(config.storage);
  const mailer = createMailer({
    smtpUrl: config.mail.smtpUrl,
    mailboxDir: config.mail.mailboxDir,
    from: config.mail.from,
  });
  const outbox = createOutboxWorker({
    db,
    mailer,
    logger,
    storage,
    senderFor: (message) => buyerSender(db, message),
    retryDelaysMs: config.mail.retryDelaysMs,
  });
  const live = createLiveHub();
  const analysis = createAnalysisRunner({
    db,
    storage: config.storage,
    logger,
    ...config.analysis,
    onFinished: (fileId) => {
      const inquiryId = fileInquiryId(db, fileId);
      if (inquiryId) live.publish(inquiryId, "analysis");
    },
  });
  const eventLoop = monitorEventLoopDelay({ resolution: 10 });
  eventLoop.enable();
  return {
    config,
    db,
    storage,
    mailer,
    outbox,
    analysis,
    live,
    eventLoop,
    rateLimits: createRateLimits(db.$client, config.limits),
    logger,
  };
}

/**
 * Background work of the server process: e-mail delivery, model analysis, removal of abandoned
 * uploads, expiry of quotations past their validity.
 */
export function startBackgroundWork(services: Services): () => Promise<void> {
  services.outbox.start();
  services.analysis.start();
  const startedAt = new Date();
  const sweep = async () => {
    try {
      const now = new Date();
      // One server process owns the database: an upload still "receiving" from before this process
      // started died with the previous one, however recent. An hour is longer than any request may take.
      const receivingBefore = new Date(Math.max(startedAt.getTime(), now.getTime() - HOUR));
      const removed = await sweepAbandonedFiles(services.db, services.storage, {
        now,
        receivingBefore,
        draftAfterMs: 24 * HOUR,
      });
      if (removed.files > 0 || removed.temporary > 0) {
        services.logger.info(`removed ${removed.files} abandoned upload(s) and ${removed.temporary} temporary file(s)`);
      }
    } catch (error) {
      services.logger.warn(`sweeping abandoned uploads failed: ${(error as Error).message}`);
    }
  };
  const expire = () => {
    try {
      const expired = expireQuotes(services, new Date());
      if (expired > 0) services.logger.info(`${expired} quotation(s) passed their validity and expired`);
    } catch (error) {
      services.logger.warn(`expiring lapsed quotations failed: ${(error as Error).message}`);
    }
  };
  const tick = () => {
    expire();
    void sweep();
  };
  tick();
  const timer = setInterval(tick, 10 * 60 * 1000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await Promise.all([services.outbox.stop(), services.analysis.stop()]);
  };
}
