import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, max, sql } from "drizzle-orm";
import type { Db } from "../client";
import { inquiries, quotes, type Quote } from "../schema";
import type { QuoteStatus } from "../../workflows/quote";

export type { Quote };

export function insertQuote(tx: Db, values: typeof quotes.$inferInsert): Quote {
  return tx.insert(quotes).values(values).returning().get();
}

/** A quote by id, only within its inquiry: a quote id from another inquiry's page finds nothing. */
export function findQuote(db: Db, inquiryId: string, quoteId: string): Quote | undefined {
  return db
    .select()
    .from(quotes)
    .where(and(eq(quotes.inquiryId, inquiryId), eq(quotes.id, quoteId)))
    .get();
}

/** Every version of an inquiry's quote, newest first. */
export function listQuotes(db: Db, inquiryId: string): Quote[] {
  return db.select().from(quotes).where(eq(quotes.inquiryId, inquiryId)).orderBy(desc(quotes.version)).all();
}

export function latestQuote(db: Db, inquiryId: string): Quote | undefined {
  return db.select().from(quotes).where(eq(quotes.inquiryId, inquiryId)).orderBy(desc(quotes.version)).limit(1).get();
}

/** The number the next version of an inquiry's quote takes: 1 for the first. */
export function nextQuoteVersion(tx: Db, inquiryId: string): number {
  const row = tx
    .select({ last: max(quotes.version) })
    .from(quotes)
    .where(eq(quotes.inquiryId, inquiryId))
    .get();
  return (row?.last ?? 0) + 1;
}

/**
 * Changes a quote the caller saw at `rowVersion` while its status is one of `from`; false when it
 * moved on meanwhile (another save, an approval, a send): the caller tells the user, never overwrites.
 */
export function updateQuote(
  tx: Db,
  quoteId: string,
  rowVersion: number,
  from: readonly QuoteStatus[],
  values: Partial<typeof quotes.$inferInsert>,
): boolean {
  const result = tx
    .update(quotes)
    .set({ ...values, rowVersion: sql`${quotes.rowVersion} + 1` })
    .where(and(eq(quotes.id, quoteId), eq(quotes.rowVersion, rowVersion), inArray(quotes.status, from)))
    .run();
  return result.changes === 1;
}

/** Marks an inquiry's earlier sent versions superseded once a later one is sent. */
export function supersedeSentQuotes(tx: Db, inquiryId: string, exceptId: string, now: Date): void {
  tx.update(quotes)
    .set({ status: "superseded", updatedAt: now, rowVersion: sql`${quotes.rowVersion} + 1` })
    .where(and(eq(quotes.inquiryId, inquiryId), eq(quotes.status, "sent"), sql`${quotes.id} <> ${exceptId}`))
    .run();
}

/**
 * Sent versions whose validity ended before `now` while the buyer still holds them (the inquiry is
 * quoted), oldest lapse first. Reads the (status, valid_until) index.
 */
export function listLapsedQuotes(db: Db, now: Date): Pick<Quote, "id" | "inquiryId">[] {
  return db
    .select({ id: quotes.id, inquiryId: quotes.inquiryId })
    .from(quotes)
    .innerJoin(inquiries, eq(inquiries.id, quotes.inquiryId))
    .where(and(eq(quotes.status, "sent"), lt(quotes.validUntil, now), eq(inquiries.state, "quoted")))
    .orderBy(asc(quotes.validUntil), asc(quotes.id))
    .all();
}

/** The versions an inquiry's buyer has received, newest first: drafts never reach the buyer. */
export function listSentQuotes(db: Db, inquiryId: string): Quote[] {
  return db
    .select()
    .from(quotes)
    .where(and(eq(quotes.inquiryId, inquiryId), isNotNull(quotes.sentAt)))
    .orderBy(desc(quotes.version))
    .all();
}

/**
 * Marks a sent version expired if it is still sent and past its validity; false when the buyer's
 * answer (or a later version) got there first, which then stands.
 */
export function expireSentQuote(tx: Db, quoteId: string, now: Date): Quote | undefined {
  return tx
    .update(quotes)
    .set({ status: "expired", updatedAt: now, rowVersion: sql`${quotes.rowVersion} + 1` })
    .where(and(eq(quotes.id, quoteId), eq(quotes.status, "sent"), lt(quotes.validUntil, now)))
    .returning()
    .get();
}

/**
 * Records the buyer's first look at a sent version; false when it was seen before. The row version
 * stays: a look changes nothing anyone is editing.
 */
export function markQuoteViewed(tx: Db, quoteId: string, now: Date): boolean {
  const result = tx
    .update(quotes)
    .set({ firstViewedAt: now })
    .where(and(eq(quotes.id, quoteId), isNotNull(quotes.sentAt), isNull(quotes.firstViewedAt)))
    .run();
  return result.changes === 1;
}
