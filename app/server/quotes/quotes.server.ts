/**
 * Quote versions at the edge: prices a draft from the inputs and the rates in force, and applies the
 * quoting events to the inquiry in the same transaction as the quote row, so the inquiry's state and
 * its quote never disagree. Approval is decided here from the quote's own figures, never taken from
 * a form: a page can only ask for an action, and every action re-checks on the server.
 */
import crypto from "node:crypto";
import { Readable } from "node:stream";
import { writeTransaction, type Db } from "../../../db/client";
import { insertStatusLink, listInquiryFiles, type Inquiry } from "../../../db/queries/inquiries";
import {
  findQuote,
  insertQuote,
  latestQuote,
  listQuotes,
  nextQuoteVersion,
  supersedeSentQuotes,
  updateQuote,
  type Quote,
} from "../../../db/queries/quotes";
import { renderEmail } from "../../../emails";
import { priceParts, type CostModelInput } from "../../../workflows/cost-model";
import { isInquiryState, transition, type WorkflowEvent } from "../../../workflows/inquiry";
import { convertModel, toRatesCurrency } from "../../../workflows/currency";
import {
  applyOverrides,
  approvalFigures,
  approvalReason,
  defaultTerms,
  editOutcome,
  overridesChanged,
  type LineOverride,
  type QuoteTerms,
} from "../../../workflows/quote";
import { measuredFrom, prefillInputs, quoteAssumptions, stageRiskAssumptions } from "../../../workflows/quote-prefill";
import { unitPriceFormat } from "../../../workflows/quote-document";
import { quoteDocumentFor } from "../../../workflows/quote-to-document";
import { pricingRates } from "../../../workflows/rates";
import type { StaffUser } from "../auth/auth.server";
import { emailBrand, factoryProfile, pdfLogo } from "../factory/factory.server";
import { emailLanguage } from "../i18n/email-language.server";
import { enqueueEmail } from "../mail/outbox.server";
import { userMay } from "../auth/permissions.server";
import { renderQuotePdf } from "./quote-pdf.server";
import { currentRates, ratesConfirmed } from "./rates.server";
import { applyReviewEvent, findInquiry, staffActor } from "../review/review.server";
import { getWorkspace } from "../review/workspace.server";
import { Refused } from "../refused.server";
import type { Services } from "../service-types";
import { createToken, hashToken } from "../tokens.server";

export type QuoteDraft = {
  inputs: CostModelInput;
  /** The quote's ISO 4217 currency; absent: the rates' own. Another needs `terms.exchangeRate`. */
  currency?: string;
  /** Amounts in the quote's currency. */
  overrides: LineOverride[];
  assumptions: string[];
  terms?: QuoteTerms;
  internalNotes: string;
  buyerNotes: string;
};

/** The form field a refusal belongs beside: one of the draft's overrides (by index), or a currency field. */
export type ProblemAt = { override: number } | { field: "currency" | "exchangeRate" };

export type QuoteResult =
  { ok: true; quoteId: string } | { ok: false; status: 400 | 403 | 404 | 409; message: string; at?: ProblemAt };

const STALE =
  "This quote changed while you were working on it (a save, an approval or a send). Nothing of yours was saved: reload the page to see the change, then save again.";

function quoteWrite(services: Services, inquiryId: string, work: (tx: Db) => string): QuoteResult {
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
function moveInquiry(
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

/**
 * The quote's currency and the exchange rate its prices are converted at: none when it is the
 * rates' own currency; otherwise one from the rates' currency into the quote's, or a refusal beside
 * the field. Hand-set prices are in the quote's currency, so they cannot silently follow a change of it.
 */
function currencyOf(draft: QuoteDraft, ratesCurrency: string, before: Quote | null) {
  const currency = draft.currency ?? ratesCurrency;
  if (before && before.currency !== currency && draft.overrides.length > 0)
    throw new Refused(
      400,
      `The prices set by hand are in ${before.currency}: clear them before quoting in ${currency}, then set them again in ${currency}.`,
      { field: "currency" },
    );
  if (currency === ratesCurrency) return { currency, exchange: null };
  const exchange = draft.terms?.exchangeRate;
  if (!exchange)
    throw new Refused(400, `The rates are in ${ratesCurrency}: enter how many ${currency} one ${ratesCurrency} buys.`, {
      field: "exchangeRate",
    });
  if (exchange.from !== ratesCurrency || exchange.to !== currency)
    throw new Refused(
      400,
      `This exchange rate converts ${exchange.from} into ${exchange.to}, but the rates are now in ${ratesCurrency}: enter how many ${currency} one ${ratesCurrency} buys.`,
      { field: "exchangeRate" },
    );
  return { currency, exchange };
}

/**
 * Prices a draft with the rates in force now: the snapshot, the model in the quote's currency with
 * the hand-set figures in place, and whether approval is needed. The approval limits are in the
 * rates' currency, so the stored total is too (the margin share is the same in any currency).
 */
function price(db: Db, draft: QuoteDraft, now: Date, before: Quote | null) {
  const snapshot = currentRates(db, now);
  const rates = pricingRates(snapshot);
  if (!rates.ok) throw new Refused(400, rates.problem);
  const priced = priceParts(draft.inputs, rates.values);
  if (!priced.ok) throw new Refused(400, priced.problems.join(" "));
  const { currency, exchange } = currencyOf(draft, rates.currency, before);
  const converted = exchange ? convertModel(priced.model, exchange) : priced.model;
  const overridden = applyOverrides(converted, draft.overrides);
  if (!overridden.ok) throw new Refused(400, overridden.problem, { override: overridden.index });
  const figures = approvalFigures(overridden.model);
  const total = toRatesCurrency(figures.total, exchange);
  const needed = approvalReason(
    { total, lowestMarginShare: figures.lowestMarginShare },
    {
      aboveTotal: rates.values.approvalAboveTotal ?? Number.POSITIVE_INFINITY,
      belowMarginShare: rates.values.approvalBelowMarginShare ?? 0,
    },
  );
  return {
    currency,
    cavities: overridden.model.options.map((o) => o.cavities),
    quantities: [...draft.inputs.quantities],
    inputs: draft.inputs,
    overrides: draft.overrides,
    assumptions: draft.assumptions,
    terms: { ...(draft.terms ?? defaultTerms(overridden.model)), exchangeRate: exchange },
    internalNotes: draft.internalNotes,
    buyerNotes: draft.buyerNotes,
    ratesSnapshot: snapshot,
    prices: overridden.model,
    total,
    lowestMarginShare: figures.lowestMarginShare,
    approvalNeeded: needed !== null,
  };
}

function insertVersion(tx: Db, inquiryId: string, user: StaffUser, draft: QuoteDraft, from: Quote | null, now: Date) {
  const row = insertQuote(tx, {
    id: crypto.randomUUID(),
    inquiryId,
    version: nextQuoteVersion(tx, inquiryId),
    status: "draft",
    copiedFromId: from?.id ?? null,
    ...price(tx, draft, now, from),
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

/** The version a page acts on, which must be the inquiry's latest: an older one is history. */
function latestOf(tx: Db, inquiryId: string, quoteId: string): Quote {
  const quote = findQuote(tx, inquiryId, quoteId);
  if (!quote) throw new Refused(404, "No such quote for this inquiry.");
  if (latestQuote(tx, inquiryId)?.id !== quote.id)
    throw new Refused(409, `Version ${quote.version} has been followed by a later version: work on the latest one.`);
  return quote;
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
      ...price(tx, draft, now, quote),
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
 * rates, prepared by whoever copied it, and never approved, whatever the original was.
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
    supersedeUnsent(tx, latestQuote(tx, inquiryId)!, now);
    const draft: QuoteDraft = {
      inputs: quote.inputs,
      currency: quote.currency,
      overrides: quote.overrides,
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

/**
 * Everything that must hold before a version leaves the factory, checked on the server at the
 * moment of sending: the sender's role, the latest version, the inquiry's state, confirmed rates, the
 * factory profile and
 * (when the quote's own figures call for it) an admin's approval of this very version.
 */
export function sendRefusal(db: Db, user: StaffUser, inquiryId: string, quoteId: string): string | null {
  if (!userMay(user, "send")) return "Only sales or an admin sends a quotation.";
  const quote = findQuote(db, inquiryId, quoteId);
  if (!quote) return "No such quote for this inquiry.";
  if (latestQuote(db, inquiryId)?.id !== quote.id)
    return `Version ${quote.version} has been followed by a later version: send the latest one.`;
  const inquiry = findInquiry(db, inquiryId);
  if (!inquiry || !isInquiryState(inquiry.state)) return "No such inquiry.";
  const result = transition(
    { state: inquiry.state, returnTo: null },
    {
      type: "SEND_QUOTE",
      ratesConfirmed: ratesConfirmed(db),
      factoryNamed: factoryProfile(db) !== null,
      approvalNeeded: quote.approvalNeeded,
      approved: quote.status === "approved" && quote.approvedBy !== null && quote.approvedBy !== quote.preparedBy,
    },
  );
  return result.ok ? null : result.message;
}

/** What the quote builder opens with: the inquiry, the prefilled inputs and assumptions, and every version. */
export function quoteSources(services: Services, inquiryId: string) {
  const workspace = getWorkspace(services, inquiryId);
  if (!workspace) return null;
  const { inquiry, decisions, analyses } = workspace;
  const gate3 = decisions.find((d) => d.decision.gate === "sizing_secondary")?.decision.payload ?? null;
  const stageRisk = decisions.find((d) => d.decision.gate === "stage_risk")?.decision.payload ?? null;
  const prefill = prefillInputs({
    material: inquiry.material,
    annualVolume: inquiry.annualVolume,
    application: inquiry.application,
    gate3Payload: gate3,
    part: measuredFrom(analyses),
  });
  return {
    inquiry,
    prefill,
    assumptions: quoteAssumptions(gate3),
    stageRiskAssumptions: stageRiskAssumptions(stageRisk),
    ratesCurrency: currentRates(services.db).currency,
    quotes: listQuotes(services.db, inquiryId),
    ratesConfirmed: ratesConfirmed(services.db),
    factoryNamed: factoryProfile(services.db) !== null,
  };
}

/**
 * A version as the document the buyer receives, issued by `preparedBy` at `issuedAt`: the files
 * are those the inquiry had then, so the page of a sent version shows what its PDF printed.
 */
export function quoteDocumentOf(
  db: Db,
  inquiry: Inquiry,
  quote: Quote,
  preparedBy: { name: string; email: string },
  issuedAt: Date,
) {
  const factory = factoryProfile(db);
  if (!factory) return { ok: false as const, problems: ["the factory profile is not filled in (/admin/factory)"] };
  return quoteDocumentFor({
    factory,
    inquiry,
    files: listInquiryFiles(db, inquiry.id)
      .filter((f) => f.uploadedAt.getTime() <= issuedAt.getTime())
      .map((f) => f.originalName),
    quote: { ...quote, amortiseOver: quote.inputs.amortiseOver ?? null },
    preparedBy,
    issuedAt,
  });
}

/**
 * Sends the latest version: renders its PDF from the version's own data, stores it, then in one
 * transaction re-checks everything (the page may be stale), freezes the row with the PDF's key and
 * SHA-256, moves the inquiry to quoted, supersedes earlier sent versions and queues the buyer's
 * e-mail with the PDF attached. If that transaction refuses, the stored PDF is removed again.
 */
export async function sendQuote(
  services: Services,
  user: StaffUser,
  inquiryId: string,
  quoteId: string,
  rowVersion: number,
  now = new Date(),
): Promise<QuoteResult> {
  const refused = sendRefusal(services.db, user, inquiryId, quoteId);
  if (refused) return { ok: false, status: 400, message: refused };
  const quote = findQuote(services.db, inquiryId, quoteId)!;
  if (quote.rowVersion !== rowVersion) return { ok: false, status: 409, message: STALE };
  const inquiry = findInquiry(services.db, inquiryId)!;
  const made = quoteDocumentOf(services.db, inquiry, quote, { name: user.name, email: user.email }, now);
  if (!made.ok)
    return {
      ok: false,
      status: 400,
      message: `This version cannot make a quote document: ${made.problems.join("; ")}.`,
    };
  const pdf = await renderQuotePdf(made.document, { logo: pdfLogo(services.db) });
  const sha256 = crypto.createHash("sha256").update(pdf).digest("hex");
  const pdfKey = `quotes/${inquiryId}/${quote.id}.pdf`;
  await services.storage.put(pdfKey, Readable.from([pdf]), { contentType: "application/pdf" });
  const result = quoteWrite(services, inquiryId, (tx) => {
    const again = sendRefusal(tx, user, inquiryId, quoteId);
    if (again) throw new Refused(400, again);
    const current = latestOf(tx, inquiryId, quoteId);
    moveInquiry(
      services,
      tx,
      user,
      inquiryId,
      {
        type: "SEND_QUOTE",
        ratesConfirmed: ratesConfirmed(tx),
        factoryNamed: factoryProfile(tx) !== null,
        approvalNeeded: current.approvalNeeded,
        approved: current.status === "approved" && current.approvedBy !== null,
      },
      `Version ${current.version} sent`,
    );
    const validUntil = new Date(`${made.document.validUntil}T23:59:59Z`);
    const sent = updateQuote(tx, current.id, rowVersion, ["draft", "approved"], {
      status: "sent",
      sentBy: user.id,
      sentAt: now,
      validUntil,
      pdfKey,
      pdfSha256: sha256,
      updatedAt: now,
    });
    if (!sent) throw new Refused(409, STALE);
    supersedeSentQuotes(tx, inquiryId, current.id, now);
    const token = createToken();
    insertStatusLink(tx, inquiryId, hashToken(token));
    const unitPrice = unitPriceFormat(made.document.locale, made.document.currency);
    const email = renderEmail({
      kind: "quote-sent",
      data: {
        reference: inquiry.reference,
        version: current.version,
        partName: inquiry.partName,
        contactName: inquiry.contactName,
        validUntil: made.document.validUntil,
        options: made.document.cavityOptions.map((o) => ({
          cavities: o.cavities,
          breaks: o.breaks.map((b) => ({ quantity: b.quantity, unitPrice: unitPrice.format(b.unitPrice) })),
        })),
        assumptions: made.document.assumptions,
        statusUrl: `${services.config.publicUrl}/status/${token}`,
        brand: emailBrand(services.db, services.config.publicUrl),
      },
      lang: emailLanguage(inquiry.locale),
    });
    enqueueEmail(
      tx,
      {
        kind: "quote-sent",
        inquiryId,
        to: inquiry.email,
        ...email,
        attachments: [
          {
            filename: `${inquiry.reference}-v${current.version}.pdf`,
            storageKey: pdfKey,
            contentType: "application/pdf",
          },
        ],
      },
      now,
    );
    return current.id;
  });
  if (!result.ok) await services.storage.delete(pdfKey);
  else services.outbox.nudge();
  return result;
}
