import {
  getCollectionProps,
  getFormProps,
  getInputProps,
  getTextareaProps,
  useForm,
  type FieldMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useMemo, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ZodTypeAny } from "zod";
import {
  acceptForm,
  declineForm,
  quoteQuestionForm,
  updateRequestForm,
  type QuoteAnswerIntent,
} from "~/forms/quote-answer";
import { DECLINE_REASON_IDS } from "../../workflows/quote-answer";

/** What the action answers a refused post with: the form it came from and Conform's reply. */
export type AnswerOutcome = { intent: QuoteAnswerIntent | null; result: SubmissionResult<string[]> };

type Current = {
  version: number;
  refusal: string | null;
  answer: { title: string; rows: { label: string; value: string }[] } | null;
  /** The quantities' labels ("5.000 Stück") as the server formatted them, in the order of `quantities`. */
  choices: { cavities: number[]; quantities: number[]; quantityLabels: string[] };
};

function Errors({ id, errors }: { id: string; errors?: string[] }) {
  return errors ? (
    <p className="error" id={id}>
      {errors.join(" ")}
    </p>
  ) : null;
}

/** One of the page's forms: Conform with the shared schema, validated on blur, errors beside their fields. */
function useAnswerForm(intent: QuoteAnswerIntent, schema: ZodTypeAny, outcome?: AnswerOutcome) {
  return useForm({
    id: `quote-${intent}`,
    lastResult: outcome?.intent === intent ? outcome.result : undefined,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
}

function AnswerForm({
  form,
  intent,
  version,
  label,
  children,
  submit,
}: {
  form: ReturnType<typeof useAnswerForm>[0];
  intent: QuoteAnswerIntent;
  version: number;
  label: string;
  children: ReactNode;
  submit: string;
}) {
  return (
    <Form method="post" {...getFormProps(form)} aria-label={label}>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="version" value={version} />
      {form.errors ? (
        <p className="alert" role="alert" id={form.errorId}>
          {form.errors.join(" ")}
        </p>
      ) : null}
      {children}
      <button type="submit" className="button primary">
        {submit}
      </button>
    </Form>
  );
}

function TextInput({ field, label }: { field: FieldMetadata<string>; label: string }) {
  return (
    <div className={field.errors ? "field has-error" : "field"}>
      <label htmlFor={field.id}>{label}</label>
      <input {...getInputProps(field, { type: "text" })} key={field.key} />
      <Errors id={field.errorId} errors={field.errors} />
    </div>
  );
}

function TextArea({ field, label, hint }: { field: FieldMetadata<string>; label: string; hint?: string }) {
  return (
    <div className={field.errors ? "field has-error" : "field"}>
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p className="hint" id={field.descriptionId}>
          {hint}
        </p>
      ) : null}
      <textarea
        {...getTextareaProps(field, { ariaDescribedBy: hint ? field.descriptionId : undefined })}
        key={field.key}
        rows={4}
      />
      <Errors id={field.errorId} errors={field.errors} />
    </div>
  );
}

function Choice({
  field,
  legend,
  options,
}: {
  field: FieldMetadata<string>;
  legend: string;
  options: { value: string; label: string }[];
}) {
  const labels = new Map(options.map((o) => [o.value, o.label]));
  return (
    <fieldset className={field.errors ? "field has-error" : "field"}>
      <legend>{legend}</legend>
      {getCollectionProps(field, { type: "radio", options: options.map((o) => o.value) }).map(({ key, ...props }) => (
        <label key={key} htmlFor={props.id} className="choice">
          <input {...props} /> {labels.get(props.value)}
        </label>
      ))}
      <Errors id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}

/**
 * The buyer's answers to the latest version: accept or decline while it can be answered; otherwise
 * why not and a request for an updated quotation. A question is always possible.
 */
export function QuoteAnswerForms({ current, outcome }: { current: Current; outcome?: AnswerOutcome }) {
  const { t } = useTranslation("status");
  // The same schemas as the server's, with the page's messages: errors read alike on both sides.
  const schemas = useMemo(
    () => ({
      accept: acceptForm(current.choices, t),
      decline: declineForm(t),
      question: quoteQuestionForm(t),
      update: updateRequestForm(t),
    }),
    [current.choices, t],
  );
  const [accept, acceptFields] = useAnswerForm("accept", schemas.accept, outcome);
  const [decline, declineFields] = useAnswerForm("decline", schemas.decline, outcome);
  const [question, questionFields] = useAnswerForm("question", schemas.question, outcome);
  const [update, updateFields] = useAnswerForm("update", schemas.update, outcome);
  return (
    <>
      {outcome && outcome.intent === null && outcome.result.error?.[""] ? (
        <p className="alert" role="alert">
          {outcome.result.error[""].join(" ")}
        </p>
      ) : null}
      {current.answer ? (
        <section aria-labelledby="answer-heading">
          <h2 id="answer-heading">{t("answer.heading", { title: current.answer.title })}</h2>
          <dl className="summary">
            {current.answer.rows.map((r) => (
              <div key={r.label}>
                <dt>{r.label}</dt>
                <dd>{r.value}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
      {current.refusal ? (
        <section aria-labelledby="update-heading">
          <h2 id="update-heading">{t("forms.closedHeading")}</h2>
          <p className="notice warning" role="status">
            {current.refusal}
          </p>
          <AnswerForm
            form={update}
            intent="update"
            version={current.version}
            label={t("forms.update")}
            submit={t("forms.update")}
          >
            <TextArea
              field={updateFields.text as FieldMetadata<string>}
              label={t("forms.updateMessage")}
              hint={t("forms.updateHint")}
            />
          </AnswerForm>
        </section>
      ) : (
        <div className="two-columns">
          <section aria-labelledby="accept-heading">
            <h2 id="accept-heading">{t("forms.acceptHeading")}</h2>
            <AnswerForm
              form={accept}
              intent="accept"
              version={current.version}
              label={t("forms.accept")}
              submit={t("forms.acceptSubmit")}
            >
              <Choice
                field={acceptFields.cavities as FieldMetadata<string>}
                legend={t("forms.tool")}
                options={current.choices.cavities.map((c) => ({
                  value: String(c),
                  label: t("answer.cavities", { count: c }),
                }))}
              />
              <Choice
                field={acceptFields.quantity as FieldMetadata<string>}
                legend={t("forms.orderQuantity")}
                options={current.choices.quantities.map((q, i) => ({
                  value: String(q),
                  label: current.choices.quantityLabels[i] ?? String(q),
                }))}
              />
              <TextInput field={acceptFields.poReference as FieldMetadata<string>} label={t("forms.poReference")} />
              <TextInput field={acceptFields.buyerName as FieldMetadata<string>} label={t("forms.buyerName")} />
            </AnswerForm>
          </section>
          <section aria-labelledby="decline-heading">
            <h2 id="decline-heading">{t("forms.declineHeading")}</h2>
            <AnswerForm
              form={decline}
              intent="decline"
              version={current.version}
              label={t("forms.decline")}
              submit={t("forms.declineSubmit")}
            >
              <Choice
                field={declineFields.reason as FieldMetadata<string>}
                legend={t("forms.reason")}
                options={DECLINE_REASON_IDS.map((id) => ({ value: id, label: t(`declineReason.${id}`) }))}
              />
              <TextArea
                field={declineFields.text as FieldMetadata<string>}
                label={t("forms.inYourWords")}
                hint={t("forms.declineHint", { other: t("declineReason.other") })}
              />
            </AnswerForm>
          </section>
        </div>
      )}
      <section aria-labelledby="question-heading">
        <h2 id="question-heading">{t("forms.questionHeading")}</h2>
        <AnswerForm
          form={question}
          intent="question"
          version={current.version}
          label={t("forms.question")}
          submit={t("forms.questionSubmit")}
        >
          <TextArea field={questionFields.text as FieldMetadata<string>} label={t("forms.yourQuestion")} />
        </AnswerForm>
      </section>
    </>
  );
}
