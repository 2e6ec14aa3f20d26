/**
 * The NDA a buyer may ask for: until an admin or sales person records the signed NDA, staff see
 * the buyer's files listed but cannot open them (download, PDF view, 3D preview, thumbnail).
 */
import { parseWithZod } from "@conform-to/zod";
import type { SubmissionResult } from "@conform-to/react";
import { json } from "@remix-run/node";
import { writeTransaction } from "../../../db/client";
import { deleteFile } from "../../../db/queries/files";
import { appendEvent, type Inquiry } from "../../../db/queries/inquiries";
import { findSignedNda, insertSignedNda, type SignedNda } from "../../../db/queries/nda";
import { findUserById } from "../../../db/queries/users";
import { PERMISSIONS } from "../../../workflows/permissions";
import { CSRF_FIELD } from "~/forms/csrf";
import { NDA_FILE_FIELD, ndaForm } from "~/forms/nda";
import { formatDateTime } from "~/utils/format";
import { requireCsrf, type StaffUser } from "../auth/auth.server";
import { describeRejections } from "../buyer/intake.server";
import { requirePermission } from "../auth/permissions.server";
import { findInquiry } from "./review.server";
import type { Services } from "../service-types";
import { reportStorageFailure } from "../files/storage-alert.server";
import { discardFiles, receiveMultipartForm, StorageUnavailableError, UploadError } from "../files/uploads.server";
import { formatDayIn, type BuyerWords } from "../buyer/status-words.server";

const WHO_RECORDS = PERMISSIONS.record_nda.join(" or ");

/** What staff read wherever a closed file's download, preview or thumbnail would be. */
export const NDA_CLOSED = `Closed until the signed NDA is recorded (by ${WHO_RECORDS}).`;

/** The answer to a staff request for a closed file. */
const NDA_REFUSAL = `${NDA_CLOSED} The buyer asked for an NDA: ${WHO_RECORDS} records the signed NDA on the inquiry's workspace, and the files open.`;

/** Why staff may not open this inquiry's files, or null when they may. */
export function ndaClosure(services: Services, inquiry: Pick<Inquiry, "id" | "ndaRequired">): string | null {
  return inquiry.ndaRequired && !findSignedNda(services.db, inquiry.id) ? NDA_CLOSED : null;
}

/**
 * For the staff routes that send a buyer's file or anything drawn from it: 403 while the NDA the
 * buyer asked for is not recorded, before anything is read from storage or logged.
 */
export function requireFilesOpen(services: Services, inquiryId: string): void {
  const inquiry = findInquiry(services.db, inquiryId);
  const closed = inquiry ? ndaClosure(services, inquiry) : null;
  if (closed) throw json(NDA_REFUSAL, { status: 403, headers: { "Cache-Control": "private, no-store" } });
}

/** The NDA as the workspace shows it: null when the buyer asked for none. */
export function ndaView(services: Services, inquiry: Pick<Inquiry, "id" | "ndaRequired">) {
  if (!inquiry.ndaRequired) return null;
  const signed = findSignedNda(services.db, inquiry.id);
  return {
    closed: signed ? null : NDA_CLOSED,
    signed: signed
      ? {
          signedOn: signed.signedOn,
          name: signed.originalName,
          // The foreign key keeps the recorder's account.
          recordedBy: findUserById(services.db, signed.recordedBy)!.name,
          recordedAt: formatDateTime(signed.recordedAt),
        }
      : null,
  };
}

/** The line of the buyer's status page, in their language: null when they asked for no NDA. */
export function ndaBuyerLine(
  services: Services,
  inquiry: Pick<Inquiry, "id" | "ndaRequired">,
  { t, language }: BuyerWords,
): string | null {
  if (!inquiry.ndaRequired) return null;
  const signed = findSignedNda(services.db, inquiry.id);
  return signed ? t("status:nda.signed", { date: formatDayIn(language, signed.signedOn) }) : t("status:nda.pending");
}

/** The recorded NDA's PDF, streamed from storage; null when none is recorded. */
export async function openSignedNda(services: Services, inquiryId: string) {
  const signed = findSignedNda(services.db, inquiryId);
  if (!signed) return null;
  const { body, size } = await services.storage.get(signed.storedKey);
  return { signed, body, size };
}

/**
 * The first line of the recording action: who may record the NDA. A refused upload is read to its
 * end and dropped, so that the refusal reaches the sender rather than a reset connection.
 */
export async function requireNdaRecorder(request: Request, services: Services): Promise<StaffUser> {
  try {
    return requirePermission(request, services, "record_nda");
  } catch (refusal) {
    const { db, storage, config } = services;
    await receiveMultipartForm(request, { db, storage, limits: config.limits }, { storeFiles: false }).catch(
      () => undefined,
    );
    throw refusal;
  }
}

export type NdaOutcome = { ok: true } | { ok: false; status: number; result: SubmissionResult<string[]> };

function formRefusal(
  status: number,
  message: string,
  initialValue: Record<string, string | string[]> = {},
): NdaOutcome {
  return { ok: false, status, result: { status: "error", initialValue, error: { "": [message] } } };
}

const ONLY_PDF = "the signed NDA must be a PDF (a scan or an export of the signed document).";

/**
 * Records the signed NDA from the workspace's upload form: the PDF is received by the intake's
 * upload machinery (limits, content check, storage), then recorded with its signing date, its
 * timeline entry and the hand-over of the stored object in one transaction. Whatever is refused
 * leaves no file behind.
 */
export async function recordSignedNda(
  request: Request,
  services: Services,
  user: StaffUser,
  inquiryId: string,
  now: () => Date = () => new Date(),
): Promise<NdaOutcome> {
  const { db, storage, config } = services;
  const inquiry = findInquiry(db, inquiryId);
  const refusal = !inquiry
    ? formRefusal(404, "No inquiry has this address: go back to the queue.")
    : !inquiry.ndaRequired
      ? formRefusal(400, "The buyer asked for no NDA on this inquiry: there is none to record.")
      : findSignedNda(db, inquiryId)
        ? formRefusal(409, "The signed NDA is already recorded for this inquiry.")
        : null;

  let form;
  try {
    // A refused post is still read to its end (and its file dropped), so the answer reaches the sender.
    form = await receiveMultipartForm(
      request,
      { db, storage, limits: { ...config.limits, maxFiles: 1 } },
      {
        storeFiles: refusal === null,
        now,
        fileField: NDA_FILE_FIELD,
        only: { formats: ["pdf"], reason: { key: "intake:rejected.asStated", values: { detail: ONLY_PDF } } },
      },
    );
  } catch (error) {
    if (error instanceof StorageUnavailableError) {
      reportStorageFailure(services, error.cause, now());
      return formRefusal(
        error.status,
        "The signed NDA could not be stored, so nothing was recorded. Please try again in a few minutes.",
        error.fields,
      );
    }
    if (error instanceof UploadError) return formRefusal(error.status, error.message);
    throw error;
  }
  if (refusal) return refusal;
  const ids = form.stored.map((f) => f.id);
  const fields = new FormData();
  for (const [name, value] of Object.entries(form.fields))
    for (const v of Array.isArray(value) ? value : [value]) fields.append(name, v);
  try {
    requireCsrf(fields, user);
  } catch (refusal) {
    await discardFiles(db, storage, ids);
    throw refusal;
  }
  const [file] = form.stored;
  if (file) fields.set(NDA_FILE_FIELD, file.originalName);
  const submission = parseWithZod(fields, { schema: ndaForm(now()) });
  if (submission.status !== "success" || !file || form.rejected.length > 0) {
    await discardFiles(db, storage, ids);
    const fieldErrors: Record<string, string[]> =
      form.rejected.length > 0 ? { [NDA_FILE_FIELD]: [describeRejections(form.rejected)] } : {};
    return { ok: false, status: 400, result: submission.reply({ fieldErrors, hideFields: [CSRF_FIELD] }) };
  }
  const recorded: SignedNda = {
    inquiryId,
    signedOn: submission.value.signedOn,
    storedKey: file.storedKey,
    originalName: file.originalName,
    size: file.size,
    recordedBy: user.id,
    recordedAt: now(),
  };
  let inserted = false;
  try {
    inserted = writeTransaction(db, (tx) => {
      if (!insertSignedNda(tx, recorded)) return false;
      // The object now belongs to the NDA row: the upload's own row goes, so no sweep claims it.
      deleteFile(tx, file.id);
      appendEvent(tx, {
        inquiryId,
        type: "nda_recorded",
        actor: user.name,
        actorUserId: user.id,
        payload: { signedOn: recorded.signedOn, file: recorded.originalName },
        createdAt: recorded.recordedAt,
      });
      return true;
    });
  } finally {
    if (!inserted) await discardFiles(db, storage, ids);
  }
  // The buyer's status page shows the NDA's state too, so both sides hear it.
  if (inserted) services.live.publish(inquiryId, "review");
  return inserted ? { ok: true } : formRefusal(409, "The signed NDA is already recorded for this inquiry.");
}
