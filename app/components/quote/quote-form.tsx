import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { BuyerLanguageHint } from "~/components/buyer-language-hint";
import { ChoiceField, conformProps, SelectField, TextAreaField, TextField } from "~/components/fields";
import { FormAlert } from "~/components/form-alert";
import { quoteFormFor } from "~/forms/quote";
import type { BuilderView } from "~/server/quotes/quote-builder-view.server";
import { CAVITY_COUNTS } from "../../../workflows/cost-model";
import { INCOTERM_RULES } from "../../../workflows/quote";
import { PriceOverrides } from "./price-overrides";

const options = (values: readonly string[]) =>
  values.map((v) => (
    <option key={v} value={v}>
      {v}
    </option>
  ));

/**
 * The quote's inputs and terms: the part (when no model was measured), quantities, currency, cavity
 * options, commercial terms, assumptions, prices set by hand and notes. Checked in the browser with
 * the server's schema; saving reprices the version on the server.
 */
export function QuoteForm({ data, lastResult }: { data: BuilderView; lastResult?: SubmissionResult<string[]> }) {
  const quote = data.quote;
  const [form, fields] = useForm({
    // A new id after each save resets the form to the saved version (its price rows included).
    id: quote ? `quote-${quote.id}-${quote.rowVersion}` : "quote-new",
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: quoteFormFor(data.ratesCurrency, data.measured) }),
    defaultValue: data.form,
  });
  return (
    <Form method="post" {...getFormProps(form)} className="panel quote-form" aria-labelledby="quote-form-heading">
      <h2 id="quote-form-heading">{quote ? `Edit version ${quote.version}` : "Prepare the quote"}</h2>
      <input type="hidden" name="_csrf" value={data.csrf} />
      <input type="hidden" name="intent" value="save" />
      <input {...getInputProps(fields.quoteId, { type: "hidden" })} key={fields.quoteId.key} />
      <input {...getInputProps(fields.rowVersion, { type: "hidden" })} key={fields.rowVersion.key} />
      <FormAlert form={form} />
      {data.measured ? (
        <p>The mass and footprint come from the measured model.</p>
      ) : (
        <div className="grid">
          <TextField
            key={fields.massG.key}
            {...conformProps(fields.massG)}
            label="Sintered mass (g)"
            hint="No model was measured."
            inputMode="decimal"
          />
          <TextField
            key={fields.footprintMm2.key}
            {...conformProps(fields.footprintMm2)}
            label="Footprint on the furnace tray (mm²)"
            inputMode="decimal"
          />
        </div>
      )}
      <TextField
        key={fields.quantities.key}
        {...conformProps(fields.quantities)}
        label="Order quantities"
        hint="Separated by commas."
      />
      <ChoiceField
        key={fields.cavities.key}
        {...conformProps(fields.cavities)}
        defaultValue={data.form.cavities}
        type="checkbox"
        label="Cavity options (none ticked: suggested from the annual volume)"
        options={CAVITY_COUNTS.map((c) => ({ value: String(c), label: String(c) }))}
      />
      <fieldset>
        <legend>Currency</legend>
        <SelectField
          key={fields.currency.key}
          {...conformProps(fields.currency)}
          label="Quote currency"
          hint={
            data.ratesCurrency
              ? `The rates are in ${data.ratesCurrency}; in another currency, enter the exchange rate, its date and its source. Prices set by hand are in the quote's currency.`
              : "The money rates are in more than one currency: an admin must set them in one before pricing."
          }
        >
          {options(data.currencies)}
        </SelectField>
        <div className="grid">
          <TextField
            key={fields.exchangeRate.key}
            {...conformProps(fields.exchangeRate)}
            label={`Exchange rate: quote currency per 1 ${data.ratesCurrency ?? "rate currency"}`}
            hint="e.g. 1.0850"
            inputMode="decimal"
          />
          <TextField
            key={fields.exchangeRateDate.key}
            {...conformProps(fields.exchangeRateDate)}
            label="Date of the exchange rate (YYYY-MM-DD)"
          />
        </div>
        <TextField
          key={fields.exchangeRateSource.key}
          {...conformProps(fields.exchangeRateSource)}
          label="Source of the exchange rate (e.g. ECB reference rate)"
        />
      </fieldset>
      <fieldset>
        <legend>Terms</legend>
        <div className="grid">
          <TextField
            key={fields.validityDays.key}
            {...conformProps(fields.validityDays)}
            label="Validity (days)"
            inputMode="numeric"
          />
          <SelectField
            key={fields.incotermRule.key}
            {...conformProps(fields.incotermRule)}
            label="Incoterms® 2020 rule"
          >
            {options(INCOTERM_RULES)}
          </SelectField>
          <TextField
            key={fields.incotermPlace.key}
            {...conformProps(fields.incotermPlace)}
            label="Named place (e.g. our factory, Nyköping)"
          />
          <TextField key={fields.paymentTerms.key} {...conformProps(fields.paymentTerms)} label="Payment terms" />
          <TextField
            key={fields.toolingLeadWeeks.key}
            {...conformProps(fields.toolingLeadWeeks)}
            label="Tooling to first samples (weeks)"
            inputMode="numeric"
          />
          <TextField
            key={fields.productionLeadWeeks.key}
            {...conformProps(fields.productionLeadWeeks)}
            label="Production after sample approval (weeks)"
            inputMode="numeric"
          />
          <TextField
            key={fields.toolingPaymentTerms.key}
            {...conformProps(fields.toolingPaymentTerms)}
            label="Tooling payment terms"
          />
          <TextField
            key={fields.toolingOwnership.key}
            {...conformProps(fields.toolingOwnership)}
            label="Tooling ownership"
          />
          <TextField
            key={fields.shotLife.key}
            {...conformProps(fields.shotLife)}
            label="Tool shot life (shots)"
            inputMode="numeric"
          />
        </div>
        <TextAreaField
          key={fields.rawMaterialClause.key}
          {...conformProps(fields.rawMaterialClause)}
          label="Raw-material price clause"
          rows={3}
        />
      </fieldset>
      <TextAreaField
        key={fields.assumptions.key}
        {...conformProps(fields.assumptions)}
        label="Assumptions, one per line (the buyer reads them)"
        rows={4}
      />
      {data.stageRiskAssumptions.length > 0 ? (
        <ChoiceField
          key={fields.addAssumptions.key}
          {...conformProps(fields.addAssumptions)}
          type="checkbox"
          label="Stage-risk notes from the review: tick to add them to the assumptions"
          defaultValue={data.stageRiskAssumptions.filter((a) => a.already).map((a) => a.stage)}
          options={data.stageRiskAssumptions.map((a) => ({
            value: a.stage,
            label: a.text,
            note: a.already ? "(already an assumption)" : undefined,
            disabled: a.already,
          }))}
        />
      ) : null}
      <PriceOverrides
        rows={quote?.overrideRows ?? []}
        fields={fields.overrides.getFieldList()}
        currency={quote?.currency ?? data.ratesCurrency ?? ""}
        editable={data.mayOverride}
      />
      <TextAreaField
        key={fields.buyerNotes.key}
        {...conformProps(fields.buyerNotes)}
        label="Notes for the buyer"
        hint={<BuyerLanguageHint language={data.buyerLanguage} />}
        rows={4}
      />
      <TextAreaField
        key={fields.internalNotes.key}
        {...conformProps(fields.internalNotes)}
        label="Internal notes (never shown to the buyer)"
        rows={4}
      />
      <button type="submit" className="button primary">
        {quote ? "Save (a saved change voids any approval)" : "Create the quote"}
      </button>
    </Form>
  );
}
