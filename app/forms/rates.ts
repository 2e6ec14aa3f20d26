import { z } from "zod";
import { rateDefinition, rateValueProblem, type RateDefinition } from "../../workflows/rates";
import { withCleanText } from "./text";

/** Shares are typed as percentages ("20" for 20 %) and stored as fractions. */
export const PERCENT_KINDS = new Set(["share"]);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CURRENCY = /^[A-Z]{3}$/;
const CURRENCY_MESSAGE = "Enter the currency as a three-letter ISO code, e.g. USD or EUR.";

/** The typed value as stored: a share's percentage as a fraction; NaN when it is not a number. */
const storedValue = (definition: RateDefinition, typed: string) =>
  PERCENT_KINDS.has(definition.kind) ? Number(typed) / 100 : Number(typed);

/**
 * One rate's new value. The value's bounds depend on the rate (a yield is a share above zero, a
 * shot life a whole number): they are the catalogue's ranges, checked after the shape, so that
 * anything that is not a number in range (NaN, Infinity, 1e308) gets the one message naming them.
 */
export const rateChangeForm = withCleanText(
  z
    .object({
      key: z.string().refine((k) => rateDefinition(k) !== undefined, "This rate is unknown: reload the page."),
      value: z.string().trim().min(1, "Enter the value.").default(""),
      currency: z
        .string()
        .trim()
        .toUpperCase()
        .refine((c) => c === "" || CURRENCY.test(c), CURRENCY_MESSAGE)
        .default(""),
      source: z
        .string()
        .trim()
        .min(1, "Say where the figure comes from: a supplier's price and its date, a costing, a quote.")
        .max(500, "Keep the source note under 500 characters.")
        .default(""),
      effectiveFrom: z
        .string()
        .regex(DATE, "Enter the date the rate applies from.")
        .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), "Enter a real calendar date.")
        .default(""),
      reason: z.string().trim().max(1000, "Keep the reason under 1000 characters.").default(""),
    })
    .superRefine((v, ctx) => {
      const definition = rateDefinition(v.key);
      if (!definition) return;
      if (definition.kind === "money" && v.currency === "")
        ctx.addIssue({ code: "custom", path: ["currency"], message: CURRENCY_MESSAGE });
      if (v.value === "") return;
      const problem = rateValueProblem(
        definition,
        storedValue(definition, v.value),
        CURRENCY.test(v.currency) ? v.currency : null,
      );
      if (problem) ctx.addIssue({ code: "custom", path: ["value"], message: problem });
    })
    .transform((v) => {
      const definition = rateDefinition(v.key)!;
      return {
        key: v.key,
        value: storedValue(definition, v.value),
        currency: definition.kind === "money" ? v.currency : null,
        source: v.source,
        effectiveFrom: new Date(`${v.effectiveFrom}T00:00:00Z`),
        reason: v.reason || null,
      };
    }),
);
