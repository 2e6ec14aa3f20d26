import { z } from "zod";
import { DECLINE_REASON_IDS } from "../../workflows/quote-answer";
import { cleanText } from "./text";

/**
 * The buyer's forms on the quotation page, read with Conform in the browser and on the server.
 * Conform turns an empty field into undefined, so a required field's message is its required_error.
 */
const line = (what: string, max: number) =>
  z
    .string({ required_error: `Enter ${what}.` })
    .transform((v) => cleanText(v).trim())
    // Conform reads the piped schema too, and an empty string reaches it as undefined.
    .pipe(
      z
        .string({ required_error: `Enter ${what}.` })
        .min(1, `Enter ${what}.`)
        .max(max, `Keep ${what} under ${max} characters.`),
    );

/** Optional multi-line text: Conform leaves an empty field out, which here means "". */
const message = (what: string, max: number) =>
  z
    .string()
    .max(max, `Keep ${what} under ${max} characters.`)
    .optional()
    .transform((v) => cleanText(v ?? "", { multiline: true }).trim());

/** What the page offers: the cavity options and the quantity breaks of the version answered. */
export type AcceptChoices = { cavities: number[]; quantities: number[] };

export function acceptForm(choices: AcceptChoices) {
  return z.object({
    intent: z.literal("accept"),
    version: z.number().int(),
    cavities: z
      .number({ required_error: "Choose the tool (cavity option) you order." })
      .refine((c) => choices.cavities.includes(c), "Choose one of the cavity options quoted."),
    quantity: z
      .number({ required_error: "Choose the order quantity." })
      .refine((q) => choices.quantities.includes(q), "Choose one of the quantities quoted."),
    poReference: line("your purchase order reference", 80),
    buyerName: line("your name", 120),
  });
}

export const declineForm = z
  .object({
    intent: z.literal("decline"),
    version: z.number().int(),
    reason: z.enum(DECLINE_REASON_IDS, {
      errorMap: () => ({ message: "Choose the reason you decline the quotation." }),
    }),
    text: message("the explanation", 2000),
  })
  .superRefine((v, ctx) => {
    if (v.reason === "other" && v.text === "")
      ctx.addIssue({ code: "custom", path: ["text"], message: 'Say why you decline: you chose "Another reason".' });
  });

export const quoteQuestionForm = z.object({
  intent: z.literal("question"),
  version: z.number().int(),
  text: z
    .string({ required_error: "Write your question about the quotation." })
    .transform((v) => cleanText(v, { multiline: true }).trim())
    .pipe(
      z
        .string({ required_error: "Write your question about the quotation." })
        .min(1, "Write your question about the quotation.")
        .max(4000, "Keep your question under 4000 characters."),
    ),
});

export const updateRequestForm = z.object({
  intent: z.literal("update"),
  version: z.number().int(),
  text: message("your message", 4000),
});

export const QUOTE_ANSWER_INTENTS = ["accept", "decline", "question", "update"] as const;
export type QuoteAnswerIntent = (typeof QUOTE_ANSWER_INTENTS)[number];
