import { getFormProps, getInputProps, getTextareaProps, useForm, type FieldMetadata } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CSRF_FIELD } from "~/forms/csrf";
import { factoryForm } from "~/forms/factory";
import { requireCsrf } from "~/server/auth.server";
import { requirePermission } from "~/server/permissions.server";
import { factoryProfile, saveFactory } from "~/server/factory.server";
import { readForm } from "~/server/form-body.server";

const NO_STORE = { "Cache-Control": "private, no-store" };
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;
export const meta: MetaFunction = () => [{ title: "Factory profile" }];

export function loader({ request, context }: LoaderFunctionArgs) {
  const admin = requirePermission(request, context.services, "administer");
  return json({ csrf: admin.csrfToken, profile: factoryProfile(context.services.db) }, { headers: NO_STORE });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requirePermission(request, context.services, "administer");
  const form = readForm(context);
  requireCsrf(form, admin);
  const submission = parseWithZod(form, { schema: factoryForm });
  if (submission.status !== "success") return json(submission.reply(), { status: 400, headers: NO_STORE });
  saveFactory(context.services.db, admin.id, submission.value);
  context.services.logger.info(`${admin.email} saved the factory profile`);
  return redirect("/admin/factory?saved=1", { headers: NO_STORE });
}

function Field(props: { field: FieldMetadata<string>; label: string; hint?: string; lines?: number }) {
  const { field, label, hint, lines } = props;
  const control = lines
    ? { ...getTextareaProps(field, { ariaDescribedBy: hint ? `${field.id}-hint` : undefined }), rows: lines }
    : getInputProps(field, { type: "text", ariaDescribedBy: hint ? `${field.id}-hint` : undefined });
  return (
    <div className={field.errors ? "field has-error" : "field"}>
      <label htmlFor={field.id}>
        {label}
        {field.required ? <span className="required-mark"> (required)</span> : null}
      </label>
      {hint ? (
        <p className="hint" id={`${field.id}-hint`}>
          {hint}
        </p>
      ) : null}
      {lines ? <textarea {...control} key={field.key} /> : <input {...control} key={field.key} />}
      {field.errors ? (
        <p className="error" id={field.errorId}>
          {field.errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export default function FactoryProfile() {
  const { csrf, profile } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onBlur",
    constraint: getZodConstraint(factoryForm),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: factoryForm }),
    defaultValue: profile ? { ...profile, address: profile.address.join("\n") } : undefined,
  });
  return (
    <section className="panel">
      <p>
        <Link to="/review">Back to the queue</Link>
      </p>
      <h1>Factory profile</h1>
      <p>
        Every quotation is issued in this name: the PDF&apos;s letterhead and the seller the buyer accepts. No quotation
        can be sent until it is filled in.
      </p>
      {params.get("saved") ? (
        <p className="notice" role="status">
          The factory profile is saved: quotations sent from now on carry it.
        </p>
      ) : profile ? null : (
        <p className="error" role="alert">
          Not filled in yet: quotations cannot be sent.
        </p>
      )}
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <Field field={fields.name} label="Legal name" hint="As the factory signs its quotations." />
        <Field field={fields.address} label="Address" hint="Street, town and country, one per line." lines={4} />
        <Field field={fields.email} label="E-mail for quotations" hint="Where buyers write about a quotation." />
        <Field field={fields.phone} label="Phone" />
        <Field field={fields.website} label="Website" />
        <Field field={fields.registration} label="Registration or VAT number" />
        <button type="submit" className="button primary">
          Save the factory profile
        </button>
      </Form>
    </section>
  );
}
