import { formatForName } from "~/server/files/file-check";
import { formatBytes } from "~/utils/format";
import type { Language } from "~/i18n/languages";
import type { Message } from "~/i18n/message";

/**
 * The intake form's shared contract, for the browser and the server: field choices, the answers
 * it cannot start without, and the check of chosen files. The browser checks only these before
 * sending; the server's schema (intake.server.ts, zod) is the authority on every field, and keeps
 * what was sent when it refuses. Field names are a public contract (README, "Intake form
 * fields"): a manufacturer's own website may post to /rfq/new. Nothing here may import zod or
 * other server code, so the page's script stays small.
 */

export const CURRENCIES = ["USD", "EUR", "GBP", "CHF", "CNY", "JPY", "INR", "MXN", "BRL", "TRY"] as const;

/** The decoy field: people never see it, form-filling robots fill it in. */
export const HONEYPOT_FIELD = "contact_me_by_fax_only";

/**
 * The form's fields by name, the public contract itself; the server's schema (intake.server.ts)
 * defines exactly these, which the type checker holds it to.
 */
export const INTAKE_FIELD_NAMES = [
  "company",
  "contactName",
  "email",
  "phone",
  "country",
  "partName",
  "partNumber",
  "revision",
  "material",
  "annualVolume",
  "generalTolerance",
  "criticalDimensions",
  "flatness",
  "roundness",
  "surfaceTreatment",
  "heatTreatment",
  "application",
  "targetPrice",
  "currency",
  "samplesNeededBy",
  "ndaRequired",
  "exportControlled",
  "notes",
  "stlUnit",
  "language",
] as const;
export type IntakeFieldName = (typeof INTAKE_FIELD_NAMES)[number];

type ErrorField = IntakeFieldName | "files" | "form";

/** Problems as shown: in the page's language, one paragraph per field. */
export type FieldErrors = Partial<Record<ErrorField, string>>;

/** Problems as found, before translation (see app/i18n/message.ts). */
export type FieldMessages = Partial<Record<ErrorField, Message>>;

/** A file the server holds for this form or inquiry, as the buyer may see it. */
export type PublicFile = { id: string; name: string; size: number; kind: string | null };

/** What the intake action returns when it cannot create the inquiry: everything needed to redisplay it. */
export type IntakeFormState = {
  errors: FieldErrors;
  values: Record<string, string>;
  draft: string;
  keptFiles: PublicFile[];
  rejectedFiles: { name: string; reason: Message }[];
};

/** The answers the review cannot start without (the server's schema reports them with the same keys). */
export const REQUIRED_ANSWERS = [
  "company",
  "contactName",
  "email",
  "country",
  "partName",
  "material",
  "annualVolume",
  "ndaRequired",
  "exportControlled",
] as const;

export const missingAnswer = (name: (typeof REQUIRED_ANSWERS)[number]): Message => ({
  key: `intake:errors.missing.${name}`,
});

/** The browser's check before any byte is uploaded: every required answer given. */
export function missingAnswers(values: Record<string, string>): FieldMessages {
  const errors: FieldMessages = {};
  for (const name of REQUIRED_ANSWERS) {
    if ((values[name] ?? "").trim() === "") errors[name] = missingAnswer(name);
  }
  return errors;
}

export const NO_FILES: Message = { key: "intake:errors.noFiles" };

export type FileLimits = { maxFileBytes: number; maxFiles: number; maxRequestBytes: number };

/**
 * The browser's check of the chosen files before any byte is sent, with the same limits and
 * extension list the server applies; the server still checks everything, content included.
 * Sizes are written in `language`'s digits.
 */
export function checkFileSelection(
  chosen: { name: string; size: number }[],
  keptCount: number,
  limits: FileLimits,
  options: { required: boolean; language: Language },
): Message[] | undefined {
  if (options.required && chosen.length + keptCount === 0) return [NO_FILES];
  const size = (bytes: number) => formatBytes(bytes, options.language);
  const problems: Message[] = [];
  for (const file of chosen) {
    if (!formatForName(file.name)) {
      problems.push({ key: "intake:errors.fileType", values: { name: file.name } });
    } else if (file.size === 0) {
      problems.push({ key: "intake:errors.fileEmpty", values: { name: file.name } });
    } else if (file.size > limits.maxFileBytes) {
      problems.push({
        key: "intake:errors.fileTooLarge",
        values: { name: file.name, size: size(file.size), limit: size(limits.maxFileBytes) },
      });
    }
  }
  if (chosen.length > limits.maxFiles) {
    problems.push({ key: "intake:errors.tooManyFiles", values: { max: limits.maxFiles } });
  }
  const total = chosen.reduce((sum, f) => sum + f.size, 0);
  if (total > limits.maxRequestBytes) {
    problems.push({
      key: "intake:errors.totalTooLarge",
      values: { size: size(total), limit: size(limits.maxRequestBytes) },
    });
  }
  return problems.length > 0 ? problems : undefined;
}
