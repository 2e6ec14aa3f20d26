import { z } from "zod";

const optional = (what: string, max: number) =>
  z.string().trim().max(max, `Keep ${what} under ${max} characters.`).optional();

/** The factory profile form (/admin/factory): what every quotation prints as the seller. */
export const factoryForm = z.object({
  name: z
    .string({ required_error: "Enter the factory's legal name, as it signs its quotations." })
    .trim()
    .min(1, "Enter the factory's legal name, as it signs its quotations.")
    .max(120, "Keep the name under 120 characters."),
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
});

export type FactoryFormValues = z.infer<typeof factoryForm>;
