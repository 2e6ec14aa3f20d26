/**
 * Applying review events with their effects: the move through the workflow, the gate decision,
 * the question and the buyer's answer, the timeline entries and the e-mails, in one transaction.
 * Comments and assignment are writes on the same inquiry and go through the same door.
 */
import crypto from "node:crypto";
import { writeTransaction, type Db } from "../../../db/client";
import { attachFiles, linkFilesToQuestion, type StoredFile } from "../../../db/queries/files";
import {
  appendEvent,
  findInquiryById,
  insertStatusLink,
  listInquiryEvents,
  type Inquiry,
} from "../../../db/queries/inquiries";
import { listEngineers } from "../../../db/queries/queue";
import {
  answerQuestion,
  insertGateDecision,
  insertQuestion,
  moveInquiryState,
  setAssignee,
  supersedeGateDecisions,
} from "../../../db/queries/review";
import { findUserById } from "../../../db/queries/users";
import { renderEmail, type ReviewUpdateData } from "../../../emails";
import {
  isInquiryState,
  transition,
  type Effect,
  type Gate,
  type InquiryState,
  type WorkflowEvent,
} from "../../../workflows/inquiry";
import { overallRisk, PROCESS_STAGES } from "../../../workflows/review-domain";
import type { StaffUser } from "../auth/auth.server";
import type { LiveKind } from "../live.server";
import { emailBrand } from "../factory/factory.server";
import { emailLanguage } from "../i18n/email-language.server";
import { enqueueEmail } from "../mail/outbox.server";
import { Refused } from "../refused.server";
import type { Services } from "../service-types";
import { createToken, hashToken } from "../tokens.server";

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

export type ReviewResult = { ok: true } | { ok: false; status: 400 | 403 | 404 | 409; message: string };

export type ReviewExtras = {
  decision?: { gate: Gate; payload: Record<string, unknown>; summary: string };
  question?: { text: string; wantsRevision: boolean };
  answer?: { questionId: string; text: string; files: StoredFile[] };
  reason?: string;
  buyerMessage?: string;
  alternative?: string;
};

/** Runs a review write in one transaction; a refusal inside rolls it all back and becomes the answer. */
function reviewWrite(
  services: Services,
  inquiryId: string,
  kind: LiveKind,
  work: (tx: Db, inquiry: Inquiry) => void,
): ReviewResult {
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
  // Inside a caller's transaction (a quote save moves the inquiry too) nothing is committed yet:
  // the caller announces the change once its own transaction has.
  if (!services.db.$client.inTransaction) services.live.publish(inquiryId, kind);
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
      brand: emailBrand(services.db, services.config.publicUrl),
    },
    lang: emailLanguage(inquiry.locale),
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
      supersedeGateDecisions(tx, inquiry.id, effect.gates, now);
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
  return reviewWrite(services, inquiryId, extras.answer ? "answer" : "review", (tx, inquiry) => {
    if (inquiry.version !== expectedVersion) throw new Refused(409, conflictMessage(tx, inquiryId));
    const current = inquiry.state as InquiryState;
    const returnTo = inquiry.returnToState && isInquiryState(inquiry.returnToState) ? inquiry.returnToState : null;
    const result = transition({ state: current, returnTo }, event);
    if (!result.ok) throw new Refused(400, result.message);

    const waited = current === "awaiting_buyer" ? now.getTime() - inquiry.stateChangedAt.getTime() : 0;
    const moved = moveInquiryState(tx, inquiryId, expectedVersion, {
      state: result.state,
      returnToState: result.returnTo,
      now,
      waitedMs: waited,
    });
    if (!moved) throw new Refused(409, conflictMessage(tx, inquiryId));

    applyEffects(tx, services, inquiry, result.effects, extras, now);
    if (extras.decision || extras.question) {
      if (!actor.userId) throw new Error("Only staff decide gates and ask questions");
    }
    if (extras.decision) {
      insertGateDecision(tx, {
        inquiryId,
        gate: extras.decision.gate,
        payload: extras.decision.payload,
        decidedBy: actor.userId!,
        decidedAt: now,
      });
      appendEvent(tx, {
        inquiryId,
        type: "decision",
        ...eventActor(actor),
        payload: { gate: extras.decision.gate, summary: extras.decision.summary },
        createdAt: now,
      });
    }
    if (extras.question) {
      insertQuestion(tx, {
        id: crypto.randomUUID(),
        inquiryId,
        askedBy: actor.userId!,
        text: extras.question.text,
        wantsRevision: extras.question.wantsRevision,
        askedAt: now,
      });
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
  if (!answerQuestion(tx, inquiry.id, answer.questionId, answer.text, now))
    throw new Refused(409, "This question has already been answered: reload the page to see the latest.");
  const ids = answer.files.map((f) => f.id);
  attachFiles(tx, inquiry.id, ids);
  linkFilesToQuestion(tx, ids, answer.questionId);
  appendEvent(tx, {
    inquiryId: inquiry.id,
    type: "answer",
    ...eventActor(BUYER),
    payload: { text: answer.text, files: answer.files.map((f) => f.originalName) },
    createdAt: now,
  });
  const assignee = inquiry.assigneeId ? findUserById(tx, inquiry.assigneeId) : undefined;
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
  services.live.publish(inquiryId, "comment");
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
  return reviewWrite(services, inquiryId, "assignment", (tx, inquiry) => {
    const assignee = listEngineers(tx).find((e) => e.id === assigneeId);
    if (!assignee) throw new Refused(400, "Choose an active engineer to assign the review to.");
    if (!setAssignee(tx, inquiryId, expectedVersion, assigneeId))
      throw new Refused(409, conflictMessage(tx, inquiryId));
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
