import { z } from "zod";
import { CAVITY_COUNTS, type CavityCount, type CostModelInput, type PartInput } from "../../workflows/cost-model";
import { QUOTE_CURRENCIES, type ExchangeRate } from "../../workflows/currency";
import { INCOTERM_RULES, type ProblemAt, type QuoteDraft } from "../../workflows/quote";
import { cleanText, withCleanText } from "./text";

/**
 * The quote builder's form, read with Conform on the server and in the browser. Numbers arrive as
 * text and Conform coerces them; an empty field is undefined, so optional numbers stay optional.
 */
const whole = (what: string, min: number, max: number) =>
  z
    .number({ required_error: `Enter ${what}.`, invalid_type_error: `Enter ${what} as a number.` })
    .int(`Enter ${what} as a whole number.`)
    .min(min, `${what[0]!.toUpperCase()}${what.slice(1)} must be at least ${min}.`)
    .max(max, `${what[0]!.toUpperCase()}${what.slice(1)} must be at most ${max}.`);

const line = (what: string, max = 300) =>
  z
    .string({ required_error: `Enter ${what}.` })
    .trim()
    .min(1, `Enter ${what}.`)
    .max(max, `Keep ${what} under ${max} characters.`);

/**
 * One line the builder offers to set by hand: a unit price (cavities and quantity) or a tooling line
 * (cavities and the line's id, no quantity). An empty amount keeps the computed figure.
 */
const overrideRow = z.object({
  cavities: z.number().int().positive(),
  quantity: z.number().int().positive().optional(),
  lineId: z.string().min(1).max(60),
  amount: z
    .number({ invalid_type_error: "Enter the price as a number, e.g. 1.25 (or leave it empty for the computed one)." })
    .min(0, "Enter a price of zero or more.")
    .max(100_000_000, "Enter a price below 100,000,000.")
    .optional(),
  // Inside an array of rows, out of withCleanText's reach: cleaned here.
  reason: z
    .string()
    .transform((text) => cleanText(text))
    .pipe(z.string().trim().max(300, "Keep the reason under 300 characters."))
    .optional(),
});

const DAY = 24 * 60 * 60 * 1000;

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date of the exchange rate as YYYY-MM-DD.")
  .refine((value) => {
    const time = Date.parse(`${value}T00:00:00Z`);
    return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
  }, "Enter the date of the exchange rate as a real calendar date (YYYY-MM-DD).")
  // A day of slack: the browser's today may be ahead of the server's.
  .refine(
    (value) => Date.parse(`${value}T00:00:00Z`) <= Date.now() + DAY,
    "The exchange rate's date is in the future.",
  );

const quoteFields = z.object({
  // The version the form was rendered from (none: the first version) and its row version.
  quoteId: z.string().max(100).optional(),
  rowVersion: z.number().int().optional(),
  massG: z.number().positive("Enter the sintered mass in grams, above zero.").max(5_000).optional(),
  footprintMm2: z.number().positive("Enter the footprint in mm², above zero.").max(1_000_000).optional(),
  quantities: z.string({ required_error: "Enter at least one quantity." }).transform((text, ctx) => {
    const parts = text.split(/[\s,;]+/).filter(Boolean);
    const numbers = parts.map((p) => Number(p.replace(/_/g, "")));
    if (
      parts.length === 0 ||
      parts.length > 6 ||
      numbers.some((n) => !Number.isInteger(n) || n < 1 || n > 10_000_000)
    ) {
      ctx.addIssue({
        code: "custom",
        message: "Enter 1 to 6 order quantities as whole numbers, separated by commas (e.g. 1000, 5000, 20000).",
      });
      return z.NEVER;
    }
    return [...new Set(numbers)].sort((a, b) => a - b);
  }),
  // None chosen: the cost model suggests options from the annual volume.
  cavities: z.array(z.enum(CAVITY_COUNTS.map(String) as [string, ...string[]])).default([]),
  validityDays: whole("the validity in days", 1, 365),
  incotermRule: z.enum(INCOTERM_RULES, { errorMap: () => ({ message: "Choose the Incoterms rule." }) }),
  incotermPlace: line("the named place of the Incoterms rule", 120),
  paymentTerms: line("the payment terms", 200),
  toolingLeadWeeks: whole("the weeks from order to first samples", 1, 52),
  productionLeadWeeks: whole("the weeks from sample approval to production", 1, 52),
  rawMaterialClause: line("the raw-material price clause", 1000),
  toolingPaymentTerms: line("the tooling payment terms", 300),
  toolingOwnership: line("who owns the tooling", 300),
  shotLife: whole("the tool's shot life", 1_000, 10_000_000),
  assumptions: z.string().max(4000, "Keep the assumptions under 4000 characters.").default(""),
  internalNotes: z.string().trim().max(4000, "Keep the internal notes under 4000 characters.").default(""),
  buyerNotes: z.string().trim().max(4000, "Keep the notes for the buyer under 4000 characters.").default(""),
  // The process stages whose stage-risk notes were ticked to be added to the assumptions.
  addAssumptions: z.array(z.string().max(60)).max(20).default([]),
  // Absent (a client that predates the field): the rates' own currency.
  currency: z.string().optional(),
  exchangeRate: z
    .number({ invalid_type_error: "Enter the exchange rate as a number, e.g. 1.0850." })
    .positive("Enter an exchange rate above zero.")
    .max(1_000_000, "Enter an exchange rate below 1,000,000.")
    .optional(),
  exchangeRateDate: isoDay.optional(),
  exchangeRateSource: z.string().trim().max(200, "Keep the exchange rate's source under 200 characters.").optional(),
  overrides: z.array(overrideRow).max(200).default([]),
});

/** The builder's multi-line fields: their text is cleaned keeping line breaks and tabs. */
const QUOTE_MULTILINE = ["rawMaterialClause", "assumptions", "internalNotes", "buyerNotes"];

/**
 * The builder's schema for a factory whose rates are in `ratesCurrency` (null while they are in
 * several), for an inquiry whose part was `measured` or not: without a measured model the mass is
 * needed; a quote in another currency needs the exchange rate, its date and its source; a price set
 * by hand needs a reason, and a unit price above zero (a free part would escape the margin floor).
 */
export function quoteFormFor(ratesCurrency: string | null, measured: boolean) {
  const currencies: readonly string[] = [...QUOTE_CURRENCIES, ...(ratesCurrency ? [ratesCurrency] : [])];
  return withCleanText(quoteFields, QUOTE_MULTILINE).superRefine((v, ctx) => {
    if (!measured && v.massG === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["massG"],
        message: "No model was measured: enter the sintered mass in grams.",
      });
    const currency = v.currency ?? ratesCurrency;
    if (currency !== null && !currencies.includes(currency))
      ctx.addIssue({ code: "custom", path: ["currency"], message: "Choose the quote's currency from the list." });
    else if (ratesCurrency && currency !== ratesCurrency) {
      const missing = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
      if (v.exchangeRate === undefined)
        missing(
          "exchangeRate",
          `The rates are in ${ratesCurrency}: enter how many ${currency} one ${ratesCurrency} buys.`,
        );
      if (v.exchangeRateDate === undefined) missing("exchangeRateDate", "Enter the date of the exchange rate.");
      if (!v.exchangeRateSource)
        missing("exchangeRateSource", "Enter where the exchange rate comes from, e.g. ECB reference rate.");
    }
    v.overrides.forEach((o, i) => {
      const at = (field: string, message: string) =>
        ctx.addIssue({ code: "custom", path: ["overrides", i, field], message });
      if (o.amount !== undefined && !o.reason)
        at("reason", "Give the reason for setting this price by hand: the approver reads it.");
      if (o.amount === undefined && o.reason) at("amount", "Enter the price set by hand, or clear the reason.");
      if (o.amount === 0 && o.quantity !== undefined) at("amount", "Enter a unit price above zero.");
    });
  });
}

export type QuoteFormValues = z.infer<typeof quoteFields>;

/** One assumption per line, blank lines dropped. */
export function assumptionLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/** A one-button action of the builder on a version, with the version's row as the page showed it. */
export const quoteActionForm = z.object({
  intent: z.enum(["request_approval", "approve", "copy", "send"]),
  quoteId: z.string().min(1).max(100),
  rowVersion: z.number().int().min(0),
});

/** What a draft takes from the inquiry rather than the form. */
type DraftBasis = {
  /** The cost model's inputs prefilled from the inquiry and the review, all but the part. */
  inputs: Omit<CostModelInput, "part">;
  /** The part as its model was measured; null: as the form enters it. */
  measured: PartInput | null;
  ratesCurrency: string | null;
  /** The stage-risk notes the page offered, by process stage. */
  offered: readonly { stage: string; text: string }[];
};

/**
 * The draft a valid form asks for, and the form field a refusal of it belongs beside: the hand-set
 * prices are those with an amount, each remembering its row of the form. The quote's currency comes
 * with an exchange rate only when it is not the rates' own; the ticked stage-risk notes join the
 * typed assumptions unless already there.
 */
export function quoteDraftFrom(v: QuoteFormValues, basis: DraftBasis) {
  // quoteFormFor refuses a form without the mass when no model was measured.
  const part: PartInput = basis.measured ?? { kind: "entered", massG: v.massG!, footprintMm2: v.footprintMm2 ?? null };
  const priced = v.overrides.flatMap((o, row) =>
    o.amount === undefined
      ? []
      : [
          {
            row,
            override: {
              cavities: o.cavities,
              quantity: o.quantity ?? null,
              lineId: o.lineId,
              amount: o.amount,
              reason: o.reason ?? "",
            },
          },
        ],
  );
  const { ratesCurrency } = basis;
  const exchangeRate: ExchangeRate | null =
    ratesCurrency &&
    v.currency !== undefined &&
    v.currency !== ratesCurrency &&
    v.exchangeRate !== undefined &&
    v.exchangeRateDate !== undefined &&
    v.exchangeRateSource
      ? {
          from: ratesCurrency,
          to: v.currency,
          rate: v.exchangeRate,
          date: v.exchangeRateDate,
          source: v.exchangeRateSource,
        }
      : null;
  const typed = assumptionLines(v.assumptions);
  const added = basis.offered
    .filter((a) => v.addAssumptions.includes(a.stage) && !typed.includes(a.text))
    .map((a) => a.text);
  const draft: QuoteDraft = {
    currency: v.currency,
    inputs: {
      ...basis.inputs,
      part,
      quantities: v.quantities,
      cavities: v.cavities.length > 0 ? v.cavities.map((c) => Number(c) as CavityCount) : undefined,
    },
    overrides: priced.map((p) => p.override),
    assumptions: [...typed, ...added],
    terms: {
      validityDays: v.validityDays,
      incoterm: { rule: v.incotermRule, place: v.incotermPlace },
      paymentTerms: v.paymentTerms,
      toolingLeadWeeks: v.toolingLeadWeeks,
      productionLeadWeeks: v.productionLeadWeeks,
      rawMaterialClause: v.rawMaterialClause,
      toolingPaymentTerms: v.toolingPaymentTerms,
      toolingOwnership: v.toolingOwnership,
      shotLife: v.shotLife,
      exchangeRate,
    },
    internalNotes: v.internalNotes,
    buyerNotes: v.buyerNotes,
  };
  const fieldOf = (at: ProblemAt) =>
    "override" in at ? `overrides[${priced[at.override]?.row ?? 0}].amount` : at.field;
  return { draft, fieldOf };
}
