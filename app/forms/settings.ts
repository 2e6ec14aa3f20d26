import { z } from "zod";
import { rangeProblem, type SettingField } from "../../workflows/number-range";
import { PRE_ASSESSMENT_FIELDS } from "../../workflows/pre-assessment";
import { OVERDUE_DAYS_FIELD } from "../../workflows/review-settings";
import { withCleanText } from "./text";

/** A figure within its field's range; anything else (NaN, Infinity, 1e308, a negative) gets the range's message. */
const bounded = (field: SettingField<string>) =>
  z
    .number({
      required_error: `Enter ${field.label.toLowerCase()}.`,
      invalid_type_error: rangeProblem(field, NaN)!,
    })
    .superRefine((value, ctx) => {
      const problem = rangeProblem(field, value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });

/** The review thresholds form (/admin/settings): the queue's overdue limit and the screen's figures. */
export const settingsForm = withCleanText(
  z.object(Object.fromEntries([OVERDUE_DAYS_FIELD, ...PRE_ASSESSMENT_FIELDS].map((f) => [f.key, bounded(f)]))),
);
