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
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { conformProps, TextField } from "~/components/fields";
import { CSRF_FIELD } from "~/forms/csrf";
import { settingsForm } from "~/forms/settings";
import { requireCsrf } from "~/server/auth/auth.server";
import { requirePermission } from "~/server/auth/permissions.server";
import { defaultSettings, getSettings, saveSettings } from "~/server/factory/settings.server";
import { rangeHint, type SettingField } from "../../workflows/number-range";
import { PRE_ASSESSMENT_FIELDS, type PreAssessmentSettings } from "../../workflows/pre-assessment";
import { OVERDUE_DAYS_FIELD } from "../../workflows/review-settings";
import { readForm } from "~/server/form-body.server";

const DAY = 24 * 60 * 60 * 1000;
const NO_STORE = { "Cache-Control": "private, no-store" };
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;
export const meta: MetaFunction = () => [{ title: "Review thresholds" }];

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
  const submission = parseWithZod(form, { schema: settingsForm });
  if (submission.status !== "success") return json(submission.reply(), { status: 400, headers: NO_STORE });
  const { overdueDays, ...pre } = submission.value as { overdueDays: number } & PreAssessmentSettings;
  saveSettings(context.services.db, admin.id, { preAssessment: pre, queue: { overdueAfterMs: overdueDays * DAY } });
  return redirect("/admin/settings?saved=1");
}

export default function Settings() {
  const { csrf, values, defaults } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useForm<Record<string, unknown>>({
    id: "settings",
    lastResult,
    defaultValue: values,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    constraint: getZodConstraint(settingsForm),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: settingsForm }),
  });
  const field = ({ key: name, label, unit, range }: SettingField<string>) => {
    const meta = fields[name]!;
    return (
      <TextField
        key={`${name}-${meta.key}`}
        {...conformProps(meta)}
        label={`${label} (${unit})`}
        inputMode="decimal"
        hint={`Default: ${defaults[name]}. ${rangeHint(range)}`}
      />
    );
  };
  return (
    <section className="panel">
      <p>
        <Link to="/review">← Review queue</Link>
      </p>
      <h1>Review thresholds</h1>
      <p className="lead">
        The automatic MIM screen and the queue&apos;s overdue flag use these figures. The defaults are the rule-of-thumb
        values of the domain notes (docs/domain/facts.md 3.1, 3.2, 3.7); tune them to your factory. Decisions already
        taken keep what the screen said then.
      </p>
      {params.get("saved") && !lastResult ? (
        <p className="notice" role="status">
          Thresholds saved: new screens use them from now on.
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <fieldset>
          <legend>Queue</legend>
          {field(OVERDUE_DAYS_FIELD)}
        </fieldset>
        <fieldset>
          <legend>Automatic MIM screen</legend>
          <div className="grid">{PRE_ASSESSMENT_FIELDS.map(field)}</div>
        </fieldset>
        <button type="submit" className="button primary">
          Save thresholds
        </button>
      </Form>
    </section>
  );
}
