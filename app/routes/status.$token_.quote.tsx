import {
  json,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation, useParams, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { QuoteAnswerForms, type AnswerOutcome } from "~/components/quote-answer-forms";
import { QuoteDocumentView } from "~/components/quote-document-view";
import { metaTranslator } from "~/i18n/meta";
import { readForm } from "~/server/form-body.server";
import { buyerLanguage, translatorFor } from "~/server/i18n/i18n.server";
import { buyerQuotePage, handleQuoteAnswer } from "~/server/buyer/quote-answer.server";
import { getInquiryByToken, getRequestInquiry } from "~/server/buyer/request-inquiry.server";

// Its own page, not a child of the status page (the trailing underscore): a plain form route.
const PRIVATE = { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" };

export const headers: HeadersFunction = () => PRIVATE;

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaTranslator(matches);
  return [
    {
      title: data
        ? t("status:meta.quoteTitle", { reference: data.reference, version: data.page.current.version })
        : t("status:meta.quoteFallbackTitle"),
    },
    { name: "robots", content: "noindex" },
  ];
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const inquiry = getRequestInquiry(request, context, params.token ?? "");
  const language = await buyerLanguage(request, context);
  const t = translatorFor(language);
  if (!inquiry) throw json(t("status:notFound"), { status: 404, headers: PRIVATE });
  const page = buyerQuotePage(context.services, inquiry, language);
  if (!page) throw json(t("status:noQuote"), { status: 404, headers: PRIVATE });
  return json({ reference: inquiry.reference, partName: inquiry.partName, page }, { headers: PRIVATE });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const inquiry = getInquiryByToken(context.services, params.token ?? "");
  if (!inquiry) {
    const t = translatorFor(await buyerLanguage(request, context));
    throw json(t("status:notFound"), { status: 404, headers: PRIVATE });
  }
  const outcome = await handleQuoteAnswer(context.services, inquiry, readForm(context), context.clientIp);
  if (outcome.ok) return redirect(`/status/${params.token}/quote?done=${outcome.intent}`, { headers: PRIVATE });
  return json({ intent: outcome.intent, result: outcome.result } satisfies AnswerOutcome, {
    status: outcome.status,
    headers: PRIVATE,
  });
}

const DONE: Record<string, string> = {
  accept: "quote.doneAccept",
  decline: "quote.doneDecline",
  question: "quote.doneQuestion",
  update: "quote.doneUpdate",
};

export default function BuyerQuote() {
  const { reference, partName, page } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const { token } = useParams();
  const [params] = useSearchParams();
  // A new location after an answer starts the forms afresh, so a sent message is not left in its box.
  const { key } = useLocation();
  const { t } = useTranslation("status");
  const done = DONE[params.get("done") ?? ""];
  const { current } = page;
  const pdfUrl = (version: number) => `/status/${token}/quote/pdf/${version}`;
  return (
    <section className="panel status-page">
      <p className="eyebrow">{t("quote.eyebrow", { reference, partName })}</p>
      <h1>{t("quote.heading", { version: current.version })}</h1>
      <p>
        <Link to={`/status/${token}`}>{t("quote.back")}</Link>
      </p>
      {done ? (
        <p className="notice" role="status">
          {t(done)}
        </p>
      ) : null}
      {outcome ? (
        <p className="alert">
          {t("quote.nothingRecorded")} <a href="#answer">{t("quote.seeBelow")}</a>
        </p>
      ) : null}
      <div className="state-card" aria-label={t("quote.card")}>
        <p>
          {current.validUntil
            ? t("quote.sentOnValid", { date: current.sentAt, validUntil: current.validUntil })
            : t("quote.sentOn", { date: current.sentAt })}
        </p>
        <p>
          <a href={pdfUrl(current.version)} download>
            {t("quote.download")}
          </a>
        </p>
        <p>
          <a href="#answer">{current.refusal ? t("quote.whyClosed") : t("quote.answerLink")}</a>
        </p>
      </div>

      {current.document && current.figures ? (
        <QuoteDocumentView doc={current.document} figures={current.figures} />
      ) : (
        <p>{t("quote.pdfOnly")}</p>
      )}

      <div id="answer">
        <QuoteAnswerForms key={key} current={current} outcome={outcome} />
      </div>

      {page.history.length > 0 ? (
        <>
          <h2>{t("quote.history")}</h2>
          <ul>
            {page.history.map((h) => (
              <li key={h.version}>
                {h.line}{" "}
                <a href={pdfUrl(h.version)} download>
                  {t("quote.historyPdf", { version: h.version })}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
