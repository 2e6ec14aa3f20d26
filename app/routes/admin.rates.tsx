import {
  json,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { EditRate } from "~/components/admin/edit-rate";
import { CSRF_FIELD } from "~/forms/csrf";
import { PERCENT_KINDS, rateChangeForm } from "~/forms/rates";
import { requireCsrf } from "~/server/auth/auth.server";
import { requirePermission } from "~/server/auth/permissions.server";
import { readForm } from "~/server/form-body.server";
import { changeRate, confirmRates, currentRates, rateChanges } from "~/server/quotes/rates.server";
import { formatDateTime } from "~/utils/format";
import { RATE_GROUPS, rateDefinition, type RateEntry, type RateGroup } from "../../workflows/rates";

const NO_STORE = { "Cache-Control": "private, no-store" };
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;
export const meta: MetaFunction = () => [{ title: "Cost rates" }];

/** A rate's value as typed in the form: shares as percentages. */
function shown(kind: string, value: number): string {
  return String(Number((PERCENT_KINDS.has(kind) ? value * 100 : value).toPrecision(12)));
}

/** A rate's value as read in a table: "27.5 %", "45". */
function display(kind: string, value: number): string {
  return PERCENT_KINDS.has(kind) ? `${shown(kind, value)} %` : shown(kind, value);
}

/** Who set a rate and from when, or what kind of shipped default it still is. */
function setBy(rate: RateEntry): string {
  if (rate.setByFactory) return `${rate.effectiveFrom!.slice(0, 10)}, ${rate.changedBy}`;
  return rate.example ? "Example: not yet set" : "Shipped default with a source: not yet set";
}

const today = () => new Date().toISOString().slice(0, 10);

export function loader({ request, context }: LoaderFunctionArgs) {
  const admin = requirePermission(request, context.services, "administer");
  const { db } = context.services;
  return json(
    { csrf: admin.csrfToken, snapshot: currentRates(db), history: rateChanges(db), today: today() },
    { headers: NO_STORE },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requirePermission(request, context.services, "administer");
  const form = readForm(context);
  requireCsrf(form, admin);
  const { db, logger } = context.services;
  if (form.get("intent") === "confirm") {
    confirmRates(db, admin.id);
    logger.info(`${admin.email} confirmed the cost rates`);
    return redirect("/admin/rates?confirmed=1");
  }
  const submission = parseWithZod(form, { schema: rateChangeForm });
  if (submission.status !== "success") {
    // The key is not a field the user can fix: its error is the form's.
    const { key: keyError, ...fieldErrors } = submission.error ?? {};
    const error = keyError ? { ...fieldErrors, "": keyError } : fieldErrors;
    return json({ ...submission.reply(), error }, { status: 400, headers: NO_STORE });
  }
  changeRate(db, admin.id, submission.value);
  logger.info(`${admin.email} set rate ${submission.value.key} to ${submission.value.value}`);
  return redirect(`/admin/rates?saved=${encodeURIComponent(submission.value.key)}`);
}

export default function AdminRates() {
  const { csrf, snapshot, history, today } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const refusedKey = data?.initialValue?.key;
  const editing = typeof refusedKey === "string" ? refusedKey : params.get("edit");
  const editRate = snapshot.rates.find((r) => r.key === editing);
  const saved = params.get("saved");
  const groups = Object.entries(RATE_GROUPS) as [RateGroup, string][];
  const labelOf = (key: string) => rateDefinition(key)?.label ?? key;
  return (
    <section className="panel">
      <p>
        <Link to="/review">← Review queue</Link>
      </p>
      <h1>Cost rates</h1>
      <p className="lead">
        Quotes are priced from these rates. They are your factory&apos;s figures, not ours: a fresh install ships
        examples (marked below) taken from public sources where there are any. Change each one to your own, then confirm
        them.
      </p>
      {snapshot.confirmed ? (
        <p className="notice" role="status">
          {`Rates confirmed by ${snapshot.confirmed.by} on ${formatDateTime(new Date(snapshot.confirmed.at))}.`}
        </p>
      ) : (
        <p className="error" role="alert">
          These rates have not been confirmed: no quote can be sent until an administrator confirms them.
        </p>
      )}
      {params.get("confirmed") && !data ? (
        <p className="notice" role="status">
          Thank you: the rates are confirmed as the factory&apos;s own.
        </p>
      ) : null}
      {saved && !data ? (
        <p className="notice" role="status">
          {`New value saved for ${labelOf(saved)}.`}
        </p>
      ) : null}
      {snapshot.currency === null ? (
        <p className="error" role="alert">
          The money rates are in more than one currency: quotes cannot be priced until they share one.
        </p>
      ) : null}
      <Form method="post" aria-label="Confirm the rates">
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <input type="hidden" name="intent" value="confirm" />
        <button type="submit" className="button">
          Confirm these rates
        </button>
      </Form>
      {editRate ? (
        <EditRate
          key={editRate.key}
          rate={editRate}
          csrf={csrf}
          lastResult={data}
          defaultValue={{
            value: shown(editRate.kind, editRate.value),
            currency: editRate.currency ?? "",
            // A shipped default's note describes the default: the factory's own figure needs its own source.
            source: editRate.setByFactory ? editRate.source : "",
            effectiveFrom: today,
            reason: "",
          }}
        />
      ) : null}
      {groups.map(([group, title]) => (
        <table key={group} className="data rates">
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">Rate</th>
              <th scope="col" className="number">
                Value
              </th>
              <th scope="col">Unit</th>
              <th scope="col">Source</th>
              <th scope="col">Effective from, set by</th>
              <th scope="col">Edit</th>
            </tr>
          </thead>
          <tbody>
            {snapshot.rates
              .filter((r) => r.group === group)
              .map((r) => (
                <tr key={r.key} id={`rate-${r.key}`}>
                  <th scope="row">{r.label}</th>
                  <td className="number">{display(r.kind, r.value)}</td>
                  <td>{r.unit}</td>
                  <td>{r.source}</td>
                  <td>{setBy(r)}</td>
                  <td>
                    <Link to={`/admin/rates?edit=${encodeURIComponent(r.key)}`} aria-label={`Change ${r.label}`}>
                      Edit
                    </Link>
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      ))}
      <h2>History</h2>
      {history.length === 0 ? (
        <p className="muted">No rate has been changed yet: every rate is the shipped example.</p>
      ) : (
        <table className="data" aria-label="Rate history">
          <thead>
            <tr>
              <th scope="col">Changed</th>
              <th scope="col">By</th>
              <th scope="col">Rate</th>
              <th scope="col" className="number">
                Value
              </th>
              <th scope="col">Effective from</th>
              <th scope="col">Source</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {history.map((c) => {
              const definition = rateDefinition(c.key);
              const scheduled = c.effectiveFrom > snapshot.takenAt;
              return (
                <tr key={c.id}>
                  <td>{formatDateTime(new Date(c.changedAt))}</td>
                  <td>{c.changedBy}</td>
                  <td>{labelOf(c.key)}</td>
                  <td className="number">{`${display(definition?.kind ?? "quantity", c.value)}${c.currency ? ` ${c.currency}` : ""}`}</td>
                  <td>{`${c.effectiveFrom.slice(0, 10)}${scheduled ? " (scheduled)" : ""}`}</td>
                  <td>{c.source}</td>
                  <td>{c.reason}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
