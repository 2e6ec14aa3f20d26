import type { z } from "zod";
import {
  assignForm,
  commentForm,
  questionForm,
  readSecondaryReasons,
  readStageRisk,
  reopenForm,
  sizingForm,
  suitabilityForm,
  versionOnly,
  withdrawForm,
} from "~/forms/review";
import { formObject } from "~/forms/form-data";
import { userMay } from "./permissions.server";
import { listInquiryFiles, listModelAnalyses } from "../../db/queries/inquiries";
import { gateLabel, type WorkflowEvent } from "../../workflows/inquiry";
import {
  ALTERNATIVE_PROCESSES,
  labelOf,
  overallRisk,
  SECONDARY_OPERATIONS,
  SIZING_REQUIREMENTS,
  SUITABILITY_OUTCOME_LABELS,
} from "../../workflows/review-domain";
import type { StaffUser } from "./auth.server";
import {
  addComment,
  applyReviewEvent,
  assignInquiry,
  findInquiry,
  stageRiskSummary,
  staffActor,
  type ReviewExtras,
  type ReviewResult,
} from "./review.server";
import type { Services } from "./services.server";
import { inquiryPreAssessment } from "./workspace.server";
import { getSettings } from "./settings.server";

const REPEATED = ["criteria", "secondary", "inspection"];

function invalid(error: z.ZodError): ReviewResult {
  return { ok: false, status: 400, message: error.issues.map((i) => i.message).join(" ") };
}

/**
 * One workspace form post: reads the intent, checks who may do it, validates with zod, and
 * hands the decided event to the review service. Sales may comment; the gates are engineers'.
 */
export function handleWorkspaceAction(
  services: Services,
  user: StaffUser,
  inquiryId: string,
  form: FormData,
): ReviewResult {
  const intent = String(form.get("intent") ?? "");
  const values = formObject(form, REPEATED);
  if (intent === "comment") {
    const parsed = commentForm.safeParse(values);
    return parsed.success ? addComment(services, user, inquiryId, parsed.data.comment) : invalid(parsed.error);
  }
  const act = (version: number, event: WorkflowEvent, extras?: ReviewExtras) =>
    applyReviewEvent(services, staffActor(user), inquiryId, version, event, extras);
  if (!userMay(user, "review")) {
    return {
      ok: false,
      status: 400,
      message: "Only engineers decide the review steps. You can leave an internal comment.",
    };
  }
  switch (intent) {
    case "start_triage":
    case "begin_review": {
      const parsed = versionOnly.safeParse(values);
      if (!parsed.success) return invalid(parsed.error);
      return act(parsed.data.version, { type: intent === "start_triage" ? "START_TRIAGE" : "BEGIN_REVIEW" });
    }
    case "suitability": {
      const parsed = suitabilityForm.safeParse(values);
      if (!parsed.success) return invalid(parsed.error);
      const d = parsed.data;
      const alternative = d.alternative ? labelOf(ALTERNATIVE_PROCESSES, d.alternative) : undefined;
      const inquiry = findInquiry(services.db, inquiryId);
      const screen = inquiry
        ? inquiryPreAssessment(
            inquiry,
            listInquiryFiles(services.db, inquiryId),
            listModelAnalyses(services.db, inquiryId),
            getSettings(services.db).preAssessment,
          ).screen
        : null;
      // The screen only suggests: record what it said and whether the engineer followed it.
      const suggestion = screen
        ? { flag: screen.flag, suggested: screen.suggestion, followed: screen.suggestion === d.outcome }
        : null;
      return act(
        d.version,
        { type: "DECIDE_SUITABILITY", outcome: d.outcome, reason: d.reason, alternative, feedback: d.feedback },
        {
          decision: {
            gate: "suitability",
            payload: {
              criteria: d.criteria,
              outcome: d.outcome,
              reason: d.reason,
              alternative: d.alternative ?? null,
              feedback: d.feedback,
              preAssessment: suggestion,
            },
            summary: `${SUITABILITY_OUTCOME_LABELS[d.outcome]}: ${d.reason}${suggestion && !suggestion.followed ? ` (overriding the screen's "${SUITABILITY_OUTCOME_LABELS[suggestion.suggested]}")` : ""}`,
          },
          alternative,
          buyerMessage: d.outcome === "feedback_only" ? d.feedback : d.reason,
        },
      );
    }
    case "stage_risk": {
      const read = readStageRisk(form);
      if ("error" in read) return { ok: false, status: 400, message: read.error };
      const overall = overallRisk(read.stages);
      return act(
        read.version,
        { type: "COMPLETE_STAGE_RISK", stagesAssessed: overall.assessed, stagesTotal: 8 },
        {
          decision: {
            gate: "stage_risk",
            payload: { stages: read.stages, overall },
            summary: stageRiskSummary(read.stages),
          },
        },
      );
    }
    case "sizing": {
      const parsed = sizingForm.safeParse(values);
      if (!parsed.success) return invalid(parsed.error);
      const d = parsed.data;
      const reasons = readSecondaryReasons(form, d.secondary);
      const missing = d.secondary.filter((op) => !reasons[op]).map((op) => labelOf(SECONDARY_OPERATIONS, op));
      if (missing.length > 0) {
        return {
          ok: false,
          status: 400,
          message: `Give the drawing requirement that makes each operation necessary: ${missing.join(", ")}.`,
        };
      }
      const sizing =
        d.sizingRequired === "yes"
          ? `Sizing for ${labelOf(SIZING_REQUIREMENTS, d.sizingRequirement!)} of ${d.sizingFeature}`
          : "No sizing";
      const ops =
        d.secondary.length > 0
          ? d.secondary.map((op) => labelOf(SECONDARY_OPERATIONS, op)).join(", ")
          : "no secondary operations";
      return act(
        d.version,
        { type: "COMPLETE_SIZING" },
        {
          decision: {
            gate: "sizing_secondary",
            payload: { ...d, secondaryReasons: reasons },
            summary: `${sizing}; ${ops}.`,
          },
        },
      );
    }
    case "reopen": {
      const parsed = reopenForm.safeParse(values);
      if (!parsed.success) return invalid(parsed.error);
      const { gate, reason, version } = parsed.data;
      return act(version, { type: "REOPEN_GATE", gate, reason }, { reason: `${gateLabel(gate)} reopened: ${reason}` });
    }
    case "ask": {
      const parsed = questionForm.safeParse(values);
      if (!parsed.success) return invalid(parsed.error);
      const question = { text: parsed.data.question, wantsRevision: parsed.data.wantsRevision === "on" };
      return act(parsed.data.version, { type: "ASK_BUYER" }, { question });
    }
    case "withdraw": {
      const parsed = withdrawForm.safeParse(values);
      if (!parsed.success) return invalid(parsed.error);
      const { reason, version } = parsed.data;
      return act(version, { type: "WITHDRAW", reason }, { reason });
    }
    case "assign": {
      const parsed = assignForm.safeParse(values);
      if (!parsed.success) return invalid(parsed.error);
      return assignInquiry(services, user, inquiryId, parsed.data.version, parsed.data.assignee);
    }
    default:
      return { ok: false, status: 400, message: `Unknown action "${intent}": reload the page and try again.` };
  }
}
