import { z } from "zod";
import { MATERIAL_IDS } from "../../workflows/materials";
import { parseCriticalDimensions } from "../../workflows/tolerances";
import { LANGUAGE_CODES } from "~/i18n/languages";
import type { Message } from "~/i18n/message";
import { LENGTH_UNITS } from "../../workflows/model-metrics";
import { CURRENCIES, missingAnswer, type FieldMessages, type IntakeFieldName, type REQUIRED_ANSWERS } from "./intake";
import { withCleanText } from "./text";

/**
 * The intake form's fields at the boundary: the authority on every answer, for the form's own
 * posts and for those from a manufacturer's website. Server-only (the browser checks the few
 * things in intake.ts), so zod stays out of the public pages' script.
 */

/**
 * Every message below is a key in the intake namespace (app/locales/<code>/intake.json): the route
 * translates them into the page's language, the same words the browser's checks show. Their values
 * come from the issue itself (a maximum, or a custom issue's params).
 */
const E = (name: string) => `intake:errors.${name}`;
const MISSING = (name: (typeof REQUIRED_ANSWERS)[number]) => missingAnswer(name).key;

/** Absent (a form without the field): the unit stays unknown and the analysis assumes millimetres. */
export const stlUnitSchema = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z.enum(LENGTH_UNITS, { errorMap: () => ({ message: E("stlUnit") }) }).optional(),
);

const blankToUndefined = (v: unknown) =>
  typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v;

const requiredText = (name: (typeof REQUIRED_ANSWERS)[number], max = 200) =>
  z.preprocess(
    blankToUndefined,
    z.string({ required_error: MISSING(name), invalid_type_error: MISSING(name) }).max(max, E("tooLong")),
  );

const optionalText = (max = 2000) => z.preprocess(blankToUndefined, z.string().max(max, E("tooLong")).optional());

const optionalPositiveMm = () =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ invalid_type_error: E("mmNumber") })
      .positive(E("mmPositive"))
      .max(1000, E("mmTooLarge"))
      .optional(),
  );

const yesNo = (name: "ndaRequired" | "exportControlled") =>
  z.enum(["yes", "no"], { errorMap: () => ({ message: MISSING(name) }) });

const intakeFields = {
  company: requiredText("company"),
  contactName: requiredText("contactName"),
  email: z.preprocess(
    blankToUndefined,
    z
      .string({ required_error: MISSING("email") })
      .email(E("emailInvalid"))
      .max(254, E("tooLong")),
  ),
  phone: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[+()0-9 .\-/]{5,40}$/, E("phoneInvalid"))
      .optional(),
  ),
  country: requiredText("country", 100),
  partName: requiredText("partName"),
  partNumber: optionalText(100),
  revision: optionalText(40),
  material: z.enum(MATERIAL_IDS, { errorMap: () => ({ message: MISSING("material") }) }),
  // Coerced only when given, so a blank answer is reported as missing, not as "not a number".
  annualVolume: z.preprocess(
    (v) => {
      const given = blankToUndefined(v);
      return given === undefined ? undefined : Number(given);
    },
    z
      .number({ required_error: MISSING("annualVolume"), invalid_type_error: E("annualVolumeNumber") })
      .int(E("annualVolumeWhole"))
      .min(1, E("annualVolumeMin"))
      .max(1_000_000_000, E("annualVolumeMax")),
  ),
  generalTolerance: optionalText(200),
  criticalDimensions: z.preprocess(
    blankToUndefined,
    z
      .string()
      .max(5000, E("tooLong"))
      .optional()
      .superRefine((v, ctx) => {
        if (v === undefined) return;
        const parsed = parseCriticalDimensions(v);
        if (!parsed.ok) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: E(parsed.problem === "format" ? "dimensionLine" : "dimensionPositive"),
            params: { line: parsed.line, text: parsed.text },
          });
        }
      })
      .transform((v) => {
        const parsed = v === undefined ? undefined : parseCriticalDimensions(v);
        return parsed?.ok ? parsed.dimensions : [];
      }),
  ),
  flatness: optionalPositiveMm(),
  roundness: optionalPositiveMm(),
  surfaceTreatment: optionalText(1000),
  heatTreatment: optionalText(1000),
  application: optionalText(2000),
  targetPrice: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ invalid_type_error: E("priceNumber") })
      .positive(E("pricePositive"))
      .optional(),
  ),
  currency: z.preprocess(
    blankToUndefined,
    z.enum(CURRENCIES, { errorMap: () => ({ message: E("currencyInvalid") }) }).optional(),
  ),
  samplesNeededBy: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, E("dateFormat"))
      .refine((d) => !Number.isNaN(Date.parse(d)), E("dateReal"))
      .optional(),
  ),
  ndaRequired: yesNo("ndaRequired"),
  exportControlled: yesNo("exportControlled"),
  notes: optionalText(5000),
  stlUnit: stlUnitSchema,
  language: z.preprocess(
    blankToUndefined,
    z.enum(LANGUAGE_CODES, { errorMap: () => ({ message: E("language") }) }).default("en"),
  ),
} satisfies Record<IntakeFieldName, z.ZodTypeAny>;

const intakeObject = z.object(intakeFields).superRefine((v, ctx) => {
  if (v.targetPrice !== undefined && v.currency === undefined) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["currency"], message: E("currencyMissing") });
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

/** An issue's message key with the values its words need. */
function issueMessage(issue: z.ZodIssue): Message {
  if (issue.code === z.ZodIssueCode.too_big) return { key: issue.message, values: { max: Number(issue.maximum) } };
  if (issue.code === z.ZodIssueCode.custom) return { key: issue.message, values: issue.params };
  return { key: issue.message };
}

export function validateIntakeFields(
  values: Record<string, unknown>,
): { ok: true; data: IntakeFields } | { ok: false; errors: FieldMessages } {
  const parsed = intakeFieldsSchema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldMessages = {};
  for (const issue of parsed.error.issues) {
    const key = (issue.path[0] ?? "form") as keyof FieldMessages;
    errors[key] ??= issueMessage(issue);
  }
  return { ok: false, errors };
}
