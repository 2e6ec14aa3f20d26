import {
  json,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { conformProps, TextField } from "~/components/fields";
import { MIN_PASSWORD, passwordForm } from "~/forms/users";
import { passwordLinkUser, setPasswordWithLink } from "~/server/auth/users.server";
import { readForm } from "~/server/form-body.server";
import { FormAlert } from "~/components/form-alert";

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
  const submission = parseWithZod(readForm(context), { schema: passwordForm });
  // The passwords are never sent back: the form comes back with its errors only.
  const hideFields = ["password", "repeat"];
  if (submission.status !== "success") return json(submission.reply({ hideFields }), { status: 400 });
  const result = await setPasswordWithLink(context.services, params.token ?? "", submission.value.password);
  if (!result.ok) return json(submission.reply({ formErrors: [result.message], hideFields }), { status: 400 });
  return redirect("/login?passwordSet=1");
}

export default function SetPassword() {
  const { name, email } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "set-password",
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    constraint: getZodConstraint(passwordForm),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: passwordForm }),
  });
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
      <FormAlert form={form} />
      <Form method="post" {...getFormProps(form)}>
        <input type="text" name="username" autoComplete="username" defaultValue={email} hidden readOnly />
        <TextField
          key={fields.password.key}
          {...conformProps(fields.password)}
          label="New password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD} characters.`}
        />
        <TextField
          key={fields.repeat.key}
          {...conformProps(fields.repeat)}
          label="Repeat password"
          type="password"
          autoComplete="new-password"
        />
        <button type="submit" className="button primary">
          Set password
        </button>
      </Form>
    </section>
  );
}
