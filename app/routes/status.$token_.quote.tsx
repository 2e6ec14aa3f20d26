import {
  json,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation, useParams, useSearchParams } from "@remix-run/react";
import { QuoteAnswerForms, type AnswerOutcome } from "~/components/quote-answer-forms";
import { QuoteDocumentView } from "~/components/quote-document-view";
import { readForm } from "~/server/form-body.server";
import { buyerQuotePage, handleQuoteAnswer } from "~/server/quote-answer.server";
import { getInquiryByToken } from "~/server/status.server";

// Its own page, not a child of the status page (the trailing underscore): a plain form route.
const NOT_FOUND = "This status link does not open any inquiry. Check that you copied the whole link from our e-mail.";
const NO_QUOTE = "We have not sent a quotation for this inquiry yet: the status page says where it stands.";
const PRIVATE = { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" };

export const headers: HeadersFunction = () => PRIVATE;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Quotation ${data.reference} v${data.page.current.version}` : "Quotation" },
  { name: "robots", content: "noindex" },
];

export function loader({ params, context }: LoaderFunctionArgs) {
  const inquiry = getInquiryByToken(context.services, params.token ?? "");
  if (!inquiry) throw json(NOT_FOUND, { status: 404, headers: PRIVATE });
  const page = buyerQuotePage(context.services, inquiry);
  if (!page) throw json(NO_QUOTE, { status: 404, headers: PRIVATE });
  return json({ reference: inquiry.reference, partName: inquiry.partName, page }, { headers: PRIVATE });
}

export async function action({ params, context }: ActionFunctionArgs) {
  const inquiry = getInquiryByToken(context.services, params.token ?? "");
  if (!inquiry) throw json(NOT_FOUND, { status: 404, headers: PRIVATE });
  const outcome = await handleQuoteAnswer(context.services, inquiry, readForm(context), context.clientIp);
  if (outcome.ok) return redirect(`/status/${params.token}/quote?done=${outcome.intent}`, { headers: PRIVATE });
  return json({ intent: outcome.intent, result: outcome.result } satisfies AnswerOutcome, {
    status: outcome.status,
    headers: PRIVATE,
  });
}

const DONE: Record<string, string> = {
  accept: "Thank you for your order: we have recorded your acceptance and our sales team will confirm it by e-mail.",
  decline: "Thank you for letting us know: we have recorded that you decline this quotation.",
  question: "Your question has reached our sales team: they will answer you by e-mail.",
  update: "Your request has reached our sales team: they will prepare an updated quotation.",
};

export default function BuyerQuote() {
  const { reference, partName, page } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const { token } = useParams();
  const [params] = useSearchParams();
  // A new location after an answer starts the forms afresh, so a sent message is not left in its box.
  const { key } = useLocation();
  const done = DONE[params.get("done") ?? ""];
  const { current } = page;
  const pdfUrl = (version: number) => `/status/${token}/quote/pdf/${version}`;
  return (
    <section className="panel status-page">
      <p className="eyebrow">
        Inquiry {reference}: {partName}
      </p>
      <h1>Your quotation v{current.version}</h1>
      <p>
        <Link to={`/status/${token}`}>Back to the status of your inquiry</Link>
      </p>
      {done ? (
        <p className="notice" role="status">
          {done}
        </p>
      ) : null}
      {outcome ? (
        <p className="alert">
          Nothing was recorded: <a href="#answer">see what to correct below</a>.
        </p>
      ) : null}
      <div className="state-card" aria-label="Quotation">
        <p>
          Sent on {current.sentAt}
          {current.validUntil ? `, valid until ${current.validUntil}` : ""}.
        </p>
        <p>
          <a href={pdfUrl(current.version)} download>
            Download the quotation (PDF)
          </a>
        </p>
        <p>
          <a href="#answer">
            {current.refusal ? "Why it can no longer be answered" : "Accept, decline or ask about it"}
          </a>
        </p>
      </div>

      {current.document && current.figures ? (
        <QuoteDocumentView doc={current.document} figures={current.figures} />
      ) : (
        <p>This version can only be read in its PDF: download it above.</p>
      )}

      <div id="answer">
        <QuoteAnswerForms key={key} current={current} outcome={outcome} />
      </div>

      {page.history.length > 0 ? (
        <>
          <h2>Earlier versions</h2>
          <ul>
            {page.history.map((h) => (
              <li key={h.version}>
                Version {h.version}, sent on {h.sentAt}:{" "}
                {h.answer?.title.toLowerCase() ??
                  (h.status === "superseded" ? "superseded by a later version" : h.status)}
                , no longer answerable.{" "}
                <a href={pdfUrl(h.version)} download>
                  PDF of version {h.version}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
