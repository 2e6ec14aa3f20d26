/**
 * Everything the engineer's workspace shows for one inquiry: the rows it reads, the automatic MIM
 * screen, and the page's view of them (dates formatted, timeline worded, files with their previews).
 */
import { findUserById } from "../../../db/queries/users";
import type { ModelAnalysisRow } from "../../../db/queries/analyses";
import type { StoredFile } from "../../../db/queries/files";
import {
  listCurrentDecisions,
  listInquiryEvents,
  listInquiryFiles,
  listModelAnalyses,
  listQuestionsAsked,
  type Inquiry,
} from "../../../db/queries/inquiries";
import { listEngineers } from "../../../db/queries/queue";
import {
  allowedEvents,
  gateOf,
  hasQuote,
  missingGates,
  stateLabel,
  type InquiryState,
} from "../../../workflows/inquiry";
import {
  describeLocation,
  preAssess,
  type Measurements,
  type PreAssessmentSettings,
  type ScreenGeometry,
} from "../../../workflows/pre-assessment";
import { screenOverride } from "../../../workflows/screen-override";
import { findMaterial } from "../../../workflows/materials";
import { COMPLEXITY, suggestProcess } from "../../../workflows/process-choice";
import { prefillGate3, suggestOperations } from "../../../workflows/sizing-decision";
import { applicableChecklist } from "../../../workflows/stage-checklist";
import { describeEvent } from "../../../workflows/timeline";
import type { GateAids } from "~/components/review/gates";
import { formatBytes, formatDateTime, formatDuration } from "~/utils/format";
import { inquirySummaryRows } from "~/utils/inquiry-summary";
import type { StaffUser } from "../auth/auth.server";
import type { StoredModelMetrics } from "../../../workflows/model-metrics";
import { geometryView, modelAnalysisViews, modelMetrics, storedUnit, thumbnailUrls } from "../cad/views.server";
import { toPublicFile } from "../buyer/intake.server";
import { ndaView } from "./nda.server";
import { userMay } from "../auth/permissions.server";
import { findInquiry } from "./review.server";
import type { Services } from "../service-types";
import { getSettings } from "../factory/settings.server";

/** Why an inquiry's screen has no measurements, for its "not judged" line. */
function unmeasuredReason(files: StoredFile[], analyses: ModelAnalysisRow[]): string {
  const models = files.filter((f) => f.kind === "model");
  if (models.length === 0) return "no 3D model was sent (drawings alone give no size or volume)";
  const rows = models.map((f) => ({ file: f, analysis: analyses.find((a) => a.fileId === f.id) }));
  if (rows.some((r) => !r.analysis || r.analysis.status === "pending" || r.analysis.status === "running"))
    return "the 3D model is still being measured";
  const [first] = rows;
  const why = (first!.analysis!.reason ?? "no analysis").replace(/^No analysis: /, "").replace(/\.$/, "");
  return `no 3D model could be measured ("${first!.file.originalName}": ${why})`;
}

/** A model's stored measurements as the screen reads them (rows measured before a field existed lack it). */
function screenMeasurements(metrics: StoredModelMetrics): Measurements {
  const wall = metrics.wall;
  return {
    sizeMm: metrics.sizeMm,
    volumeMm3: metrics.volumeMm3,
    watertight: metrics.watertight,
    unit: storedUnit(metrics),
    wall: wall
      ? {
          p5Mm: wall.p5Mm,
          medianMm: wall.medianMm,
          p95Mm: wall.p95Mm ?? null,
          thickestAt: wall.thickest ? describeLocation(wall.thickest.at, metrics.minMm, metrics.sizeMm) : null,
          uniformity: wall.uniformity ?? null,
        }
      : null,
    geometry: screenGeometry(metrics),
  };
}

/** The geometry features the screen's rules read, when the analysis recorded them. */
function screenGeometry(metrics: StoredModelMetrics): ScreenGeometry | null {
  const g = geometryView(metrics);
  return g
    ? {
        bodies: g.bodies,
        internalVoids: g.internalVoids,
        internalVoidMm3: g.internalVoidMm3,
        slides: g.slides,
        pullAxis: g.pullAxis,
        longestSpanMm: g.longestSpanMm,
      }
    : null;
}

type ScreenedInquiry = Pick<
  Inquiry,
  "material" | "annualVolume" | "criticalDimensions" | "flatnessMm" | "roundnessMm" | "heatTreatment"
>;

/**
 * The automatic MIM screen for an inquiry: the buyer's answers, plus the measurements of its
 * largest analysed model (the part itself, when an assembly's pieces come along), or why there are none.
 */
export function inquiryPreAssessment(
  inquiry: ScreenedInquiry,
  files: StoredFile[],
  analyses: ModelAnalysisRow[],
  settings: PreAssessmentSettings,
) {
  const measured = analyses
    // Drawings' thumbnails share the table: only rows with a bounding box are model measurements.
    .map(modelMetrics)
    .filter((m) => m !== null)
    .sort((a, b) => Math.max(...b.sizeMm) - Math.max(...a.sizeMm))[0];
  const measurements = measured ? screenMeasurements(measured) : null;
  const screen = preAssess(
    {
      measurements,
      unmeasuredReason: measured ? undefined : unmeasuredReason(files, analyses),
      material: inquiry.material,
      annualVolume: inquiry.annualVolume,
      criticalDimensions: inquiry.criticalDimensions,
      flatnessMm: inquiry.flatnessMm,
      roundnessMm: inquiry.roundnessMm,
      heatTreatment: inquiry.heatTreatment,
    },
    settings,
  );
  return { screen, measured: measured !== undefined, measurements };
}

/**
 * The screen as the workspace shows it: with the grade's facts, and what it suggests to each gate
 * (the better process, gate 3's opening values, gate 2's applicable checklist).
 */
export function workspaceScreen(
  inquiry: ScreenedInquiry & Pick<Inquiry, "surfaceTreatment">,
  files: StoredFile[],
  analyses: ModelAnalysisRow[],
  settings: PreAssessmentSettings,
) {
  const { screen, measured, measurements } = inquiryPreAssessment(inquiry, files, analyses, settings);
  const processInput = {
    material: inquiry.material,
    annualVolume: inquiry.annualVolume,
    measurements,
    massG: screen.massG,
    criticalDimensions: inquiry.criticalDimensions,
  };
  const asked = {
    material: inquiry.material,
    heatTreatment: inquiry.heatTreatment,
    surfaceTreatment: inquiry.surfaceTreatment,
  };
  const aids: GateAids = {
    flag: screen.flag,
    process: suggestProcess(processInput, settings),
    processIfComplex: suggestProcess({ ...processInput, criteria: COMPLEXITY }, settings),
    gate3: prefillGate3({ ...asked, routes: screen.routes }),
    operations: suggestOperations({ ...asked, routes: screen.routes }),
    routes: screen.routes.filter((r) => r.route !== "as_sintered"),
    checklist: applicableChecklist(asked),
  };
  return { screen, measured, material: findMaterial(inquiry.material) ?? null, aids };
}

/** Everything the staff workspace shows for one inquiry. */
export function getWorkspace(services: Services, inquiryId: string) {
  const { db } = services;
  const inquiry = findInquiry(db, inquiryId);
  if (!inquiry) return null;
  return {
    inquiry,
    files: listInquiryFiles(db, inquiryId),
    events: listInquiryEvents(db, inquiryId),
    decisions: listCurrentDecisions(db, inquiryId),
    questions: listQuestionsAsked(db, inquiryId),
    assignee: inquiry.assigneeId ? findUserById(db, inquiry.assigneeId) : undefined,
    analyses: listModelAnalyses(db, inquiryId),
  };
}

/** The workspace page's data for `user`, or null when no inquiry has this id. */
export function workspaceView(services: Services, user: StaffUser, inquiryId: string, now = Date.now()) {
  const workspace = getWorkspace(services, inquiryId);
  if (!workspace) return null;
  const { inquiry, files, events, decisions, questions, assignee, analyses } = workspace;
  const state = inquiry.state as InquiryState;
  const nda = ndaView(services, inquiry);
  // While the NDA is not recorded nothing drawn from the files is offered: the routes refuse it too.
  const filesClosed = nda?.closed ?? null;
  const previewUrl = (fileId: string) => `/review/${inquiry.id}/files/${fileId}/preview`;
  const thumbnails = filesClosed ? new Map<string, string>() : thumbnailUrls(analyses, files, previewUrl);
  const decided = new Set(decisions.map((d) => d.decision.gate));
  const screen = workspaceScreen(inquiry, files, analyses, getSettings(services.db).preAssessment);
  return {
    id: inquiry.id,
    reference: inquiry.reference,
    buyerLanguage: inquiry.locale,
    partName: inquiry.partName,
    company: inquiry.company,
    state,
    stateLabel: stateLabel(state),
    gate: gateOf(state),
    version: inquiry.version,
    csrf: user.csrfToken,
    canReview: userMay(user, "review"),
    userId: user.id,
    age: formatDuration(now - inquiry.createdAt.getTime()),
    inState: formatDuration(now - inquiry.stateChangedAt.getTime()),
    awaitingBuyer: formatDuration(
      inquiry.awaitingBuyerMs + (state === "awaiting_buyer" ? now - inquiry.stateChangedAt.getTime() : 0),
    ),
    assignee: assignee ? { id: assignee.id, name: assignee.name } : null,
    engineers: listEngineers(services.db).map((e) => ({ id: e.id, name: e.name })),
    allowed: allowedEvents(state),
    quoting: hasQuote(state),
    screen,
    models: modelAnalysisViews(files, analyses, inquiry.material, previewUrl).map((m) =>
      filesClosed ? { ...m, previewUrl: null } : m,
    ),
    nda,
    filesClosed,
    canRecordNda: userMay(user, "record_nda"),
    missing: missingGates(decided),
    decisions: decisions.map((d) => ({
      gate: d.decision.gate,
      payload: d.decision.payload,
      by: d.by,
      at: formatDateTime(d.decision.decidedAt),
      override: screenOverride(d.decision.gate, d.decision.payload, screen.screen),
    })),
    questions: questions.map((q) => ({
      id: q.question.id,
      text: q.question.text,
      by: q.by,
      at: formatDateTime(q.question.askedAt),
      wantsRevision: q.question.wantsRevision,
      answer: q.question.answer,
      answeredAt: q.question.answeredAt ? formatDateTime(q.question.answeredAt) : null,
    })),
    summary: inquirySummaryRows(inquiry),
    files: files.map((f) => ({
      ...toPublicFile(f),
      size: formatBytes(f.size),
      uploadedAt: formatDateTime(f.uploadedAt),
      revision: f.questionId !== null,
      thumbnailUrl: thumbnails.get(f.id) ?? null,
    })),
    downloads: events
      .filter((e) => e.type === "download")
      .map((e) => ({ id: e.id, who: e.actor, at: formatDateTime(e.createdAt), ...describeEvent(e) })),
    comments: events
      .filter((e) => e.type === "comment")
      .map((e) => ({ id: e.id, who: e.actor, at: formatDateTime(e.createdAt), text: describeEvent(e).detail })),
    timeline: events
      .filter((e) => e.type !== "download")
      .map((e) => ({ id: e.id, who: e.actor, at: formatDateTime(e.createdAt), ...describeEvent(e) })),
  };
}
