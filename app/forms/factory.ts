import { z } from "zod";
import { contrastWithWhite, MIN_CONTRAST } from "./contrast";
import { isOrigin, ORIGIN_RULE } from "./origin";
import { withCleanText } from "./text";

const optional = (what: string, max: number) =>
  z.string().trim().max(max, `Keep ${what} under ${max} characters.`).optional();

export const PROMISE_UNITS = ["hours", "working_days", "days"] as const;
export type PromiseUnit = (typeof PROMISE_UNITS)[number];

/**
 * The factory profile form (/admin/factory): what every quotation prints as the seller. Its text is
 * cleaned like every form's (the address and the site list keep their line breaks).
 */
export const factoryForm = withCleanText(
  z.object({
    name: z
      .string({ required_error: "Enter the factory's legal name, as it signs its quotations." })
      .trim()
      .min(1, "Enter the factory's legal name, as it signs its quotations.")
      .max(120, "Keep the name under 120 characters.")
      // Buyer e-mails show it as the sender's name while no sender name is set.
      .refine(
        (name) => !/[<>@]/.test(name),
        "Enter the factory's name without an e-mail address or < > @: buyer e-mails show it as the sender's name.",
      ),
    address: z
      .string({ required_error: "Enter the factory's address: street, town and country, one per line." })
      .transform((text) =>
        text
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter(Boolean),
      )
      .pipe(
        z
          .array(z.string().max(120, "Keep each address line under 120 characters."))
          .min(2, "Enter the factory's address: street, town and country, one per line.")
          .max(6, "Keep the address to 6 lines at most."),
      ),
    email: z
      .string({ required_error: "Enter the e-mail address buyers write to about a quotation." })
      .trim()
      .email("Enter the e-mail address buyers write to about a quotation, e.g. sales@factory.com."),
    phone: optional("the phone number", 40),
    website: optional("the website", 120),
    registration: optional("the registration or VAT number", 80),
    accent: z
      .string()
      .trim()
      .toLowerCase()
      .superRefine((hex, ctx) => {
        const problem = !/^#[0-9a-f]{6}$/.test(hex)
          ? "Enter the colour as # and six hexadecimal digits, e.g. #0b5cad."
          : contrastWithWhite(hex) < MIN_CONTRAST
            ? `White text on ${hex} has a contrast of ${contrastWithWhite(hex).toFixed(1)}:1; buttons need at least ${MIN_CONTRAST}:1 to be readable. Choose a darker shade.`
            : null;
        if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
      })
      .optional(),
    // A display name only: with an address in it ("Bank Support <ceo@bank.example>") a mail client
    // would show the buyer that address, not the one the mail comes from.
    senderName: z
      .string()
      .trim()
      .max(80, "Keep the sender name under 80 characters.")
      .refine(
        (name) => !/[<>@"\\,;]/.test(name),
        "Enter the sender's name only, e.g. Lindqvist Sales: no e-mail address and none of < > @ \" \\ , ; (the address goes in the next field).",
      )
      .optional(),
    senderEmail: z
      .string()
      .trim()
      .email("Enter the address buyer e-mails come from, e.g. quotes@factory.com, or leave it empty to use MAIL_FROM.")
      .optional(),
    frameOrigins: z
      .string()
      .optional()
      .transform((text) =>
        (text ?? "")
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter(Boolean),
      )
      // Checked as one list, so the message sits beside the one field the admin typed into.
      .superRefine((entries, ctx) => {
        const wrong = entries.filter((entry) => !isOrigin(entry));
        if (wrong.length > 0) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: `${wrong.map((entry) => `"${entry}"`).join(", ")} ${wrong.length === 1 ? "is not an origin" : "are not origins"}: ${ORIGIN_RULE}, one per line, e.g. https://www.factory.com`,
          });
        } else if (entries.length > 10) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: "List at most 10 sites." });
        }
      })
      .transform((origins) => [...new Set(origins.map((entry) => new URL(entry).origin))]),
    promiseCount: z.coerce
      .number({ invalid_type_error: "Enter the number as digits, e.g. 2." })
      .int("Enter a whole number, e.g. 2.")
      .min(1, "Enter at least 1, or leave it empty to make no promise.")
      .max(99, "Enter at most 99.")
      .optional(),
    promiseUnit: z.enum(PROMISE_UNITS, { message: "Choose hours, working days or days." }).default("working_days"),
  }),
  ["address", "frameOrigins"],
);

export type FactoryFormValues = z.infer<typeof factoryForm>;
