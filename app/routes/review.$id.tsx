import {
  json,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { FilesTable } from "~/components/files-table";
import { SummaryList } from "~/components/summary-list";
import { ModelAnalyses } from "~/components/model-analyses";
import { ModelViewer } from "~/components/model-viewer";
import { CommentsPanel } from "~/components/review/comments-panel";
import { DecisionColumn } from "~/components/review/decision-column";
import { NdaPanel } from "~/components/review/nda-panel";
import { PreAssessmentPanel } from "~/components/review/pre-assessment-panel";
import { QuestionsPanel } from "~/components/review/questions-panel";
import { FORM_ID_FIELD, type WorkspaceActionData } from "~/components/review/staff-form";
import { TimelinePanel } from "~/components/review/timeline-panel";
import { WorkspaceHeader } from "~/components/review/workspace-header";
import { requireCsrf } from "~/server/auth/auth.server";
import { requirePermission } from "~/server/auth/permissions.server";
import { workspaceView } from "~/server/review/workspace.server";
import { handleWorkspaceAction } from "~/server/review/workspace-actions.server";
import { useLiveUpdates } from "~/components/use-live-updates";
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

/**
 * One screen for one decision: the part (what the buyer sent, measured and screened) beside the
 * current gate, which stays in view; the history below. One column on narrow screens, the gate
 * after the part's essentials.
 */
export default function Workspace() {
  const data = useLoaderData<typeof loader>();
  useLiveUpdates(`/review/${data.id}/events`);
  const can = (event: (typeof data.allowed)[number]) => data.canReview && data.allowed.includes(event);
  return (
    <div className="workspace">
      <WorkspaceHeader
        reference={data.reference}
        company={data.company}
        partName={data.partName}
        stateLabel={data.stateLabel}
        age={data.age}
        inState={data.inState}
        awaitingBuyer={data.awaitingBuyer}
      />
      <section className="workspace-part panel" aria-labelledby="request-heading">
        <h2 id="request-heading">What the buyer sent</h2>
        <FilesTable
          files={data.files}
          href={(fileId) => `/review/${data.id}/files/${fileId}`}
          closed={data.filesClosed}
        />
        <ModelAnalyses
          models={data.models}
          detailed
          viewer={(m) =>
            m.previewUrl ? (
              <ModelViewer url={m.previewUrl} label={`3D preview of ${m.name}`} />
            ) : data.filesClosed ? (
              <p className="muted">{data.filesClosed}</p>
            ) : null
          }
        />
        <NdaPanel nda={data.nda} inquiryId={data.id} csrf={data.csrf} canRecord={data.canRecordNda} />
        <PreAssessmentPanel
          screen={data.screen.screen}
          measured={data.screen.measured}
          material={data.screen.material}
        />
        <SummaryList rows={data.summary} />
      </section>
      <DecisionColumn
        id={data.id}
        state={data.state}
        gate={data.gate}
        missing={data.missing}
        quoting={data.quoting}
        allowed={data.allowed}
        canReview={data.canReview}
        version={data.version}
        csrf={data.csrf}
        assigneeId={data.assignee?.id ?? null}
        engineers={data.engineers}
        decisions={data.decisions}
        aids={data.screen.aids}
        buyerLanguage={data.buyerLanguage}
      />
      <div className="workspace-history">
        <QuestionsPanel
          questions={data.questions}
          canAsk={can("ASK_BUYER")}
          version={data.version}
          csrf={data.csrf}
          buyerLanguage={data.buyerLanguage}
        />
        <CommentsPanel comments={data.comments} version={data.version} csrf={data.csrf} />
        <TimelinePanel
          timeline={data.timeline}
          downloads={data.downloads}
          canWithdraw={can("WITHDRAW")}
          version={data.version}
          csrf={data.csrf}
        />
      </div>
    </div>
  );
}
