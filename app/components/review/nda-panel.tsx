import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { conformProps, FileField, TextField } from "~/components/fields";
import { FormAlert } from "~/components/form-alert";
import { CSRF_FIELD } from "~/forms/csrf";
import { NDA_FILE_FIELD, ndaForm } from "~/forms/nda";

export type NdaView = {
  closed: string | null;
  signed: { signedOn: string; name: string; recordedBy: string; recordedAt: string } | null;
} | null;

/**
 * The upload that records the signed NDA: a multipart post to /review/<id>/nda, checked in the
 * browser with the server's schema; the server's refusal comes back on that page, beside the fields.
 */
export function NdaForm({
  inquiryId,
  csrf,
  lastResult,
}: {
  inquiryId: string;
  csrf: string;
  lastResult?: SubmissionResult<string[]>;
}) {
  const navigation = useNavigation();
  const action = `/review/${inquiryId}/nda`;
  const [form, fields] = useForm({
    id: "record-nda",
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ndaForm(new Date()) }),
  });
  const busy = navigation.state !== "idle" && navigation.formAction === action;
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      action={action}
      {...getFormProps(form)}
      className="staff-form"
      aria-label="Record the signed NDA"
    >
      <input type="hidden" name={CSRF_FIELD} value={csrf} />
      <FormAlert form={form} />
      <fieldset disabled={busy} className="plain">
        <TextField
          key={fields.signedOn.key}
          {...conformProps(fields.signedOn)}
          type="date"
          label="Date signed"
          hint="The date written on the signed NDA (not in the future)."
          required
        />
        <FileField
          key={fields[NDA_FILE_FIELD].key}
          {...conformProps(fields[NDA_FILE_FIELD])}
          label="Signed NDA (PDF)"
          hint="Kept with the inquiry for staff to download."
          accept=".pdf,application/pdf"
          required
        />
        <button type="submit" className="button primary">
          Record the signed NDA
        </button>
      </fieldset>
    </Form>
  );
}

/**
 * The NDA the buyer asked for, on the workspace: closed files until it is recorded (with the form
 * for those who may record it), then the signed NDA to download.
 */
export function NdaPanel({
  nda,
  inquiryId,
  csrf,
  canRecord,
}: {
  nda: NdaView;
  inquiryId: string;
  csrf: string;
  canRecord: boolean;
}) {
  if (!nda) return null;
  return (
    <section className="panel" aria-labelledby="nda-heading">
      <h2 id="nda-heading">Non-disclosure agreement</h2>
      {nda.signed ? (
        <p>
          Signed on {nda.signed.signedOn}, recorded by {nda.signed.recordedBy} on {nda.signed.recordedAt}:{" "}
          <a href={`/review/${inquiryId}/nda/signed`} download>
            {nda.signed.name}
          </a>
        </p>
      ) : (
        <>
          <p className="notice warning">
            The buyer asked for an NDA: their files are listed, but nobody can download or preview them yet.{" "}
            {nda.closed}
          </p>
          {canRecord ? <NdaForm inquiryId={inquiryId} csrf={csrf} /> : null}
        </>
      )}
    </section>
  );
}
