/**
 * A quotation's own rules, apart from the inquiry's states: its statuses, its commercial terms with
 * their defaults, the figures approval is judged on, and what an edit does to a version. Pure.
 */
import type { CostModel, CostModelInput, ToolingTerms } from "./cost-model";
import type { ExchangeRate } from "./currency";

/**
 * draft -> (awaiting_approval -> approved) -> sent; a sent version is superseded by a later one.
 * accepted, declined and expired are the buyer's answer to (or the lapse of) a sent version.
 */
export const QUOTE_STATUSES = [
  "draft",
  "awaiting_approval",
  "approved",
  "sent",
  "superseded",
  "accepted",
  "declined",
  "expired",
] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

/** Statuses a quote has once it left the factory: its content may never change again. */
export const FROZEN_STATUSES: readonly QuoteStatus[] = ["sent", "superseded", "accepted", "declined", "expired"];

/** A price or cost set by hand over the model's figure, with the reason the approver reads. */
export type LineOverride = {
  cavities: number;
  /** The quantity break, or null for a tooling line. */
  quantity: number | null;
  lineId: string;
  amount: number;
  reason: string;
};

/** What a quote version is priced from: the builder's form, or a version being copied. */
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

/** Where in a draft a refusal belongs: one of its overrides (by index), or a currency field. */
export type ProblemAt = { override: number } | { field: "currency" | "exchangeRate" };

/** Incoterms 2020 rules, as the quote document prints them. */
export const INCOTERM_RULES = ["EXW", "FCA", "CPT", "CIP", "DAP", "DPU", "DDP", "FAS", "FOB", "CFR", "CIF"] as const;
export type IncotermRule = (typeof INCOTERM_RULES)[number];

export type QuoteTerms = {
  validityDays: number;
  incoterm: { rule: IncotermRule; place: string };
  paymentTerms: string;
  /** Weeks from order to first samples (T1). */
  toolingLeadWeeks: number;
  /** Weeks from sample approval to the first production delivery. */
  productionLeadWeeks: number;
  rawMaterialClause: string;
  toolingPaymentTerms: string;
  toolingOwnership: string;
  shotLife: number;
  /** When the quote's currency is not the rates': the rate the prices were converted at. Absent on older versions. */
  exchangeRate?: ExchangeRate | null;
};

export const DEFAULT_VALIDITY_DAYS = 30;

/** The terms a new quote opens with; the tooling ones come from the rates' tooling terms. */
export function defaultTerms(tooling: ToolingTerms): QuoteTerms {
  return {
    validityDays: DEFAULT_VALIDITY_DAYS,
    incoterm: { rule: "FCA", place: "our factory" },
    paymentTerms: "30 days net",
    toolingLeadWeeks: 6,
    productionLeadWeeks: 4,
    rawMaterialClause:
      "Piece prices assume the feedstock price on the quotation date; a change of more than 5 % is passed on.",
    toolingPaymentTerms: tooling.payments.map((p) => `${Math.round(p.share * 100)} % ${p.when}`).join(", "),
    toolingOwnership: tooling.ownership,
    shotLife: tooling.shotLife,
  };
}

/**
 * What approval is judged on: the largest single commitment the buyer could accept (one cavity
 * option's tooling plus its largest order) and the thinnest margin over every price offered.
 * Overrides are applied by the caller before this is computed.
 */
export function approvalFigures(model: CostModel): { total: number; lowestMarginShare: number } {
  let total = 0;
  let lowestMarginShare = 1;
  for (const option of model.options) {
    for (const b of option.breaks) {
      total = Math.max(total, option.tooling.total + b.extendedPrice);
      if (b.unitPrice > 0) lowestMarginShare = Math.min(lowestMarginShare, (b.unitPrice - b.cost) / b.unitPrice);
    }
  }
  return { total, lowestMarginShare };
}

export type ApprovalThresholds = { aboveTotal: number; belowMarginShare: number };

/** Why a quote needs an admin's approval, or null when it does not. */
export function approvalReason(
  figures: { total: number; lowestMarginShare: number },
  thresholds: ApprovalThresholds,
): string | null {
  if (figures.total > thresholds.aboveTotal) return "Its total is above the approval limit.";
  if (figures.lowestMarginShare < thresholds.belowMarginShare) return "Its margin is below the margin floor.";
  return null;
}

/**
 * What saving a change does to a version: a version still at the factory is edited in place and
 * loses any approval (pending or given); a frozen one stays as it was and the change becomes a new
 * draft version.
 */
export function editOutcome(status: QuoteStatus): "edit_in_place" | "new_version" {
  return FROZEN_STATUSES.includes(status) ? "new_version" : "edit_in_place";
}

/**
 * The model with the hand-set figures in place: a unit price override replaces that break's price
 * (and its extended price); a tooling line override replaces that line and the tool's total. Each
 * keeps the computed figure and the reason beside it (`handSet`). Cost terms stay as computed, so
 * the build-up still shows what the part costs beside the price. An override that names no line of
 * the model is reported with its index, rather than dropped.
 */
export function applyOverrides(
  model: CostModel,
  overrides: readonly LineOverride[],
): { ok: true; model: CostModel } | { ok: false; problem: string; index: number } {
  const options = model.options.map((o) => ({
    ...o,
    tooling: { lines: o.tooling.lines.map((l) => ({ ...l })), total: o.tooling.total },
    breaks: o.breaks.map((b) => ({ ...b })),
  }));
  for (const [index, o] of overrides.entries()) {
    const option = options.find((x) => x.cavities === o.cavities);
    if (!option)
      return {
        ok: false,
        index,
        problem: `There is no longer a ${o.cavities}-cavity option: clear this price (or tick ${o.cavities} cavities again).`,
      };
    if (o.quantity === null) {
      const line = option.tooling.lines.find((l) => l.id === o.lineId);
      if (!line)
        return {
          ok: false,
          index,
          problem: `The ${o.cavities}-cavity tooling no longer has the line "${o.lineId}": clear this price.`,
        };
      option.tooling.total += o.amount - line.amount;
      line.handSet = { computed: line.amount, reason: o.reason };
      line.amount = o.amount;
    } else {
      const b = option.breaks.find((x) => x.quantity === o.quantity);
      if (!b || o.lineId !== "unitPrice")
        return {
          ok: false,
          index,
          problem: `The quote no longer prices ${o.quantity.toLocaleString("en-GB")} parts with the ${o.cavities}-cavity tool: clear this price (or enter the quantity again).`,
        };
      b.handSet = { computed: b.unitPrice, reason: o.reason };
      b.unitPrice = o.amount;
      b.extendedPrice = o.amount * b.quantity;
    }
  }
  return { ok: true, model: { ...model, options } };
}

/**
 * Every figure of a priced version that may be set by hand, in a fixed order (per cavity option its
 * unit prices, then its tooling lines), with the computed figure and the override now on it, if any.
 */
export function overridableLines(model: CostModel, overrides: readonly LineOverride[]) {
  const setOn = (cavities: number, quantity: number | null, lineId: string) =>
    overrides.find((o) => o.cavities === cavities && o.quantity === quantity && o.lineId === lineId);
  return model.options.flatMap((o) => [
    ...o.breaks.map((b) => ({
      cavities: o.cavities,
      quantity: b.quantity as number | null,
      lineId: "unitPrice",
      label: `Unit price, ${b.quantity.toLocaleString("en-GB")} parts`,
      computed: b.handSet?.computed ?? b.unitPrice,
      set: setOn(o.cavities, b.quantity, "unitPrice"),
    })),
    ...o.tooling.lines.map((l) => ({
      cavities: o.cavities,
      quantity: null,
      lineId: l.id,
      label: `Tooling: ${l.label}`,
      computed: l.handSet?.computed ?? l.amount,
      set: setOn(o.cavities, null, l.id),
    })),
  ]);
}

/** The overrides set, changed or removed between two lists (by line, amount and reason). */
export function overridesChanged(before: readonly LineOverride[], after: readonly LineOverride[]): boolean {
  const key = (list: readonly LineOverride[]) =>
    list
      .map((o) => JSON.stringify([o.cavities, o.quantity, o.lineId, o.amount, o.reason.trim()]))
      .sort()
      .join("\n");
  return key(before) !== key(after);
}
