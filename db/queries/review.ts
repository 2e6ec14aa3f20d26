import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import { gateDecisions, inquiries, questions } from "../schema";

/**
 * Moves an inquiry to a new state, only from the version the user saw; false when another write
 * came first. `waitedMs` is added to the time spent waiting on the buyer.
 */
export function moveInquiryState(
  tx: Db,
  inquiryId: string,
  expectedVersion: number,
  move: { state: string; returnToState: string | null; now: Date; waitedMs: number },
): boolean {
  const updated = tx
    .update(inquiries)
    .set({
      state: move.state,
      returnToState: move.returnToState,
      version: sql`${inquiries.version} + 1`,
      stateChangedAt: move.now,
      awaitingBuyerMs: sql`${inquiries.awaitingBuyerMs} + ${move.waitedMs}`,
    })
    .where(and(eq(inquiries.id, inquiryId), eq(inquiries.version, expectedVersion)))
    .run();
  return updated.changes === 1;
}

/** Gives the inquiry to an engineer, only from the version the user saw; false when another write came first. */
export function setAssignee(tx: Db, inquiryId: string, expectedVersion: number, assigneeId: string): boolean {
  const updated = tx
    .update(inquiries)
    .set({ assigneeId, version: sql`${inquiries.version} + 1` })
    .where(and(eq(inquiries.id, inquiryId), eq(inquiries.version, expectedVersion)))
    .run();
  return updated.changes === 1;
}

/** Marks the current decisions of these gates as superseded (a reopened review decides them again). */
export function supersedeGateDecisions(
  tx: Db,
  inquiryId: string,
  gates: (typeof gateDecisions.$inferSelect)["gate"][],
  now: Date,
): void {
  tx.update(gateDecisions)
    .set({ supersededAt: now })
    .where(
      and(
        eq(gateDecisions.inquiryId, inquiryId),
        inArray(gateDecisions.gate, gates),
        isNull(gateDecisions.supersededAt),
      ),
    )
    .run();
}

export function insertGateDecision(tx: Db, values: typeof gateDecisions.$inferInsert): void {
  tx.insert(gateDecisions).values(values).run();
}

export function insertQuestion(tx: Db, values: typeof questions.$inferInsert): void {
  tx.insert(questions).values(values).run();
}

/** Closes an open question of this inquiry with the buyer's answer; false when it was already answered. */
export function answerQuestion(tx: Db, inquiryId: string, questionId: string, answer: string, now: Date): boolean {
  const closed = tx
    .update(questions)
    .set({ answer, answeredAt: now })
    .where(and(eq(questions.id, questionId), eq(questions.inquiryId, inquiryId), isNull(questions.answeredAt)))
    .run();
  return closed.changes === 1;
}
