import { getFormProps, useForm, type DefaultValue, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { FormAlert } from "~/components/form-alert";
import { CSRF_FIELD } from "~/forms/csrf";
import { workspaceForm, type WorkspaceIntent } from "~/forms/review";

/** What the workspace action answers a refused post with: which form it came from and Conform's reply. */
export type WorkspaceActionData = { formId: string; result: SubmissionResult<string[]> };

/** The hidden field that tells the action which of the page's forms posted (several share an intent). */
export const FORM_ID_FIELD = "formId";

/**
 * One of the workspace's forms: Conform with the workspace's one schema, checked on submit and
 * again as the user fixes a field; a refusal from the server comes back to the form that posted.
 */
export function useWorkspaceForm(id: string, defaultValue?: Record<string, unknown>) {
  const data = useActionData<WorkspaceActionData>();
  const [form, fields] = useForm<Record<string, unknown>>({
    id,
    lastResult: data?.formId === id ? data.result : undefined,
    defaultValue: defaultValue as DefaultValue<Record<string, unknown>>,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: workspaceForm }),
  });
  // The fields are named per form, per stage and per operation: looked up by name.
  const field = (name: string) => fields[name] as unknown as FieldMetadata<unknown>;
  return [form, field] as const;
}

export type WorkspaceForm = ReturnType<typeof useWorkspaceForm>[0];

/** A field's first error, for the labelled controls of fields.tsx. */
export function errorOf(field: FieldMetadata<unknown>): string | undefined {
  return field.errors?.join(" ");
}

/**
 * Every workspace form: the intent, the inquiry version it was rendered from (optimistic
 * concurrency), the anti-forgery token, and the refusals that are not about one field (a stale
 * version, a wrong state) shown at the top of this form.
 */
export function StaffForm({
  form,
  intent,
  version,
  csrf,
  label,
  children,
  className,
}: {
  form: WorkspaceForm;
  intent: WorkspaceIntent;
  version?: number;
  csrf: string;
  label: string;
  children: ReactNode;
  className?: string;
}) {
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get(FORM_ID_FIELD) === form.id;
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className={className ?? "staff-form"}
      aria-label={label}
      preventScrollReset
    >
      <input type="hidden" name="intent" value={intent} />
      {version === undefined ? null : <input type="hidden" name="version" value={version} />}
      <input type="hidden" name={CSRF_FIELD} value={csrf} />
      <input type="hidden" name={FORM_ID_FIELD} value={form.id} />
      <FormAlert form={form} />
      <fieldset disabled={busy} className="plain">
        {children}
      </fieldset>
    </Form>
  );
}
