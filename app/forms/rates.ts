import { z } from "zod";
import { rateDefinition, rateValueProblem } from "../../workflows/rates";
import { withCleanText } from "./text";

/** Shares are typed as percentages ("20" for 20 %) and stored as fractions. */
export const PERCENT_KINDS = new Set(["share"]);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CURRENCY = /^[A-Z]{3}$/;
const CURRENCY_MESSAGE = "Enter the currency as a three-letter ISO code, e.g. USD or EUR.";

/**
 * One rate's new value. The value's bounds depend on the rate (a yield is a share above zero, a
 * shot life a whole number), so they are checked against the catalogue after the shape.
 */
export const rateChangeForm = withCleanText(
  z
    .object({
      key: z.string().refine((k) => rateDefinition(k) !== undefined, "This rate is unknown: reload the page."),
      value: z
        .string()
        .trim()
        .min(1, "Enter the value.")
        .pipe(z.coerce.number({ invalid_type_error: "Enter the value as a number, e.g. 25.5." }))
        .default(""),
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
      const value = PERCENT_KINDS.has(definition.kind) ? v.value / 100 : v.value;
      const problem = rateValueProblem(definition, value);
      if (problem) ctx.addIssue({ code: "custom", path: ["value"], message: problem });
    })
    .transform((v) => {
      const definition = rateDefinition(v.key)!;
      return {
        key: v.key,
        value: PERCENT_KINDS.has(definition.kind) ? v.value / 100 : v.value,
        currency: definition.kind === "money" ? v.currency : null,
        source: v.source,
        effectiveFrom: new Date(`${v.effectiveFrom}T00:00:00Z`),
        reason: v.reason || null,
      };
    }),
);
