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
import { GateSection } from "~/components/review/gate-section";
import { FORM_ID_FIELD, type WorkspaceActionData } from "~/components/review/staff-form";
import { AskForm, AssignForm, CommentForm, StepForm, WithdrawForm } from "~/components/review/workspace-forms";
import { requireCsrf } from "~/server/auth.server";
import { requirePermission } from "~/server/permissions.server";
import { workspaceView } from "~/server/workspace.server";
import { handleWorkspaceAction } from "~/server/workspace-actions.server";
import { GATES } from "../../workflows/inquiry";
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
  const data: WorkspaceActionData = { formId: String(form.get(FORM_ID_FIELD) ?? ""), result: result.result };
  return json(data, { status: result.status, headers: NO_STORE });
}

export default function Workspace() {
  const data = useLoaderData<typeof loader>();
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
          <AssignForm
            version={data.version}
            csrf={data.csrf}
            assigneeId={data.assignee?.id ?? null}
            engineers={data.engineers}
          />
          {can("START_TRIAGE") ? (
            <StepForm
              intent="start_triage"
              version={data.version}
              csrf={data.csrf}
              label="Start triage"
              button="Start triage"
            />
          ) : null}
          {can("BEGIN_REVIEW") ? (
            <StepForm
              intent="begin_review"
              version={data.version}
              csrf={data.csrf}
              label="Begin review"
              button="Begin the engineering review"
            />
          ) : null}
        </div>
      </section>

      <section className="panel">
        {GATES.map((g, i) => {
          const decision = data.decisions.find((d) => d.gate === g.id);
          return (
            <GateSection
              key={g.id}
              gate={g.id}
              index={i}
              decision={decision}
              current={data.gate === g.id}
              // Decided gates are the ones behind the inquiry (reopening supersedes the later ones).
              reopenable={decision !== undefined && data.allowed.includes("REOPEN_GATE")}
              canReview={data.canReview}
              version={data.version}
              csrf={data.csrf}
              screen={data.screen}
            />
          );
        })}
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
        {can("ASK_BUYER") ? <AskForm version={data.version} csrf={data.csrf} /> : null}
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
        <CommentForm version={data.version} csrf={data.csrf} />
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
        {can("WITHDRAW") ? <WithdrawForm version={data.version} csrf={data.csrf} /> : null}
      </section>
    </div>
  );
}
