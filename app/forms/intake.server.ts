import { z } from "zod";
import { MATERIAL_IDS } from "../../workflows/materials";
import { parseCriticalDimensions } from "../../workflows/tolerances";
import { LANGUAGES } from "~/i18n/languages";
import { CURRENCIES, MISSING_ANSWER, type FieldErrors } from "./intake";
import { withCleanText } from "./text";

/**
 * The intake form's fields at the boundary: the authority on every answer, for the form's own
 * posts and for those from a manufacturer's website. Server-only (the browser checks the few
 * things in intake.ts), so zod stays out of the public pages' script.
 */

/** Absent (a form without the field): the unit stays unknown and the analysis assumes millimetres. */
export const stlUnitSchema = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z
    .enum(["mm", "cm", "in"], {
      errorMap: () => ({ message: "Choose the unit of your STL models: millimetres, centimetres or inches." }),
    })
    .optional(),
);

const blankToUndefined = (v: unknown) =>
  typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v;

const requiredText = (name: string, missing: string, max = 200) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ required_error: missing, invalid_type_error: missing })
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

const yesNo = (message: string) => z.enum(["yes", "no"], { errorMap: () => ({ message }) });

const intakeObject = z
  .object({
    company: requiredText("company name", MISSING_ANSWER.company),
    contactName: requiredText("contact name", MISSING_ANSWER.contactName),
    email: z.preprocess(
      blankToUndefined,
      z
        .string({ required_error: MISSING_ANSWER.email })
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
    country: requiredText("country", MISSING_ANSWER.country, 100),
    partName: requiredText("part name", MISSING_ANSWER.partName),
    partNumber: optionalText("part number", 100),
    revision: optionalText("revision", 40),
    material: z.enum(MATERIAL_IDS, { errorMap: () => ({ message: MISSING_ANSWER.material }) }),
    // Coerced only when given, so a blank answer is reported as missing, not as "not a number".
    annualVolume: z.preprocess(
      (v) => {
        const given = blankToUndefined(v);
        return given === undefined ? undefined : Number(given);
      },
      z
        .number({
          required_error: MISSING_ANSWER.annualVolume,
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
    ndaRequired: yesNo(MISSING_ANSWER.ndaRequired),
    exportControlled: yesNo(MISSING_ANSWER.exportControlled),
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
