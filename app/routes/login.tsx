import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { TextField } from "~/components/fields";
import { getStaffUser, signIn } from "~/server/auth.server";
import { readForm } from "~/server/form-body.server";
import { safeRedirect } from "~/server/redirect-target";

export const meta: MetaFunction = () => [{ title: "Staff sign-in" }];

const credentials = z.object({
  email: z.string({ required_error: "Enter your e-mail address." }).trim().min(1, "Enter your e-mail address."),
  password: z.string({ required_error: "Enter your password." }).min(1, "Enter your password."),
  redirectTo: z.string().optional(),
});

export function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const redirectTo = safeRedirect(url.searchParams.get("redirectTo"), url.origin);
  if (getStaffUser(request, context.services)) throw redirect(redirectTo);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = credentials.safeParse(Object.fromEntries(readForm(context)));
  if (!parsed.success) {
    const errors = parsed.error.flatten().fieldErrors;
    return json(
      { message: null, errors: { email: errors.email?.[0], password: errors.password?.[0] } },
      { status: 400 },
    );
  }
  const result = await signIn(context.services, parsed.data, context.clientIp);
  if (!result.ok) return json({ message: result.message, errors: {} }, { status: result.status });
  return redirect(safeRedirect(parsed.data.redirectTo, new URL(request.url).origin), {
    headers: { "Set-Cookie": result.setCookie },
  });
}

export default function Login() {
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors: { email?: string; password?: string } = data?.errors ?? {};
  return (
    <section className="panel narrow">
      <h1>Staff sign-in</h1>
      <p className="lead">
        For the factory&apos;s engineers, sales and administrators. Buyers follow their inquiry through the link in
        their e-mail.
      </p>
      {params.get("passwordSet") && !data ? (
        <p className="notice" role="status">
          Your password is set: sign in with it.
        </p>
      ) : null}
      {data?.message ? (
        <div className="alert" role="alert">
          <p>{data.message}</p>
        </div>
      ) : null}
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <TextField name="email" label="E-mail" type="email" autoComplete="username" error={errors.email} />
        <TextField
          name="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          error={errors.password}
        />
        <button type="submit" className="button primary">
          Sign in
        </button>
      </Form>
    </section>
  );
}
