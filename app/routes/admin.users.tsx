import {
  json,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { TextField } from "~/components/fields";
import { CSRF_FIELD } from "~/forms/csrf";
import { formObject } from "~/forms/form-data";
import { inviteForm, rolesForm, userForm } from "~/forms/users";
import { requireCsrf } from "~/server/auth.server";
import { requirePermission } from "~/server/permissions.server";
import { changeActive, changeRoles, inviteUser, listUsers, resendInvite, type UserResult } from "~/server/users.server";
import { ROLE_LABELS, STAFF_ROLES } from "../../workflows/roles";
import { readForm } from "~/server/form-body.server";

const NO_STORE = { "Cache-Control": "private, no-store" };
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;
export const meta: MetaFunction = () => [{ title: "Staff accounts" }];

// The notice after a redirect is chosen by key, so a crafted link cannot put its own words on this page.
const NOTICES = {
  invited: "Invitation sent.",
  roles: "Roles saved.",
  deactivated: "Account deactivated and signed out everywhere.",
  reactivated: "Account reactivated.",
  resent: "Invitation sent again; the earlier link no longer works.",
} as const;
type Notice = keyof typeof NOTICES;

export function loader({ request, context }: LoaderFunctionArgs) {
  const admin = requirePermission(request, context.services, "administer");
  return json({ users: listUsers(context.services), csrf: admin.csrfToken, me: admin.id }, { headers: NO_STORE });
}

type Errors = { email?: string; name?: string; role?: string; form?: string };
type ActionData = {
  intent: string;
  userId: string | null;
  errors: Errors;
  values: { email?: string; name?: string; role: string[] };
};

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requirePermission(request, context.services, "administer");
  const form = readForm(context);
  requireCsrf(form, admin);
  const { services } = context;
  const intent = String(form.get("intent") ?? "");
  // A form with no box ticked sends no "role" at all: that is an empty choice, not a missing field.
  const raw: Record<string, unknown> = { role: [], ...formObject(form, ["role"]) };
  const data = (errors: Errors): ActionData => ({
    intent,
    userId: typeof raw.userId === "string" ? raw.userId : null,
    errors,
    values: {
      email: raw.email as string | undefined,
      name: raw.name as string | undefined,
      role: raw.role as string[],
    },
  });
  const fail = (errors: Errors) => json(data(errors), { status: 400, headers: NO_STORE });
  const run = (result: UserResult, done: Notice) =>
    result.ok ? redirect(`/admin/users?done=${done}`) : fail({ [result.field ?? "form"]: result.message });

  if (intent === "invite") {
    const parsed = inviteForm.safeParse(raw);
    if (!parsed.success) {
      const errors = parsed.error.flatten().fieldErrors;
      return fail({ email: errors.email?.[0], name: errors.name?.[0], role: errors.role?.[0] });
    }
    return run(inviteUser(services, admin, { ...parsed.data, roles: parsed.data.role }), "invited");
  }
  if (intent === "roles") {
    const parsed = rolesForm.safeParse(raw);
    if (!parsed.success) return fail({ form: parsed.error.issues.map((i) => i.message).join(" ") });
    return run(changeRoles(services, admin, parsed.data.userId, parsed.data.role), "roles");
  }
  const parsed = userForm.safeParse(raw);
  if (!parsed.success) return fail({ form: "Reload the page and try again." });
  switch (intent) {
    case "deactivate":
      return run(changeActive(services, admin, parsed.data.userId, false), "deactivated");
    case "reactivate":
      return run(changeActive(services, admin, parsed.data.userId, true), "reactivated");
    case "resend":
      return run(resendInvite(services, admin, parsed.data.userId), "resent");
    default:
      return fail({ form: "Unknown action: reload the page and try again." });
  }
}

function Hidden({ intent, csrf, userId }: { intent: string; csrf: string; userId?: string }) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name={CSRF_FIELD} value={csrf} />
      {userId ? <input type="hidden" name="userId" value={userId} /> : null}
    </>
  );
}

function RoleBoxes({ checked }: { checked: readonly string[] }) {
  return STAFF_ROLES.map((role) => (
    <label key={role} className="inline">
      <input type="checkbox" name="role" value={role} defaultChecked={checked.includes(role)} />
      {ROLE_LABELS[role]}
    </label>
  ));
}

export default function AdminUsers() {
  const { users, csrf, me } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = NOTICES[params.get("done") as Notice] as string | undefined;
  const invite = data?.intent === "invite" ? data : null;
  return (
    <section className="panel">
      <p>
        <Link to="/review">← Review queue</Link>
      </p>
      <h1>Staff accounts</h1>
      {done && !data ? (
        <p className="notice" role="status">
          {done}
        </p>
      ) : null}
      <table className="files">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">E-mail</th>
            <th scope="col">Roles</th>
            <th scope="col">Status</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => {
            // This row's refused submission: its message and the boxes as they were ticked.
            const refused = data && data.userId === u.id ? data : null;
            return (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>
                  <Form method="post" aria-label={`Roles of ${u.name}`} className="inline-form">
                    <Hidden intent="roles" csrf={csrf} userId={u.id} />
                    <RoleBoxes checked={refused?.intent === "roles" ? refused.values.role : u.roles} />
                    <button type="submit" className="button">
                      Save roles
                    </button>
                  </Form>
                  {refused?.errors.form ? (
                    <p className="error" role="alert">
                      {refused.errors.form}
                    </p>
                  ) : null}
                </td>
                <td>{!u.active ? "Deactivated" : u.invited ? "Invited" : "Active"}</td>
                <td>
                  {u.id !== me ? (
                    <Form
                      method="post"
                      aria-label={`${u.active ? "Deactivate" : "Reactivate"} ${u.name}`}
                      className="inline-form"
                    >
                      <Hidden intent={u.active ? "deactivate" : "reactivate"} csrf={csrf} userId={u.id} />
                      <button type="submit" className="button">
                        {u.active ? "Deactivate" : "Reactivate"}
                      </button>
                    </Form>
                  ) : null}
                  {u.invited && u.active ? (
                    <Form method="post" aria-label={`Resend invitation to ${u.name}`} className="inline-form">
                      <Hidden intent="resend" csrf={csrf} userId={u.id} />
                      <button type="submit" className="button">
                        Resend invitation
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <h2>Invite a colleague</h2>
      <p>They receive an e-mail with a link to choose their password; it works once, for 7 days.</p>
      <Form method="post" aria-label="Invite a colleague" noValidate>
        <Hidden intent="invite" csrf={csrf} />
        {invite?.errors.form ? (
          <div className="alert" role="alert">
            <p>{invite.errors.form}</p>
          </div>
        ) : null}
        <div className="grid">
          <TextField
            name="email"
            label="E-mail"
            type="email"
            autoComplete="off"
            defaultValue={invite?.values.email}
            error={invite?.errors.email}
            required
          />
          <TextField
            name="name"
            label="Name"
            autoComplete="off"
            defaultValue={invite?.values.name}
            error={invite?.errors.name}
            required
          />
        </div>
        <fieldset
          className={invite?.errors.role ? "has-error" : undefined}
          aria-describedby={invite?.errors.role ? "role-error" : undefined}
        >
          <legend>Roles</legend>
          <RoleBoxes checked={invite?.values.role ?? []} />
          {invite?.errors.role ? (
            <p className="error" id="role-error">
              {invite.errors.role}
            </p>
          ) : null}
        </fieldset>
        <button type="submit" className="button primary">
          Send invitation
        </button>
      </Form>
    </section>
  );
}
