/**
 * How every change to a quote is written: the quote row and the inquiry's move in one transaction,
 * so the inquiry's state and its quote never disagree, and a refusal anywhere in it rolls back both
 * and becomes the answer.
 */
import { writeTransaction, type Db } from "../../../db/client";
import { findQuote, latestQuote, type Quote } from "../../../db/queries/quotes";
import type { WorkflowEvent } from "../../../workflows/inquiry";
import type { ProblemAt } from "../../../workflows/quote";
import type { StaffUser } from "../auth/auth.server";
import { applyReviewEvent, findInquiry, staffActor } from "../review/review.server";
import { Refused } from "../refused.server";
import type { Services } from "../service-types";

export type QuoteResult =
  { ok: true; quoteId: string } | { ok: false; status: 400 | 403 | 404 | 409; message: string; at?: ProblemAt };

export const STALE =
  "This quote changed while you were working on it (a save, an approval or a send). Nothing of yours was saved: reload the page to see the change, then save again.";

export function quoteWrite(services: Services, inquiryId: string, work: (tx: Db) => string): QuoteResult {
  try {
    const quoteId = writeTransaction(services.db, work);
    services.live.publish(inquiryId, "quote");
    return { ok: true, quoteId };
  } catch (error) {
    if (error instanceof Refused)
      return { ok: false, status: error.status, message: error.message, ...(error.at ? { at: error.at } : {}) };
    throw error;
  }
}

/** Moves the inquiry inside the caller's transaction (a savepoint); a refusal rolls back the quote too. */
export function moveInquiry(
  services: Services,
  tx: Db,
  user: StaffUser,
  inquiryId: string,
  event: WorkflowEvent,
  reason = "",
) {
  const inquiry = findInquiry(tx, inquiryId);
  if (!inquiry) throw new Refused(404, "No such inquiry.");
  const result = applyReviewEvent(services, staffActor(user), inquiryId, inquiry.version, event, { reason });
  if (!result.ok) throw new Refused(result.status, result.message);
}

/** The version a page acts on, which must be the inquiry's latest: an older one is history. */
export function latestOf(tx: Db, inquiryId: string, quoteId: string): Quote {
  const quote = findQuote(tx, inquiryId, quoteId);
  if (!quote) throw new Refused(404, "No such quote for this inquiry.");
  if (latestQuote(tx, inquiryId)?.id !== quote.id)
    throw new Refused(409, `Version ${quote.version} has been followed by a later version: work on the latest one.`);
  return quote;
}
