import { formatForName } from "~/server/file-check";
import { formatBytes } from "~/utils/format";
import type { IntakeFieldName } from "./intake.server";

/**
 * The intake form's shared contract, for the browser and the server: field choices, the answers
 * it cannot start without, and the check of chosen files. The browser checks only these before
 * sending; the server's schema (intake.server.ts, zod) is the authority on every field, and keeps
 * what was sent when it refuses. Field names are a public contract (README, "Intake form
 * fields"): a manufacturer's own website may post to /rfq/new. Nothing here may import zod or
 * other server code, so the page's script stays small.
 */

/** The unit a buyer states for STL models, which carry none (files.declared_unit). */
export const STL_UNITS = [
  { value: "mm", label: "Millimetres (mm)" },
  { value: "cm", label: "Centimetres (cm)" },
  { value: "in", label: "Inches (in)" },
] as const;

export const CURRENCIES = ["USD", "EUR", "GBP", "CHF", "CNY", "JPY", "INR", "MXN", "BRL", "TRY"] as const;

/** The decoy field: people never see it, form-filling robots fill it in. */
export const HONEYPOT_FIELD = "contact_me_by_fax_only";

export type FieldErrors = Partial<Record<IntakeFieldName | "files" | "form", string>>;

/** A file the server holds for this form or inquiry, as the buyer may see it. */
export type PublicFile = { id: string; name: string; size: number; kind: string | null };

/** What the intake action returns when it cannot create the inquiry: everything needed to redisplay it. */
export type IntakeFormState = {
  errors: FieldErrors;
  values: Record<string, string>;
  draft: string;
  keptFiles: PublicFile[];
  rejectedFiles: { name: string; reason: string }[];
};

/** The answers the review cannot start without, and what to say when one is blank (the server's schema says the same). */
export const MISSING_ANSWER = {
  company: "Enter the company name.",
  contactName: "Enter the contact name.",
  email: "Enter your e-mail address: we send the status link there.",
  country: "Enter the country.",
  partName: "Enter the part name.",
  material: 'Choose a material from the list, or "Not sure: please recommend one".',
  annualVolume: "Enter the annual volume in parts per year, e.g. 20000.",
  ndaRequired: 'Answer "NDA required?" with yes or no.',
  exportControlled: 'Answer "Export-controlled data?" with yes or no.',
} as const;

/** The browser's check before any byte is uploaded: every required answer given. */
export function missingAnswers(values: Record<string, string>): FieldErrors {
  const errors: FieldErrors = {};
  for (const [name, message] of Object.entries(MISSING_ANSWER) as [keyof typeof MISSING_ANSWER, string][]) {
    if ((values[name] ?? "").trim() === "") errors[name] = message;
  }
  return errors;
}

export const NO_FILES_MESSAGE =
  "Attach at least one drawing (PDF, DXF, DWG) or 3D model (STEP, IGES, STL, X_T, SLDPRT, 3MF), or a ZIP of them.";

export type FileLimits = { maxFileBytes: number; maxFiles: number; maxRequestBytes: number };

/**
 * The browser's check of the chosen files before any byte is sent, with the same limits and
 * extension list the server applies; the server still checks everything, content included.
 */
export function checkFileSelection(
  chosen: { name: string; size: number }[],
  keptCount: number,
  limits: FileLimits,
  options: { required: boolean },
): string | undefined {
  if (options.required && chosen.length + keptCount === 0) return NO_FILES_MESSAGE;
  const problems: string[] = [];
  for (const file of chosen) {
    if (!formatForName(file.name)) {
      problems.push(
        `"${file.name}" is not a drawing or model type we accept (PDF, DXF, DWG, STEP, IGES, STL, X_T/X_B, SLDPRT, 3MF or ZIP).`,
      );
    } else if (file.size === 0) {
      problems.push(`"${file.name}" is empty: export it again.`);
    } else if (file.size > limits.maxFileBytes) {
      problems.push(
        `"${file.name}" is ${formatBytes(file.size)}, over the ${formatBytes(limits.maxFileBytes)} limit per file.`,
      );
    }
  }
  if (chosen.length > limits.maxFiles) {
    problems.push(`Choose at most ${limits.maxFiles} files at once, or put them in a ZIP.`);
  }
  const total = chosen.reduce((sum, f) => sum + f.size, 0);
  if (total > limits.maxRequestBytes) {
    problems.push(
      `The files add up to ${formatBytes(total)}, over the ${formatBytes(limits.maxRequestBytes)} limit for one submission: send some now and add the rest from your status page.`,
    );
  }
  return problems.length > 0 ? problems.join(" ") : undefined;
}
