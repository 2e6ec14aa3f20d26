import { json, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CSRF_FIELD } from "~/forms/csrf";
import { QUEUE_SEARCH_MAX, queueParamsSchema } from "~/forms/queue";
import { requirePermission } from "~/server/permissions.server";
import { getSettings } from "~/server/settings.server";
import {
  EXPIRING_WITHIN_MS,
  isOverdue,
  listEngineers,
  queueQuery,
  QUEUE_SORTS,
  type QueueQuoteFilter,
  type QueueRow,
  type QueueSort,
} from "../../db/queries/queue";
import { formatDuration } from "~/utils/format";
import { MATERIAL_IDS, materialLabel } from "../../workflows/materials";
import { gateLabel, gateOf, INQUIRY_STATES, REVIEW_GATES, stateLabel } from "../../workflows/inquiry";
import { DECLINE_REASONS, declineReasonLabel } from "../../workflows/quote-answer";

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

const QUOTE_FILTER_LABELS: Record<QueueQuoteFilter, string> = {
  expiring: "Expiring within 7 days",
  won: "Won",
  lost: "Lost",
};

const day = (date: Date) => date.toISOString().slice(0, 10);

/** The row's quotation in a few words: its validity while the buyer holds it, or the buyer's answer. */
function quotationCell(row: QueueRow, now: Date): { text: string; detail: string | null; expiring: boolean } {
  const none = { text: "–", detail: null, expiring: false };
  if (row.quoteVersion === null) return none;
  const v = `v${row.quoteVersion}`;
  switch (row.state) {
    case "quoted": {
      const until = row.quoteValidUntil;
      if (!until) return none;
      return {
        text: `${v}, valid until ${day(until)}`,
        detail: null,
        expiring: until.getTime() - now.getTime() <= EXPIRING_WITHIN_MS,
      };
    }
    case "won":
      return { text: `${v} accepted`, detail: null, expiring: false };
    case "lost":
      return {
        text: `${v} declined: ${row.declineReason ? declineReasonLabel(row.declineReason) : "no reason given"}`,
        detail: row.declineText || null,
        expiring: false,
      };
    case "expired":
      return {
        text: `${v} expired${row.quoteValidUntil ? ` after ${day(row.quoteValidUntil)}` : ""}`,
        detail: null,
        expiring: false,
      };
    default:
      return none;
  }
}

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
  const { queue: settings } = getSettings(db);
  const page = queueQuery(db, { ...params, viewerId: user.id, settings }, now);

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
      },
      rows: page.rows.map((row) => {
        const gate = gateOf(row.state);
        return {
          id: row.id,
          reference: row.reference,
          company: row.company,
          part: row.partNumber ? `${row.partName} (${row.partNumber})` : row.partName,
          material: materialLabel(row.material),
          annualVolume: row.annualVolume,
          state: stateLabel(row.state),
          gate: gate ? gateLabel(gate) : null,
          assignee: row.assigneeName,
          age: formatDuration(now.getTime() - row.createdAt.getTime()),
          inState: formatDuration(now.getTime() - row.stateChangedAt.getTime()),
          nda: row.ndaRequired,
          exportControlled: row.exportControlled,
          overdue: isOverdue(row, now, settings),
          quotation: quotationCell(row, now),
        };
      }),
      nextHref: pageHref(page.nextCursor),
      prevHref: pageHref(page.prevCursor),
    },
    { headers: NO_STORE },
  );
}

export default function ReviewQueue() {
  const { user, csrf, filters, options, rows, nextHref, prevHref } = useLoaderData<typeof loader>();
  const filtered = Boolean(
    filters.state ||
    filters.gate ||
    filters.assignee ||
    filters.material ||
    filters.overdue ||
    filters.quote ||
    filters.reason ||
    filters.q,
  );
  return (
    <section className="panel">
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
        <ul style={{ display: "flex", flexWrap: "wrap", gap: "0.3rem 1.2rem", listStyle: "none", padding: 0 }}>
          {options.states.map((s) => (
            <li key={s.value}>
              <Link to={`/review?state=${s.value}`} aria-current={filters.state === s.value ? "page" : undefined}>
                {s.label}: {s.count.toLocaleString("en-US")}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {/* A plain GET form: filters live in the URL, work without JavaScript, and start again at page one. */}
      <Form method="get">
        <div className="grid">
          <div className="field">
            <label htmlFor="q">Search</label>
            <input
              id="q"
              name="q"
              type="search"
              defaultValue={filters.q}
              maxLength={QUEUE_SEARCH_MAX}
              aria-describedby="q-hint"
            />
            <p className="hint" id="q-hint">
              A reference (RFQ-2025-00042, or its start), or part of a company, part name, part number or e-mail.
            </p>
          </div>
          <div className="field">
            <label htmlFor="state">State</label>
            <select id="state" name="state" defaultValue={filters.state ?? ""}>
              <option value="">Any state</option>
              {options.states.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="gate">Gate</label>
            <select id="gate" name="gate" defaultValue={filters.gate ?? ""}>
              <option value="">Any gate</option>
              {options.gates.map((g) => (
                <option key={g.value} value={g.value}>
                  {g.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="assignee">Assignee</label>
            <select id="assignee" name="assignee" defaultValue={filters.assignee ?? ""}>
              <option value="">Anyone</option>
              <option value="mine">Mine</option>
              <option value="unassigned">Unassigned</option>
              {options.engineers.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="material">Material</label>
            <select id="material" name="material" defaultValue={filters.material ?? ""}>
              <option value="">Any material</option>
              {options.materials.map((m) => (
                <option key={m.value} value={m.value}>
                  {m.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="quote">Quotation</label>
            <select id="quote" name="quote" defaultValue={filters.quote ?? ""}>
              <option value="">Any</option>
              {options.quoteFilters.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="reason">Decline reason</label>
            <select id="reason" name="reason" defaultValue={filters.reason ?? ""} aria-describedby="reason-hint">
              <option value="">Any reason</option>
              {options.declineReasons.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
            <p className="hint" id="reason-hint">
              Lost inquiries whose last quotation the buyer declined for this reason.
            </p>
          </div>
          <div className="field">
            <label htmlFor="sort">Sort</label>
            <select id="sort" name="sort" defaultValue={filters.sort}>
              {QUEUE_SORTS.map((sort) => (
                <option key={sort} value={sort}>
                  {SORT_LABELS[sort]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p>
          <label className="inline">
            <input type="checkbox" name="overdue" defaultChecked={filters.overdue} /> Overdue only
          </label>
          <button type="submit" className="button primary">
            Show
          </button>{" "}
          {filtered ? <Link to="/review">Clear filters</Link> : null}
        </p>
      </Form>

      {rows.length === 0 ? (
        <p>
          {filtered
            ? "No inquiries match these filters."
            : "No inquiries yet. They appear here as soon as a buyer sends one."}
        </p>
      ) : (
        <div style={{ overflowX: "auto" }}>
          <table className="files">
            <thead>
              <tr>
                <th scope="col">Reference</th>
                <th scope="col">Company</th>
                <th scope="col">Part</th>
                <th scope="col">Material</th>
                <th scope="col">Annual volume</th>
                <th scope="col">State</th>
                <th scope="col">Gate</th>
                <th scope="col">Quotation</th>
                <th scope="col">Assignee</th>
                <th scope="col">Age</th>
                <th scope="col">In state</th>
                <th scope="col">Flags</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((i) => (
                <tr key={i.id}>
                  <td>
                    <Link to={`/review/${i.id}`} className="reference">
                      {i.reference}
                    </Link>
                  </td>
                  <td>{i.company}</td>
                  <td>{i.part}</td>
                  <td>{i.material}</td>
                  <td>{i.annualVolume.toLocaleString("en-US")}</td>
                  <td>{i.state}</td>
                  <td>{i.gate ?? "–"}</td>
                  <td>
                    {i.quotation.text}
                    {i.quotation.detail ? <span className="muted"> ({i.quotation.detail})</span> : null}
                  </td>
                  <td>{i.assignee ?? <span className="muted">Unassigned</span>}</td>
                  <td>{i.age}</td>
                  <td>{i.inState}</td>
                  <td>
                    {i.overdue ? (
                      <span className="badge" style={{ background: "var(--error)" }}>
                        Overdue
                      </span>
                    ) : null}{" "}
                    {i.quotation.expiring ? <span className="badge">Quote expiring</span> : null}{" "}
                    {i.nda ? <span className="badge">NDA</span> : null}{" "}
                    {i.exportControlled ? <span className="badge">Export-controlled</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Pages" className="toolbar">
        {prevHref ? <Link to={prevHref}>Previous page</Link> : <span />}
        {nextHref ? <Link to={nextHref}>Next page</Link> : null}
      </nav>
    </section>
  );
}
