import { json, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { activeFilterCount, QueueFilters } from "~/components/queue/queue-filters";
import { QueueTable, SkipToRows } from "~/components/queue/queue-table";
import { QUEUE_ROWS_ID, useQueueKeys } from "~/components/queue/use-queue-keys";
import { CSRF_FIELD } from "~/forms/csrf";
import { QUEUE_SEARCH_MAX, queueParamsSchema } from "~/forms/queue";
import { requirePermission } from "~/server/auth/permissions.server";
import { queueRowViews } from "~/server/review/queue.server";
import { getSettings } from "~/server/factory/settings.server";
import { listEngineers, queueQuery, QUEUE_SORTS, type QueueQuoteFilter, type QueueSort } from "../../db/queries/queue";
import { MATERIAL_IDS, materialLabel } from "../../workflows/materials";
import { gateLabel, INQUIRY_STATES, REVIEW_GATES, stateLabel } from "../../workflows/inquiry";
import { DECLINE_REASONS } from "../../workflows/quote-answer";

export const meta: MetaFunction = () => [{ title: "Review queue" }];

// The loader's headers reach data requests only; a page load takes its headers from here.
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

const NO_STORE = { "Cache-Control": "private, no-store" };

const SORT_LABELS: Record<QueueSort, string> = {
  newest: "Newest first",
  oldest: "Oldest first",
  waiting: "Longest in its state first",
  volume: "Highest annual volume first",
};

const DEFAULT_SORT: QueueSort = queueParamsSchema.parse({}).sort;

const QUOTE_FILTER_LABELS: Record<QueueQuoteFilter, string> = {
  expiring: "Expiring within 7 days",
  won: "Won",
  lost: "Lost",
};

export function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = context.services;
  const user = requirePermission(request, context.services, "see");
  const url = new URL(request.url);
  const parsed = queueParamsSchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) {
    throw json(`This queue link does not work: ${parsed.error.issues.map((i) => i.message).join(" ")}`, {
      status: 400,
      headers: NO_STORE,
    });
  }
  const params = parsed.data;
  const now = new Date();
  const settings = getSettings(db);
  const page = queueQuery(db, { ...params, viewerId: user.id, settings: settings.queue }, now);

  const pageHref = (cursor: string | null) => {
    if (!cursor) return null;
    const target = new URLSearchParams(url.searchParams);
    target.set("cursor", cursor);
    return `/review?${target}`;
  };
  return json(
    {
      user: { name: user.name, roles: user.roles },
      csrf: user.csrfToken,
      filters: { ...params, cursor: undefined, overdue: params.overdue ?? false, q: params.q ?? "" },
      options: {
        states: Object.keys(INQUIRY_STATES).map((state) => ({
          value: state,
          label: stateLabel(state),
          count: page.counts[state] ?? 0,
        })),
        gates: REVIEW_GATES.map((gate) => ({ value: gate, label: gateLabel(gate) })),
        engineers: listEngineers(db),
        materials: MATERIAL_IDS.map((id) => ({ value: id, label: materialLabel(id) })),
        quoteFilters: Object.entries(QUOTE_FILTER_LABELS).map(([value, label]) => ({ value, label })),
        declineReasons: DECLINE_REASONS.map((r) => ({ value: r.id, label: r.label })),
        sorts: QUEUE_SORTS.map((sort) => ({ value: sort, label: SORT_LABELS[sort] })),
        defaultSort: DEFAULT_SORT,
        searchMax: QUEUE_SEARCH_MAX,
      },
      rows: queueRowViews(db, page.rows, now, settings),
      nextHref: pageHref(page.nextCursor),
      prevHref: pageHref(page.prevCursor),
    },
    { headers: NO_STORE },
  );
}

export default function ReviewQueue() {
  const { user, csrf, filters, options, rows, nextHref, prevHref } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  useQueueKeys("q");
  const filtered = activeFilterCount(filters, options.defaultSort) > 0 || filters.q !== "";
  return (
    <section className="panel queue-page">
      <SkipToRows />
      <div className="toolbar">
        <p className="muted">
          Signed in as {user.name} ({user.roles.join(", ")})
          {user.roles.includes("admin") ? (
            <>
              {" · "}
              <Link to="/admin/users">Staff accounts</Link>
              {" · "}
              <Link to="/admin/settings">Review thresholds</Link>
              {" · "}
              <Link to="/admin/rates">Cost rates</Link>
              {" · "}
              <Link to="/admin/factory">Factory profile</Link>
              {" · "}
              <Link to="/admin/mail">Undeliverable e-mail</Link>
            </>
          ) : null}
        </p>
        <Form method="post" action="/logout">
          <input type="hidden" name={CSRF_FIELD} value={csrf} />
          <button type="submit" className="button">
            Sign out
          </button>
        </Form>
      </div>
      <h1>Review queue</h1>

      <nav aria-label="Inquiries per state">
        <ul className="state-counts">
          {options.states.map((s) => (
            <li key={s.value}>
              <Link to={`/review?state=${s.value}`} aria-current={filters.state === s.value ? "page" : undefined}>
                {s.label}: {s.count.toLocaleString("en-US")}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {/* Keyed on the URL: after a state link or Back, the fields show the filter in force, not the last typed. */}
      <QueueFilters key={search} filters={filters} options={options} />

      {rows.length === 0 ? (
        <p id={QUEUE_ROWS_ID} tabIndex={-1}>
          {filtered
            ? "No inquiries match these filters."
            : "No inquiries yet. They appear here as soon as a buyer sends one."}
        </p>
      ) : (
        <QueueTable rows={rows} />
      )}
      <nav aria-label="Pages" className="toolbar">
        {prevHref ? <Link to={prevHref}>Previous page</Link> : <span />}
        {nextHref ? <Link to={nextHref}>Next page</Link> : null}
      </nav>
    </section>
  );
}
