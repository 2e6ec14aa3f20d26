import {
  json,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FilesTable } from "~/components/files-table";
import { SummaryList } from "~/components/summary-list";
import { ModelAnalyses } from "~/components/model-analyses";
import { ModelViewer } from "~/components/model-viewer";
import { DecisionSummary } from "~/components/review/decision-summary";
import { PreAssessmentPanel } from "~/components/review/pre-assessment-panel";
import { SizingGateForm, StageRiskGateForm, SuitabilityGateForm } from "~/components/review/gates";
import { kept, StaffForm, useKeptValues } from "~/components/review/staff-form";
import { formObject } from "~/forms/form-data";
import { requireCsrf } from "~/server/auth.server";
import { requirePermission } from "~/server/permissions.server";
import { workspaceView } from "~/server/workspace.server";
import { handleWorkspaceAction } from "~/server/workspace-actions.server";
import { GATES, type Gate } from "../../workflows/inquiry";
import { readForm } from "~/server/form-body.server";

const NO_STORE = { "Cache-Control": "private, no-store" };

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.reference}: ${data.partName}` : "Inquiry" },
];

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requirePermission(request, context.services, "see");
  const view = workspaceView(context.services, user, params.id ?? "");
  if (!view)
    throw json("No inquiry has this address. It may have been mistyped: go back to the queue.", { status: 404 });
  return json(view, { headers: NO_STORE });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requirePermission(request, context.services, "see");
  const form = readForm(context);
  requireCsrf(form, user);
  const result = handleWorkspaceAction(context.services, user, params.id ?? "", form);
  if (result.ok) return redirect(`/review/${params.id}`, { headers: NO_STORE });
  const { _csrf: _ignored, ...values } = formObject(form, [
    "criteria",
    "secondary",
    "inspection",
    ...[...form.keys()].filter((k) => k.startsWith("check_")),
  ]);
  return json(
    {
      intent: String(form.get("intent") ?? ""),
      message: result.message,
      values: values as Record<string, string | string[]>,
    },
    { status: result.status, headers: NO_STORE },
  );
}

function GateSection({ gate, index }: { gate: Gate; index: number }) {
  const data = useLoaderData<typeof loader>();
  const decision = data.decisions.find((d) => d.gate === gate);
  const current = data.gate === gate;
  const status = decision ? "decided" : current ? "current" : "waiting";
  // Decided gates are the ones behind the inquiry (reopening supersedes the later ones).
  const reopenable = decision !== undefined && data.allowed.includes("REOPEN_GATE");
  const label = GATES[index]!.label;
  return (
    <section className={`gate gate-${status}`} aria-labelledby={`gate-${gate}`}>
      <h2 id={`gate-${gate}`}>
        Gate {index + 1}: {label}{" "}
        <span className={`badge badge-${status}`}>
          {status === "decided" ? "Decided" : status === "current" ? "In review" : "Not yet"}
        </span>
      </h2>
      {decision ? (
        <>
          <p className="muted">
            Decided by {decision.by} on {decision.at}
          </p>
          <DecisionSummary gate={gate} payload={decision.payload} />
          {reopenable && data.canReview ? <ReopenForm gate={gate} label={label} /> : null}
        </>
      ) : current && data.canReview ? (
        gate === "suitability" ? (
          <>
            <PreAssessmentPanel screen={data.screen.screen} measured={data.screen.measured} />
            <SuitabilityGateForm version={data.version} csrf={data.csrf} />
          </>
        ) : gate === "stage_risk" ? (
          <StageRiskGateForm version={data.version} csrf={data.csrf} />
        ) : (
          <SizingGateForm
            version={data.version}
            csrf={data.csrf}
            suggestion={{
              sizing: data.screen.screen.suggestsSizing,
              machining: data.screen.screen.suggestsMachining,
              reasons: data.screen.screen.routes.filter((r) => r.route !== "as_sintered"),
            }}
          />
        )
      ) : (
        <p className="muted">{current ? "An engineer decides this gate." : "Decided after the gates before it."}</p>
      )}
    </section>
  );
}

function ReopenForm({ gate, label }: { gate: Gate; label: string }) {
  const data = useLoaderData<typeof loader>();
  const values = useKeptValues("reopen");
  return (
    <details className="reopen">
      <summary>Reopen this gate</summary>
      <StaffForm intent="reopen" version={data.version} csrf={data.csrf} label={`Reopen ${label}`}>
        <input type="hidden" name="gate" value={gate} />
        <div className="field">
          <label htmlFor={`reopen-${gate}`}>Reason for reopening {label.toLowerCase()}</label>
          <textarea id={`reopen-${gate}`} name="reason" rows={2} defaultValue={kept(values, "reason")} />
        </div>
        <button type="submit" className="button">
          Reopen {label.toLowerCase()}
        </button>
      </StaffForm>
    </details>
  );
}

export default function Workspace() {
  const data = useLoaderData<typeof loader>();
  const askValues = useKeptValues("ask");
  const withdrawValues = useKeptValues("withdraw");
  const can = (event: (typeof data.allowed)[number]) => data.canReview && data.allowed.includes(event);
  return (
    <div className="workspace">
      <p>
        <Link to="/review">← Review queue</Link>
      </p>
      <section className="panel">
        <p className="eyebrow">
          {data.reference} · {data.company}
        </p>
        <h1>{data.partName}</h1>
        <div className="state-card" aria-label="Current state">
          <span className="badge">{data.stateLabel}</span>
          <p className="muted">
            Received {data.age} ago · {data.inState} in this state · waiting on the buyer {data.awaitingBuyer} in all
          </p>
          <p>
            {data.missing.length === 0
              ? "All three gates are decided."
              : `Still to decide before quoting: ${data.missing.map((g) => GATES.find((x) => x.id === g)!.label).join(", ")}.`}
          </p>
          {data.quoting ? (
            <p>
              <Link to={`/review/${data.id}/quote`}>
                {data.state === "ready_to_quote" ? "Prepare the quote" : "Open the quote"}
              </Link>
            </p>
          ) : null}
        </div>
        <div className="actions-row">
          <StaffForm intent="assign" version={data.version} csrf={data.csrf} label="Assignment" className="inline-form">
            <label htmlFor="assignee">Assigned engineer</label>
            <select id="assignee" name="assignee" defaultValue={data.assignee?.id ?? ""}>
              <option value="">Unassigned</option>
              {data.engineers.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                </option>
              ))}
            </select>
            <button type="submit" className="button">
              Assign
            </button>
          </StaffForm>
          {can("START_TRIAGE") ? (
            <StaffForm
              intent="start_triage"
              version={data.version}
              csrf={data.csrf}
              label="Start triage"
              className="inline-form"
            >
              <button type="submit" className="button primary">
                Start triage
              </button>
            </StaffForm>
          ) : null}
          {can("BEGIN_REVIEW") ? (
            <StaffForm
              intent="begin_review"
              version={data.version}
              csrf={data.csrf}
              label="Begin review"
              className="inline-form"
            >
              <button type="submit" className="button primary">
                Begin the engineering review
              </button>
            </StaffForm>
          ) : null}
        </div>
      </section>

      <section className="panel">
        {GATES.map((g, i) => (
          <GateSection key={g.id} gate={g.id} index={i} />
        ))}
      </section>

      <section className="panel" aria-labelledby="questions-heading">
        <h2 id="questions-heading">Questions to the buyer</h2>
        {data.questions.length === 0 ? <p className="muted">No questions asked.</p> : null}
        <ul className="qa">
          {data.questions.map((q) => (
            <li key={q.id}>
              <p>
                <strong>{q.by}</strong> asked on {q.at}
                {q.wantsRevision ? " (revised drawing requested)" : ""}: {q.text}
              </p>
              <p className={q.answer ? "" : "muted"}>
                {q.answer ? `Answer (${q.answeredAt}): ${q.answer}` : "Not answered yet."}
              </p>
            </li>
          ))}
        </ul>
        {can("ASK_BUYER") ? (
          <StaffForm intent="ask" version={data.version} csrf={data.csrf} label="Ask the buyer">
            <div className="field">
              <label htmlFor="question">Question for the buyer</label>
              <textarea id="question" name="question" rows={3} defaultValue={kept(askValues, "question")} />
            </div>
            <label className="inline">
              <input type="checkbox" name="wantsRevision" defaultChecked={kept(askValues, "wantsRevision") === "on"} />
              Ask for a revised drawing or model
            </label>
            <p>
              <button type="submit" className="button primary">
                Send the question
              </button>
            </p>
          </StaffForm>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="request-heading">
        <h2 id="request-heading">What the buyer sent</h2>
        <FilesTable files={data.files} href={(fileId) => `/review/${data.id}/files/${fileId}`} />
        <ModelAnalyses
          models={data.models}
          detailed
          viewer={(m) => (m.previewUrl ? <ModelViewer url={m.previewUrl} label={`3D preview of ${m.name}`} /> : null)}
        />
        <details>
          <summary>Downloads ({data.downloads.length})</summary>
          <ul>
            {data.downloads.map((d) => (
              <li key={d.id}>
                {d.at}: {d.who} downloaded {d.detail}
              </li>
            ))}
          </ul>
        </details>
        <SummaryList rows={data.summary} />
      </section>

      <section className="panel" aria-labelledby="comments-heading">
        <h2 id="comments-heading">Internal comments</h2>
        <p className="hint">Staff only: the buyer never sees these.</p>
        <ul>
          {data.comments.map((c) => (
            <li key={c.id}>
              <strong>{c.who}</strong> ({c.at}): {c.text}
            </li>
          ))}
        </ul>
        <StaffForm intent="comment" version={data.version} csrf={data.csrf} label="Add a comment">
          <div className="field">
            <label htmlFor="comment">Comment</label>
            <textarea id="comment" name="comment" rows={2} />
          </div>
          <button type="submit" className="button">
            Add comment
          </button>
        </StaffForm>
      </section>

      <section className="panel" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        <ol className="timeline">
          {data.timeline.map((e) => (
            <li key={e.id}>
              <time>{e.at}</time> <strong>{e.title}</strong> <span className="muted">{e.who}</span>
              {e.detail ? <span className="muted"> · {e.detail}</span> : null}
            </li>
          ))}
        </ol>
        {can("WITHDRAW") ? (
          <details>
            <summary>Withdraw this inquiry</summary>
            <StaffForm intent="withdraw" version={data.version} csrf={data.csrf} label="Withdraw">
              <div className="field">
                <label htmlFor="withdraw-reason">Reason for withdrawing</label>
                <textarea id="withdraw-reason" name="reason" rows={2} defaultValue={kept(withdrawValues, "reason")} />
              </div>
              <button type="submit" className="button">
                Withdraw
              </button>
            </StaffForm>
          </details>
        ) : null}
      </section>
    </div>
  );
}
