import { z } from "zod";
import { REVIEW_GATES, SUITABILITY_OUTCOMES } from "../../workflows/inquiry";
import {
  ALTERNATIVE_PROCESSES,
  INSPECTION_ITEMS,
  PROCESS_STAGES,
  RISK_LEVELS,
  SECONDARY_OPERATIONS,
  SIZING_REQUIREMENTS,
  SUITABILITY_CRITERIA,
  type StageAssessment,
} from "../../workflows/review-domain";
import { cleanText, withCleanText } from "./text";

/**
 * The staff workspace's forms. Every form posts an `intent` and the inquiry `version` it was
 * rendered from, so a save made on stale data is refused instead of overwriting a colleague.
 */

const ids = <T extends { id: string }>(list: readonly T[]) => list.map((item) => item.id) as [T["id"], ...T["id"][]];
const text = (max = 4000) => z.string().trim().max(max).default("");
const version = z.coerce.number().int().positive();

export const suitabilityForm = withCleanText(
  z.object({
    version,
    criteria: z.array(z.enum(ids(SUITABILITY_CRITERIA))).default([]),
    outcome: z.enum(SUITABILITY_OUTCOMES, { errorMap: () => ({ message: "Choose the suitability decision." }) }),
    reason: text(),
    alternative: z
      .enum(ids(ALTERNATIVE_PROCESSES))
      .optional()
      .or(z.literal("").transform(() => undefined)),
    feedback: text(),
  }),
  ["reason", "feedback"],
);

const sizingObject = z
  .object({
    version,
    sizingRequired: z.enum(["yes", "no"], {
      errorMap: () => ({ message: "Answer whether post-sintering sizing is needed." }),
    }),
    sizingRequirement: z
      .enum(ids(SIZING_REQUIREMENTS))
      .optional()
      .or(z.literal("").transform(() => undefined)),
    sizingFeature: text(300),
    sizingReason: text(),
    secondary: z.array(z.enum(ids(SECONDARY_OPERATIONS))).default([]),
    inspection: z.array(z.enum(ids(INSPECTION_ITEMS))).default([]),
    inspectionNotes: text(),
  })
  .superRefine((v, ctx) => {
    if (v.sizingRequired !== "yes") return;
    if (!v.sizingRequirement)
      ctx.addIssue({ code: "custom", path: ["sizingRequirement"], message: "Choose the requirement sizing is for." });
    if (!v.sizingFeature)
      ctx.addIssue({
        code: "custom",
        path: ["sizingFeature"],
        message: 'Name the feature to size, e.g. "assembly surface A".',
      });
    if (!v.sizingReason)
      ctx.addIssue({
        code: "custom",
        path: ["sizingReason"],
        message: "Give the reason sintering alone will not hold it.",
      });
  });
export const sizingForm = withCleanText(sizingObject, ["sizingReason", "inspectionNotes"]);

export const reopenForm = withCleanText(z.object({ version, gate: z.enum(REVIEW_GATES), reason: text() }), ["reason"]);
export const withdrawForm = withCleanText(z.object({ version, reason: text() }), ["reason"]);
export const questionForm = withCleanText(
  z.object({
    version,
    question: z.string().trim().min(1, "Write the question for the buyer.").max(4000),
    wantsRevision: z.literal("on").optional(),
  }),
  ["question"],
);
export const commentForm = withCleanText(
  z.object({ comment: z.string().trim().min(1, "Write the comment.").max(4000) }),
  ["comment"],
);
export const assignForm = withCleanText(z.object({ version, assignee: z.string().uuid("Choose an engineer.") }));
export const versionOnly = withCleanText(z.object({ version }));

/** Reads the stage-risk form: per stage a level, the ticked control points and risks, and notes. */
export function readStageRisk(
  form: FormData,
): { version: number; stages: Record<string, StageAssessment> } | { error: string } {
  const parsedVersion = version.safeParse(form.get("version"));
  if (!parsedVersion.success) return { error: "The form has no inquiry version: reload the page." };
  const levels = new Set<string>(RISK_LEVELS.map((l) => l.id));
  const stages: Record<string, StageAssessment> = {};
  for (const s of PROCESS_STAGES) {
    const level = String(form.get(`level_${s.id}`) ?? "");
    if (!levels.has(level)) continue;
    const allowed = new Set([...s.controlPoints, ...s.risks]);
    stages[s.id] = {
      level: level as StageAssessment["level"],
      checked: form
        .getAll(`check_${s.id}`)
        .map(String)
        .filter((c) => allowed.has(c)),
      notes: cleanText(String(form.get(`notes_${s.id}`) ?? ""), { multiline: true })
        .trim()
        .slice(0, 4000),
    };
  }
  return { version: parsedVersion.data, stages };
}

/** The drawing requirement behind each chosen secondary operation, keyed by operation. */
export function readSecondaryReasons(form: FormData, chosen: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    chosen.map((id) => [
      id,
      cleanText(String(form.get(`secondaryReason_${id}`) ?? ""))
        .trim()
        .slice(0, 1000),
    ]),
  );
}
