/**
 * The lapse of a sent quotation: once its validity has passed while the buyer still holds it, the
 * version is marked expired, the inquiry moves to expired with a timeline entry, and sales hears
 * of it so a new version can follow. Run by the background loop; safe to run any number of times.
 */
import { writeTransaction } from "../../../db/client";
import { expireSentQuote, listLapsedQuotes } from "../../../db/queries/quotes";
import { renderEmail } from "../../../emails";
import { enqueueEmail } from "../mail/outbox.server";
import { applyReviewEvent, findInquiry, type Actor } from "../review/review.server";
import { salesRecipients } from "./sales-recipients.server";
import type { Services } from "../service-types";

/** The timeline's name for the scheduled check: no person expired the quotation. */
export const VALIDITY_CHECK: Actor = { name: "Validity check", userId: null };

/** Thrown inside a transaction to undo it when the inquiry has moved on; not a failure. */
class MovedOn extends Error {}

/** The day a quotation was last valid, as the buyer's copy states it. */
const validDay = (validUntil: Date) => validUntil.toISOString().slice(0, 10);

/**
 * Expires every lapsed quotation, each in its own transaction, and returns how many; a quotation
 * that fails is logged and left for the next run. The quote's
 * status changes only while it is still "sent", inside the same write lock as a buyer's answer, so
 * an acceptance at the same moment either lands first (and the quote stays accepted) or finds it
 * expired; never both.
 */
export function expireQuotes(services: Services, now = new Date()): number {
  let expired = 0;
  for (const lapsed of listLapsedQuotes(services.db, now)) {
    // One quote the database refuses must not keep the others from expiring; it is tried again next run.
    try {
      if (expireOne(services, lapsed, now)) {
        expired++;
        services.live.publish(lapsed.inquiryId, "quote");
      }
    } catch (error) {
      services.logger.warn(`expiring quotation ${lapsed.id} failed: ${(error as Error).message}`);
    }
  }
  if (expired > 0) services.outbox.nudge();
  return expired;
}

function expireOne(services: Services, lapsed: { id: string; inquiryId: string }, now: Date): boolean {
  try {
    return writeTransaction(services.db, (tx) => {
      const quote = expireSentQuote(tx, lapsed.id, now);
      const inquiry = findInquiry(tx, lapsed.inquiryId);
      if (!quote || !inquiry) return false;
      const validUntil = validDay(quote.validUntil!);
      const moved = applyReviewEvent(
        services,
        VALIDITY_CHECK,
        inquiry.id,
        inquiry.version,
        { type: "EXPIRE_QUOTE" },
        { reason: `Version ${quote.version} of the quotation was valid until ${validUntil} and has expired.` },
        now,
      );
      // The inquiry moved on meanwhile (withdrawn, answered): undo the quote's change and leave both.
      if (!moved.ok) throw new MovedOn(moved.message);
      const email = renderEmail({
        kind: "quote-expired",
        data: {
          reference: inquiry.reference,
          version: quote.version,
          partName: inquiry.partName,
          company: inquiry.company,
          validUntil,
          quoteUrl: `${services.config.publicUrl}/review/${inquiry.id}/quote`,
        },
      });
      enqueueEmail(
        tx,
        {
          kind: "quote-expired",
          inquiryId: inquiry.id,
          to: salesRecipients(tx, services.config, quote).join(", "),
          ...email,
        },
        now,
      );
      return true;
    });
  } catch (error) {
    if (error instanceof MovedOn) return false;
    throw error;
  }
}
