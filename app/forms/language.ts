import { z } from "zod";
import { LANGUAGE_CODES } from "~/i18n/languages";

/** The language switcher's post: a language we serve, and the page to go back to (checked as same-site later). */
export const languageSwitchSchema = z.object({
  lng: z.enum(LANGUAGE_CODES, { errorMap: () => ({ message: "intake:switcher.invalid" }) }),
  /** Anything unusable (too long) sends the buyer to the start page instead. */
  returnTo: z.string().max(2000).optional().catch(undefined),
});
