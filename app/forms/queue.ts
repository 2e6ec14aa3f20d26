import { z } from "zod";
import { INQUIRY_STATES, type InquiryState } from "../../workflows/inquiry";
import { MATERIAL_IDS } from "../../workflows/materials";
import { REVIEW_GATES } from "../../workflows/inquiry";
import { decodeCursor, QUEUE_QUOTE_FILTERS, QUEUE_SORTS, type QueueParams } from "../../db/queries/queue";
import { DECLINE_REASON_IDS } from "../../workflows/quote-answer";
import { withCleanText } from "./text";

/**
 * The review queue's filters, read from the URL (a plain GET form, so links and bookmarks work).
 * Blank fields mean "any", unknown parameters are ignored, and a value the queue does not know
 * (a misspelt state, a tampered cursor) is refused with a 400 naming the parameter, rather than
 * silently showing a different list than the one asked for.
 */

export const QUEUE_SEARCH_MAX = 100;

const STATE_IDS = Object.keys(INQUIRY_STATES) as [InquiryState, ...InquiryState[]];

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

function oneOf<T extends string>(name: string, values: readonly [T, ...T[]]) {
  return z.preprocess(
    blankToUndefined,
    z.enum(values, { errorMap: () => ({ message: `Unknown ${name}: use one of ${values.join(", ")}.` }) }).optional(),
  );
}

const queueObject = z
  .object({
    state: oneOf("state", STATE_IDS),
    gate: oneOf("gate", REVIEW_GATES),
    assignee: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^[A-Za-z0-9-]{1,64}$/, 'Unknown assignee: use "mine", "unassigned" or a staff member\'s id.')
        .optional(),
    ),
    material: oneOf("material", MATERIAL_IDS),
    // A checkbox sends "on" when ticked and nothing otherwise; links may say "1" or "true".
    overdue: z.preprocess(
      blankToUndefined,
      z
        .enum(["on", "1", "true"], {
          errorMap: () => ({ message: 'Overdue is a checkbox: send "on" or leave it out.' }),
        })
        .optional()
        .transform((v) => v !== undefined),
    ),
    quote: oneOf("quotation filter", QUEUE_QUOTE_FILTERS),
    reason: oneOf("decline reason", DECLINE_REASON_IDS),
    q: z.preprocess(
      (v) => (typeof v === "string" ? blankToUndefined(v.trim()) : v),
      z.string().max(QUEUE_SEARCH_MAX, `Keep the search under ${QUEUE_SEARCH_MAX} characters.`).optional(),
    ),
    sort: z.preprocess(
      blankToUndefined,
      z
        .enum(QUEUE_SORTS, { errorMap: () => ({ message: `Unknown sort: use one of ${QUEUE_SORTS.join(", ")}.` }) })
        .default("newest"),
    ),
    cursor: z.preprocess(
      blankToUndefined,
      z
        .string()
        .max(300)
        .transform(
          (text, ctx) =>
            decodeCursor(text) ??
            (ctx.addIssue({ code: "custom", message: "This page link is damaged: go back to the first page." }),
            z.NEVER),
        )
        .optional(),
    ),
  })
  .superRefine((params, ctx) => {
    if (params.cursor && params.cursor.sort !== params.sort) {
      ctx.addIssue({
        code: "custom",
        path: ["cursor"],
        message: "This page link belongs to another sort order: go back to the first page.",
      });
    }
  });

export const queueParamsSchema = withCleanText(queueObject) satisfies z.ZodType<QueueParams, z.ZodTypeDef, unknown>;
