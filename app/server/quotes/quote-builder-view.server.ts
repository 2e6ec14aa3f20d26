/**
 * What the quote builder shows: the inquiry with what the review decided, the rates' state, the
 * latest version priced with its build-up and the actions open to this person, and the form's
 * first values.
 */
import { json, type SerializeFrom } from "@remix-run/node";
import { listQuotes, type Quote } from "../../../db/queries/quotes";
import { toolingTerms, type HandSet } from "../../../workflows/cost-model";
import { conversionStatement, QUOTE_CURRENCIES } from "../../../workflows/currency";
import { hasQuote, isApproved, stateLabel } from "../../../workflows/inquiry";
import { formatMass } from "../../../workflows/numbers";
import { defaultTerms, overridableLines } from "../../../workflows/quote";
import { measuredFrom, prefillInputs, quoteAssumptions, stageRiskAssumptions } from "../../../workflows/quote-prefill";
import { defaultRateValues, pricingRates } from "../../../workflows/rates";
import { formatPrice } from "~/utils/format";
import type { StaffUser } from "../auth/auth.server";
import { userMay } from "../auth/permissions.server";
import { buyerSideOf } from "../buyer/quote-answer.server";
import { factoryProfile } from "../factory/factory.server";
import { getWorkspace } from "../review/workspace.server";
import type { Services } from "../service-types";
import { sendRefusal } from "./quote-sending.server";
import { currentRates, ratesConfirmed } from "./rates.server";

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

type QuoteSources = NonNullable<ReturnType<typeof quoteSources>>;

/** The builder's sources for an inquiry that has reached quoting; otherwise a 404 or a 409 that says why. */
export function requireQuoteSources(services: Services, inquiryId: string): QuoteSources {
  const found = quoteSources(services, inquiryId);
  if (!found)
    throw json("No inquiry has this address. It may have been mistyped: go back to the queue.", { status: 404 });
  if (!hasQuote(found.inquiry.state))
    throw json(
      `This inquiry is in "${stateLabel(found.inquiry.state)}": complete the engineering review before quoting.`,
      { status: 409 },
    );
  return found;
}

const money = (amount: number, currency: string) =>
  `${currency} ${amount.toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

const handSetView = (handSet: HandSet | undefined, currency: string) =>
  handSet ? { computed: money(handSet.computed, currency), reason: handSet.reason } : null;

/** The latest version as the builder shows it: its prices and build-up, approval, and what this person may do with it. */
function versionView(services: Services, user: StaffUser, quote: Quote) {
  const { currency } = quote;
  const approval = !quote.approvalNeeded
    ? "Within the approval limits."
    : isApproved(quote)
      ? "Needs an admin's approval: approved."
      : "Needs an admin's approval (above the approval limit or below the margin floor).";
  return {
    id: quote.id,
    version: quote.version,
    heading: `Version ${quote.version}: ${quote.status.replace("_", " ")}`,
    status: quote.status,
    rowVersion: quote.rowVersion,
    currency,
    summary: `${approval} Sintered mass ${formatMass(quote.prices.mass.sinteredG)} (${quote.prices.mass.source}).`,
    conversion: quote.terms.exchangeRate ? conversionStatement(quote.terms.exchangeRate) : null,
    notes: quote.prices.notes,
    // One row per figure sales may set by hand, in the order the form posts them back.
    overrideRows: overridableLines(quote.prices, quote.overrides).map((r) => ({
      cavities: r.cavities,
      label: r.label,
      computed: money(r.computed, currency),
    })),
    mayRequestApproval: quote.status === "draft",
    // The approval this person would give must be one: never the preparer's own.
    mayApprove:
      quote.status === "awaiting_approval" &&
      userMay(user, "approve") &&
      isApproved({ approvedBy: user.id, preparedBy: quote.preparedBy }),
    sendRefusal: userMay(user, "send") ? sendRefusal(services.db, user, quote.inquiryId, quote.id) : null,
    options: quote.prices.options.map((o) => ({
      cavities: o.cavities,
      utilisation: o.utilisation,
      tooling: o.tooling.lines.map((l) => ({
        id: l.id,
        label: l.label,
        working: l.working,
        text: money(l.amount, currency),
        handSet: handSetView(l.handSet, currency),
      })),
      toolingTotal: money(o.tooling.total, currency),
      breaks: o.breaks.map((b) => ({
        quantity: b.quantity,
        lines: [...b.lines, b.overhead, b.profit].map((l) => ({
          id: l.id,
          label: l.label,
          working: l.working,
          text: money(l.amount, currency),
        })),
        cost: money(b.cost, currency),
        unitPrice: money(b.unitPrice, currency),
        handSet: handSetView(b.handSet, currency),
      })),
    })),
  };
}

/**
 * The form's first values: the latest version's, or for the first version the review's prefill and
 * the terms that follow from the rates.
 */
function formDefaults(services: Services, sources: QuoteSources, latest: Quote | null) {
  const rates = pricingRates(currentRates(services.db));
  const terms = latest?.terms ?? defaultTerms(toolingTerms(rates.ok ? rates.values : defaultRateValues()));
  const part = latest?.inputs.part;
  return {
    quoteId: latest?.id ?? "",
    rowVersion: latest?.rowVersion,
    currency: latest?.currency ?? sources.ratesCurrency ?? "EUR",
    exchangeRate: terms.exchangeRate?.rate,
    exchangeRateDate: terms.exchangeRate?.date,
    exchangeRateSource: terms.exchangeRate?.source,
    overrides: latest
      ? overridableLines(latest.prices, latest.overrides).map((r) => ({
          cavities: r.cavities,
          quantity: r.quantity ?? undefined,
          lineId: r.lineId,
          amount: r.set?.amount,
          reason: r.set?.reason,
        }))
      : [],
    massG: part?.kind === "entered" ? part.massG : undefined,
    footprintMm2: part?.kind === "entered" ? (part.footprintMm2 ?? undefined) : undefined,
    quantities: (latest?.quantities ?? sources.prefill.inputs.quantities).join(", "),
    cavities: (latest?.cavities ?? []).map(String),
    validityDays: terms.validityDays,
    incotermRule: terms.incoterm.rule,
    incotermPlace: terms.incoterm.place,
    paymentTerms: terms.paymentTerms,
    toolingLeadWeeks: terms.toolingLeadWeeks,
    productionLeadWeeks: terms.productionLeadWeeks,
    rawMaterialClause: terms.rawMaterialClause,
    toolingPaymentTerms: terms.toolingPaymentTerms,
    toolingOwnership: terms.toolingOwnership,
    shotLife: terms.shotLife,
    assumptions: (latest?.assumptions ?? sources.assumptions).join("\n"),
    addAssumptions: [] as string[],
    internalNotes: latest?.internalNotes ?? "",
    buyerNotes: latest?.buyerNotes ?? "",
  };
}

/** The quote builder's page for `user`. */
export function builderView(services: Services, user: StaffUser, sources: QuoteSources) {
  const { inquiry, quotes, ratesCurrency } = sources;
  const latest = quotes[0] ?? null;
  const assumptions = latest?.assumptions ?? sources.assumptions;
  return {
    id: inquiry.id,
    reference: inquiry.reference,
    partName: inquiry.partName,
    buyerLanguage: inquiry.locale,
    stateLabel: stateLabel(inquiry.state),
    csrf: user.csrfToken,
    mayOverride: userMay(user, "override"),
    maySend: userMay(user, "send"),
    ratesCurrency,
    ratesConfirmed: sources.ratesConfirmed,
    factoryNamed: sources.factoryNamed,
    target: inquiry.targetPrice === null ? null : formatPrice(inquiry.targetPrice, inquiry.currency),
    measured: sources.prefill.part !== null,
    currencies: [
      ...new Set([...QUOTE_CURRENCIES, ...(ratesCurrency ? [ratesCurrency] : []), latest?.currency ?? "EUR"]),
    ],
    stageRiskAssumptions: sources.stageRiskAssumptions.map((a) => ({
      stage: a.stage,
      text: a.text,
      already: assumptions.includes(a.text),
    })),
    buyerSide: buyerSideOf(quotes),
    form: formDefaults(services, sources, latest),
    quote: latest && versionView(services, user, latest),
  };
}

/** The page's data as the browser receives it (JSON). */
export type BuilderView = SerializeFrom<typeof builderView>;
