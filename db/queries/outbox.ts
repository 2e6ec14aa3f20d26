import { and, asc, count, desc, eq, gt, inArray, isNull, lt, lte, min, or, sql } from "drizzle-orm";
import { writeTransaction, type Db } from "../client";
import { outbox, type OutboxAttachment, type OutboxMessage } from "../schema";

export type { OutboxAttachment, OutboxMessage };

/** Inserts a message inside the caller's transaction: it exists if, and only if, that commits. */
export function insertOutboxMessage(tx: Db, values: typeof outbox.$inferInsert): void {
  tx.insert(outbox).values(values).run();
}

/**
 * Locks up to `limit` messages due at `at` (pending, not locked by another pass) until `lockedUntil`
 * and returns them, oldest due first.
 */
export function claimDueMessages(db: Db, at: Date, lockedUntil: Date, limit: number): OutboxMessage[] {
  return writeTransaction(db, (tx) => {
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
      .limit(limit)
      .all();
    if (due.length === 0) return [];
    return tx
      .update(outbox)
      .set({ lockedUntil })
      .where(
        inArray(
          outbox.id,
          due.map((m) => m.id),
        ),
      )
      .returning()
      .all();
  });
}

/**
 * Records a message as sent, and makes what failed earlier due now: the relay answers again, so
 * the rest need not wait for their next retry.
 */
export function markSentAndRetryFailed(db: Db, id: number, messageId: string, at: Date): void {
  writeTransaction(db, (tx) => {
    tx.update(outbox).set({ status: "sent", sentAt: at, messageId, lockedUntil: null }).where(eq(outbox.id, id)).run();
    tx.update(outbox)
      .set({ nextAttemptAt: at })
      .where(and(eq(outbox.status, "pending"), gt(outbox.attempts, 0), gt(outbox.nextAttemptAt, at)))
      .run();
  });
}

/** A failed attempt: a dead letter when `nextAttemptAt` is null, else pending again from then. */
export function recordDeliveryFailure(
  db: Db,
  id: number,
  failure: { attempts: number; lastError: string; failedAt: Date; nextAttemptAt: Date | null },
): void {
  const { nextAttemptAt, ...rest } = failure;
  db.update(outbox)
    .set({ ...rest, lockedUntil: null, ...(nextAttemptAt ? { nextAttemptAt } : { status: "dead" as const }) })
    .where(eq(outbox.id, id))
    .run();
}

/** Hands claimed messages back untried. */
export function releaseMessages(db: Db, ids: number[]): void {
  if (ids.length === 0) return;
  db.update(outbox).set({ lockedUntil: null }).where(inArray(outbox.id, ids)).run();
}

/** Counts for /healthz; messages failing since before `failingSince` count as failing too long. */
export function outboxCounts(db: Db, failingSince: Date) {
  const failing = and(eq(outbox.status, "pending"), gt(outbox.attempts, 0));
  const pending = db
    .select({
      pending: count(),
      failing: sql<number>`count(*) filter (where ${failing})`.mapWith(Number),
      failingTooLong: sql<number>`count(*) filter (where ${and(failing, lt(outbox.createdAt, failingSince))})`.mapWith(
        Number,
      ),
      oldest: min(outbox.createdAt),
    })
    .from(outbox)
    .where(eq(outbox.status, "pending"))
    .get();
  const dead = db.select({ dead: count() }).from(outbox).where(eq(outbox.status, "dead")).get();
  const newestFailure = db
    .select({ lastError: outbox.lastError })
    .from(outbox)
    .where(failing)
    .orderBy(desc(outbox.id))
    .limit(1)
    .get();
  return {
    pending: pending?.pending ?? 0,
    failing: pending?.failing ?? 0,
    failingTooLong: pending?.failingTooLong ?? 0,
    dead: dead?.dead ?? 0,
    oldest: pending?.oldest ?? null,
    lastError: newestFailure?.lastError ?? null,
  };
}

export type DeadLetter = Pick<OutboxMessage, "id" | "to" | "subject" | "lastError" | "failedAt">;

/** Dead letters, the most recently given up first. */
export function listDeadLetters(db: Db, limit = 200): DeadLetter[] {
  return db
    .select({
      id: outbox.id,
      to: outbox.to,
      subject: outbox.subject,
      lastError: outbox.lastError,
      failedAt: outbox.failedAt,
    })
    .from(outbox)
    .where(eq(outbox.status, "dead"))
    .orderBy(desc(outbox.failedAt), desc(outbox.id))
    .limit(limit)
    .all();
}

/**
 * Puts a dead letter back in the queue as if new (no attempts, no error), due now; false when it is
 * no longer a dead letter (already retried in another tab, say).
 */
export function retryDeadLetter(db: Db, id: number, now = new Date()): boolean {
  const changed = db
    .update(outbox)
    .set({ status: "pending", attempts: 0, lastError: null, failedAt: null, nextAttemptAt: now, lockedUntil: null })
    .where(and(eq(outbox.id, id), eq(outbox.status, "dead")))
    .run();
  return changed.changes === 1;
}
