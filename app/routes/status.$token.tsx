import {
  json,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import {
  Link,
  useActionData,
  useLoaderData,
  useNavigate,
  useParams,
  useRevalidator,
  useSearchParams,
} from "@remix-run/react";
import { useMemo, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { languageInfo } from "~/i18n/languages";
import { translateAll } from "~/i18n/message";
import { checkFileSelection, type FileLimits } from "~/forms/intake";
import { FilePicker } from "~/components/file-picker";
import { FilesTable } from "~/components/files-table";
import { StlUnitField } from "~/components/stl-unit-field";
import { SummaryList } from "~/components/summary-list";
import { ModelAnalyses } from "~/components/model-analyses";
import { ModelViewer } from "~/components/model-viewer";
import { UploadProgress } from "~/components/upload-progress";
import { useProgressUpload } from "~/components/use-progress-upload";
import { useResetState } from "~/components/use-reset-state";
import { useLiveUpdates } from "~/components/use-live-updates";
import { getInquiryByToken, handleStatusPost } from "~/server/status.server";
import { describeRejections } from "~/server/intake.server";
import { statusPageData } from "~/server/status-page.server";
import { formatBytes } from "~/utils/format";

const ROUTE_ID = "routes/status.$token";
const NOT_FOUND = "This status link does not open any inquiry. Check that you copied the whole link from our e-mail.";
const PRIVATE = { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" };

/** The page shows a buyer's confidential inquiry: never cache it, never index it. */
export const headers: HeadersFunction = () => PRIVATE;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.reference}: ${data.partName}` : "Inquiry status" },
  { name: "robots", content: "noindex" },
];

export function loader({ params, context }: LoaderFunctionArgs) {
  const data = statusPageData(context.services, params.token ?? "");
  if (!data) throw json(NOT_FOUND, { status: 404, headers: PRIVATE });
  return json(data, { headers: PRIVATE });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const inquiry = getInquiryByToken(context.services, params.token ?? "");
  if (!inquiry) throw json(NOT_FOUND, { status: 404, headers: PRIVATE });
  const result = await handleStatusPost(request, context.services, inquiry, context.clientIp);
  if (!result.ok)
    return json({ error: result.error, added: 0, answer: result.answer }, { status: result.status, headers: PRIVATE });
  if (result.rejectedFiles.length > 0) {
    const error = describeRejections(result.rejectedFiles, languageInfo(inquiry.locale).code);
    return json({ error, added: result.added.length }, { headers: PRIVATE });
  }
  const done = result.answered ? "answered=1" : `added=${result.added.length}`;
  return redirect(`/status/${params.token}?${done}`, { headers: PRIVATE });
}

type ActionData = { error: string; added: number; answer?: string };

/** An upload form of the status page (more files, or an answer), with progress when JavaScript runs. */
function StatusUploadForm({
  intent,
  limits,
  initial,
  filesRequired,
  label,
  children,
  submitLabel,
  picker,
}: {
  intent: "files" | "answer";
  limits: FileLimits;
  initial?: ActionData;
  filesRequired: boolean;
  label: string;
  children?: ReactNode;
  submitLabel: string;
  picker: { label: string; hint: string };
}) {
  const upload = useProgressUpload<ActionData>();
  const { t, i18n } = useTranslation("intake");
  const navigate = useNavigate();
  const revalidator = useRevalidator();
  const [outcome, setOutcome] = useResetState(initial, (answer) => answer);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const input = form.elements.namedItem("files") as HTMLInputElement;
    const problems = checkFileSelection(Array.from(input.files ?? []), 0, limits, {
      required: filesRequired,
      language: languageInfo(i18n.language).code,
    });
    if (problems) {
      setOutcome({ error: translateAll(t, problems), added: 0 });
      return;
    }
    const result = await upload.send(form, ROUTE_ID);
    if (result.type === "redirect") return navigate(result.to, { replace: true });
    input.value = "";
    setOutcome(result.type === "data" ? result.data : { error: result.message, added: 0 });
    revalidator.revalidate();
  };

  return (
    <form method="post" encType="multipart/form-data" noValidate onSubmit={onSubmit} aria-label={label}>
      <input type="hidden" name="intent" value={intent} />
      {children}
      <FilePicker label={picker.label} hint={picker.hint} error={outcome?.error} keptFiles={[]} />
      {upload.progress ? <UploadProgress progress={upload.progress} onCancel={upload.cancel} /> : null}
      <button type="submit" className="button primary" disabled={upload.progress !== null}>
        {submitLabel}
      </button>
    </form>
  );
}

export default function InquiryStatus() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { token } = useParams();
  useLiveUpdates(`/status/${token}/events`);
  const [params] = useSearchParams();
  const addedParam = Number(params.get("added") ?? "0");
  const outcome = useMemo(
    () => actionData ?? (addedParam > 0 ? { error: "", added: addedParam } : undefined),
    [actionData, addedParam],
  );
  const limitsHint = `up to ${data.limits.maxFiles} files, ${formatBytes(data.limits.maxFileBytes)} each`;
  return (
    <section className="panel status-page">
      <p className="eyebrow">Inquiry {data.reference}</p>
      <h1>{data.partName}</h1>
      <div className="state-card" aria-label="Current state">
        <span className="badge">{data.stateLabel}</span>
        <p>{data.stateText}</p>
        {data.nda ? <p>{data.nda}</p> : null}
        <p className="hint">
          Sent on {data.submittedAt}. Keep this link private: anyone who has it can see this inquiry.
        </p>
      </div>
      {data.quoteVersion !== null ? (
        <div className="state-card" aria-labelledby="quote-card-heading">
          <h2 id="quote-card-heading">Your quotation v{data.quoteVersion}</h2>
          <p>
            <Link to={`/status/${token}/quote`}>Read the quotation, accept it, decline it or ask about it</Link>
          </p>
        </div>
      ) : null}
      {params.get("answered") ? (
        <p className="notice" role="status">
          Thank you: your answer has reached our engineers and the review goes on.
        </p>
      ) : null}

      {data.openQuestion ? (
        <section className="question-panel" aria-labelledby="question-heading">
          <h2 id="question-heading">A question from our engineers</h2>
          <blockquote>{data.openQuestion.text}</blockquote>
          <p className="hint">Asked on {data.openQuestion.askedAt}.</p>
          <StatusUploadForm
            intent="answer"
            limits={data.limits}
            initial={actionData && actionData.added === 0 ? actionData : undefined}
            filesRequired={false}
            label="Answer the question"
            submitLabel="Send answer"
            picker={{
              label: data.openQuestion.wantsRevision
                ? "Revised drawing or model (requested)"
                : "Revised drawing or model (optional)",
              hint: `Your earlier files are kept; revisions are added beside them (${limitsHint}).`,
            }}
          >
            <input type="hidden" name="questionId" value={data.openQuestion.id} />
            <div className="field">
              <label htmlFor="answer">Your answer</label>
              <textarea
                id="answer"
                name="answer"
                rows={4}
                defaultValue={
                  actionData && "answer" in actionData && typeof actionData.answer === "string"
                    ? actionData.answer
                    : undefined
                }
              />
            </div>
          </StatusUploadForm>
        </section>
      ) : null}

      <h2>Files</h2>
      <FilesTable files={data.files} href={(id) => `/status/${token}/files/${id}`} />
      <ModelAnalyses
        models={data.models}
        detailed={false}
        viewer={(m) => (m.previewUrl ? <ModelViewer url={m.previewUrl} label={`3D preview of ${m.name}`} /> : null)}
      />

      <h2 id="add-files-heading">Add files</h2>
      {outcome && outcome.added > 0 ? (
        <p className="notice" role="status">
          {outcome.added === 1 ? "1 file was added." : `${outcome.added} files were added.`}
        </p>
      ) : null}
      <StatusUploadForm
        intent="files"
        limits={data.limits}
        initial={data.openQuestion ? undefined : outcome}
        filesRequired
        label="Add files"
        submitLabel="Add files"
        picker={{
          label: "More drawings or models",
          hint: `A new revision, a missing view, a ZIP of the assembly: ${limitsHint}. Our engineers are told at once.`,
        }}
      >
        <StlUnitField />
      </StatusUploadForm>

      {data.answered.length > 0 ? (
        <>
          <h2>Questions and answers</h2>
          <SummaryList
            rows={data.answered.map((q) => ({ label: q.text, value: q.answer || "Answered with revised files" }))}
          />
        </>
      ) : null}

      <h2>What you sent</h2>
      <SummaryList rows={data.summary} />

      <h2>Timeline</h2>
      <ol className="timeline">
        {data.events.map((event) => (
          <li key={event.id}>
            <time>{event.at}</time> <strong>{event.title}</strong>
            {event.detail ? <span className="muted"> {event.detail}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
