import type { Db } from "../../../db/client";
import {
  claimDueMessages,
  insertOutboxMessage,
  markSentAndRetryFailed,
  outboxCounts,
  recordDeliveryFailure,
  releaseMessages,
  type OutboxAttachment,
  type OutboxMessage,
} from "../../../db/queries/outbox";
import { PermanentMailError, type Mailer, type MailMessage } from "./mailer.server";
import { DEFAULT_MAIL_RETRY_MS } from "../config.server";
import type { Logger } from "../logger";
import { StorageNotFoundError, type Storage } from "../storage/storage.server";

export type OutgoingEmail = {
  kind: string;
  inquiryId: string | null;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The language it is written in, as a BCP 47 tag: the rendered e-mail's. */
  contentLanguage?: string;
  /** Stored files to attach (a sent quote's frozen PDF), read from storage when the mail goes out. */
  attachments?: OutboxAttachment[];
};

// The mail page's dead letters are rows of the outbox: read and retried by their queries.
export { listDeadLetters, retryDeadLetter, type DeadLetter } from "../../../db/queries/outbox";

const MINUTE = 60_000;
// Long enough for one batch to be sent; a process that dies mid-pass frees its messages after it.
const LOCK_MS = 2 * MINUTE;
const BATCH_SIZE = 20;
// How often the worker looks for due mail, unless a retry is due sooner than that.
const POLL_MS = 5000;
/** A message failing for longer than this makes mail unhealthy; a single refusal retried soon does not. */
const FAILING_TOO_LONG_MS = 5 * MINUTE;

/** Queues an e-mail inside the caller's transaction: it is sent if, and only if, that commits. */
export function enqueueEmail(tx: Db, message: OutgoingEmail, now: Date): void {
  insertOutboxMessage(tx, { ...message, status: "pending", nextAttemptAt: now, createdAt: now });
}

/**
 * Wait before the next try after `attempts` failures: the schedule's entry, its last one repeating
 * (10 s, 20 s, then every 30 s by default). Mail flows again within the last wait (plus one poll) of
 * the relay coming back, however long it was down.
 */
function retryDelayMs(schedule: readonly number[], attempts: number): number {
  return schedule[Math.min(attempts, schedule.length) - 1]!;
}

export type OutboxWorker = {
  start(): void;
  stop(): Promise<void>;
  /** Sends everything due; returns how many were sent. Joins the pass already running, if any. */
  runOnce(): Promise<number>;
  /** Asks for a pass soon, e.g. right after a transaction queued mail. */
  nudge(): void;
};

export function createOutboxWorker({
  db,
  mailer,
  logger,
  storage,
  senderFor = () => undefined,
  retryDelaysMs = DEFAULT_MAIL_RETRY_MS,
  pollMs = Math.min(POLL_MS, ...retryDelaysMs),
  now = () => new Date(),
}: {
  db: Db;
  mailer: Mailer;
  logger: Logger;
  /** The sender of a message when not MAIL_FROM; asked at delivery, so queued mail follows a change. */
  senderFor?: (message: OutboxMessage) => MailMessage["from"];
  /** Where attachments are read from; a message with attachments and no storage cannot be sent. */
  storage?: Pick<Storage, "get">;
  /** MAIL_RETRY_SECONDS: the waits after the 1st, 2nd, ... failure, the last one repeating. */
  retryDelaysMs?: readonly number[];
  pollMs?: number;
  now?: () => Date;
}): OutboxWorker {
  let running: Promise<number> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let scheduled: NodeJS.Immediate | null = null;
  let stopped = false;

  function claimDue(): OutboxMessage[] {
    const at = now();
    return claimDueMessages(db, at, new Date(at.getTime() + LOCK_MS), BATCH_SIZE);
  }

  /** The attachments' bytes; an object gone from storage can never be sent, so it is permanent. */
  async function readAttachments(list: OutboxAttachment[]) {
    if (list.length > 0 && !storage) throw new PermanentMailError("This message has attachments but no storage.");
    return Promise.all(
      list.map(async (a) => {
        const { body } = await storage!.get(a.storageKey).catch((error: unknown) => {
          if (error instanceof StorageNotFoundError)
            throw new PermanentMailError(`The attachment ${a.filename} is gone from storage.`, { cause: error });
          throw error;
        });
        const chunks: Buffer[] = [];
        for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
        return { filename: a.filename, contentType: a.contentType, content: Buffer.concat(chunks) };
      }),
    );
  }

  async function deliver(message: OutboxMessage): Promise<"sent" | "dead" | "failed"> {
    let messageId: string;
    try {
      ({ messageId } = await mailer.send({
        from: senderFor(message),
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        contentLanguage: message.contentLanguage ?? undefined,
        attachments: await readAttachments(message.attachments ?? []),
      }));
    } catch (error) {
      const permanent = error instanceof PermanentMailError;
      recordFailure(message, error instanceof Error ? error.message : String(error), permanent);
      return permanent ? "dead" : "failed";
    }
    markSentAndRetryFailed(db, message.id, messageId, now());
    logger.info(`sent e-mail ${message.id} (${message.kind}) to ${message.to}`);
    return "sent";
  }

  // A permanent refusal makes a dead letter, kept for an administrator (/admin/mail); anything else
  // stays pending and is retried at least every last wait of the schedule, visible in outboxHealth.
  function recordFailure(message: OutboxMessage, lastError: string, permanent: boolean): void {
    const attempts = message.attempts + 1;
    const at = now();
    recordDeliveryFailure(db, message.id, {
      attempts,
      lastError,
      failedAt: at,
      nextAttemptAt: permanent ? null : new Date(at.getTime() + retryDelayMs(retryDelaysMs, attempts)),
    });
    logger.warn(
      `sending e-mail ${message.id} (${message.kind}) to ${message.to} failed (attempt ${attempts}${permanent ? ", permanent: kept as a dead letter" : ""}): ${lastError}`,
    );
  }

  function release(messages: OutboxMessage[]): void {
    releaseMessages(
      db,
      messages.map((m) => m.id),
    );
  }

  // Claims batch after batch until nothing is due. A message queued while a pass is sending is
  // committed before that pass claims again, so joining the running pass never misses it.
  // A transient failure ends the pass and hands the rest of the batch back untried: while the relay
  // is down each pass costs one connection attempt (and at most one timeout), not one per message.
  async function deliverDue(): Promise<number> {
    let sent = 0;
    for (let batch = claimDue(); batch.length > 0; batch = claimDue()) {
      for (const [i, message] of batch.entries()) {
        const result = await deliver(message);
        if (result === "sent") sent++;
        if (result === "failed") {
          release(batch.slice(i + 1));
          return sent;
        }
      }
    }
    return sent;
  }

  function runOnce(): Promise<number> {
    running ??= deliverDue().finally(() => {
      running = null;
    });
    return running;
  }

  function runInBackground(): void {
    runOnce().catch((error: unknown) => {
      logger.warn(`e-mail delivery pass failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  function nudge(): void {
    if (stopped || scheduled) return;
    scheduled = setImmediate(() => {
      scheduled = null;
      runInBackground();
    });
  }

  return {
    start() {
      stopped = false;
      if (timer) return;
      timer = setInterval(runInBackground, pollMs);
      timer.unref();
      // Mail left over from before a restart goes out now rather than after the first interval.
      nudge();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      if (scheduled) clearImmediate(scheduled);
      timer = null;
      scheduled = null;
      // A failed pass was already logged by whoever started it.
      await running?.catch(() => undefined);
    },
    runOnce,
    nudge,
  };
}

export type OutboxHealth = {
  pending: number;
  /** Pending messages whose last attempt failed (they are retried). */
  failing: number;
  /** Failing messages queued more than FAILING_TOO_LONG_MS ago: only these make mail unhealthy. */
  failingTooLong: number;
  /** Refused for good; waiting for an administrator on /admin/mail, not a fault of this server. */
  dead: number;
  oldestPendingMinutes: number | null;
  lastError: string | null;
};

/** What /healthz reports about e-mail. */
export function outboxHealth(db: Db, now = new Date()): OutboxHealth {
  const { oldest, ...counts } = outboxCounts(db, new Date(now.getTime() - FAILING_TOO_LONG_MS));
  return {
    ...counts,
    oldestPendingMinutes: oldest ? Math.floor((now.getTime() - oldest.getTime()) / MINUTE) : null,
  };
}
