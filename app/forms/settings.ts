import { z } from "zod";
import { PRE_ASSESSMENT_FIELDS } from "../../workflows/pre-assessment";
import { withCleanText } from "./text";

const positive = (label: string) =>
  z
    .number({
      required_error: `Enter ${label.toLowerCase()}.`,
      invalid_type_error: `Enter ${label.toLowerCase()} as a number.`,
    })
    .positive(`${label} must be greater than zero.`);

/** The review thresholds form (/admin/settings): the queue's overdue limit and the screen's figures. */
export const settingsForm = withCleanText(
  z.object({
    overdueDays: positive("The overdue limit"),
    ...Object.fromEntries(PRE_ASSESSMENT_FIELDS.map((f) => [f.key, positive(f.label)])),
  }),
);
