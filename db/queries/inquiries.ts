import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import { cachedStatement } from "../statements";
import type { EventPayloads, InquiryEventType } from "../../workflows/timeline";
import {
  files,
  gateDecisions,
  inquiries,
  inquiryEvents,
  modelAnalyses,
  questions,
  referenceCounters,
  statusLinks,
  users,
  type Inquiry,
} from "../schema";

export type { Inquiry };

/** RFQ-YYYY-NNNNN, sequential per year; call inside the write transaction that uses it. */
export function nextReference(tx: Db, now: Date): string {
  const year = now.getUTCFullYear();
  const row = tx
    .insert(referenceCounters)
    .values({ year, last: 1 })
    .onConflictDoUpdate({ target: referenceCounters.year, set: { last: sql`${referenceCounters.last} + 1` } })
    .returning({ last: referenceCounters.last })
    .get();
  return `RFQ-${year}-${String(row.last).padStart(5, "0")}`;
}

export function insertInquiry(tx: Db, values: typeof inquiries.$inferInsert): Inquiry {
  return tx.insert(inquiries).values(values).returning().get();
}

/** The inquiry a status link opens: the link from the acknowledgement, or one minted for a later e-mail. */
export function findInquiryByTokenHash(db: Db, statusTokenHash: string): Inquiry | undefined {
  return (
    db.select().from(inquiries).where(eq(inquiries.statusTokenHash, statusTokenHash)).get() ??
    db
      .select({ inquiry: inquiries })
      .from(statusLinks)
      .innerJoin(inquiries, eq(inquiries.id, statusLinks.inquiryId))
      .where(eq(statusLinks.tokenHash, statusTokenHash))
      .get()?.inquiry
  );
}

/**
 * The buyer's language, changed from their status page: e-mails and the quote follow it. Not a
 * change of the inquiry's content, so its version (staff edits' concurrency guard) stays as it is.
 */
export function setInquiryLocale(db: Db, inquiryId: string, locale: string): void {
  db.update(inquiries).set({ locale }).where(eq(inquiries.id, inquiryId)).run();
}

/** Records a fresh status link (its hash) for an e-mail about the inquiry. */
export function insertStatusLink(tx: Db, inquiryId: string, tokenHash: string): void {
  tx.insert(statusLinks).values({ tokenHash, inquiryId }).run();
}

// The workspace reads these on every load: prepared once per connection (db/statements.ts).

export function listInquiryFiles(db: Db, inquiryId: string) {
  const statement = cachedStatement(db, "inquiries.listInquiryFiles", () =>
    db
      .select()
      .from(files)
      .where(eq(files.inquiryId, sql.placeholder("inquiryId")))
      .orderBy(asc(files.uploadedAt), asc(files.originalName))
      .prepare(),
  );
  return statement.all({ inquiryId });
}

export function findInquiryFile(db: Db, inquiryId: string, fileId: string) {
  return db
    .select()
    .from(files)
    .where(and(eq(files.id, fileId), eq(files.inquiryId, inquiryId)))
    .get();
}

/** Adds a line to the timeline; the payload is the one its type records. */
export function appendEvent<T extends InquiryEventType>(
  tx: Db,
  event: Omit<typeof inquiryEvents.$inferInsert, "type" | "payload"> & { type: T; payload: EventPayloads[T] },
): void {
  tx.insert(inquiryEvents).values(event).run();
}

export function listInquiryEvents(db: Db, inquiryId: string) {
  const statement = cachedStatement(db, "inquiries.listInquiryEvents", () =>
    db
      .select()
      .from(inquiryEvents)
      .where(eq(inquiryEvents.inquiryId, sql.placeholder("inquiryId")))
      .orderBy(asc(inquiryEvents.id))
      .prepare(),
  );
  return statement.all({ inquiryId });
}

export function listQuestions(db: Db, inquiryId: string) {
  return db.select().from(questions).where(eq(questions.inquiryId, inquiryId)).orderBy(desc(questions.askedAt)).all();
}

/** The model measurements of an inquiry's files, by file id. */
export function listModelAnalyses(db: Db, inquiryId: string) {
  const statement = cachedStatement(db, "inquiries.listModelAnalyses", () =>
    db
      .select({ analysis: modelAnalyses })
      .from(modelAnalyses)
      .innerJoin(files, eq(files.id, modelAnalyses.fileId))
      .where(eq(files.inquiryId, sql.placeholder("inquiryId")))
      .prepare(),
  );
  return statement.all({ inquiryId }).map((r) => r.analysis);
}

/** The inquiry by id. */
export function findInquiryById(db: Db, inquiryId: string): Inquiry | undefined {
  const statement = cachedStatement(db, "inquiries.findInquiryById", () =>
    db
      .select()
      .from(inquiries)
      .where(eq(inquiries.id, sql.placeholder("inquiryId")))
      .prepare(),
  );
  return statement.get({ inquiryId });
}

/** The gate decisions in force (not superseded), oldest first, with who made them. */
export function listCurrentDecisions(db: Db, inquiryId: string) {
  const statement = cachedStatement(db, "inquiries.listCurrentDecisions", () =>
    db
      .select({ decision: gateDecisions, by: users.name })
      .from(gateDecisions)
      .innerJoin(users, eq(users.id, gateDecisions.decidedBy))
      .where(and(eq(gateDecisions.inquiryId, sql.placeholder("inquiryId")), isNull(gateDecisions.supersededAt)))
      .orderBy(asc(gateDecisions.id))
      .prepare(),
  );
  return statement.all({ inquiryId });
}

/** The questions asked of the buyer, newest first, with who asked. */
export function listQuestionsAsked(db: Db, inquiryId: string) {
  const statement = cachedStatement(db, "inquiries.listQuestionsAsked", () =>
    db
      .select({ question: questions, by: users.name })
      .from(questions)
      .innerJoin(users, eq(users.id, questions.askedBy))
      .where(eq(questions.inquiryId, sql.placeholder("inquiryId")))
      .orderBy(desc(questions.askedAt))
      .prepare(),
  );
  return statement.all({ inquiryId });
}
