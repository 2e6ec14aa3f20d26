import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { conformProps, TextField } from "~/components/fields";
import { loginForm } from "~/forms/login";
import { getStaffUser, signIn } from "~/server/auth/auth.server";
import { readForm } from "~/server/form-body.server";
import { safeRedirect } from "~/server/redirect-target";
import { FormAlert } from "~/components/form-alert";

export const meta: MetaFunction = () => [{ title: "Staff sign-in" }];

export function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const redirectTo = safeRedirect(url.searchParams.get("redirectTo"), url.origin);
  if (getStaffUser(request, context.services)) throw redirect(redirectTo);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(readForm(context), { schema: loginForm });
  if (submission.status !== "success") return json(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const result = await signIn(context.services, submission.value, context.clientIp);
  if (!result.ok)
    return json(submission.reply({ formErrors: [result.message], hideFields: ["password"] }), {
      status: result.status,
    });
  return redirect(safeRedirect(submission.value.redirectTo, new URL(request.url).origin), {
    headers: { "Set-Cookie": result.setCookie },
  });
}

export default function Login() {
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useForm({
    id: "login",
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    constraint: getZodConstraint(loginForm),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginForm }),
  });
  return (
    <section className="panel narrow">
      <h1>Staff sign-in</h1>
      <p className="lead">
        For the factory&apos;s engineers, sales and administrators. Buyers follow their inquiry through the link in
        their e-mail.
      </p>
      {params.get("passwordSet") && !lastResult ? (
        <p className="notice" role="status">
          Your password is set: sign in with it.
        </p>
      ) : null}
      <FormAlert form={form} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <TextField
          key={fields.email.key}
          {...conformProps(fields.email)}
          label="E-mail"
          type="email"
          autoComplete="username"
        />
        <TextField
          key={fields.password.key}
          {...conformProps(fields.password)}
          label="Password"
          type="password"
          autoComplete="current-password"
        />
        <button type="submit" className="button primary">
          Sign in
        </button>
      </Form>
    </section>
  );
}
