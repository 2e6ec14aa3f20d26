/**
 * The buyer's answer to a sent quotation: the reasons a buyer may give for declining, and why a
 * version cannot be answered (in the buyer's words). Pure: the status page shows the refusal and
 * the server re-checks it inside the answer's transaction.
 */
import { stateBuyerLabel } from "./inquiry";
import type { QuoteStatus } from "./quote";

export const DECLINE_REASONS = [
  { id: "price", label: "The price is too high" },
  { id: "lead_time", label: "The lead time is too long" },
  { id: "other_supplier", label: "We chose another supplier" },
  { id: "project_stopped", label: "The project was stopped" },
  { id: "design_changed", label: "The design has changed" },
  { id: "other", label: "Another reason" },
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number]["id"];
export const DECLINE_REASON_IDS = DECLINE_REASONS.map((r) => r.id) as [DeclineReason, ...DeclineReason[]];

export function declineReasonLabel(id: string): string {
  return DECLINE_REASONS.find((r) => r.id === id)?.label ?? id;
}

export type AnswerableQuote = {
  version: number;
  status: QuoteStatus;
  validUntil: Date | null;
  answeredAt: Date | null;
};

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Why the buyer cannot accept or decline this version now, or null when they can. Validity runs
 * to the end of its last day (the send stores 23:59:59 UTC), and is judged here at `now`, so a
 * lapsed quote is refused even before the background expiry check has marked it.
 */
export function answerRefusal(quote: AnswerableQuote, inquiryState: string, now: Date): string | null {
  const v = `Version ${quote.version}`;
  switch (quote.status) {
    case "draft":
    case "awaiting_approval":
    case "approved":
      return `${v} of the quotation has not been sent to you.`;
    case "superseded":
      return `${v} has been replaced by a later version of the quotation: answer the latest version instead.`;
    case "accepted":
      return `You accepted ${v.toLowerCase()}${quote.answeredAt ? ` on ${day(quote.answeredAt)}` : ""}: it has already been answered.`;
    case "declined":
      return `You declined ${v.toLowerCase()}${quote.answeredAt ? ` on ${day(quote.answeredAt)}` : ""}: it has already been answered.`;
    case "expired":
      return expiredText(quote);
    case "sent":
      break;
  }
  if (quote.validUntil === null || quote.validUntil.getTime() < now.getTime()) return expiredText(quote);
  if (inquiryState !== "quoted")
    return `This inquiry is "${stateBuyerLabel(inquiryState)}": its quotation can no longer be answered.`;
  return null;
}

function expiredText(quote: AnswerableQuote): string {
  const when = quote.validUntil ? ` on ${day(quote.validUntil)}` : "";
  return `Version ${quote.version} expired${when}: its prices and lead times no longer hold, so it cannot be accepted or declined.`;
}
