import { z } from "zod";
import { STAFF_ROLES } from "../../workflows/roles";
import { withCleanText } from "./text";

const roles = z.array(z.enum(STAFF_ROLES)).min(1, "Give at least one role.");
const userId = z.string({ required_error: "Reload the page and try again." }).uuid("Reload the page and try again.");

const inviteFields = z.object({
  email: z
    .string({ required_error: "Enter the person's e-mail address, e.g. ada@factory.com." })
    .trim()
    .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "Enter the person's e-mail address, e.g. ada@factory.com."),
  name: z.string({ required_error: "Enter the person's name." }).trim().min(1, "Enter the person's name.").max(200),
  role: roles,
});

export const inviteForm = withCleanText(inviteFields);

/** The staff-accounts page's forms (/admin/users) as one schema: a union on `intent`. */
export const usersForm = withCleanText(
  z.discriminatedUnion("intent", [
    inviteFields.extend({ intent: z.literal("invite") }),
    z.object({ intent: z.literal("roles"), userId, role: roles }),
    z.object({ intent: z.enum(["deactivate", "reactivate", "resend"]), userId }),
  ]),
);

export const MIN_PASSWORD = 12;
// Not through withCleanText: a password is hashed, never shown, and must be what its owner typed.
export const passwordForm = z
  .object({
    password: z
      .string({ required_error: "Choose a password." })
      .min(MIN_PASSWORD, `Choose at least ${MIN_PASSWORD} characters: a few words make a strong, memorable password.`)
      .max(200),
    repeat: z.string({ required_error: "Type the password a second time." }),
  })
  .refine((v) => v.password === v.repeat, {
    path: ["repeat"],
    message: "The two passwords differ: type the same one twice.",
  });
