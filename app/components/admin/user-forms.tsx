import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useActionData } from "@remix-run/react";
import type { ReactNode } from "react";
import { ChoiceField, conformProps, TextField } from "~/components/fields";
import { CSRF_FIELD } from "~/forms/csrf";
import { usersForm } from "~/forms/users";
import { ROLE_LABELS, STAFF_ROLES } from "../../../workflows/roles";
import { FormAlert } from "~/components/form-alert";

/** What the action answers a refused post with: which of the page's forms posted, and Conform's reply. */
export type UsersActionData = { formId: string; result: SubmissionResult<string[]> };

/** The id of the form a post came from: one invitation form, and per account its own forms. */
export function usersFormId(intent: string, userId: string | null): string {
  return userId ? `${intent}-${userId}` : intent;
}

function useUsersForm(id: string) {
  const data = useActionData<UsersActionData>();
  return useForm({
    id,
    lastResult: data?.formId === id ? data.result : undefined,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    constraint: getZodConstraint(usersForm),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: usersForm }),
  });
}

const ROLE_OPTIONS = STAFF_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

function UserForm({
  id,
  intent,
  csrf,
  userId,
  label,
  children,
}: {
  id: string;
  intent: string;
  csrf: string;
  userId: string;
  label: string;
  children: ReactNode;
}) {
  const [form] = useUsersForm(id);
  return (
    <>
      <Form method="post" {...getFormProps(form)} aria-label={label} className="inline-form">
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <input type="hidden" name="userId" value={userId} />
        {children}
      </Form>
      {form.errors ? (
        <p className="error" role="alert" id={form.errorId}>
          {form.errors.join(" ")}
        </p>
      ) : null}
    </>
  );
}

/** An account's roles as boxes to tick; a refusal shows beside them with the boxes as they were ticked. */
export function RolesForm({ csrf, user }: { csrf: string; user: { id: string; name: string; roles: string[] } }) {
  const id = usersFormId("roles", user.id);
  const [form, fields] = useUsersForm(id);
  const ticked = fields.role.initialValue as string[] | string | undefined;
  return (
    <Form method="post" {...getFormProps(form)} aria-label={`Roles of ${user.name}`} className="inline-form">
      <input type="hidden" name="intent" value="roles" />
      <input type="hidden" name={CSRF_FIELD} value={csrf} />
      <input type="hidden" name="userId" value={user.id} />
      <ChoiceField
        key={fields.role.key}
        id={fields.role.id}
        name={fields.role.name}
        type="checkbox"
        className="plain roles-boxes"
        label={`Roles of ${user.name}`}
        defaultValue={ticked ?? user.roles}
        error={[...(fields.role.errors ?? []), ...(form.errors ?? [])].join(" ") || undefined}
        options={ROLE_OPTIONS}
      />
      <button type="submit" className="button">
        Save roles
      </button>
    </Form>
  );
}

/** A one-button action on an account: deactivate, reactivate, resend the invitation. */
export function AccountAction({
  csrf,
  user,
  intent,
  label,
  button,
}: {
  csrf: string;
  user: { id: string };
  intent: "deactivate" | "reactivate" | "resend";
  label: string;
  button: string;
}) {
  return (
    <UserForm id={usersFormId(intent, user.id)} intent={intent} csrf={csrf} userId={user.id} label={label}>
      <button type="submit" className="button">
        {button}
      </button>
    </UserForm>
  );
}

export function InviteForm({ csrf }: { csrf: string }) {
  const [form, fields] = useUsersForm("invite");
  return (
    <Form method="post" {...getFormProps(form)} aria-label="Invite a colleague">
      <input type="hidden" name="intent" value="invite" />
      <input type="hidden" name={CSRF_FIELD} value={csrf} />
      <FormAlert form={form} />
      <div className="grid">
        <TextField
          key={fields.email.key}
          {...conformProps(fields.email)}
          label="E-mail"
          type="email"
          autoComplete="off"
        />
        <TextField key={fields.name.key} {...conformProps(fields.name)} label="Name" autoComplete="off" />
      </div>
      <ChoiceField
        key={fields.role.key}
        id={fields.role.id}
        name={fields.role.name}
        type="checkbox"
        label="Roles"
        required
        defaultValue={fields.role.initialValue as string[] | string | undefined}
        error={fields.role.errors?.join(" ")}
        options={ROLE_OPTIONS}
      />
      <button type="submit" className="button primary">
        Send invitation
      </button>
    </Form>
  );
}
