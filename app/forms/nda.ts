import { z } from "zod";

/** The form's file input: the signed NDA, one PDF. */
export const NDA_FILE_FIELD = "nda";

/**
 * The latest day an NDA can have been signed at `now`: today in the earliest time zone (UTC+14),
 * so that no office's own today is refused, whatever the server's clock zone.
 */
export function latestSigningDay(now: Date): string {
  return new Date(now.getTime() + 14 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

function isCalendarDay(value: string): boolean {
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

/**
 * Recording the signed NDA, read with Conform in the browser and on the server. The browser
 * checks the chosen file by name; the server reads the upload by content and gives the stored
 * file's name here, or its own error beside the field.
 */
export function ndaForm(now: Date) {
  const latest = latestSigningDay(now);
  return z.object({
    signedOn: z
      .string({ required_error: "Enter the date the NDA was signed." })
      .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date the NDA was signed as YYYY-MM-DD.")
      .refine(isCalendarDay, "That date does not exist: enter the date written on the signed NDA.")
      .refine((day) => day <= latest, "That date is in the future: enter the date the NDA was signed."),
    [NDA_FILE_FIELD]: z.unknown().superRefine((value, ctx) => {
      const message =
        value === undefined || value === ""
          ? "Choose the signed NDA (a PDF)."
          : typeof File !== "undefined" && value instanceof File && !/\.pdf$/i.test(value.name)
            ? "The signed NDA must be a PDF: scan or export it as PDF."
            : null;
      if (message) ctx.addIssue({ code: z.ZodIssueCode.custom, message });
    }),
  });
}
