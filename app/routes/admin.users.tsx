import {
  json,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { AccountAction, InviteForm, RolesForm, usersFormId, type UsersActionData } from "~/components/admin/user-forms";
import { usersForm } from "~/forms/users";
import { requireCsrf } from "~/server/auth/auth.server";
import { requirePermission } from "~/server/auth/permissions.server";
import {
  changeActive,
  changeRoles,
  inviteUser,
  listUsers,
  resendInvite,
  type UserResult,
} from "~/server/auth/users.server";
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

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requirePermission(request, context.services, "administer");
  const form = readForm(context);
  requireCsrf(form, admin);
  const { services } = context;
  const intent = String(form.get("intent") ?? "");
  const formId = usersFormId(intent, typeof form.get("userId") === "string" ? String(form.get("userId")) : null);
  const submission = parseWithZod(form, { schema: usersForm });
  const refuse = (result: UsersActionData["result"]) =>
    json<UsersActionData>({ formId, result }, { status: 400, headers: NO_STORE });
  if (submission.status !== "success") {
    // Not a field's error: the post is not one of this page's forms (an old tab, a crafted post).
    if (submission.error?.intent) return refuse({ error: { "": ["Unknown action: reload the page and try again."] } });
    return refuse(submission.reply());
  }
  const run = (result: UserResult, done: Notice) =>
    result.ok
      ? redirect(`/admin/users?done=${done}`)
      : refuse(
          result.field
            ? submission.reply({ fieldErrors: { [result.field]: [result.message] } })
            : submission.reply({ formErrors: [result.message] }),
        );
  const v = submission.value;
  switch (v.intent) {
    case "invite":
      return run(inviteUser(services, admin, { email: v.email, name: v.name, roles: v.role }), "invited");
    case "roles":
      return run(changeRoles(services, admin, v.userId, v.role), "roles");
    case "deactivate":
      return run(changeActive(services, admin, v.userId, false), "deactivated");
    case "reactivate":
      return run(changeActive(services, admin, v.userId, true), "reactivated");
    case "resend":
      return run(resendInvite(services, admin, v.userId), "resent");
  }
}

export default function AdminUsers() {
  const { users, csrf, me } = useLoaderData<typeof loader>();
  const data = useActionData<UsersActionData>();
  const [params] = useSearchParams();
  const done = NOTICES[params.get("done") as Notice] as string | undefined;
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
      <table className="data">
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
                <RolesForm csrf={csrf} user={u} />
              </td>
              <td>{!u.active ? "Deactivated" : u.invited ? "Invited" : "Active"}</td>
              <td>
                {u.id !== me ? (
                  <AccountAction
                    csrf={csrf}
                    user={u}
                    intent={u.active ? "deactivate" : "reactivate"}
                    label={`${u.active ? "Deactivate" : "Reactivate"} ${u.name}`}
                    button={u.active ? "Deactivate" : "Reactivate"}
                  />
                ) : null}
                {u.invited && u.active ? (
                  <AccountAction
                    csrf={csrf}
                    user={u}
                    intent="resend"
                    label={`Resend invitation to ${u.name}`}
                    button="Resend invitation"
                  />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Invite a colleague</h2>
      <p>They receive an e-mail with a link to choose their password; it works once, for 7 days.</p>
      <InviteForm csrf={csrf} />
    </section>
  );
}
