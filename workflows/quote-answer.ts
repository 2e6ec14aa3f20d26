/**
 * The buyer's answer to a sent quotation: the reasons a buyer may give for declining, and why a
 * version cannot be answered (as data the buyer's page words in their language). Pure: the status
 * page shows the refusal and the server re-checks it inside the answer's transaction.
 */
import { buyerPhase, type BuyerPhase } from "./inquiry";
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

/** Why a version cannot be answered; `expiredOn` is the last valid day (YYYY-MM-DD), when known. */
export type AnswerRefusal =
  | { kind: "not_sent" | "superseded" | "accepted" | "declined"; version: number }
  | { kind: "expired"; version: number; expiredOn: string | null }
  | { kind: "closed"; version: number; phase: BuyerPhase };

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Why the buyer cannot accept or decline this version now, or null when they can. Validity runs
 * to the end of its last day (the send stores 23:59:59 UTC), and is judged here at `now`, so a
 * lapsed quote is refused even before the background expiry check has marked it.
 */
export function answerRefusal(quote: AnswerableQuote, inquiryState: string, now: Date): AnswerRefusal | null {
  const { version } = quote;
  switch (quote.status) {
    case "draft":
    case "awaiting_approval":
    case "approved":
      return { kind: "not_sent", version };
    case "superseded":
    case "accepted":
    case "declined":
      return { kind: quote.status, version };
    case "expired":
      return expired(quote);
    case "sent":
      break;
  }
  if (quote.validUntil === null || quote.validUntil.getTime() < now.getTime()) return expired(quote);
  if (inquiryState !== "quoted") return { kind: "closed", version, phase: buyerPhase(inquiryState) };
  return null;
}

function expired(quote: AnswerableQuote): AnswerRefusal {
  return { kind: "expired", version: quote.version, expiredOn: quote.validUntil ? day(quote.validUntil) : null };
}
