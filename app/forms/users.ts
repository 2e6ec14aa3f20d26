import { z } from "zod";
import { STAFF_ROLES } from "../../workflows/roles";
import { withCleanText } from "./text";

const roles = z.array(z.enum(STAFF_ROLES)).min(1, "Give at least one role.");

export const inviteForm = withCleanText(
  z.object({
    email: z
      .string()
      .trim()
      .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "Enter the person's e-mail address, e.g. ada@factory.com."),
    name: z.string().trim().min(1, "Enter the person's name.").max(200),
    role: roles,
  }),
);

export const rolesForm = withCleanText(z.object({ userId: z.string().uuid(), role: roles }));
export const userForm = withCleanText(z.object({ userId: z.string().uuid() }));

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
