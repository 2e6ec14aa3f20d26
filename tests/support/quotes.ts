import path from "node:path";
import type { StaffUser } from "../../app/server/auth/auth.server";
import { handleQuoteAnswer } from "../../app/server/buyer/quote-answer.server";
import { quoteSources } from "../../app/server/quotes/quote-builder-view.server";
import { sendQuote } from "../../app/server/quotes/quote-sending.server";
import { approveQuote, createQuote, requestApproval } from "../../app/server/quotes/quote-versions.server";
import { confirmRates, ratesConfirmed } from "../../app/server/quotes/rates.server";
import { applyReviewEvent, findInquiry, staffActor, type ReviewExtras } from "../../app/server/review/review.server";
import type { Services } from "../../app/server/service-types";
import { createToken, hashToken } from "../../app/server/tokens.server";
import { createDb, writeTransaction } from "../../db/client";
import { insertStatusLink } from "../../db/queries/inquiries";
import { findQuote } from "../../db/queries/quotes";
import type { Quote } from "../../db/schema";
import type { WorkflowEvent } from "../../workflows/inquiry";
import type { QuoteDraft } from "../../workflows/quote";
import type { DeclineReason } from "../../workflows/quote-answer";
import type { AppServer } from "./app-server";
import { query } from "./db";
import { fillFactoryProfile } from "./factory";
import { fixture, submitInquiry } from "./intake-client";
import { addInquiry } from "./inquiry";
import { insertStaff } from "./staff";

/** Applies a workflow event as `user`, failing loudly when the workflow refuses it. */
export function moveInquiry(
  services: Services,
  user: StaffUser,
  id: string,
  event: WorkflowEvent,
  extras: ReviewExtras = {},
): void {
  const result = applyReviewEvent(services, staffActor(user), id, findInquiry(services.db, id)!.version, event, extras);
  if (!result.ok) throw new Error(`${event.type} refused: ${result.message}`);
}

/** The worked bracket's gate 3: sizing of the assembly surface for flatness, no secondary operation. */
export const BRACKET_GATE3 = {
  sizingRequired: "yes",
  sizingRequirement: "flatness",
  sizingFeature: "assembly surface",
  sizingReason: "0.03 mm flatness on the mating face",
  secondary: [],
  secondaryReasons: {},
  inspection: ["dimensions"],
};

/**
 * A real intake (`fields` over the valid defaults) walked through the three gates by the workflow's
 * own events; with `gate3`, the sizing gate records that decision (the quote's assumptions are read from it).
 */
export async function readyToQuote(
  services: Services,
  engineer: StaffUser,
  fields: Record<string, string> = {},
  gate3?: Record<string, unknown>,
): Promise<string> {
  const { id } = await addInquiry(services, { fields, files: [fixture("nist_ftc_11_asme1_rb.stp")] });
  moveInquiry(services, engineer, id, { type: "START_TRIAGE" });
  moveInquiry(services, engineer, id, { type: "BEGIN_REVIEW" });
  moveInquiry(services, engineer, id, { type: "DECIDE_SUITABILITY", outcome: "suitable", reason: "Small and complex" });
  moveInquiry(services, engineer, id, { type: "COMPLETE_STAGE_RISK", stagesAssessed: 8, stagesTotal: 8 });
  moveInquiry(
    services,
    engineer,
    id,
    { type: "COMPLETE_SIZING" },
    gate3 ? { decision: { gate: "sizing_secondary", payload: gate3, summary: "Sizing decided" } } : {},
  );
  return id;
}

/** 10 g of 316L at 1,000 parts: a small quote, far below the default approval limit and above the floor. */
export const SMALL_QUOTE: QuoteDraft = {
  inputs: {
    materialId: "mim-316l",
    annualVolume: 5_000,
    application: null,
    part: { kind: "entered", massG: 10, footprintMm2: 400 },
    sizing: false,
    operations: [],
    quantities: [1_000],
    cavities: [1],
  },
  overrides: [],
  assumptions: ["As-sintered tolerances."],
  internalNotes: "",
  buyerNotes: "",
};

/** The small quote with two tools and two quantities, so the buyer has a choice to make. */
export const CHOICE_QUOTE: QuoteDraft = {
  ...SMALL_QUOTE,
  inputs: { ...SMALL_QUOTE.inputs, quantities: [1_000, 5_000], cavities: [1, 2] },
  buyerNotes: "Prices include one set of T1 samples.",
};

export type SentQuote = {
  inquiryId: string;
  quoteId: string;
  /** The row as it stood right after sending. */
  quote: Quote;
  token: string;
  sales: StaffUser;
  admin: StaffUser;
};

export type QuoteOptions = {
  draft?: QuoteDraft;
  sentAt?: Date;
  inquiryId?: string;
  fields?: Record<string, string>;
  /** Gate 3's decision, whose wording becomes the quote's assumptions. */
  gate3?: Record<string, unknown>;
};

/**
 * A quote ready to send, prepared the way the factory prepares one: rates confirmed, the factory
 * profile filled in, and an admin's approval when its figures call for it.
 */
export async function readyToSendQuote(
  services: Services,
  options: Omit<QuoteOptions, "sentAt"> & { preparedAt?: Date } = {},
): Promise<Omit<SentQuote, "token">> {
  const [engineer, sales, admin] = [
    await insertStaff(services.db, "Enno", ["engineer"]),
    await insertStaff(services.db, "Sally", ["sales"]),
    await insertStaff(services.db, "Ada", ["admin"]),
  ];
  if (!ratesConfirmed(services.db)) confirmRates(services.db, admin.id);
  fillFactoryProfile(services.db, admin.id);
  const inquiryId = options.inquiryId ?? (await readyToQuote(services, engineer, options.fields, options.gate3));
  const draft = options.draft ?? CHOICE_QUOTE;
  const assumptions = options.gate3 ? quoteSources(services, inquiryId)!.assumptions : draft.assumptions;
  const created = createQuote(services, sales, inquiryId, { ...draft, assumptions }, options.preparedAt);
  if (!created.ok) throw new Error(created.message);
  const quote = findQuote(services.db, inquiryId, created.quoteId)!;
  if (quote.approvalNeeded) {
    const asked = requestApproval(services, sales, inquiryId, quote.id, quote.rowVersion);
    if (!asked.ok) throw new Error(asked.message);
    const approved = approveQuote(services, admin, inquiryId, quote.id, quote.rowVersion + 1);
    if (!approved.ok) throw new Error(approved.message);
  }
  return { inquiryId, quoteId: quote.id, quote: findQuote(services.db, inquiryId, quote.id)!, sales, admin };
}

/**
 * A quote sent to the buyer the way the factory sends one (rates confirmed, approval when its
 * figures call for it, the PDF frozen in storage, the buyer's e-mail queued), plus a status link
 * for the test to open it with. `sentAt` in the past gives a quote whose validity has run out.
 */
export async function sendTestQuote(services: Services, options: QuoteOptions = {}): Promise<SentQuote> {
  const { sentAt, ...preparing } = options;
  const ready = await readyToSendQuote(services, { ...preparing, preparedAt: sentAt });
  const sent = await sendQuote(services, ready.sales, ready.inquiryId, ready.quoteId, ready.quote.rowVersion, sentAt);
  if (!sent.ok) throw new Error(sent.message);
  const token = createToken();
  writeTransaction(services.db, (tx) => insertStatusLink(tx, ready.inquiryId, hashToken(token)));
  return { ...ready, quote: findQuote(services.db, ready.inquiryId, ready.quoteId)!, token };
}

/** The small quote with the bracket's assumptions, sent at `now`: one tool, one quantity. */
export function sentBracketQuote(
  services: Services,
  now = new Date(),
  fields?: Record<string, string>,
): Promise<SentQuote> {
  return sendTestQuote(services, { draft: SMALL_QUOTE, gate3: BRACKET_GATE3, sentAt: now, fields });
}

/**
 * The buyer's answer through the quotation page's own handler, a minute after the version was
 * sent (so a quote sent long ago is answered while it was still valid).
 */
export async function buyerAnswered(
  services: Services,
  sent: Pick<SentQuote, "inquiryId" | "quote">,
  answer: { accept: true } | { reason: DeclineReason; text: string },
): Promise<void> {
  const form = new FormData();
  const fields: Record<string, string> =
    "accept" in answer
      ? {
          intent: "accept",
          cavities: String(sent.quote.cavities[0]),
          quantity: String(sent.quote.quantities[0]),
          poReference: "PO-4711",
          buyerName: "Dana Buyer",
        }
      : { intent: "decline", reason: answer.reason, text: answer.text };
  for (const [name, value] of Object.entries({ ...fields, version: String(sent.quote.version) })) form.set(name, value);
  const at = new Date(sent.quote.sentAt!.getTime() + 60_000);
  const outcome = await handleQuoteAnswer(services, findInquiry(services.db, sent.inquiryId)!, form, "10.9.9.9", at);
  if (!outcome.ok) throw new Error(`the buyer's answer was refused: ${JSON.stringify(outcome.result)}`);
}

/** The quote builder's form as the page posts it, for an inquiry with no measured model. */
export const BUILDER_FORM: Record<string, string> = {
  intent: "save",
  massG: "12.5",
  footprintMm2: "600",
  quantities: "1000, 5000",
  validityDays: "30",
  incotermRule: "FCA",
  incotermPlace: "Nyköping, Sweden",
  paymentTerms: "30 days net",
  toolingLeadWeeks: "6",
  productionLeadWeeks: "4",
  rawMaterialClause: "Feedstock price changes over 5 % are passed on.",
  toolingPaymentTerms: "50 % on order, 50 % on sample approval",
  toolingOwnership: "The buyer, on payment",
  shotLife: "500000",
  assumptions: "As-sintered tolerances throughout.",
  buyerNotes: "",
  internalNotes: "",
};

/**
 * An inquiry sent through a running server's intake form, then set ready to quote as the gates
 * leave it (gate 2's notes per stage, no sizing), decided by `deciderId`; resolves with its id.
 */
export async function inquiryReadyToQuote(
  app: AppServer,
  deciderId: string,
  stageNotes: Record<string, string> = {},
): Promise<string> {
  const { reference } = await submitInquiry(app.url, { files: [fixture("nist_ftc_11_asme1_rb.pdf")] });
  const id = query<{ id: string }>(app.dataDir, "SELECT id FROM inquiries WHERE reference = ?", reference)[0]!.id;
  const db = createDb(path.join(app.dataDir, "mim-rfq.sqlite"), { migrate: false });
  try {
    const decide = db.$client.prepare(
      "INSERT INTO gate_decisions (inquiry_id, gate, payload, decided_by, decided_at) VALUES (?, ?, ?, ?, ?)",
    );
    const stages = Object.fromEntries(
      Object.entries(stageNotes).map(([stage, notes]) => [stage, { level: "medium", checked: [], notes }]),
    );
    decide.run(id, "stage_risk", JSON.stringify({ stages }), deciderId, Date.now());
    decide.run(id, "sizing_secondary", JSON.stringify({ sizingRequired: "no" }), deciderId, Date.now());
    db.$client.prepare("UPDATE inquiries SET state = 'ready_to_quote' WHERE id = ?").run(id);
  } finally {
    db.$client.close();
  }
  return id;
}
