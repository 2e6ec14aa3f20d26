import { z } from "zod";
import { REVIEW_GATES, SUITABILITY_OUTCOMES } from "../../workflows/inquiry";
import {
  ALTERNATIVE_PROCESSES,
  INSPECTION_ITEMS,
  labelOf,
  PROCESS_STAGES,
  RISK_LEVELS,
  SECONDARY_OPERATIONS,
  SIZING_REQUIREMENTS,
  SUITABILITY_CRITERIA,
  type StageAssessment,
} from "../../workflows/review-domain";
import { STAGE_CHECKLIST } from "../../workflows/stage-checklist";
import { cleanText, withCleanText } from "./text";

/**
 * The staff workspace's forms as one schema: a union on `intent`, read with Conform in the
 * browser and on the server. Every form posts the inquiry `version` it was rendered from, so a
 * save made on stale data is refused instead of overwriting a colleague. Conform turns an empty
 * field into undefined, so a required field's message is its required_error.
 */

const ids = <T extends { id: string }>(list: readonly T[]) => list.map((item) => item.id) as [T["id"], ...T["id"][]];
const text = (max = 4000) => z.string().trim().max(max, `Keep it under ${max} characters.`).default("");
const required = (message: string, max = 4000) =>
  z.string({ required_error: message }).trim().min(1, message).max(max, `Keep it under ${max} characters.`);
const choose = (message: string) => ({ errorMap: () => ({ message }) });
/** The stage-risk and secondary-operation fields are named per stage and per operation. */
const read = (value: object, name: string): unknown => (value as Record<string, unknown>)[name];
const version = z.number({
  required_error: "The form has no inquiry version: reload the page.",
  invalid_type_error: "The form has no inquiry version: reload the page.",
});

const suitability = z.object({
  intent: z.literal("suitability"),
  version,
  criteria: z.array(z.enum(ids(SUITABILITY_CRITERIA))).default([]),
  outcome: z.enum(SUITABILITY_OUTCOMES, choose("Choose the suitability decision.")),
  reason: required("Give the reason for the suitability decision."),
  alternative: z.enum(ids(ALTERNATIVE_PROCESSES)).optional(),
  feedback: text(),
});

/** A focus point's note is named by its place in the stage's review focus: the points are prose. */
export const focusField = (stage: string, index: number) => `focus_${stage}_${index}`;
const checklistIds = (stage: string) => {
  const items = STAGE_CHECKLIST.filter((i) => i.stage === stage).map((i) => i.id);
  // A stage without checklist items still needs an enum to parse an (always empty) list.
  return (items.length > 0 ? items : ["none"]) as [string, ...string[]];
};
const stageFields = Object.fromEntries(
  PROCESS_STAGES.flatMap((s) => [
    [`level_${s.id}`, z.enum(ids(RISK_LEVELS)).optional()],
    [`check_${s.id}`, z.array(z.enum([...s.controlPoints, ...s.risks] as [string, ...string[]])).default([])],
    [`notes_${s.id}`, text()],
    ...s.focusPoints.map((_, i) => [focusField(s.id, i), text(1000)]),
    [`checklist_${s.id}`, z.array(z.enum(checklistIds(s.id))).default([])],
  ]),
) as Record<string, z.ZodTypeAny>;
const stageRisk = z.object({ intent: z.literal("stage_risk"), version, ...stageFields });

const secondaryReasons = Object.fromEntries(SECONDARY_OPERATIONS.map((op) => [`secondaryReason_${op.id}`, text(1000)]));
/** withCleanText cleans the top-level fields only: a list row's text is cleaned here. */
const rowText = <T extends z.ZodTypeAny>(schema: T, options: { multiline?: boolean } = {}) =>
  z.preprocess((v) => (typeof v === "string" ? cleanText(v, options) : v), schema) as unknown as T;
const sizing = z.object({
  intent: z.literal("sizing"),
  version,
  sizingRequired: z.enum(["yes", "no"], choose("Answer whether post-sintering sizing is needed.")),
  // Each row is checked only when sizing is needed (crossFieldChecks): a "no" ignores leftover rows.
  sizingFeatures: z
    .array(
      z.object({
        feature: rowText(text(300)),
        requirement: z.enum(ids(SIZING_REQUIREMENTS)).optional(),
        reason: rowText(text(), { multiline: true }),
      }),
    )
    .default([]),
  secondary: z.array(z.enum(ids(SECONDARY_OPERATIONS))).default([]),
  ...secondaryReasons,
  inspection: z.array(z.enum(ids(INSPECTION_ITEMS))).default([]),
  inspectionNotes: text(),
});

const reopen = z.object({
  intent: z.literal("reopen"),
  version,
  gate: z.enum(REVIEW_GATES),
  reason: required("Give the reason for reopening the gate."),
});
const withdraw = z.object({
  intent: z.literal("withdraw"),
  version,
  reason: required("Give the reason for withdrawing the inquiry."),
});
const ask = z.object({
  intent: z.literal("ask"),
  version,
  question: required("Write the question for the buyer."),
  wantsRevision: z.boolean().default(false),
});
const comment = z.object({ intent: z.literal("comment"), comment: required("Write the comment.") });
const assign = z.object({
  intent: z.literal("assign"),
  version,
  assignee: z.string({ required_error: "Choose an engineer." }).uuid("Choose an engineer."),
});
const startTriage = z.object({ intent: z.literal("start_triage"), version });
const beginReview = z.object({ intent: z.literal("begin_review"), version });

const union = z.discriminatedUnion("intent", [
  suitability,
  stageRisk,
  sizing,
  reopen,
  withdraw,
  ask,
  comment,
  assign,
  startTriage,
  beginReview,
]);

export type WorkspaceIntent = z.infer<typeof union>["intent"];
export const WORKSPACE_INTENTS = union.options.map((o) => o.shape.intent.value) as readonly WorkspaceIntent[];

/** The checks that span fields, as errors on the field to fix. */
function crossFieldChecks(v: z.infer<typeof union>, ctx: z.RefinementCtx) {
  const need = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  if (v.intent === "suitability") {
    if (v.outcome === "not_suitable" && !v.alternative) need("alternative", "Name the process you recommend instead.");
    if (v.outcome === "feedback_only" && !v.feedback) need("feedback", "Write the technical feedback the buyer gets.");
  }
  if (v.intent === "stage_risk") {
    for (const s of PROCESS_STAGES)
      if (!read(v, `level_${s.id}`))
        need(`level_${s.id}`, `Choose the risk at ${s.name.toLowerCase()} (or set every stage not assessed to low).`);
  }
  if (v.intent === "sizing") {
    if (v.sizingRequired === "yes") {
      if (v.sizingFeatures.length === 0)
        need("sizingFeatures", 'Add the feature to size ("Add another feature"), or answer "No".');
      v.sizingFeatures.forEach((f, i) => {
        const row = (key: string, message: string) =>
          ctx.addIssue({ code: "custom", path: ["sizingFeatures", i, key], message });
        if (!f.feature) row("feature", 'Name the feature to size, e.g. "assembly surface A".');
        if (!f.requirement) row("requirement", "Choose the requirement sizing is for.");
        if (!f.reason) row("reason", "Give the reason sintering alone will not hold it.");
      });
    }
    for (const op of v.secondary)
      if (!read(v, `secondaryReason_${op}`))
        need(
          `secondaryReason_${op}`,
          `Give the drawing requirement that makes ${labelOf(SECONDARY_OPERATIONS, op).toLowerCase()} necessary.`,
        );
  }
}

const MULTILINE = [
  "reason",
  "feedback",
  "inspectionNotes",
  "question",
  "comment",
  ...PROCESS_STAGES.map((s) => `notes_${s.id}`),
];

export const workspaceForm = withCleanText(union.superRefine(crossFieldChecks), MULTILINE);
export type WorkspaceValue = z.output<typeof workspaceForm>;
export type StageRiskValue = Extract<WorkspaceValue, { intent: "stage_risk" }>;
export type SizingValue = Extract<WorkspaceValue, { intent: "sizing" }>;

/** The stage-risk form's flat fields as one assessment per stage. */
export function stageAssessments(v: StageRiskValue): Record<string, StageAssessment> {
  const stages: Record<string, StageAssessment> = {};
  for (const s of PROCESS_STAGES) {
    const level = read(v, `level_${s.id}`) as StageAssessment["level"] | undefined;
    if (!level) continue;
    stages[s.id] = {
      level,
      checked: read(v, `check_${s.id}`) as string[],
      notes: read(v, `notes_${s.id}`) as string,
      focus: Object.fromEntries(
        s.focusPoints.flatMap((point, i) => {
          const note = read(v, focusField(s.id, i)) as string;
          return note ? [[point, note]] : [];
        }),
      ),
      checklist: read(v, `checklist_${s.id}`) as string[],
    };
  }
  return stages;
}

/** The drawing requirement behind each chosen secondary operation, keyed by operation. */
export function secondaryReasonsOf(v: SizingValue): Record<string, string> {
  return Object.fromEntries(v.secondary.map((op) => [op, String(read(v, `secondaryReason_${op}`) ?? "")]));
}
