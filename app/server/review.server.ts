import crypto from "node:crypto";
import type { Readable } from "node:stream";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { writeTransaction, type Db } from "../../db/client";
import { listEngineers } from "../../db/queries/queue";
import {
  appendEvent,
  findInquiryById,
  findInquiryFile,
  insertStatusLink,
  listCurrentDecisions,
  listInquiryEvents,
  listInquiryFiles,
  listModelAnalyses,
  listQuestionsAsked,
} from "../../db/queries/inquiries";
import { findUserById } from "../../db/queries/users";
import {
  files,
  gateDecisions,
  inquiries,
  questions,
  users,
  type Inquiry,
  type ModelAnalysisRow,
  type StoredFile,
} from "../../db/schema";
import type { StoredModelMetrics } from "./cad/analyse";
import { storedUnit } from "./cad/views.server";
import { renderEmail, type ReviewUpdateData } from "../../emails";
import {
  isInquiryState,
  transition,
  type Effect,
  type Gate,
  type InquiryState,
  type WorkflowEvent,
} from "../../workflows/inquiry";
import {
  describeLocation,
  preAssess,
  type Measurements,
  type PreAssessmentSettings,
} from "../../workflows/pre-assessment";
import { overallRisk, PROCESS_STAGES } from "../../workflows/review-domain";
import type { StaffUser } from "./auth.server";
import { enqueueEmail } from "./outbox.server";
import type { Services } from "./services.server";
import { createToken, hashToken } from "./tokens.server";
import { attachFiles } from "./uploads.server";

export function findInquiry(db: Db, inquiryId: string): Inquiry | undefined {
  return findInquiryById(db, inquiryId);
}

/** Who acts on an inquiry: a staff member, or the buyer (no account). */
export type Actor = { name: string; userId: string | null };

export const BUYER: Actor = { name: "buyer", userId: null };

export function staffActor(user: StaffUser): Actor {
  return { name: user.name, userId: user.id };
}

function eventActor(actor: Actor) {
  return { actor: actor.name, actorUserId: actor.userId };
}

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
        }
      : null,
  };
}

/**
 * The automatic MIM screen for an inquiry: the buyer's answers, plus the measurements of its
 * largest analysed model (the part itself, when an assembly's pieces come along), or why there are none.
 */
export function inquiryPreAssessment(
  inquiry: Pick<Inquiry, "material" | "annualVolume" | "criticalDimensions" | "flatnessMm">,
  files: StoredFile[],
  analyses: ModelAnalysisRow[],
  settings: PreAssessmentSettings,
) {
  const measured = analyses
    // Drawings' thumbnails share the table: only rows with a bounding box are model measurements.
    .filter((a) => a.status === "done" && a.metrics !== null && "sizeMm" in a.metrics)
    .map((a) => a.metrics as unknown as StoredModelMetrics)
    .sort((a, b) => Math.max(...b.sizeMm) - Math.max(...a.sizeMm))[0];
  const screen = preAssess(
    {
      measurements: measured ? screenMeasurements(measured) : null,
      unmeasuredReason: measured ? undefined : unmeasuredReason(files, analyses),
      material: inquiry.material,
      annualVolume: inquiry.annualVolume,
      criticalDimensions: inquiry.criticalDimensions,
      flatnessMm: inquiry.flatnessMm,
    },
    settings,
  );
  return { screen, measured: measured !== undefined };
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

export type ReviewResult = { ok: true } | { ok: false; status: 400 | 404 | 409; message: string };

export type ReviewExtras = {
  decision?: { gate: Gate; payload: Record<string, unknown>; summary: string };
  question?: { text: string; wantsRevision: boolean };
  answer?: { questionId: string; text: string; files: StoredFile[] };
  reason?: string;
  buyerMessage?: string;
  alternative?: string;
};

class Refused extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

/** Runs a review write in one transaction; a refusal inside rolls it all back and becomes the answer. */
function reviewWrite(services: Services, inquiryId: string, work: (tx: Db, inquiry: Inquiry) => void): ReviewResult {
  try {
    writeTransaction(services.db, (tx) => {
      const inquiry = findInquiry(tx, inquiryId);
      if (!inquiry) throw new Refused(404, "No such inquiry.");
      work(tx, inquiry);
    });
  } catch (error) {
    if (error instanceof Refused) return { ok: false, status: error.status, message: error.message };
    throw error;
  }
  services.outbox.nudge();
  return { ok: true };
}

function conflictMessage(db: Db, inquiryId: string): string {
  const last = listInquiryEvents(db, inquiryId).at(-1);
  const who = last?.actor && last.actor !== "buyer" ? last.actor : "Someone";
  return `${who} changed this inquiry while you were working on it. Nothing of yours was saved and nothing of theirs was overwritten: your entries are still in the form; reload the page to see their change, then save again.`;
}

function buyerEmail(
  tx: Db,
  services: Services,
  inquiry: Inquiry,
  update: ReviewUpdateData["update"],
  extras: ReviewExtras,
  now: Date,
) {
  const token = createToken();
  insertStatusLink(tx, inquiry.id, hashToken(token));
  const email = renderEmail({
    kind: "review-update",
    data: {
      update,
      reference: inquiry.reference,
      partName: inquiry.partName,
      contactName: inquiry.contactName,
      statusUrl: `${services.config.publicUrl}/status/${token}`,
      message: extras.buyerMessage ?? extras.question?.text ?? extras.reason ?? "",
      alternative: extras.alternative,
      wantsRevision: extras.question?.wantsRevision,
    },
  });
  enqueueEmail(tx, { kind: `review-${update}`, inquiryId: inquiry.id, to: inquiry.email, ...email }, now);
}

function applyEffects(
  tx: Db,
  services: Services,
  inquiry: Inquiry,
  effects: Effect[],
  extras: ReviewExtras,
  now: Date,
) {
  for (const effect of effects) {
    if (effect.type === "supersede_gates") {
      tx.update(gateDecisions)
        .set({ supersededAt: now })
        .where(
          and(
            eq(gateDecisions.inquiryId, inquiry.id),
            inArray(gateDecisions.gate, effect.gates),
            isNull(gateDecisions.supersededAt),
          ),
        )
        .run();
    } else {
      buyerEmail(tx, services, inquiry, effect.template, extras, now);
    }
  }
}

/**
 * Moves an inquiry through the workflow: checks the version the user saw, asks the pure
 * transition table, then writes the new state, the decision, the question, the timeline events
 * and the buyer's e-mail in one transaction. A stale version is a conflict, never an overwrite.
 */
export function applyReviewEvent(
  services: Services,
  actor: Actor,
  inquiryId: string,
  expectedVersion: number,
  event: WorkflowEvent,
  extras: ReviewExtras = {},
  now = new Date(),
): ReviewResult {
  return reviewWrite(services, inquiryId, (tx, inquiry) => {
    if (inquiry.version !== expectedVersion) throw new Refused(409, conflictMessage(tx, inquiryId));
    const current = inquiry.state as InquiryState;
    const returnTo = inquiry.returnToState && isInquiryState(inquiry.returnToState) ? inquiry.returnToState : null;
    const result = transition({ state: current, returnTo }, event);
    if (!result.ok) throw new Refused(400, result.message);

    const waited = current === "awaiting_buyer" ? now.getTime() - inquiry.stateChangedAt.getTime() : 0;
    const updated = tx
      .update(inquiries)
      .set({
        state: result.state,
        returnToState: result.returnTo,
        version: sql`${inquiries.version} + 1`,
        stateChangedAt: now,
        awaitingBuyerMs: sql`${inquiries.awaitingBuyerMs} + ${waited}`,
      })
      .where(and(eq(inquiries.id, inquiryId), eq(inquiries.version, expectedVersion)))
      .run();
    if (updated.changes !== 1) throw new Refused(409, conflictMessage(tx, inquiryId));

    applyEffects(tx, services, inquiry, result.effects, extras, now);
    if (extras.decision || extras.question) {
      if (!actor.userId) throw new Error("Only staff decide gates and ask questions");
    }
    if (extras.decision) {
      tx.insert(gateDecisions)
        .values({
          inquiryId,
          gate: extras.decision.gate,
          payload: extras.decision.payload,
          decidedBy: actor.userId!,
          decidedAt: now,
        })
        .run();
      appendEvent(tx, {
        inquiryId,
        type: "decision",
        ...eventActor(actor),
        payload: { gate: extras.decision.gate, summary: extras.decision.summary },
        createdAt: now,
      });
    }
    if (extras.question) {
      tx.insert(questions)
        .values({
          id: crypto.randomUUID(),
          inquiryId,
          askedBy: actor.userId!,
          text: extras.question.text,
          wantsRevision: extras.question.wantsRevision,
          askedAt: now,
        })
        .run();
      appendEvent(tx, {
        inquiryId,
        type: "question",
        ...eventActor(actor),
        payload: { text: extras.question.text },
        createdAt: now,
      });
    }
    if (extras.answer) recordAnswer(tx, services, inquiry, extras.answer, now);
    appendEvent(tx, {
      inquiryId,
      type: "transition",
      ...eventActor(actor),
      fromState: current,
      toState: result.state,
      payload: { event: event.type, reason: extras.reason ?? "" },
      createdAt: now,
    });
  });
}

/**
 * The buyer's answer: the question is closed, revised files are attached to it (earlier files stay),
 * and the engineer on the review (or the engineering inbox) is told.
 */
function recordAnswer(
  tx: Db,
  services: Services,
  inquiry: Inquiry,
  answer: NonNullable<ReviewExtras["answer"]>,
  now: Date,
) {
  const closed = tx
    .update(questions)
    .set({ answer: answer.text, answeredAt: now })
    .where(and(eq(questions.id, answer.questionId), eq(questions.inquiryId, inquiry.id), isNull(questions.answeredAt)))
    .run();
  if (closed.changes !== 1)
    throw new Refused(409, "This question has already been answered: reload the page to see the latest.");
  const ids = answer.files.map((f) => f.id);
  attachFiles(tx, inquiry.id, ids);
  if (ids.length > 0) tx.update(files).set({ questionId: answer.questionId }).where(inArray(files.id, ids)).run();
  appendEvent(tx, {
    inquiryId: inquiry.id,
    type: "answer",
    ...eventActor(BUYER),
    payload: { text: answer.text, files: answer.files.map((f) => f.originalName) },
    createdAt: now,
  });
  const assignee = inquiry.assigneeId
    ? tx.select().from(users).where(eq(users.id, inquiry.assigneeId)).get()
    : undefined;
  const email = renderEmail({
    kind: "staff-notice",
    data: {
      notice: "buyer-answered",
      reference: inquiry.reference,
      partName: inquiry.partName,
      company: inquiry.company,
      workspaceUrl: `${services.config.publicUrl}/review/${inquiry.id}`,
      byName: inquiry.contactName,
    },
  });
  enqueueEmail(
    tx,
    {
      kind: "buyer-answered",
      inquiryId: inquiry.id,
      to: assignee?.email ?? services.config.mail.engineeringInbox,
      ...email,
    },
    now,
  );
}

/** Internal comments: staff only, never shown to the buyer, never in conflict with anything. */
export function addComment(
  services: Services,
  user: StaffUser,
  inquiryId: string,
  text: string,
  now = new Date(),
): ReviewResult {
  if (!findInquiry(services.db, inquiryId)) return { ok: false, status: 404, message: "No such inquiry." };
  writeTransaction(services.db, (tx) =>
    appendEvent(tx, { inquiryId, type: "comment", ...eventActor(staffActor(user)), payload: { text }, createdAt: now }),
  );
  return { ok: true };
}

/** Gives the review to an engineer (or the engineer takes it) and tells them by e-mail. */
export function assignInquiry(
  services: Services,
  user: StaffUser,
  inquiryId: string,
  expectedVersion: number,
  assigneeId: string,
  now = new Date(),
): ReviewResult {
  return reviewWrite(services, inquiryId, (tx, inquiry) => {
    const assignee = listEngineers(tx).find((e) => e.id === assigneeId);
    if (!assignee) throw new Refused(400, "Choose an active engineer to assign the review to.");
    const updated = tx
      .update(inquiries)
      .set({ assigneeId, version: sql`${inquiries.version} + 1` })
      .where(and(eq(inquiries.id, inquiryId), eq(inquiries.version, expectedVersion)))
      .run();
    if (updated.changes !== 1) throw new Refused(409, conflictMessage(tx, inquiryId));
    appendEvent(tx, {
      inquiryId,
      type: "assignment",
      ...eventActor(staffActor(user)),
      payload: { assignee: assignee.name },
      createdAt: now,
    });
    if (assignee.id !== user.id) {
      const email = renderEmail({
        kind: "staff-notice",
        data: {
          notice: "assigned",
          reference: inquiry.reference,
          partName: inquiry.partName,
          company: inquiry.company,
          workspaceUrl: `${services.config.publicUrl}/review/${inquiry.id}`,
          byName: user.name,
        },
      });
      enqueueEmail(tx, { kind: "assigned", inquiryId, to: assignee.email, ...email }, now);
    }
  });
}

/** The stage-risk decision as one line for the timeline. */
export function stageRiskSummary(stages: Parameters<typeof overallRisk>[0]): string {
  const overall = overallRisk(stages);
  const parts = PROCESS_STAGES.filter((s) => stages[s.id]).map((s) => `${s.name}: ${stages[s.id]!.level}`);
  return `Overall ${overall.level ?? "not assessed"}. ${parts.join(", ")}`;
}

/** Opens a file for a staff member and records who downloaded it, and when, on the timeline. */
export async function openFileForStaff(
  services: Services,
  user: StaffUser,
  inquiryId: string,
  fileId: string,
  now = new Date(),
): Promise<{ file: StoredFile; body: Readable; size: number } | null> {
  const file = findInquiryFile(services.db, inquiryId, fileId);
  if (!file || file.status !== "stored") return null;
  const { body, size } = await services.storage.get(file.storedKey);
  writeTransaction(services.db, (tx) =>
    appendEvent(tx, {
      inquiryId,
      type: "download",
      ...eventActor(staffActor(user)),
      payload: { file: file.originalName, fileId },
      createdAt: now,
    }),
  );
  return { file, body, size };
}
