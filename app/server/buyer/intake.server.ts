import crypto from "node:crypto";
import type { TFunction } from "i18next";
import {
  HONEYPOT_FIELD,
  NO_FILES,
  type FieldErrors,
  type FieldMessages,
  type IntakeFormState,
  type PublicFile,
} from "~/forms/intake";
import { DEFAULT_LANGUAGE, type Language } from "~/i18n/languages";
import { translate } from "~/i18n/message";
import { translatorFor } from "../i18n/i18n.server";
import { validateIntakeFields, type IntakeFields } from "~/forms/intake.server";
import { writeTransaction } from "../../../db/client";
import { appendEvent, insertInquiry, nextReference } from "../../../db/queries/inquiries";
import { attachFiles, declareStlUnit, holdForDraft, keptDraftFiles, type StoredFile } from "../../../db/queries/files";
import { materialLabel } from "../../../workflows/materials";
import { renderEmail } from "../../../emails";
import { emailBrand, firstAnswerSentence } from "../factory/factory.server";
import { emailLanguage } from "../i18n/email-language.server";
import { enqueueEmail } from "../mail/outbox.server";
import { reportStorageFailure } from "../files/storage-alert.server";
import type { Services } from "../service-types";
import { retryMinutes } from "../rate-limit.server";
import { createToken, hashToken, isTokenShaped } from "../tokens.server";
import {
  discardFiles,
  receiveMultipartForm,
  StorageUnavailableError,
  UploadError,
  type ReceivedForm,
  type RejectedFile,
} from "../files/uploads.server";

export type IntakeResult = { ok: true; reference: string } | { ok: false; status: number; state: IntakeFormState };

const NOT_ECHOED = new Set(["files", "keptFile", "draft", HONEYPOT_FIELD]);

export function toPublicFile(f: StoredFile): PublicFile {
  return { id: f.id, name: f.originalName, size: f.size, kind: f.kind };
}

function firstValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function allValues(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** The schema's findings in the page's language, as the browser's own checks word them. */
function translateErrors(language: Language, messages: FieldMessages): FieldErrors {
  const t = translatorFor(language);
  return Object.fromEntries(Object.entries(messages).map(([field, message]) => [field, translate(t, message)]));
}

/** The refused files, each named with its reason, in `language`. */
export function describeRejections(rejected: RejectedFile[], language: Language = DEFAULT_LANGUAGE): string {
  const t = translatorFor(language);
  return rejected.map((r) => t("intake:rejected.file", { name: r.name, reason: translate(t, r.reason) })).join(" ");
}

/**
 * Handles one intake submission from start to finish. Either the inquiry, its files, its
 * timeline entry and both e-mails are written together, or nothing is, and the buyer gets every
 * problem at once with what they typed and the files already received kept under their draft.
 */
export async function submitIntake(
  request: Request,
  services: Services,
  clientIp: string,
  options: { language: Language; keepOnly?: boolean } = { language: DEFAULT_LANGUAGE },
  now: () => Date = () => new Date(),
): Promise<IntakeResult> {
  const { db, storage, config } = services;
  const t = translatorFor(options.language);
  const limit = await services.rateLimits.consume("intake", clientIp);
  let form: ReceivedForm;
  let storageFailure: StorageUnavailableError | null = null;
  try {
    form = await receiveMultipartForm(
      request,
      { db, storage, limits: config.limits },
      { storeFiles: limit.ok, now, language: options.language },
    );
  } catch (error) {
    if (error instanceof StorageUnavailableError) {
      reportStorageFailure(services, error.cause, now());
      // Storage failed, not the buyer: give back everything typed, with what happened.
      storageFailure = error;
      form = { fields: error.fields, stored: [], rejected: [] };
    } else {
      if (!(error instanceof UploadError)) throw error;
      // The form could not be read at all, so there is nothing typed to give back.
      const state = {
        errors: { form: translate(t, error.reason) },
        values: {},
        draft: createToken(),
        keptFiles: [],
        rejectedFiles: [],
      };
      return { ok: false, status: error.status, state };
    }
  }

  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(form.fields)) {
    if (!NOT_ECHOED.has(name)) values[name] = firstValue(value) ?? "";
  }
  const submittedDraft = firstValue(form.fields.draft);
  const draft = isTokenShaped(submittedDraft) ? submittedDraft : createToken();
  const draftHash = hashToken(draft);
  const kept = keptDraftFiles(db, draftHash, allValues(form.fields.keptFile));
  const newIds = form.stored.map((f) => f.id);

  const fail = (status: number, errors: FieldErrors): IntakeResult => {
    holdForDraft(db, draftHash, newIds);
    return {
      ok: false,
      status,
      state: {
        errors,
        values,
        draft,
        keptFiles: [...kept, ...form.stored].map(toPublicFile),
        rejectedFiles: form.rejected,
      },
    };
  };

  if (storageFailure) return fail(storageFailure.status, { form: t("intake:refusals.storageDown") });
  if (!limit.ok) return fail(429, { form: t("intake:refusals.tooManyInquiries", { minutes: retryMinutes(limit) }) });
  if ((firstValue(form.fields[HONEYPOT_FIELD]) ?? "") !== "") {
    await discardFiles(db, storage, newIds);
    return {
      ok: false,
      status: 400,
      state: {
        errors: {
          form: t("intake:refusals.automated", { field: t("intake:other.honeypot") }),
        },
        values,
        draft,
        keptFiles: kept.map(toPublicFile),
        rejectedFiles: [],
      },
    };
  }

  // A change of the page's language: everything sent is kept under the draft, nothing is judged
  // yet, and the language of our replies follows the page's (the buyer may still change it).
  if (options.keepOnly) {
    values.language = options.language;
    return fail(200, {});
  }

  const validation = validateIntakeFields(values);
  const errors = translateErrors(options.language, validation.ok ? {} : validation.errors);
  const allFiles = [...kept, ...form.stored];
  if (form.rejected.length > 0) {
    errors.files = describeRejections(form.rejected, options.language);
  } else if (allFiles.length === 0) {
    errors.files = translate(translatorFor(options.language), NO_FILES);
  }
  if (!validation.ok || Object.keys(errors).length > 0) return fail(400, errors);
  const mailLimit = await consumeAcknowledgement(services, validation.data.email, clientIp, t);
  if (!mailLimit.ok) return fail(429, { form: mailLimit.message });

  try {
    const reference = createInquiry(services, validation.data, allFiles, now());
    services.outbox.nudge();
    return { ok: true, reference };
  } catch (error) {
    await discardFiles(db, storage, newIds);
    throw error;
  }
}

/**
 * The acknowledgement goes to an address the visitor typed: count it per recipient and per
 * sender, so the form cannot be used to mail one inbox, or many, over and over.
 */
async function consumeAcknowledgement(
  services: Services,
  email: string,
  clientIp: string,
  t: TFunction,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const fromIp = await services.rateLimits.consume("mailsFromIp", clientIp);
  if (!fromIp.ok) {
    return {
      ok: false,
      message: t("intake:refusals.tooManyMailsFromNetwork", { minutes: retryMinutes(fromIp) }),
    };
  }
  const toAddress = await services.rateLimits.consume("mailsToAddress", email.trim().toLowerCase());
  if (!toAddress.ok) {
    await services.rateLimits.refund("mailsFromIp", clientIp);
    return {
      ok: false,
      message: t("intake:refusals.tooManyMailsToAddress", { email, minutes: retryMinutes(toAddress) }),
    };
  }
  return { ok: true };
}

function createInquiry(services: Services, data: IntakeFields, attached: StoredFile[], now: Date): string {
  const { db, config } = services;
  const statusToken = createToken();
  const statusUrl = `${config.publicUrl}/status/${statusToken}`;
  return writeTransaction(db, (tx) => {
    const reference = nextReference(tx, now);
    const inquiry = insertInquiry(tx, {
      id: crypto.randomUUID(),
      reference,
      statusTokenHash: hashToken(statusToken),
      state: "submitted",
      locale: data.language,
      company: data.company,
      contactName: data.contactName,
      email: data.email,
      phone: data.phone ?? null,
      country: data.country,
      partName: data.partName,
      partNumber: data.partNumber ?? null,
      revision: data.revision ?? null,
      material: data.material,
      annualVolume: data.annualVolume,
      generalTolerance: data.generalTolerance ?? null,
      criticalDimensions: data.criticalDimensions,
      flatnessMm: data.flatness ?? null,
      roundnessMm: data.roundness ?? null,
      surfaceTreatment: data.surfaceTreatment ?? null,
      heatTreatment: data.heatTreatment ?? null,
      application: data.application ?? null,
      targetPrice: data.targetPrice ?? null,
      currency: data.targetPrice === undefined ? null : (data.currency ?? null),
      samplesNeededBy: data.samplesNeededBy ?? null,
      ndaRequired: data.ndaRequired === "yes",
      exportControlled: data.exportControlled === "yes",
      notes: data.notes ?? null,
      createdAt: now,
      stateChangedAt: now,
    });
    attachFiles(
      tx,
      inquiry.id,
      attached.map((f) => f.id),
    );
    declareStlUnit(
      tx,
      attached.map((f) => f.id),
      data.stlUnit,
    );
    appendEvent(tx, {
      inquiryId: inquiry.id,
      type: "submitted",
      actor: "buyer",
      toState: "submitted",
      payload: { files: attached.map((f) => f.originalName) },
      createdAt: now,
    });
    const summary = {
      reference,
      company: inquiry.company,
      contactName: inquiry.contactName,
      email: inquiry.email,
      country: inquiry.country,
      partName: inquiry.partName,
      partNumber: inquiry.partNumber,
      revision: inquiry.revision,
      materialLabel: materialLabel(inquiry.material),
      annualVolume: inquiry.annualVolume,
      ndaRequired: inquiry.ndaRequired,
      exportControlled: inquiry.exportControlled,
      samplesNeededBy: inquiry.samplesNeededBy,
      files: attached.map((f) => ({ name: f.originalName, size: f.size })),
    };
    enqueueEmail(
      tx,
      {
        kind: "inquiry-received",
        inquiryId: inquiry.id,
        to: inquiry.email,
        ...renderEmail({
          kind: "inquiry-received",
          data: {
            ...summary,
            statusUrl,
            material: inquiry.material,
            firstAnswer: firstAnswerSentence(db, inquiry.locale),
            brand: emailBrand(db, config.publicUrl),
          },
          lang: emailLanguage(inquiry.locale),
        }),
      },
      now,
    );
    enqueueEmail(
      tx,
      {
        kind: "new-inquiry",
        inquiryId: inquiry.id,
        to: config.mail.engineeringInbox,
        ...renderEmail({ kind: "new-inquiry", data: summary }),
      },
      now,
    );
    return reference;
  });
}
