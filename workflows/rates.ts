/**
 * The rate catalogue: every figure the cost model prices with, as typed data with its unit, whether
 * it is money, where the default comes from (docs/domain/quoting.md), and whether that default is
 * only an example. The defaults are what a fresh install shows; a factory replaces them in
 * /admin/rates. Per-material and per-operation rates are generated from the existing catalogues, so
 * adding a material or an operation there adds its rates here.
 */
import { MATERIALS } from "./materials";
import { rangeProblem, type NumberRange } from "./number-range";
import { SECONDARY_OPERATIONS, type SecondaryOperation } from "./review-domain";

/** What a rate's value is: money, a share (stored 0..1, typed as %), a count of things, a quantity. */
export type RateKind = "money" | "share" | "count" | "quantity";

export type RateGroup =
  "feedstock" | "molding" | "furnace" | "yield" | "operations" | "finishing" | "tooling" | "approval";

export const RATE_GROUPS: Record<RateGroup, string> = {
  feedstock: "Feedstock",
  molding: "Molding and capacity",
  furnace: "Debinding and sintering",
  yield: "Yield per stage",
  operations: "Sizing and secondary operations",
  finishing: "Inspection, packaging, overhead and margin",
  tooling: "Tooling",
  approval: "Quote approval",
};

export type RateDefinition = {
  key: string;
  group: RateGroup;
  label: string;
  kind: RateKind;
  /** The unit after the currency for money ("/kg", "/h", "per part"), or the unit itself otherwise. */
  unit: string;
  defaultValue: number;
  /** The values an administrator may set, in the stored unit (a share as 0..1). */
  range: NumberRange;
  /** Where the default comes from: docs/domain/quoting.md's source, or "example: no public source". */
  source: string;
  /** True when no public source gives the figure: the factory must replace or confirm it. */
  example: boolean;
};

/** The currency the example money rates are in (the domain notes' sources quote USD). */
export const DEFAULT_CURRENCY = "USD";

const NO_SOURCE = "example: no public source";

const rate = (
  group: RateGroup,
  key: string,
  label: string,
  kind: RateKind,
  unit: string,
  defaultValue: number,
  range: NumberRange,
  source: string = NO_SOURCE,
): RateDefinition => ({
  key,
  group,
  label,
  kind,
  unit,
  defaultValue,
  range,
  source,
  example: source.startsWith("example"),
});

/*
 * Ranges: wide enough for any factory's real figure, narrow enough that the cost model stays finite
 * (a rate of 1e308 overflowed it and made every quote save fail). What the model divides by (cycle
 * time, efficiency, press hours, load area, packing, shot life, yields) stays above zero; the margin
 * and the binder share stay below 100 %, since prices divide by (1 - margin) and feedstock mass by
 * (1 - binder share).
 */
const SHARE: NumberRange = { min: 0, max: 1 };
const YIELD: NumberRange = { min: 0.1, max: 1 };
const PER_PART: NumberRange = { min: 0, max: 10_000 };
const PER_LOT: NumberRange = { min: 0, max: 1_000_000 };
const PER_TOOL: NumberRange = { min: 0, max: 10_000_000 };

/**
 * Example feedstock prices: makers do not publish them. docs/domain/quoting.md gives USD 15-40/kg
 * for premixed stainless; other families are scaled from that guess and are examples only.
 */
const FEEDSTOCK_EXAMPLE_PER_KG: Record<string, number> = {
  stainless: 25,
  "low-alloy": 20,
  "soft-magnetic": 35,
  titanium: 120,
  "tool-steel": 40,
  other: 60,
};

export const feedstockKey = (materialId: string) => `feedstock.${materialId}`;
export const operationSetupKey = (op: SecondaryOperation) => `operation.${op}.setup`;
export const operationRunKey = (op: SecondaryOperation) => `operation.${op}.run`;

/** Example set-up per lot and run cost per part of each secondary operation of gate 3. */
const OPERATION_EXAMPLES: Record<SecondaryOperation, { setup: number; run: number }> = {
  cnc_machining: { setup: 250, run: 0.8 },
  tapping: { setup: 80, run: 0.12 },
  reaming: { setup: 80, run: 0.1 },
  heat_treatment: { setup: 150, run: 0.08 },
  passivation: { setup: 100, run: 0.04 },
  polishing: { setup: 60, run: 0.25 },
  coating: { setup: 150, run: 0.15 },
  plating: { setup: 150, run: 0.12 },
  tumbling: { setup: 40, run: 0.02 },
  laser_marking: { setup: 50, run: 0.05 },
  // Examples like those above (no public source); coining's own die is a tooling line, not set-up.
  coining: { setup: 150, run: 0.2 },
  grinding: { setup: 120, run: 0.3 },
  sorting_100: { setup: 50, run: 0.1 },
  magnetic_annealing: { setup: 150, run: 0.08 },
  hip: { setup: 400, run: 0.3 },
  blasting: { setup: 40, run: 0.03 },
  pvd: { setup: 200, run: 0.25 },
};

export const RATE_DEFINITIONS: readonly RateDefinition[] = [
  ...MATERIALS.map((m) =>
    rate(
      "feedstock",
      feedstockKey(m.id),
      `Feedstock price, ${m.label}`,
      "money",
      "/kg",
      FEEDSTOCK_EXAMPLE_PER_KG[m.family] ?? 60,
      { min: 0, max: 10_000 },
      m.family === "stainless"
        ? "example: makers publish no price; docs/domain/quoting.md 1 gives USD 15-40/kg for premixed stainless"
        : NO_SOURCE,
    ),
  ),
  rate(
    "feedstock",
    "binderMassShare",
    "Binder share of the feedstock mass",
    "share",
    "% of feedstock mass",
    0.07,
    { min: 0, max: 0.5 },
    "pim-international.com: 6-8 mass % binder (docs/domain/quoting.md 1)",
  ),
  rate("feedstock", "runnerPerShotG", "Runner and sprue feedstock per shot", "quantity", "g per shot", 4, {
    min: 0,
    max: 10_000,
  }),
  rate(
    "feedstock",
    "regrindShare",
    "Reground share of runner and sprue (not for medical or aerospace parts)",
    "share",
    "% of runner mass",
    0.2,
    SHARE,
    "advancedmim.com FAQ: at most 20-30 %, one reuse, none for medical or aerospace (docs/domain/quoting.md 1)",
  ),
  rate(
    "molding",
    "machineRatePerHour",
    "Molding machine rate",
    "money",
    "/h",
    45,
    { min: 0, max: 10_000 },
    "German's example: USD 25/h standard, 45/h average (sofinepim.com, docs/domain/quoting.md 1)",
  ),
  rate(
    "molding",
    "cycleTimeS",
    "Molding cycle time",
    "quantity",
    "s",
    30,
    { min: 1, max: 3600 },
    "example: docs/domain/quoting.md 1 gives 15-45 s",
  ),
  rate(
    "molding",
    "moldingEfficiency",
    "Molding efficiency",
    "share",
    "% of machine time",
    0.9,
    YIELD,
    "about 90 % (sofinepim.com, docs/domain/quoting.md 1)",
  ),
  rate(
    "molding",
    "hoursPerYear",
    "Press hours per year (24 h x 5 days x 50 weeks)",
    "quantity",
    "h per year",
    6000,
    // A leap year has 8784 hours.
    { min: 1, max: 8784 },
    "genesisllc.com cavitation (docs/domain/quoting.md 3)",
  ),
  rate(
    "molding",
    "maxUtilisation",
    "Highest planned load of one tool",
    "share",
    "% of press hours",
    0.8,
    YIELD,
    "genesisllc.com cavitation: at most 80 % (docs/domain/quoting.md 3)",
  ),
  rate(
    "furnace",
    "furnaceRunCost",
    "Cost of one debinding and sintering furnace run",
    "money",
    "per run",
    400,
    PER_LOT,
  ),
  rate("furnace", "furnaceLoadAreaMm2", "Tray or setter area per furnace load", "quantity", "mm²", 1_500_000, {
    min: 1_000,
    max: 100_000_000,
  }),
  rate("furnace", "trayPacking", "Tray area each part takes, over its footprint", "quantity", "x footprint", 1.5, {
    min: 1,
    max: 20,
  }),
  rate("yield", "yieldMolding", "Yield of molding", "share", "% good", 0.97, YIELD),
  rate("yield", "yieldDebinding", "Yield of debinding", "share", "% good", 0.98, YIELD),
  rate("yield", "yieldSintering", "Yield of sintering", "share", "% good", 0.95, YIELD),
  rate("yield", "yieldSizing", "Yield of post-sintering sizing", "share", "% good", 0.98, YIELD),
  rate(
    "yield",
    "yieldInspection",
    "Yield of final inspection",
    "share",
    "% good",
    0.98,
    YIELD,
    "example: sorting to very tight tolerances can mean about 80 % (pim-international.com, docs/domain/quoting.md 1)",
  ),
  rate("operations", "sizingPerPart", "Post-sintering sizing", "money", "per part", 0.15, PER_PART),
  ...SECONDARY_OPERATIONS.flatMap((op) => [
    rate(
      "operations",
      operationSetupKey(op.id),
      `${op.label}: set-up`,
      "money",
      "per lot",
      OPERATION_EXAMPLES[op.id].setup,
      PER_LOT,
    ),
    rate(
      "operations",
      operationRunKey(op.id),
      `${op.label}: run`,
      "money",
      "per part",
      OPERATION_EXAMPLES[op.id].run,
      PER_PART,
    ),
  ]),
  rate("finishing", "inspectionPerPart", "Final inspection", "money", "per part", 0.05, PER_PART),
  rate("finishing", "packagingPerPart", "Packaging", "money", "per part", 0.02, PER_PART),
  rate(
    "finishing",
    "overheadShare",
    "Overhead on manufacturing cost",
    "share",
    "% of manufacturing cost",
    0.1,
    SHARE,
    "brm-metal.com cost guide: overhead 8-12 % of piece cost (docs/domain/quoting.md 1)",
  ),
  rate(
    "finishing",
    "marginShare",
    "Margin (share of the selling price, not a markup on cost)",
    "share",
    "% of price",
    0.2,
    { min: 0, max: 0.9 },
  ),
  rate("tooling", "mouldBase", "Mould base", "money", "per tool", 8000, PER_TOOL),
  rate(
    "tooling",
    "firstCavity",
    "First cavity",
    "money",
    "per tool",
    15000,
    PER_TOOL,
    "example: MIM tools USD 5k-125k+, eight vendors USD 27k-70k for one mould (PIM International, docs/domain/quoting.md 2)",
  ),
  rate(
    "tooling",
    "furtherCavityShare",
    "Each further cavity, as a share of the first",
    "share",
    "% of the first cavity",
    0.65,
    SHARE,
    "smithmetals.com Tooling-Cost after German: about 65 % (docs/domain/quoting.md 2)",
  ),
  rate(
    "tooling",
    "slideShare",
    "Each slide (side action), as a share of the cavities",
    "share",
    "% of the cavity cost",
    0.25,
    SHARE,
    "PIM International: 20-30 %, up to 50 % (docs/domain/quoting.md 2)",
  ),
  rate("tooling", "hotRunner", "Hot runner", "money", "per tool", 6000, PER_TOOL),
  rate("tooling", "sizingDie", "Sizing die (carbide)", "money", "per die", 4000, PER_TOOL),
  rate("tooling", "setters", "Part-specific setters", "money", "per set", 1500, PER_TOOL),
  rate("tooling", "t1Samples", "T1 samples", "money", "per tool", 1500, PER_TOOL),
  rate("tooling", "faiPpap", "First-article inspection / PPAP package", "money", "per part number", 1200, PER_TOOL),
  rate(
    "tooling",
    "shotLife",
    "Mould life before maintenance",
    "count",
    "shots",
    500_000,
    // The quote form's own shot-life bounds.
    { min: 1_000, max: 10_000_000, integer: true },
    "mdmetalline.com: 300k-500k shots before maintenance (docs/domain/quoting.md 2)",
  ),
  rate(
    "tooling",
    "toolingDepositShare",
    "Tooling paid with the order (the rest on sample approval)",
    "share",
    "% of tooling",
    0.5,
    SHARE,
    "common moulder terms: 50 % down, 50 % at samples (docs/domain/quoting.md 5)",
  ),
  rate(
    "approval",
    "approvalAboveTotal",
    "Quotes above this total (tooling plus the largest order) need an admin's approval",
    "money",
    "total",
    50_000,
    { min: 0, max: 1_000_000_000 },
  ),
  rate(
    "approval",
    "approvalBelowMarginShare",
    "Quotes with a margin below this floor need an admin's approval",
    "share",
    "% of price",
    0.12,
    { min: 0, max: 0.9 },
  ),
];

export type RateKey = string;

const BY_KEY = new Map(RATE_DEFINITIONS.map((d) => [d.key, d]));

export function rateDefinition(key: string): RateDefinition | undefined {
  return BY_KEY.get(key);
}

/** The value of every rate: what the cost model reads. */
export type RateValues = Readonly<Record<RateKey, number>>;

export function defaultRateValues(): RateValues {
  return Object.fromEntries(RATE_DEFINITIONS.map((d) => [d.key, d.defaultValue]));
}

/**
 * Why a value cannot be this rate's, naming the rate, its range and its unit (in `currency` for
 * money, when known), or null when it can. Shares are stored as fractions and typed as percentages.
 */
export function rateValueProblem(definition: RateDefinition, value: number, currency: string | null): string | null {
  const unit = currency === null ? definition.unit : rateUnit(definition, currency);
  return rangeProblem({ ...definition, unit }, value, definition.kind === "share" ? 100 : 1);
}

/** A rate's unit as shown: money units carry the currency ("USD/kg", "USD per part"). */
export function rateUnit(definition: RateDefinition, currency: string | null): string {
  if (definition.kind !== "money") return definition.unit;
  return definition.unit.startsWith("/")
    ? `${currency ?? ""}${definition.unit}`
    : `${currency ?? ""} ${definition.unit}`;
}

/** One rate as it stands, for the admin page and for a quote to keep. Dates are ISO strings. */
export type RateEntry = {
  key: string;
  group: RateGroup;
  label: string;
  kind: RateKind;
  /** The unit as shown, with the currency for money ("USD/kg"). */
  unit: string;
  value: number;
  currency: string | null;
  source: string;
  /** False while the rate is the shipped default: no administrator has set it. */
  setByFactory: boolean;
  /** A shipped default that no public source gives (docs/domain/quoting.md's "example"), not yet set by the factory. */
  example: boolean;
  effectiveFrom: string | null;
  changedBy: string | null;
  changedAt: string | null;
};

/**
 * The rates in force at one moment, as a plain serialisable object: a sent quote stores it as it
 * is, so its prices can be explained later whatever the rates have become.
 */
export type RatesSnapshot = {
  takenAt: string;
  /** The currency every money rate is in, or null while they are in several. */
  currency: string | null;
  confirmed: { by: string; at: string } | null;
  rates: RateEntry[];
};

export type StoredRate = {
  value: number;
  currency: string | null;
  source: string;
  effectiveFrom: Date;
  changedBy: string;
  changedAt: Date;
};

/** Every rate of the catalogue: the stored one in force, or the shipped default. */
export function ratesSnapshot(
  inForce: ReadonlyMap<string, StoredRate>,
  confirmation: { by: string; at: Date } | undefined,
  now: Date,
): RatesSnapshot {
  const entries = RATE_DEFINITIONS.map((d): RateEntry => {
    const stored = inForce.get(d.key);
    const currency = d.kind === "money" ? (stored?.currency ?? DEFAULT_CURRENCY) : null;
    return {
      key: d.key,
      group: d.group,
      label: d.label,
      kind: d.kind,
      unit: rateUnit(d, currency),
      value: stored?.value ?? d.defaultValue,
      currency,
      source: stored?.source ?? d.source,
      setByFactory: stored !== undefined,
      example: stored === undefined && d.example,
      effectiveFrom: stored?.effectiveFrom.toISOString() ?? null,
      changedBy: stored?.changedBy ?? null,
      changedAt: stored?.changedAt.toISOString() ?? null,
    };
  });
  const currencies = new Set(entries.flatMap((e) => (e.currency ? [e.currency] : [])));
  return {
    takenAt: now.toISOString(),
    currency: currencies.size === 1 ? [...currencies][0]! : null,
    confirmed: confirmation ? { by: confirmation.by, at: confirmation.at.toISOString() } : null,
    rates: entries,
  };
}

/** The values the cost model prices with, or why these rates cannot price a quote. */
export function pricingRates(
  snapshot: RatesSnapshot,
): { ok: true; currency: string; values: RateValues } | { ok: false; problem: string } {
  if (snapshot.currency === null) {
    const used = [...new Set(snapshot.rates.flatMap((r) => (r.currency ? [r.currency] : [])))].sort();
    return {
      ok: false,
      problem: `The money rates are in ${used.join(" and ")}: set every money rate in one currency before pricing.`,
    };
  }
  return {
    ok: true,
    currency: snapshot.currency,
    values: Object.fromEntries(snapshot.rates.map((r) => [r.key, r.value])),
  };
}
