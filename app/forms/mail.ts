import { z } from "zod";

const MISSING = "This form is missing the message: reload the page and try again.";

/** Retrying an undeliverable e-mail (/admin/mail): which outbox row. */
export const retryForm = z.object({
  id: z.number({ required_error: MISSING, invalid_type_error: MISSING }).int(MISSING).positive(MISSING),
});
