import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link } from "@remix-run/react";
import { conformProps, TextField } from "~/components/fields";
import { CSRF_FIELD } from "~/forms/csrf";
import { PERCENT_KINDS, rateChangeForm } from "~/forms/rates";
import { rangeHint } from "../../../workflows/number-range";
import { rateDefinition, type RateEntry } from "../../../workflows/rates";

/** The form that gives one rate a new value from a date, with its source; errors beside their fields. */
export function EditRate({
  rate,
  csrf,
  lastResult,
  defaultValue,
}: {
  rate: RateEntry;
  csrf: string;
  lastResult?: SubmissionResult<string[]>;
  defaultValue: { value: string; currency: string; source: string; effectiveFrom: string; reason: string };
}) {
  const percent = PERCENT_KINDS.has(rate.kind);
  const [form, fields] = useForm({
    id: "edit-rate",
    lastResult,
    defaultValue,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    constraint: getZodConstraint(rateChangeForm),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: rateChangeForm }),
  });
  return (
    <Form method="post" {...getFormProps(form)} aria-labelledby="edit-rate-title" className="panel">
      <h2 id="edit-rate-title">{`Change: ${rate.label}`}</h2>
      <p className="muted">
        The new value applies from the date you give; the current value and every earlier one stay in the history.
        Quotes already sent keep the rates they were priced with.
      </p>
      {form.errors ? (
        <p className="error" role="alert" id={form.errorId}>
          {form.errors.join(" ")}
        </p>
      ) : null}
      <input type="hidden" name={CSRF_FIELD} value={csrf} />
      <input type="hidden" name="key" value={rate.key} />
      <TextField
        key={fields.value.key}
        {...conformProps(fields.value)}
        label={`Value (${percent ? "%" : rate.unit})`}
        inputMode="decimal"
        hint={`${percent ? `Enter a percentage: ${rate.unit}. ` : ""}${rangeHint(rateDefinition(rate.key)!.range, percent ? 100 : 1)}`}
        required
      />
      {rate.kind === "money" ? (
        <TextField
          key={fields.currency.key}
          {...conformProps(fields.currency)}
          label="Currency (ISO code)"
          hint="All money rates must share one currency for pricing."
          required
        />
      ) : null}
      <TextField
        key={fields.source.key}
        {...conformProps(fields.source)}
        label="Source note"
        hint="Where the figure comes from: a supplier's price and its date, your costing, a quote."
        required
      />
      <TextField
        key={fields.effectiveFrom.key}
        {...conformProps(fields.effectiveFrom)}
        label="Effective from"
        type="date"
        required
      />
      <TextField key={fields.reason.key} {...conformProps(fields.reason)} label="Reason for the change" />
      <button type="submit" className="button primary">
        Save the new value
      </button>{" "}
      <Link to="/admin/rates">Cancel</Link>
    </Form>
  );
}
