import { parseWithZod } from "@conform-to/zod";
import type { SubmissionResult } from "@conform-to/react";
import { secondaryReasonsOf, stageAssessments, WORKSPACE_INTENTS, workspaceForm } from "~/forms/review";
import { userMay } from "../auth/permissions.server";
import { listInquiryFiles, listModelAnalyses } from "../../../db/queries/inquiries";
import { gateLabel, type WorkflowEvent } from "../../../workflows/inquiry";
import {
  ALTERNATIVE_PROCESSES,
  labelOf,
  overallRisk,
  PROCESS_STAGES,
  SECONDARY_OPERATIONS,
  SIZING_REQUIREMENTS,
  SUITABILITY_OUTCOME_LABELS,
} from "../../../workflows/review-domain";
import { criteriaWarning } from "../../../workflows/process-choice";
import { gate3Payload, type Gate3Decision } from "../../../workflows/sizing-decision";
import type { StaffUser } from "../auth/auth.server";
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
import type { Services } from "../service-types";
import { inquiryPreAssessment } from "./workspace.server";
import { getSettings } from "../factory/settings.server";

/** A refused post: Conform's reply (errors beside their fields, what was typed) and the reason in words. */
export type WorkspaceRefusal = { ok: false; status: number; message: string; result: SubmissionResult<string[]> };
export type WorkspaceOutcome = { ok: true } | WorkspaceRefusal;

/**
 * The stage-risk form's "set every stage not yet assessed to low" without JavaScript: nothing is
 * saved; the form comes back with what was typed and the missing levels filled in.
 */
function withUnassessedLow(form: FormData): FormData {
  const filled = new FormData();
  for (const [name, value] of form) if (name !== "fill") filled.append(name, value);
  for (const s of PROCESS_STAGES) if (!filled.get(`level_${s.id}`)) filled.set(`level_${s.id}`, "low");
  return filled;
}

/**
 * One workspace form post: checks who may do it, parses it with the workspace's one schema (a
 * union on `intent`), and hands the decided event to the review service. Sales may comment; the
 * gates are engineers'. A refusal that is not about one field (a stale version, a wrong state)
 * comes back as the form's own error.
 */
export function handleWorkspaceAction(
  services: Services,
  user: StaffUser,
  inquiryId: string,
  form: FormData,
): WorkspaceOutcome {
  const intent = String(form.get("intent") ?? "");
  if (intent === "stage_risk" && form.get("fill") === "low") {
    const result = parseWithZod(withUnassessedLow(form), { schema: workspaceForm }).reply();
    return { ok: false, status: 200, message: "Every stage not yet assessed is set to low: check and save.", result };
  }
  const submission = parseWithZod(form, { schema: workspaceForm });
  const refuse = (status: number, message: string): WorkspaceRefusal => ({
    ok: false,
    status,
    message,
    result: submission.reply({ formErrors: [message] }),
  });
  const answer = (outcome: ReviewResult): WorkspaceOutcome =>
    outcome.ok ? outcome : refuse(outcome.status, outcome.message);
  if (!(WORKSPACE_INTENTS as readonly string[]).includes(intent)) {
    // Not a field's error: the form itself is not one this page has (an old tab, a crafted post).
    const refusal = refuse(400, `Unknown action "${intent}": reload the page and try again.`);
    return { ...refusal, result: { ...refusal.result, error: { "": [refusal.message] } } };
  }
  if (intent !== "comment" && !userMay(user, "review"))
    return refuse(400, "Only engineers decide the review steps. You can leave an internal comment.");
  // "Add another feature" / "Remove" without JavaScript: Conform changed the list, nothing is saved.
  if (submission.status === undefined)
    return {
      ok: false,
      status: 200,
      message: "The list of features changed: fill it in and save.",
      result: submission.reply(),
    };
  if (submission.status !== "success") {
    const messages = Object.values(submission.error ?? {}).flatMap((m) => m ?? []);
    return { ok: false, status: 400, message: messages.join(" "), result: submission.reply() };
  }
  const d = submission.value;
  const act = (version: number, event: WorkflowEvent, extras?: ReviewExtras) =>
    answer(applyReviewEvent(services, staffActor(user), inquiryId, version, event, extras));
  switch (d.intent) {
    case "comment":
      return answer(addComment(services, user, inquiryId, d.comment));
    case "start_triage":
      return act(d.version, { type: "START_TRIAGE" });
    case "begin_review":
      return act(d.version, { type: "BEGIN_REVIEW" });
    case "suitability": {
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
      // A warning, not a refusal: the engineer may know better than the ticks; the record keeps both.
      const warning = criteriaWarning(d.criteria, d.outcome);
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
              criteriaWarning: warning,
            },
            summary: `${SUITABILITY_OUTCOME_LABELS[d.outcome]}: ${d.reason}${suggestion && !suggestion.followed ? ` (overriding the screen's "${SUITABILITY_OUTCOME_LABELS[suggestion.suggested]}")` : ""}`,
          },
          alternative,
          buyerMessage: d.outcome === "feedback_only" ? d.feedback : d.reason,
        },
      );
    }
    case "stage_risk": {
      const stages = stageAssessments(d);
      const overall = overallRisk(stages);
      return act(
        d.version,
        { type: "COMPLETE_STAGE_RISK", stagesAssessed: overall.assessed, stagesTotal: PROCESS_STAGES.length },
        { decision: { gate: "stage_risk", payload: { stages, overall }, summary: stageRiskSummary(stages) } },
      );
    }
    case "sizing": {
      const decision: Gate3Decision = {
        sizingRequired: d.sizingRequired === "yes",
        sizingFeatures:
          d.sizingRequired === "yes"
            ? d.sizingFeatures.map((f) => ({ feature: f.feature, requirement: f.requirement!, reason: f.reason }))
            : [],
        secondary: d.secondary,
        secondaryReasons: secondaryReasonsOf(d),
        inspection: d.inspection,
        inspectionNotes: d.inspectionNotes,
      };
      const sizing =
        decision.sizingFeatures.length > 0
          ? `Sizing for ${decision.sizingFeatures
              .map((f) => `${labelOf(SIZING_REQUIREMENTS, f.requirement)} of ${f.feature}`)
              .join("; ")}`
          : "No sizing";
      const ops =
        d.secondary.length > 0
          ? d.secondary.map((op) => labelOf(SECONDARY_OPERATIONS, op)).join(", ")
          : "no secondary operations";
      return act(
        d.version,
        { type: "COMPLETE_SIZING" },
        { decision: { gate: "sizing_secondary", payload: gate3Payload(decision), summary: `${sizing}; ${ops}.` } },
      );
    }
    case "reopen":
      return act(
        d.version,
        { type: "REOPEN_GATE", gate: d.gate, reason: d.reason },
        { reason: `${gateLabel(d.gate)} reopened: ${d.reason}` },
      );
    case "ask":
      return act(d.version, { type: "ASK_BUYER" }, { question: { text: d.question, wantsRevision: d.wantsRevision } });
    case "withdraw":
      return act(d.version, { type: "WITHDRAW", reason: d.reason }, { reason: d.reason });
    case "assign":
      return answer(assignInquiry(services, user, inquiryId, d.version, d.assignee));
  }
}
