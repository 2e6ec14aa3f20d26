import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { MIN_PASSWORD, passwordForm } from "~/forms/users";
import { passwordLinkUser, setPasswordWithLink } from "~/server/users.server";

export const meta: MetaFunction = () => [{ title: "Choose your password" }, { name: "robots", content: "noindex" }];

export function loader({ params, context }: LoaderFunctionArgs) {
  const user = passwordLinkUser(context.services, params.token ?? "");
  return json({ name: user?.name ?? null, email: user?.email ?? null }, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const parsed = passwordForm.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    const errors = parsed.error.flatten().fieldErrors;
    return json({ message: null, errors: { password: errors.password?.[0], repeat: errors.repeat?.[0] } }, { status: 400 });
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
        <p>It has expired or was already used. Ask your administrator for a new invitation.</p>
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
        <div className={errors.password ? "field has-error" : "field"}>
          <label htmlFor="password">New password</label>
          <p className="hint" id="password-hint">
            At least {MIN_PASSWORD} characters.
          </p>
          <input id="password" name="password" type="password" autoComplete="new-password" aria-describedby={errors.password ? "password-hint password-error" : "password-hint"} aria-invalid={errors.password ? true : undefined} />
          {errors.password ? <p className="error" id="password-error">{errors.password}</p> : null}
        </div>
        <div className={errors.repeat ? "field has-error" : "field"}>
          <label htmlFor="repeat">Repeat password</label>
          <input id="repeat" name="repeat" type="password" autoComplete="new-password" aria-invalid={errors.repeat ? true : undefined} aria-describedby={errors.repeat ? "repeat-error" : undefined} />
          {errors.repeat ? <p className="error" id="repeat-error">{errors.repeat}</p> : null}
        </div>
        <button type="submit" className="button primary">
          Set password
        </button>
      </Form>
    </section>
  );
}
