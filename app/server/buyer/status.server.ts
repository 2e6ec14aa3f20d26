import { writeTransaction } from "../../../db/client";
import { appendEvent, listQuestions } from "../../../db/queries/inquiries";
import { buyerPhase, isOpen } from "../../../workflows/inquiry";
import { translate } from "~/i18n/message";
import { attachFiles, declareStlUnit, type StoredFile } from "../../../db/queries/files";
import type { Inquiry } from "../../../db/queries/inquiries";
import { renderEmail } from "../../../emails";
import type { PublicFile } from "~/forms/intake";
import { stlUnitSchema } from "~/forms/intake.server";
import { languageInfo } from "~/i18n/languages";
import { translatorFor } from "../i18n/i18n.server";
import { statusPostForm } from "~/forms/status";
import { enqueueEmail } from "../mail/outbox.server";
import type { Services } from "../service-types";
import { buyerWords, inquiryLanguage, waitWords, type BuyerWords } from "./status-words.server";
import {
  discardFiles,
  receiveMultipartForm,
  StorageUnavailableError,
  UploadError,
  type RejectedFile,
} from "../files/uploads.server";
import { reportStorageFailure } from "../files/storage-alert.server";
import { describeRejections, toPublicFile } from "./intake.server";
import { applyReviewEvent, BUYER, findInquiry } from "../review/review.server";

export type StatusPostResult =
  | { ok: true; added: PublicFile[]; rejectedFiles: RejectedFile[]; answered: boolean }
  /** `answer` gives back what the buyer typed, when the form could be read. */
  | { ok: false; status: number; error: string; answer?: string };

/**
 * A post from the status page: more files, or the answer to an engineer's question (text,
 * revised files, or both). Accepted files are attached, logged and announced in one transaction;
 * refused ones are named with the reason.
 */
export async function handleStatusPost(
  request: Request,
  services: Services,
  inquiry: Inquiry,
  clientIp: string,
  now: () => Date = () => new Date(),
): Promise<StatusPostResult> {
  const { db, storage, config } = services;
  const words = buyerWords(inquiryLanguage(inquiry));
  const { t } = words;
  const limit = await services.rateLimits.consume("statusPosts", clientIp);
  if (!limit.ok) {
    return {
      ok: false,
      status: 429,
      error: t("status:errors.tooManyUploads", { wait: waitWords(words, limit.retryAfterSeconds) }),
    };
  }
  let form;
  try {
    form = await receiveMultipartForm(
      request,
      { db, storage, limits: config.limits },
      { storeFiles: true, now, language: languageInfo(inquiry.locale).code },
    );
  } catch (error) {
    if (error instanceof StorageUnavailableError) {
      reportStorageFailure(services, error.cause, now());
      const answer = error.fields.answer;
      return {
        ok: false,
        status: error.status,
        error: translate(t, error.reason),
        answer: (Array.isArray(answer) ? answer[0] : answer) ?? "",
      };
    }
    if (error instanceof UploadError) return { ok: false, status: error.status, error: translate(t, error.reason) };
    throw error;
  }
  const field = (name: string) => {
    const v = form.fields[name];
    return (Array.isArray(v) ? v[0] : v) ?? "";
  };
  const post = statusPostForm.parse({
    intent: field("intent"),
    questionId: field("questionId"),
    answer: field("answer"),
  });
  const answering = post.intent === "answer";
  const answerText = post.answer;
  if (form.stored.length === 0 && (!answering || answerText === "")) {
    return {
      ok: false,
      status: 400,
      answer: field("answer"),
      error:
        form.rejected.length > 0
          ? describeRejections(form.rejected, languageInfo(inquiry.locale).code)
          : t(answering ? "status:errors.answerEmpty" : "status:errors.noFiles"),
    };
  }
  const ids = form.stored.map((f) => f.id);
  const stlUnit = stlUnitSchema.safeParse(field("stlUnit"));
  if (!stlUnit.success) {
    await discardFiles(db, storage, ids);
    return {
      ok: false,
      status: 400,
      error: translatorFor(languageInfo(inquiry.locale).code)(stlUnit.error.issues[0]!.message),
    };
  }
  declareStlUnit(db, ids, stlUnit.data);
  try {
    if (answering) {
      // The buyer is not editing a copy of the inquiry: staff moves during the upload (an assignment,
      // a comment) must not refuse the answer. The open question and the state are the real guards.
      const current = findInquiry(db, inquiry.id)?.version ?? inquiry.version;
      const result = applyReviewEvent(
        services,
        BUYER,
        inquiry.id,
        current,
        { type: "BUYER_ANSWERED" },
        {
          answer: { questionId: post.questionId, text: answerText, files: form.stored },
        },
        now(),
      );
      if (!result.ok) {
        await discardFiles(db, storage, ids);
        const error = answerRefusalWords(words, services, inquiry.id, post.questionId);
        return { ok: false, status: result.status, error, answer: answerText };
      }
    } else {
      attachToInquiry(services, inquiry, form.stored, now());
      services.outbox.nudge();
      services.live.publish(inquiry.id, "files");
    }
  } catch (error) {
    await discardFiles(db, storage, ids);
    throw error;
  }
  return { ok: true, added: form.stored.map(toPublicFile), rejectedFiles: form.rejected, answered: answering };
}

/**
 * Why an answer was refused, in the buyer's words, from where the inquiry and its question now
 * stand (the workflow's refusal is worded for staff): closed meanwhile, answered already (another
 * tab), or moved on in another way.
 */
function answerRefusalWords({ t }: BuyerWords, services: Services, inquiryId: string, questionId: string): string {
  const inquiry = findInquiry(services.db, inquiryId);
  if (!inquiry || !isOpen(inquiry.state))
    return t("status:refusal.answerClosed", { state: t(`status:phase.${buyerPhase(inquiry?.state ?? "")}`) });
  const question = listQuestions(services.db, inquiryId).find((q) => q.id === questionId);
  if (question?.answeredAt) return t("status:refusal.answerTaken");
  return t("status:refusal.changed");
}

function attachToInquiry(services: Services, inquiry: Inquiry, added: StoredFile[], now: Date): void {
  const names = added.map((f) => f.originalName);
  writeTransaction(services.db, (tx) => {
    attachFiles(
      tx,
      inquiry.id,
      added.map((f) => f.id),
    );
    appendEvent(tx, {
      inquiryId: inquiry.id,
      type: "files_added",
      actor: "buyer",
      payload: { files: names },
      createdAt: now,
    });
    const email = renderEmail({
      kind: "files-added",
      data: {
        reference: inquiry.reference,
        partName: inquiry.partName,
        files: added.map((f) => ({ name: f.originalName, size: f.size })),
      },
    });
    enqueueEmail(
      tx,
      { kind: "files-added", inquiryId: inquiry.id, to: services.config.mail.engineeringInbox, ...email },
      now,
    );
  });
}
