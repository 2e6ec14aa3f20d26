import {
  json,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { TextField } from "~/components/fields";
import { CSRF_FIELD } from "~/forms/csrf";
import { withCleanText } from "~/forms/text";
import { requireCsrf } from "~/server/auth.server";
import { requirePermission } from "~/server/permissions.server";
import { defaultSettings, getSettings, saveSettings } from "~/server/settings.server";
import { PRE_ASSESSMENT_FIELDS, type PreAssessmentSettings } from "../../workflows/pre-assessment";
import { readForm } from "~/server/form-body.server";

const DAY = 24 * 60 * 60 * 1000;
const NO_STORE = { "Cache-Control": "private, no-store" };
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;
export const meta: MetaFunction = () => [{ title: "Review thresholds" }];

const positive = (label: string) =>
  z.coerce
    .number({ invalid_type_error: `Enter ${label.toLowerCase()} as a number.` })
    .positive(`${label} must be greater than zero.`);

const settingsForm = withCleanText(
  z.object({
    overdueDays: positive("The overdue limit"),
    ...Object.fromEntries(PRE_ASSESSMENT_FIELDS.map((f) => [f.key, positive(f.label)])),
  }),
);

export function loader({ request, context }: LoaderFunctionArgs) {
  const admin = requirePermission(request, context.services, "administer");
  const current = getSettings(context.services.db);
  const defaults = defaultSettings();
  return json(
    {
      csrf: admin.csrfToken,
      values: {
        overdueDays: String(current.queue.overdueAfterMs / DAY),
        ...Object.fromEntries(PRE_ASSESSMENT_FIELDS.map((f) => [f.key, String(current.preAssessment[f.key])])),
      } as Record<string, string>,
      defaults: { overdueDays: defaults.queue.overdueAfterMs / DAY, ...defaults.preAssessment } as Record<
        string,
        number
      >,
    },
    { headers: NO_STORE },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requirePermission(request, context.services, "administer");
  const form = readForm(context);
  requireCsrf(form, admin);
  const values = Object.fromEntries([...form].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const parsed = settingsForm.safeParse(values);
  if (!parsed.success) {
    const errors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
    return json({ errors, values }, { status: 400, headers: NO_STORE });
  }
  const { overdueDays, ...pre } = parsed.data as { overdueDays: number } & PreAssessmentSettings;
  saveSettings(context.services.db, admin.id, { preAssessment: pre, queue: { overdueAfterMs: overdueDays * DAY } });
  return redirect("/admin/settings?saved=1");
}

export default function Settings() {
  const { csrf, values, defaults } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const shown = data?.values ?? values;
  const errors: Record<string, string> = data?.errors ?? {};
  const field = (name: string, label: string, unit: string) => (
    <TextField
      key={name}
      name={name}
      label={`${label} (${unit})`}
      inputMode="decimal"
      defaultValue={shown[name]}
      error={errors[name]}
      hint={`Default: ${defaults[name]}`}
    />
  );
  return (
    <section className="panel">
      <p>
        <Link to="/review">← Review queue</Link>
      </p>
      <h1>Review thresholds</h1>
      <p className="lead">
        The automatic MIM screen and the queue&apos;s overdue flag use these figures. The defaults are the rule-of-thumb
        values of the domain notes (mim-facts.md 3.1, 3.2, 3.7); tune them to your factory. Decisions already taken keep
        what the screen said then.
      </p>
      {params.get("saved") && !data ? (
        <p className="notice" role="status">
          Thresholds saved: new screens use them from now on.
        </p>
      ) : null}
      <Form method="post" noValidate>
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <fieldset>
          <legend>Queue</legend>
          {field("overdueDays", "Overdue after, in a state the factory must act on", "days")}
        </fieldset>
        <fieldset>
          <legend>Automatic MIM screen</legend>
          <div className="grid">{PRE_ASSESSMENT_FIELDS.map((f) => field(f.key, f.label, f.unit))}</div>
        </fieldset>
        <button type="submit" className="button primary">
          Save thresholds
        </button>
      </Form>
    </section>
  );
}
