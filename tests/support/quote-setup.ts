import { eq } from "drizzle-orm";
import type { StaffUser } from "../../app/server/auth.server";
import { submitIntake } from "../../app/server/intake.server";
import { createQuote, quoteSources, sendQuote, type QuoteDraft } from "../../app/server/quotes.server";
import { confirmRates } from "../../app/server/rates.server";
import { applyReviewEvent, BUYER, findInquiry, staffActor, type ReviewExtras } from "../../app/server/review.server";
import type { Services } from "../../app/server/services.server";
import { writeTransaction } from "../../db/client";
import { findQuote, updateQuote } from "../../db/queries/quotes";
import { inquiries, type Quote } from "../../db/schema";
import type { WorkflowEvent } from "../../workflows/inquiry";
import type { DeclineReason } from "../../workflows/quote";
import { fillFactoryProfile } from "./factory";
import { fixture, intakeForm, validFields } from "./intake-client";
import { insertStaff } from "./staff";

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

function move(services: Services, user: StaffUser, id: string, event: WorkflowEvent, extras: ReviewExtras = {}) {
  const result = applyReviewEvent(services, staffActor(user), id, findInquiry(services.db, id)!.version, event, extras);
  if (!result.ok) throw new Error(`${event.type}: ${result.message}`);
}

/**
 * A real intake walked through the three gates by the workflow's own events; with `gate3`, the
 * sizing gate records that decision (the quote's assumptions are read from it).
 */
export async function readyToQuote(
  services: Services,
  engineer: StaffUser,
  gate3?: Record<string, unknown>,
): Promise<string> {
  const request = new Request("http://localhost/rfq/new", {
    method: "POST",
    body: intakeForm(validFields(), [fixture("nist_ftc_11_asme1_rb.stp")]),
  });
  const result = await submitIntake(request, services, `10.0.1.${Math.floor(Math.random() * 250)}`);
  if (!result.ok) throw new Error(JSON.stringify(result.state.errors));
  const id = services.db.select().from(inquiries).where(eq(inquiries.reference, result.reference)).get()!.id;
  move(services, engineer, id, { type: "START_TRIAGE" });
  move(services, engineer, id, { type: "BEGIN_REVIEW" });
  move(services, engineer, id, { type: "DECIDE_SUITABILITY", outcome: "suitable", reason: "Small and complex" });
  move(services, engineer, id, { type: "COMPLETE_STAGE_RISK", stagesAssessed: 8, stagesTotal: 8 });
  move(
    services,
    engineer,
    id,
    { type: "COMPLETE_SIZING" },
    gate3 ? { decision: { gate: "sizing_secondary", payload: gate3, summary: "Sizing decided" } } : {},
  );
  return id;
}

/**
 * An inquiry whose small quote (with the bracket's gate-3 assumptions) sales sent at `now`, through
 * the quote module as the builder does it: rates confirmed, factory profile filled in, v1 created, sent with its frozen PDF and
 * the buyer's e-mail queued.
 */
export async function sentQuote(
  services: Services,
  { now = new Date() }: { now?: Date } = {},
): Promise<{ inquiryId: string; quote: Quote; sales: StaffUser }> {
  const [engineer, sales, admin] = [
    await insertStaff(services.db, "Ada", ["engineer"]),
    await insertStaff(services.db, "Sam", ["sales"]),
    await insertStaff(services.db, "Root", ["admin"]),
  ];
  confirmRates(services.db, admin.id, now);
  fillFactoryProfile(services.db, admin.id);
  const inquiryId = await readyToQuote(services, engineer, BRACKET_GATE3);
  const { assumptions } = quoteSources(services, inquiryId)!;
  const created = createQuote(services, engineer, inquiryId, { ...SMALL_QUOTE, assumptions }, now);
  if (!created.ok) throw new Error(created.message);
  const draft = findQuote(services.db, inquiryId, created.quoteId)!;
  const sent = await sendQuote(services, sales, inquiryId, draft.id, draft.rowVersion, now);
  if (!sent.ok) throw new Error(sent.message);
  return { inquiryId, quote: findQuote(services.db, inquiryId, draft.id)!, sales };
}

/**
 * The buyer's answer to a sent quote as the status page records it (quote row, then the inquiry's
 * move), for tests of what follows an answer rather than of the answer itself.
 */
export function buyerAnswered(
  services: Services,
  sent: { inquiryId: string; quote: Quote },
  answer: { accept: true } | { reason: DeclineReason; text: string },
): void {
  const accepted = "accept" in answer;
  const marked = writeTransaction(services.db, (tx) =>
    updateQuote(
      tx,
      sent.quote.id,
      sent.quote.rowVersion,
      ["sent"],
      accepted
        ? { status: "accepted", answeredAt: new Date() }
        : { status: "declined", declineReason: answer.reason, declineText: answer.text, answeredAt: new Date() },
    ),
  );
  if (!marked) throw new Error("the quote was not sent, or changed meanwhile");
  const version = findInquiry(services.db, sent.inquiryId)!.version;
  const result = applyReviewEvent(
    services,
    BUYER,
    sent.inquiryId,
    version,
    accepted ? { type: "ACCEPT_QUOTE" } : { type: "DECLINE_QUOTE", reason: answer.text },
  );
  if (!result.ok) throw new Error(result.message);
}
