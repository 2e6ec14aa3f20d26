/**
 * Quote versions: the first one, a saved change, a copy, the request for approval and the approval.
 * Each applies its quoting event to the inquiry in the same transaction as the quote row. A page can
 * only ask for an action: every action re-checks on the server.
 */
import crypto from "node:crypto";
import type { Db } from "../../../db/client";
import {
  findQuote,
  insertQuote,
  latestQuote,
  nextQuoteVersion,
  updateQuote,
  type Quote,
} from "../../../db/queries/quotes";
import { editOutcome, overridesChanged, type LineOverride, type QuoteDraft } from "../../../workflows/quote";
import type { StaffUser } from "../auth/auth.server";
import { userMay } from "../auth/permissions.server";
import { findInquiry } from "../review/review.server";
import { Refused } from "../refused.server";
import type { Services } from "../service-types";
import { priceDraft } from "./quote-pricing.server";
import { latestOf, moveInquiry, quoteWrite, STALE, type QuoteResult } from "./quote-write.server";

/**
 * Setting, changing or clearing a price by hand is for sales and admins; an engineer may still save
 * a version that carries the overrides sales set, unchanged.
 */
function requireOverrideRight(user: StaffUser, before: readonly LineOverride[], after: readonly LineOverride[]) {
  if (userMay(user, "override")) return;
  if (overridesChanged(before, after))
    throw new Refused(
      403,
      "Only sales or an admin sets a price by hand: leave the hand-set prices as they were, or ask sales to set them.",
    );
}

function insertVersion(tx: Db, inquiryId: string, user: StaffUser, draft: QuoteDraft, from: Quote | null, now: Date) {
  const row = insertQuote(tx, {
    id: crypto.randomUUID(),
    inquiryId,
    version: nextQuoteVersion(tx, inquiryId),
    status: "draft",
    copiedFromId: from?.id ?? null,
    ...priceDraft(tx, draft, now, from),
    preparedBy: user.id,
    preparedAt: now,
    updatedAt: now,
  });
  return row.id;
}

/** The first version of an inquiry's quote, or a new one after the buyer declined or let it expire. */
export function createQuote(
  services: Services,
  user: StaffUser,
  inquiryId: string,
  draft: QuoteDraft,
  now = new Date(),
) {
  return quoteWrite(services, inquiryId, (tx) => {
    const inquiry = findInquiry(tx, inquiryId);
    if (!inquiry) throw new Refused(404, "No such inquiry.");
    const revising = inquiry.state === "lost" || inquiry.state === "expired";
    moveInquiry(services, tx, user, inquiryId, { type: revising ? "REVISE_QUOTE" : "START_QUOTE" });
    const previous = latestQuote(tx, inquiryId) ?? null;
    requireOverrideRight(user, previous?.overrides ?? [], draft.overrides);
    if (previous) supersedeUnsent(tx, previous, now);
    return insertVersion(tx, inquiryId, user, draft, previous, now);
  });
}

/** A version that never left the factory becomes history once a newer one exists. */
function supersedeUnsent(tx: Db, quote: Quote, now: Date) {
  if (quote.sentAt === null)
    updateQuote(tx, quote.id, quote.rowVersion, ["draft", "awaiting_approval", "approved"], {
      status: "superseded",
      updatedAt: now,
    });
}

/**
 * Saves a change. A version still at the factory is repriced in place and loses any approval,
 * pending or given, and the one who saved becomes its preparer (so they cannot approve it). A sent
 * version never changes: after the buyer declined it or it expired, the change is a new version;
 * while the buyer holds it, the change is refused.
 */
export function saveQuote(
  services: Services,
  user: StaffUser,
  inquiryId: string,
  quoteId: string,
  rowVersion: number,
  draft: QuoteDraft,
  now = new Date(),
): QuoteResult {
  return quoteWrite(services, inquiryId, (tx) => {
    const quote = latestOf(tx, inquiryId, quoteId);
    if (quote.rowVersion !== rowVersion) throw new Refused(409, STALE);
    requireOverrideRight(user, quote.overrides, draft.overrides);
    if (editOutcome(quote.status) === "new_version") {
      moveInquiry(services, tx, user, inquiryId, { type: "REVISE_QUOTE" });
      return insertVersion(tx, inquiryId, user, draft, quote, now);
    }
    if (quote.status === "awaiting_approval") moveInquiry(services, tx, user, inquiryId, { type: "EDIT_QUOTE" });
    // A gate reopened while this draft was open sent the inquiry back through the review: saving
    // the draft again starts quoting again.
    if (findInquiry(tx, inquiryId)!.state === "ready_to_quote")
      moveInquiry(services, tx, user, inquiryId, { type: "START_QUOTE" });
    const saved = updateQuote(tx, quote.id, rowVersion, ["draft", "awaiting_approval", "approved"], {
      ...priceDraft(tx, draft, now, quote),
      status: "draft",
      approvedBy: null,
      approvedAt: null,
      preparedBy: user.id,
      preparedAt: now,
      updatedAt: now,
    });
    if (!saved) throw new Refused(409, STALE);
    return quote.id;
  });
}

/**
 * A copy of any version as the inquiry's next draft: same inputs and terms, priced with today's
 * rates, prepared by whoever copied it, and never approved, whatever the original was. Its prices
 * set by hand are the original's only for someone who may set prices; anyone else's copy carries
 * the latest version's, as their save of the latest would, so a price sales changed or removed
 * cannot come back from an older version.
 */
export function copyQuote(services: Services, user: StaffUser, inquiryId: string, quoteId: string, now = new Date()) {
  return quoteWrite(services, inquiryId, (tx) => {
    const quote = findQuote(tx, inquiryId, quoteId);
    if (!quote) throw new Refused(404, "No such quote for this inquiry.");
    const inquiry = findInquiry(tx, inquiryId)!;
    if (inquiry.state === "lost" || inquiry.state === "expired")
      moveInquiry(services, tx, user, inquiryId, { type: "REVISE_QUOTE" });
    else if (inquiry.state === "awaiting_approval") moveInquiry(services, tx, user, inquiryId, { type: "EDIT_QUOTE" });
    else if (inquiry.state !== "quote_draft")
      throw new Refused(
        400,
        "A quote can be copied while it is being prepared, or after the buyer declined it or it expired.",
      );
    const latest = latestQuote(tx, inquiryId)!;
    const mayOverride = userMay(user, "override");
    if (!mayOverride && latest.overrides.length > 0 && latest.currency !== quote.currency)
      throw new Refused(
        403,
        `The latest version's prices set by hand are in ${latest.currency}, version ${quote.version} is in ${quote.currency}: ask sales or an admin to copy it.`,
      );
    supersedeUnsent(tx, latest, now);
    const draft: QuoteDraft = {
      inputs: quote.inputs,
      currency: quote.currency,
      overrides: mayOverride ? quote.overrides : latest.overrides,
      assumptions: quote.assumptions,
      terms: quote.terms,
      internalNotes: quote.internalNotes,
      buyerNotes: quote.buyerNotes,
    };
    return insertVersion(tx, inquiryId, user, draft, quote, now);
  });
}

export function requestApproval(
  services: Services,
  user: StaffUser,
  inquiryId: string,
  quoteId: string,
  rowVersion: number,
  now = new Date(),
): QuoteResult {
  return quoteWrite(services, inquiryId, (tx) => {
    const quote = latestOf(tx, inquiryId, quoteId);
    moveInquiry(services, tx, user, inquiryId, { type: "REQUEST_APPROVAL" });
    if (!updateQuote(tx, quote.id, rowVersion, ["draft"], { status: "awaiting_approval", updatedAt: now }))
      throw new Refused(409, STALE);
    return quote.id;
  });
}

/** An admin's approval of the exact version they saw; never the preparer's own. */
export function approveQuote(
  services: Services,
  user: StaffUser,
  inquiryId: string,
  quoteId: string,
  rowVersion: number,
  now = new Date(),
): QuoteResult {
  return quoteWrite(services, inquiryId, (tx) => {
    if (!userMay(user, "approve")) throw new Refused(403, "Only an admin approves quotations.");
    const quote = latestOf(tx, inquiryId, quoteId);
    moveInquiry(services, tx, user, inquiryId, {
      type: "APPROVE_QUOTE",
      approverId: user.id,
      preparedBy: quote.preparedBy,
    });
    const approved = updateQuote(tx, quote.id, rowVersion, ["awaiting_approval"], {
      status: "approved",
      approvedBy: user.id,
      approvedAt: now,
      updatedAt: now,
    });
    if (!approved) throw new Refused(409, STALE);
    return quote.id;
  });
}
