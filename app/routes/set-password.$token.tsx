import {
  json,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { TextField } from "~/components/fields";
import { MIN_PASSWORD, passwordForm } from "~/forms/users";
import { passwordLinkUser, setPasswordWithLink } from "~/server/users.server";
import { readForm } from "~/server/form-body.server";

// The page is reached through a secret link: no cache keeps a copy of it.
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;
export const meta: MetaFunction = () => [{ title: "Choose your password" }, { name: "robots", content: "noindex" }];

export function loader({ params, context }: LoaderFunctionArgs) {
  const user = passwordLinkUser(context.services, params.token ?? "");
  // 410 Gone: the page still explains what to do, and the status says the link is spent.
  return json(
    { name: user?.name ?? null, email: user?.email ?? null },
    { status: user ? 200 : 410, headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ params, context }: ActionFunctionArgs) {
  const parsed = passwordForm.safeParse(Object.fromEntries(readForm(context)));
  if (!parsed.success) {
    const errors = parsed.error.flatten().fieldErrors;
    return json(
      { message: null, errors: { password: errors.password?.[0], repeat: errors.repeat?.[0] } },
      { status: 400 },
    );
  }
  const result = await setPasswordWithLink(context.services, params.token ?? "", parsed.data.password);
  if (!result.ok) return json({ message: result.message, errors: {} }, { status: 400 });
  return redirect("/login?passwordSet=1");
}

export default function SetPassword() {
  const { name, email } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const errors: { password?: string; repeat?: string } = data?.errors ?? {};
  if (!email) {
    return (
      <section className="panel narrow" role="alert">
        <h1>This link no longer works</h1>
        <p>It has expired or was already used: ask your administrator for a new invitation.</p>
      </section>
    );
  }
  return (
    <section className="panel narrow">
      <h1>Choose your password</h1>
      <p className="lead">
        Welcome, {name}. You will sign in as {email}.
      </p>
      {data?.message ? (
        <div className="alert" role="alert">
          <p>{data.message}</p>
        </div>
      ) : null}
      <Form method="post" noValidate>
        <input type="text" name="username" autoComplete="username" defaultValue={email} hidden readOnly />
        <TextField
          name="password"
          label="New password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD} characters.`}
          error={errors.password}
        />
        <TextField
          name="repeat"
          label="Repeat password"
          type="password"
          autoComplete="new-password"
          error={errors.repeat}
        />
        <button type="submit" className="button primary">
          Set password
        </button>
      </Form>
    </section>
  );
}
