import { json, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CSRF_FIELD } from "~/forms/csrf";
import { formObject } from "~/forms/review";
import { inviteForm, rolesForm, userForm } from "~/forms/users";
import { requireCsrf, requireStaff } from "~/server/auth.server";
import { changeActive, changeRoles, inviteUser, resendInvite, type UserResult } from "~/server/users.server";
import { listUsersWithRoles } from "../../db/queries/users";
import { ROLE_LABELS, STAFF_ROLES } from "../../workflows/roles";

const NO_STORE = { "Cache-Control": "private, no-store" };
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;
export const meta: MetaFunction = () => [{ title: "Staff accounts" }];

export function loader({ request, context }: LoaderFunctionArgs) {
  const admin = requireStaff(request, context.services, ["admin"]);
  const users = listUsersWithRoles(context.services.db).map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    roles: u.roles,
    active: u.active,
    invited: u.passwordHash === null,
  }));
  return json({ users, csrf: admin.csrfToken, me: admin.id }, { headers: NO_STORE });
}

type ActionData = { intent: string; userId?: string; message: string; values: Record<string, unknown> };

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requireStaff(request, context.services, ["admin"]);
  const form = await request.formData();
  requireCsrf(form, admin);
  const intent = String(form.get("intent") ?? "");
  const values = formObject(form, ["role"]);
  const fail = (message: string) => json<ActionData>({ intent, userId: String(values.userId ?? ""), message, values }, { status: 400, headers: NO_STORE });
  const run = (result: UserResult, notice: string) => (result.ok ? redirect(`/admin/users?done=${encodeURIComponent(notice)}`) : fail(result.message));
  const { services } = context;

  if (intent === "invite") {
    const parsed = inviteForm.safeParse(values);
    if (!parsed.success) return fail(parsed.error.issues.map((i) => i.message).join(" "));
    return run(inviteUser(services, admin, { ...parsed.data, roles: parsed.data.role }), `Invitation sent to ${parsed.data.email}.`);
  }
  if (intent === "roles") {
    const parsed = rolesForm.safeParse(values);
    if (!parsed.success) return fail(parsed.error.issues.map((i) => i.message).join(" "));
    return run(changeRoles(services, admin, parsed.data.userId, parsed.data.role), "Roles saved.");
  }
  const parsed = userForm.safeParse(values);
  if (!parsed.success) return fail("Reload the page and try again.");
  switch (intent) {
    case "deactivate":
      return run(changeActive(services, admin, parsed.data.userId, false), "Account deactivated and signed out.");
    case "reactivate":
      return run(changeActive(services, admin, parsed.data.userId, true), "Account reactivated.");
    case "resend":
      return run(resendInvite(services, admin, parsed.data.userId), "Invitation sent again.");
    default:
      return fail(`Unknown action "${intent}".`);
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

export default function AdminUsers() {
  const { users, csrf, me } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("done");
  const inviteValues = data?.intent === "invite" ? (data.values as Record<string, string | string[]>) : {};
  const invitedRoles = ([] as string[]).concat(inviteValues.role ?? []);
  return (
    <section className="panel">
      <p>
        <Link to="/review">← Review queue</Link>
      </p>
      <h1>Staff accounts</h1>
      {done ? (
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
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>
                <Form method="post" aria-label={`Roles of ${u.name}`} className="inline-form">
                  <Hidden intent="roles" csrf={csrf} userId={u.id} />
                  {STAFF_ROLES.map((role) => (
                    <label key={role} className="inline">
                      <input type="checkbox" name="role" value={role} defaultChecked={u.roles.includes(role)} />
                      {ROLE_LABELS[role]}
                    </label>
                  ))}
                  <button type="submit" className="button">
                    Save roles
                  </button>
                </Form>
                {data && data.userId === u.id ? (
                  <p className="error" role="alert">
                    {data.message}
                  </p>
                ) : null}
              </td>
              <td>{!u.active ? "Deactivated" : u.invited ? "Invited" : "Active"}</td>
              <td>
                {u.id !== me ? (
                  <Form method="post" aria-label={`${u.active ? "Deactivate" : "Reactivate"} ${u.name}`} className="inline-form">
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
          ))}
        </tbody>
      </table>

      <h2>Invite a colleague</h2>
      <Form method="post" aria-label="Invite a colleague">
        <Hidden intent="invite" csrf={csrf} />
        {data?.intent === "invite" ? (
          <div className="alert" role="alert">
            <p>{data.message}</p>
          </div>
        ) : null}
        <div className="grid">
          <div className="field">
            <label htmlFor="invite-email">E-mail</label>
            <input id="invite-email" name="email" type="email" defaultValue={String(inviteValues.email ?? "")} />
          </div>
          <div className="field">
            <label htmlFor="invite-name">Name</label>
            <input id="invite-name" name="name" type="text" defaultValue={String(inviteValues.name ?? "")} />
          </div>
        </div>
        <fieldset>
          <legend>Roles</legend>
          {STAFF_ROLES.map((role) => (
            <label key={role} className="inline">
              <input type="checkbox" name="role" value={role} defaultChecked={invitedRoles.includes(role)} />
              {ROLE_LABELS[role]}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button primary">
          Send invitation
        </button>
      </Form>
    </section>
  );
}
