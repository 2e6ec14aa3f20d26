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
import { metaTranslator } from "~/i18n/meta";
import { buyerLanguage, translatorFor } from "~/server/i18n/i18n.server";
import { handleStatusPost } from "~/server/buyer/status.server";
import { getInquiryByToken, getRequestInquiry } from "~/server/buyer/request-inquiry.server";
import { describeRejections } from "~/server/buyer/intake.server";
import { statusPageData } from "~/server/buyer/status-page.server";

const ROUTE_ID = "routes/status.$token";
const PRIVATE = { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" };

/** The page shows a buyer's confidential inquiry: never cache it, never index it. */
export const headers: HeadersFunction = () => PRIVATE;

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaTranslator(matches);
  return [
    {
      title: data
        ? t("status:meta.title", { reference: data.reference, partName: data.partName })
        : t("status:meta.fallbackTitle"),
    },
    { name: "robots", content: "noindex" },
  ];
};

/** An unknown link: said in the language the visitor's browser asks for, as there is no inquiry's. */
async function notFound(request: Request, context: LoaderFunctionArgs["context"]) {
  const t = translatorFor(await buyerLanguage(request, context));
  return json(t("status:notFound"), { status: 404, headers: PRIVATE });
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const inquiry = getRequestInquiry(request, context, token);
  if (!inquiry) throw await notFound(request, context);
  const language = await buyerLanguage(request, context);
  return json(statusPageData(context.services, inquiry, token, language), { headers: PRIVATE });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const inquiry = getInquiryByToken(context.services, params.token ?? "");
  if (!inquiry) throw await notFound(request, context);
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
  const { t } = useTranslation("status");
  const typedAnswer =
    actionData && "answer" in actionData && typeof actionData.answer === "string" ? actionData.answer : "";
  return (
    <section className="panel status-page">
      {/* A reference starts with letters, so it keeps its order inside right-to-left text unisolated. */}
      <p className="eyebrow">{t("page.eyebrow", { reference: data.reference })}</p>
      <h1>{data.partName}</h1>
      <div className="state-card" aria-label={t("page.currentState")}>
        <span className="badge">{data.state.label}</span>
        <p>{data.state.text}</p>
        {data.nda ? <p>{data.nda}</p> : null}
        <p className="hint">{t("page.sentOn", { date: data.submittedAt })}</p>
      </div>
      {data.quoteVersion !== null ? (
        <div className="state-card" aria-labelledby="quote-card-heading">
          <h2 id="quote-card-heading">{t("page.quoteHeading", { version: data.quoteVersion })}</h2>
          <p>
            <Link to={`/status/${token}/quote`}>{t("page.quoteLink")}</Link>
          </p>
        </div>
      ) : null}
      {params.get("answered") ? (
        <p className="notice" role="status">
          {t("page.answered")}
        </p>
      ) : null}

      {data.openQuestion ? (
        <section className="question-panel" aria-labelledby="question-heading">
          <h2 id="question-heading">{t("question.heading")}</h2>
          <blockquote>{data.openQuestion.text}</blockquote>
          <p className="hint">{t("question.askedOn", { date: data.openQuestion.askedAt })}</p>
          <StatusUploadForm
            intent="answer"
            limits={data.limits}
            initial={actionData && actionData.added === 0 ? actionData : undefined}
            filesRequired={false}
            label={t("question.form")}
            submitLabel={t("question.submit")}
            picker={{
              label: data.openQuestion.wantsRevision ? t("question.pickerRequested") : t("question.pickerOptional"),
              hint: t("question.pickerHint", { limits: data.limitsText }),
            }}
          >
            <input type="hidden" name="questionId" value={data.openQuestion.id} />
            <div className="field">
              <label htmlFor="answer">{t("question.answer")}</label>
              <textarea id="answer" name="answer" rows={4} defaultValue={typedAnswer || undefined} />
            </div>
          </StatusUploadForm>
        </section>
      ) : null}

      {!data.openQuestion && typedAnswer ? (
        // The question closed while the buyer wrote: what they typed stays on the page to copy.
        <div className="notice" role="note">
          <p>{t("question.unsent")}</p>
          <blockquote>{typedAnswer}</blockquote>
        </div>
      ) : null}

      <h2>{t("page.filesHeading")}</h2>
      <FilesTable files={data.files} href={(id) => `/status/${token}/files/${id}`} />
      <ModelAnalyses
        models={data.models}
        detailed={false}
        viewer={(m) =>
          m.previewUrl ? <ModelViewer url={m.previewUrl} label={t("page.preview", { name: m.name })} /> : null
        }
      />

      <h2 id="add-files-heading">{t("addFiles.heading")}</h2>
      {outcome && outcome.added > 0 ? (
        <p className="notice" role="status">
          {t("addFiles.added", { count: outcome.added })}
        </p>
      ) : null}
      <StatusUploadForm
        intent="files"
        limits={data.limits}
        initial={data.openQuestion ? undefined : outcome}
        filesRequired
        label={t("addFiles.form")}
        submitLabel={t("addFiles.submit")}
        picker={{
          label: t("addFiles.pickerLabel"),
          hint: t("addFiles.pickerHint", { limits: data.limitsText }),
        }}
      >
        <StlUnitField />
      </StatusUploadForm>

      {data.answered.length > 0 ? (
        <>
          <h2>{t("page.answeredHeading")}</h2>
          <SummaryList
            rows={data.answered.map((q) => ({ label: q.text, value: q.answer || t("page.answeredWithFiles") }))}
          />
        </>
      ) : null}

      <h2>{t("page.summaryHeading")}</h2>
      <SummaryList rows={data.summary} />

      <h2>{t("page.timelineHeading")}</h2>
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
