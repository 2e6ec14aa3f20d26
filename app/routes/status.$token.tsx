import { json, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigate, useParams, useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { checkFileSelection } from "~/forms/intake";
import { FilePicker } from "~/components/file-picker";
import { UploadProgress } from "~/components/upload-progress";
import { useProgressUpload } from "~/components/use-progress-upload";
import { addFilesToInquiry, getInquiryByToken } from "~/server/status.server";
import { describeRejections, toPublicFile } from "~/server/intake.server";
import { inquirySummaryRows } from "~/utils/inquiry-summary";
import { formatBytes, formatDateTime } from "~/utils/format";
import { listInquiryEvents, listInquiryFiles } from "../../db/queries/inquiries";
import { describeEvent, stateBuyerText, stateLabel } from "../../workflows/inquiry";

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
  const { services } = context;
  const inquiry = getInquiryByToken(services, params.token ?? "");
  if (!inquiry) throw json(NOT_FOUND, { status: 404, headers: PRIVATE });
  const { maxFileBytes, maxFiles, maxRequestBytes } = services.config.limits;
  return json(
    {
      reference: inquiry.reference,
      partName: inquiry.partName,
      stateLabel: stateLabel(inquiry.state),
      stateText: stateBuyerText(inquiry.state),
      submittedAt: formatDateTime(inquiry.createdAt),
      summary: inquirySummaryRows(inquiry),
      files: listInquiryFiles(services.db, inquiry.id).map((f) => ({ ...toPublicFile(f), uploadedAt: formatDateTime(f.uploadedAt) })),
      events: listInquiryEvents(services.db, inquiry.id).map((e) => ({ id: e.id, at: formatDateTime(e.createdAt), ...describeEvent(e) })),
      limits: { maxFileBytes, maxFiles, maxRequestBytes },
    },
    { headers: PRIVATE },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const inquiry = getInquiryByToken(context.services, params.token ?? "");
  if (!inquiry) throw json(NOT_FOUND, { status: 404, headers: PRIVATE });
  const result = await addFilesToInquiry(request, context.services, inquiry, context.clientIp);
  if (!result.ok) return json({ error: result.error, added: 0 }, { status: result.status, headers: PRIVATE });
  if (result.rejectedFiles.length > 0) {
    return json({ error: describeRejections(result.rejectedFiles), added: result.added.length }, { headers: PRIVATE });
  }
  return redirect(`/status/${params.token}?added=${result.added.length}`, { headers: PRIVATE });
}

type ActionData = { error: string; added: number };

function AddFilesForm({ limits, initial }: { limits: { maxFileBytes: number; maxFiles: number; maxRequestBytes: number }; initial?: ActionData }) {
  const upload = useProgressUpload<ActionData>();
  const navigate = useNavigate();
  const revalidator = useRevalidator();
  const [outcome, setOutcome] = useState(initial);
  useEffect(() => setOutcome(initial), [initial]);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const input = form.elements.namedItem("files") as HTMLInputElement;
    const problem = checkFileSelection(Array.from(input.files ?? []), 0, limits, { required: true });
    if (problem) {
      setOutcome({ error: problem, added: 0 });
      return;
    }
    const result = await upload.send(form, ROUTE_ID);
    if (result.type === "redirect") return navigate(result.to, { replace: true });
    input.value = "";
    setOutcome(result.type === "data" ? result.data : { error: result.message, added: 0 });
    revalidator.revalidate();
  };

  return (
    <form method="post" encType="multipart/form-data" noValidate onSubmit={onSubmit} aria-labelledby="add-files-heading">
      <h2 id="add-files-heading">Add files</h2>
      {outcome && outcome.added > 0 ? (
        <p className="notice" role="status">
          {outcome.added === 1 ? "1 file was added." : `${outcome.added} files were added.`}
        </p>
      ) : null}
      <FilePicker
        label="More drawings or models"
        hint={`A new revision, a missing view, a ZIP of the assembly: up to ${limits.maxFiles} files, ${formatBytes(limits.maxFileBytes)} each. Our engineers are told at once.`}
        error={outcome?.error}
        keptFiles={[]}
      />
      {upload.progress ? <UploadProgress progress={upload.progress} onCancel={upload.cancel} /> : null}
      <button type="submit" className="button primary" disabled={upload.progress !== null}>
        Add files
      </button>
    </form>
  );
}

export default function InquiryStatus() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { token } = useParams();
  const [params] = useSearchParams();
  const addedParam = Number(params.get("added") ?? "0");
  const outcome = useMemo(
    () => actionData ?? (addedParam > 0 ? { error: "", added: addedParam } : undefined),
    [actionData, addedParam],
  );
  return (
    <section className="panel status-page">
      <p className="eyebrow">Inquiry {data.reference}</p>
      <h1>{data.partName}</h1>
      <div className="state-card" aria-label="Current state">
        <span className="badge">{data.stateLabel}</span>
        <p>{data.stateText}</p>
        <p className="hint">Sent on {data.submittedAt}. Keep this link private: anyone who has it can see this inquiry.</p>
      </div>

      <h2>Files</h2>
      <table className="files">
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Type</th>
            <th scope="col">Size</th>
            <th scope="col">Received</th>
          </tr>
        </thead>
        <tbody>
          {data.files.map((file) => (
            <tr key={file.id}>
              <td>
                <a href={`/status/${token}/files/${file.id}`} download>
                  {file.name}
                </a>
              </td>
              <td>{file.kind}</td>
              <td>{formatBytes(file.size)}</td>
              <td>{file.uploadedAt}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <AddFilesForm limits={data.limits} initial={outcome} />

      <h2>What you sent</h2>
      <dl className="summary">
        {data.summary.map((row) => (
          <div key={row.label}>
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>

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
