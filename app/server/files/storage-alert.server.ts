import { writeTransaction } from "../../../db/client";
import { queuedSince } from "../../../db/queries/alerts";
import { renderEmail } from "../../../emails";
import { enqueueEmail } from "../mail/outbox.server";
import type { Services } from "../service-types";

const KIND = "storage-failure";
/** One alert per outage: failures within this time of the last alert are only logged. */
export const STORAGE_ALERT_QUIET_MS = 60 * 60 * 1000;

function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const code = (cause as NodeJS.ErrnoException).code;
  return code && !cause.message.includes(code) ? `${code}: ${cause.message}` : `${cause.name}: ${cause.message}`;
}

/**
 * Logs a failed storage write with its cause and, once per quiet period, e-mails the engineering
 * inbox through the outbox. The check and the insert share one write transaction, so concurrent
 * failing uploads queue a single alert.
 */
export function reportStorageFailure(services: Services, cause: unknown, now: Date = new Date()): void {
  const { db, config, storage, logger } = services;
  const described = describeCause(cause);
  logger.warn(`storage write failed (${storage.kind}), upload refused: ${described}`);
  const queued = writeTransaction(db, (tx) => {
    if (queuedSince(tx, KIND, new Date(now.getTime() - STORAGE_ALERT_QUIET_MS))) return false;
    const email = renderEmail({
      kind: KIND,
      data: {
        at: now.toISOString(),
        storage: storage.kind,
        cause: described,
        quietHours: STORAGE_ALERT_QUIET_MS / 3_600_000,
      },
    });
    enqueueEmail(tx, { kind: KIND, inquiryId: null, to: config.mail.engineeringInbox, ...email }, now);
    return true;
  });
  if (queued) services.outbox.nudge();
}
