import { z } from "zod";
import { CAVITY_COUNTS } from "../../workflows/cost-model";
import { INCOTERM_RULES } from "../../workflows/quote";

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

export const quoteForm = z.object({
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
});

export type QuoteFormValues = z.infer<typeof quoteForm>;

/** One assumption per line, blank lines dropped. */
export function assumptionLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}
