import { z } from "zod";
import { DECLINE_REASON_IDS } from "../../workflows/quote-answer";
import { cleanText } from "./text";

/**
 * The buyer's forms on the quotation page, read with Conform in the browser and on the server.
 * Conform turns an empty field into undefined, so a required field's message is its required_error.
 * Each schema is built with the buyer's translator (the page's in the browser, translatorFor on the
 * server), so its messages are in the buyer's language on both sides.
 */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

const line = (required: string, tooLong: string, max: number) =>
  z
    .string({ required_error: required })
    .transform((v) => cleanText(v).trim())
    // Conform reads the piped schema too, and an empty string reaches it as undefined.
    .pipe(z.string({ required_error: required }).min(1, required).max(max, tooLong));

/** Optional multi-line text: Conform leaves an empty field out, which here means "". */
const message = (tooLong: string, max: number) =>
  z
    .string()
    .max(max, tooLong)
    .optional()
    .transform((v) => cleanText(v ?? "", { multiline: true }).trim());

/** What the page offers: the cavity options and the quantity breaks of the version answered. */
export type AcceptChoices = { cavities: number[]; quantities: number[] };

export function acceptForm(choices: AcceptChoices, t: Translate) {
  return z.object({
    intent: z.literal("accept"),
    version: z.number().int(),
    cavities: z
      .number({ required_error: t("status:validation.tool") })
      .refine((c) => choices.cavities.includes(c), t("status:validation.toolQuoted")),
    quantity: z
      .number({ required_error: t("status:validation.quantity") })
      .refine((q) => choices.quantities.includes(q), t("status:validation.quantityQuoted")),
    poReference: line(t("status:validation.poReference"), t("status:validation.poReferenceLong", { max: 80 }), 80),
    buyerName: line(t("status:validation.buyerName"), t("status:validation.buyerNameLong", { max: 120 }), 120),
  });
}

export function declineForm(t: Translate) {
  return z
    .object({
      intent: z.literal("decline"),
      version: z.number().int(),
      reason: z.enum(DECLINE_REASON_IDS, { errorMap: () => ({ message: t("status:validation.reason") }) }),
      text: message(t("status:validation.explanationLong", { max: 2000 }), 2000),
    })
    .superRefine((v, ctx) => {
      if (v.reason === "other" && v.text === "")
        ctx.addIssue({
          code: "custom",
          path: ["text"],
          message: t("status:validation.otherReason", { other: t("status:declineReason.other") }),
        });
    });
}

export function quoteQuestionForm(t: Translate) {
  const required = t("status:validation.question");
  return z.object({
    intent: z.literal("question"),
    version: z.number().int(),
    text: z
      .string({ required_error: required })
      .transform((v) => cleanText(v, { multiline: true }).trim())
      .pipe(
        z
          .string({ required_error: required })
          .min(1, required)
          .max(4000, t("status:validation.questionLong", { max: 4000 })),
      ),
  });
}

export function updateRequestForm(t: Translate) {
  return z.object({
    intent: z.literal("update"),
    version: z.number().int(),
    text: message(t("status:validation.messageLong", { max: 4000 }), 4000),
  });
}

export const QUOTE_ANSWER_INTENTS = ["accept", "decline", "question", "update"] as const;
export type QuoteAnswerIntent = (typeof QUOTE_ANSWER_INTENTS)[number];
