import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type FieldMetadata,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import type { SubmissionResult } from "@conform-to/react";
import { Form, Link, useActionData, useFetcher, useLoaderData, useSearchParams } from "@remix-run/react";
import { CSRF_FIELD } from "~/forms/csrf";
import { factoryForm } from "~/forms/factory";
import { factoryLogoForm, LOGO_ACCEPT, LOGO_ERRORS, MAX_LOGO_BYTES, SCRIPT_PARAM } from "~/forms/factory-logo";
import { useHydrated } from "remix-utils/use-hydrated";
import { requireCsrf } from "~/server/auth/auth.server";
import { requirePermission } from "~/server/auth/permissions.server";
import { factoryBrand, factoryFormDefaults, factoryProfile, saveFactory } from "~/server/factory/factory.server";
import { readForm } from "~/server/form-body.server";

const NO_STORE = { "Cache-Control": "private, no-store" };
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;
export const meta: MetaFunction = () => [{ title: "Factory profile" }];

export function loader({ request, context }: LoaderFunctionArgs) {
  const admin = requirePermission(request, context.services, "administer");
  const { db } = context.services;
  return json(
    {
      csrf: admin.csrfToken,
      profile: factoryProfile(db),
      defaults: factoryFormDefaults(db),
      logoPath: factoryBrand(db).logoPath,
    },
    { headers: NO_STORE },
  );
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

function Field(props: {
  field: FieldMetadata<string>;
  label: string;
  hint?: string;
  lines?: number;
  type?: "text" | "email" | "number";
}) {
  const { field, label, hint, lines, type = "text" } = props;
  const control = lines
    ? { ...getTextareaProps(field, { ariaDescribedBy: hint ? `${field.id}-hint` : undefined }), rows: lines }
    : getInputProps(field, { type, ariaDescribedBy: hint ? `${field.id}-hint` : undefined });
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
  const { csrf, profile, defaults } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onBlur",
    constraint: getZodConstraint(factoryForm),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: factoryForm }),
    defaultValue: defaults,
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
          {SAVED[params.get("saved") ?? ""] ?? SAVED.profile}
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
        <h2>Buyer pages and e-mails</h2>
        <Field
          field={fields.accent}
          label="Accent colour"
          hint="Buttons, links and progress on buyer pages, as # and six hexadecimal digits (e.g. #0b5cad). White text must stay readable on it (contrast 4.5:1). Empty keeps the standard blue."
        />
        <Field
          field={fields.senderName}
          label="Sender name for buyer e-mails"
          hint="A name only, e.g. Lindqvist Sales. Empty: the factory's name."
        />
        <Field
          field={fields.senderEmail}
          label="Sender e-mail for buyer e-mails"
          hint="Your mail relay must be allowed to send from it. Empty: the server's MAIL_FROM."
          type="email"
        />
        <Field
          field={fields.frameOrigins}
          label="Sites that may embed the inquiry form"
          hint="One origin per line, e.g. https://www.factory.com: only these may show /rfq/new in an iframe. No wildcards: list each site, https://shop.factory.com too. Empty: no site may."
          lines={3}
        />
        <fieldset className="field">
          <legend>First answer promised to buyers</legend>
          <p className="hint" id={`${fields.promiseCount.id}-hint`}>
            Shown on the confirmation page and in the acknowledgement e-mail, e.g. 2 working days. Empty: no promise.
          </p>
          <div className={fields.promiseCount.errors ? "has-error" : undefined}>
            <label htmlFor={fields.promiseCount.id}>Within</label>
            <input
              {...getInputProps(fields.promiseCount, {
                type: "number",
                ariaDescribedBy: `${fields.promiseCount.id}-hint`,
              })}
              key={fields.promiseCount.key}
              min={1}
              max={99}
            />
            {fields.promiseCount.errors ? (
              <p className="error" id={fields.promiseCount.errorId}>
                {fields.promiseCount.errors.join(" ")}
              </p>
            ) : null}
            <label htmlFor={fields.promiseUnit.id}>Unit</label>
            <select {...getSelectProps(fields.promiseUnit)} key={fields.promiseUnit.key}>
              <option value="hours">hours</option>
              <option value="working_days">working days</option>
              <option value="days">days</option>
            </select>
          </div>
        </fieldset>
        <button type="submit" className="button primary">
          Save the factory profile
        </button>
      </Form>
      {profile ? <LogoForm csrf={csrf} /> : null}
    </section>
  );
}

const SAVED: Record<string, string> = {
  profile: "The factory profile is saved: quotations sent from now on carry it.",
  logo: "The logo is saved: buyer pages, e-mails and quotations show it from now on.",
  "logo-removed": "The logo is removed.",
};

/** A form of its own: a file cannot be kept when the profile form is refused, nor sent with it. */
function LogoForm({ csrf }: { csrf: string }) {
  const { logoPath } = useLoaderData<typeof loader>();
  const fetcher = useFetcher<SubmissionResult>();
  const hydrated = useHydrated();
  const [params] = useSearchParams();
  const refusedWithoutScript = LOGO_ERRORS[params.get("logoError") as keyof typeof LOGO_ERRORS] as string | undefined;
  const [form, fields] = useForm({
    id: "factory-logo",
    lastResult:
      fetcher.data ?? (refusedWithoutScript ? { status: "error", error: { logo: [refusedWithoutScript] } } : undefined),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: factoryLogoForm }),
  });
  return (
    <fetcher.Form
      method="post"
      action={hydrated ? `/admin/factory/logo?${SCRIPT_PARAM}` : "/admin/factory/logo"}
      encType="multipart/form-data"
      {...getFormProps(form)}
      className="logo-form"
    >
      <h2>Logo</h2>
      <input type="hidden" name={CSRF_FIELD} value={csrf} />
      {logoPath ? (
        <img src={logoPath} alt="The factory's current logo" className="logo-preview" />
      ) : (
        <p>No logo yet.</p>
      )}
      <div className={fields.logo.errors ? "field has-error" : "field"}>
        <label htmlFor={fields.logo.id}>{logoPath ? "Replace the logo" : "Logo"}</label>
        <p className="hint" id={`${fields.logo.id}-hint`}>
          PNG or JPEG, at most {MAX_LOGO_BYTES / 1024} KB; shown beside the factory&apos;s name on buyer pages, e-mails
          and quotations.
        </p>
        <input
          type="file"
          id={fields.logo.id}
          name={fields.logo.name}
          accept={LOGO_ACCEPT}
          aria-describedby={`${fields.logo.id}-hint${fields.logo.errors ? ` ${fields.logo.errorId}` : ""}`}
          aria-invalid={fields.logo.errors ? true : undefined}
        />
        {fields.logo.errors ? (
          <p className="error" id={fields.logo.errorId}>
            {fields.logo.errors.join(" ")}
          </p>
        ) : null}
      </div>
      <button type="submit" name="intent" value="upload" className="button primary">
        Upload the logo
      </button>{" "}
      {logoPath ? (
        <button type="submit" name="intent" value="remove" className="button" formNoValidate>
          Remove the logo
        </button>
      ) : null}
    </fetcher.Form>
  );
}
