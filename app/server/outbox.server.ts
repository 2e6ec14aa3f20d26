import { and, asc, count, desc, eq, gt, inArray, isNull, lt, lte, min, or, sql } from "drizzle-orm";
import { writeTransaction, type Db } from "../../db/client";
import { outbox, type OutboxMessage } from "../../db/schema";
import type { Mailer } from "./mailer.server";
import type { Logger } from "./services.server";

export type OutgoingEmail = {
  kind: string;
  inquiryId: string | null;
  to: string;
  subject: string;
  text: string;
  html: string;
};

const MINUTE = 60_000;
// Long enough for one batch to be sent; a process that dies mid-pass frees its messages after it.
const LOCK_MS = 2 * MINUTE;
const BATCH_SIZE = 20;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 60 * MINUTE;

/** Queues an e-mail inside the caller's transaction: it is sent if, and only if, that commits. */
export function enqueueEmail(tx: Db, message: OutgoingEmail, now: Date): void {
  tx.insert(outbox).values({ ...message, status: "pending", nextAttemptAt: now, createdAt: now }).run();
}

/** Wait before the next try after `attempts` failures: 30 s, doubling, at most an hour. */
function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** (attempts - 1), MAX_RETRY_MS);
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
  pollMs = 5000,
  now = () => new Date(),
}: {
  db: Db;
  mailer: Mailer;
  logger: Logger;
  pollMs?: number;
  now?: () => Date;
}): OutboxWorker {
  let running: Promise<number> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let scheduled: NodeJS.Immediate | null = null;
  let stopped = false;

  function claimDue(): OutboxMessage[] {
    return writeTransaction(db, (tx) => {
      const at = now();
      const due = tx
        .select({ id: outbox.id })
        .from(outbox)
        .where(
          and(
            eq(outbox.status, "pending"),
            lte(outbox.nextAttemptAt, at),
            or(isNull(outbox.lockedUntil), lt(outbox.lockedUntil, at)),
          ),
        )
        .orderBy(asc(outbox.nextAttemptAt))
        .limit(BATCH_SIZE)
        .all();
      if (due.length === 0) return [];
      return tx
        .update(outbox)
        .set({ lockedUntil: new Date(at.getTime() + LOCK_MS) })
        .where(inArray(outbox.id, due.map((m) => m.id)))
        .returning()
        .all();
    });
  }

  async function deliver(message: OutboxMessage): Promise<boolean> {
    let messageId: string;
    try {
      ({ messageId } = await mailer.send({ to: message.to, subject: message.subject, text: message.text, html: message.html }));
    } catch (error) {
      recordFailure(message, error instanceof Error ? error.message : String(error));
      return false;
    }
    db.update(outbox)
      .set({ status: "sent", sentAt: now(), messageId, lockedUntil: null })
      .where(eq(outbox.id, message.id))
      .run();
    logger.info(`sent e-mail ${message.id} (${message.kind}) to ${message.to}`);
    return true;
  }

  // Never gives up: the message stays pending, retried ever more slowly and visible in outboxHealth.
  function recordFailure(message: OutboxMessage, lastError: string): void {
    const attempts = message.attempts + 1;
    db.update(outbox)
      .set({ attempts, lastError, nextAttemptAt: new Date(now().getTime() + retryDelayMs(attempts)), lockedUntil: null })
      .where(eq(outbox.id, message.id))
      .run();
    logger.warn(`sending e-mail ${message.id} (${message.kind}) to ${message.to} failed (attempt ${attempts}): ${lastError}`);
  }

  // Claims batch after batch until nothing is due. A message queued while a pass is sending is
  // committed before that pass claims again, so joining the running pass never misses it.
  async function deliverDue(): Promise<number> {
    let sent = 0;
    for (let batch = claimDue(); batch.length > 0; batch = claimDue()) {
      for (const message of batch) {
        if (await deliver(message)) sent++;
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
  failing: number;
  oldestPendingMinutes: number | null;
  lastError: string | null;
};

/** What /healthz reports about e-mail: a failing message stays pending, so it shows up here. */
export function outboxHealth(db: Db, now = new Date()): OutboxHealth {
  const totals = db
    .select({
      pending: count(),
      failing: sql<number>`count(*) filter (where ${outbox.attempts} > 0)`.mapWith(Number),
      oldest: min(outbox.createdAt),
    })
    .from(outbox)
    .where(eq(outbox.status, "pending"))
    .get();
  const newestFailure = db
    .select({ lastError: outbox.lastError })
    .from(outbox)
    .where(and(eq(outbox.status, "pending"), gt(outbox.attempts, 0)))
    .orderBy(desc(outbox.id))
    .limit(1)
    .get();
  const oldest = totals?.oldest ?? null;
  return {
    pending: totals?.pending ?? 0,
    failing: totals?.failing ?? 0,
    oldestPendingMinutes: oldest ? Math.floor((now.getTime() - oldest.getTime()) / MINUTE) : null,
    lastError: newestFailure?.lastError ?? null,
  };
}
