import { z } from "zod";

/** The staff sign-in form. The password is compared as typed: no trimming, no cleaning. */
export const loginForm = z.object({
  email: z.string({ required_error: "Enter your e-mail address." }).trim().min(1, "Enter your e-mail address."),
  password: z.string({ required_error: "Enter your password." }).min(1, "Enter your password."),
  redirectTo: z.string().optional(),
});
