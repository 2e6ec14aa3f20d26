import { z } from "zod";
import { MATERIAL_IDS } from "../../workflows/materials";
import { parseCriticalDimensions } from "../../workflows/tolerances";
import { formatForName } from "~/server/file-check";
import { formatBytes } from "~/utils/format";
import { withCleanText } from "./text";

/**
 * The intake form: one schema for the browser (inline errors before any byte is uploaded) and
 * the server (the boundary). Field names are a public contract (README, "Intake form fields"):
 * a manufacturer's own website may post to /rfq/new.
 */

export const LANGUAGES = [
  { code: "en", label: "English" },
  { code: "fr", label: "Français" },
  { code: "de", label: "Deutsch" },
  { code: "es", label: "Español" },
  { code: "pt", label: "Português" },
  { code: "ar", label: "العربية" },
  { code: "ja", label: "日本語" },
  { code: "tr", label: "Türkçe" },
  { code: "zh", label: "中文" },
] as const;

/** The unit a buyer states for STL models, which carry none (files.declared_unit). */
export const STL_UNITS = [
  { value: "mm", label: "Millimetres (mm)" },
  { value: "cm", label: "Centimetres (cm)" },
  { value: "in", label: "Inches (in)" },
] as const;

/** Absent (a form without the field): the unit stays unknown and the analysis assumes millimetres. */
export const stlUnitSchema = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z
    .enum(["mm", "cm", "in"], {
      errorMap: () => ({ message: "Choose the unit of your STL models: millimetres, centimetres or inches." }),
    })
    .optional(),
);

export const CURRENCIES = ["USD", "EUR", "GBP", "CHF", "CNY", "JPY", "INR", "MXN", "BRL", "TRY"] as const;

const blankToUndefined = (v: unknown) =>
  typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v;

const requiredText = (name: string, max = 200) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ required_error: `Enter the ${name}.`, invalid_type_error: `Enter the ${name}.` })
      .max(max, `Keep the ${name} under ${max} characters.`),
  );

const optionalText = (name: string, max = 2000) =>
  z.preprocess(blankToUndefined, z.string().max(max, `Keep the ${name} under ${max} characters.`).optional());

const optionalPositiveMm = (name: string) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ invalid_type_error: `Enter the ${name} as a number of millimetres, e.g. 0.05.` })
      .positive(`The ${name} must be greater than zero.`)
      .max(1000, `The ${name} looks too large: enter it in millimetres.`)
      .optional(),
  );

const yesNo = (question: string) =>
  z.enum(["yes", "no"], { errorMap: () => ({ message: `Answer "${question}" with yes or no.` }) });

const intakeObject = z
  .object({
    company: requiredText("company name"),
    contactName: requiredText("contact name"),
    email: z.preprocess(
      blankToUndefined,
      z
        .string({ required_error: "Enter your e-mail address: we send the status link there." })
        .email("Enter a valid e-mail address, e.g. name@company.com.")
        .max(254),
    ),
    phone: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^[+()0-9 .\-/]{5,40}$/, "Enter the phone number with digits, spaces and + only.")
        .optional(),
    ),
    country: requiredText("country", 100),
    partName: requiredText("part name"),
    partNumber: optionalText("part number", 100),
    revision: optionalText("revision", 40),
    material: z.enum(MATERIAL_IDS, {
      errorMap: () => ({
        message: 'Choose a material from the list, or "Not sure: please recommend one".',
      }),
    }),
    annualVolume: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({
          required_error: "Enter the annual volume in parts per year, e.g. 20000.",
          invalid_type_error: "Enter the annual volume as a whole number of parts per year, e.g. 20000.",
        })
        .int("Enter the annual volume as a whole number of parts per year.")
        .min(1, "The annual volume must be at least 1 part per year.")
        .max(1_000_000_000, "The annual volume looks too large: enter parts per year."),
    ),
    generalTolerance: optionalText("general tolerance", 200),
    criticalDimensions: z.preprocess(
      blankToUndefined,
      z
        .string()
        .max(5000)
        .optional()
        .superRefine((v, ctx) => {
          if (v === undefined) return;
          const parsed = parseCriticalDimensions(v);
          if (!parsed.ok) ctx.addIssue({ code: z.ZodIssueCode.custom, message: parsed.message });
        })
        .transform((v) => {
          const parsed = v === undefined ? undefined : parseCriticalDimensions(v);
          return parsed?.ok ? parsed.dimensions : [];
        }),
    ),
    flatness: optionalPositiveMm("flatness"),
    roundness: optionalPositiveMm("roundness"),
    surfaceTreatment: optionalText("surface treatment", 1000),
    heatTreatment: optionalText("heat treatment", 1000),
    application: optionalText("application environment", 2000),
    targetPrice: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ invalid_type_error: "Enter the target price as a number, e.g. 1.25." })
        .positive("The target price must be greater than zero.")
        .optional(),
    ),
    currency: z.preprocess(blankToUndefined, z.enum(CURRENCIES).optional()),
    samplesNeededBy: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date as YYYY-MM-DD.")
        .refine((d) => !Number.isNaN(Date.parse(d)), "Enter a real calendar date.")
        .optional(),
    ),
    ndaRequired: yesNo("NDA required?"),
    exportControlled: yesNo("Export-controlled data?"),
    notes: optionalText("notes", 5000),
    stlUnit: stlUnitSchema,
    language: z.preprocess(
      blankToUndefined,
      z.enum(LANGUAGES.map((l) => l.code) as [string, ...string[]]).default("en"),
    ),
  })
  .superRefine((v, ctx) => {
    if (v.targetPrice !== undefined && v.currency === undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["currency"],
        message: "Choose the currency of the target price.",
      });
    }
  });

/** Every text field is cleaned of control and bidi characters; these keep their line breaks. */
export const intakeFieldsSchema = withCleanText(intakeObject, [
  "application",
  "criticalDimensions",
  "surfaceTreatment",
  "heatTreatment",
  "notes",
]);

export type IntakeFields = z.output<typeof intakeFieldsSchema>;
export type IntakeFieldName = keyof z.input<typeof intakeFieldsSchema>;

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

export function validateIntakeFields(
  values: Record<string, unknown>,
): { ok: true; data: IntakeFields } | { ok: false; errors: FieldErrors } {
  const parsed = intakeFieldsSchema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = (issue.path[0] ?? "form") as keyof FieldErrors;
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

/** Picks the buyer's language from the browser's Accept-Language, falling back to English. */
export function languageFromHeader(header: string | null): string {
  const codes = new Set<string>(LANGUAGES.map((l) => l.code));
  for (const part of (header ?? "").split(",")) {
    const code = part.split(";")[0]?.trim().slice(0, 2).toLowerCase();
    if (code && codes.has(code)) return code;
  }
  return "en";
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
