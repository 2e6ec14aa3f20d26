import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import {
  files,
  inquiries,
  inquiryEvents,
  modelAnalyses,
  questions,
  referenceCounters,
  statusLinks,
  type Inquiry,
} from "../schema";

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

/** Records a fresh status link (its hash) for an e-mail about the inquiry. */
export function insertStatusLink(tx: Db, inquiryId: string, tokenHash: string): void {
  tx.insert(statusLinks).values({ tokenHash, inquiryId }).run();
}

export function listInquiryFiles(db: Db, inquiryId: string) {
  return db
    .select()
    .from(files)
    .where(eq(files.inquiryId, inquiryId))
    .orderBy(asc(files.uploadedAt), asc(files.originalName))
    .all();
}

export function findInquiryFile(db: Db, inquiryId: string, fileId: string) {
  return db
    .select()
    .from(files)
    .where(and(eq(files.id, fileId), eq(files.inquiryId, inquiryId)))
    .get();
}

export function appendEvent(tx: Db, event: typeof inquiryEvents.$inferInsert): void {
  tx.insert(inquiryEvents).values(event).run();
}

export function listInquiryEvents(db: Db, inquiryId: string) {
  return db
    .select()
    .from(inquiryEvents)
    .where(eq(inquiryEvents.inquiryId, inquiryId))
    .orderBy(asc(inquiryEvents.id))
    .all();
}

export function listQuestions(db: Db, inquiryId: string) {
  return db.select().from(questions).where(eq(questions.inquiryId, inquiryId)).orderBy(desc(questions.askedAt)).all();
}

/** The model measurements of an inquiry's files, by file id. */
export function listModelAnalyses(db: Db, inquiryId: string) {
  return db
    .select({ analysis: modelAnalyses })
    .from(modelAnalyses)
    .innerJoin(files, eq(files.id, modelAnalyses.fileId))
    .where(eq(files.inquiryId, inquiryId))
    .all()
    .map((r) => r.analysis);
}
