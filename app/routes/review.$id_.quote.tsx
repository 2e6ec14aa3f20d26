import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { QuoteBuyerSide } from "~/components/quote-buyer-side";
import { QuoteForm } from "~/components/quote/quote-form";
import { VersionPanel } from "~/components/quote/version-panel";
import { quoteActionForm, quoteDraftFrom, quoteFormFor } from "~/forms/quote";
import { requireCsrf } from "~/server/auth/auth.server";
import { requirePermission } from "~/server/auth/permissions.server";
import { readForm } from "~/server/form-body.server";
import { builderView, requireQuoteSources } from "~/server/quotes/quote-builder-view.server";
import { sendQuote } from "~/server/quotes/quote-sending.server";
import {
  approveQuote,
  copyQuote,
  createQuote,
  requestApproval,
  saveQuote,
} from "~/server/quotes/quote-versions.server";
import type { QuoteResult } from "~/server/quotes/quote-write.server";

const NO_STORE = { "Cache-Control": "private, no-store" };

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Quote ${data.reference}: ${data.partName}` : "Quote" },
];

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requirePermission(request, context.services, "quote");
  const sources = requireQuoteSources(context.services, params.id ?? "");
  return json(builderView(context.services, user, sources), { headers: NO_STORE });
}

type Answer = { message: string | null; result?: SubmissionResult<string[]> };

const answer = (body: Answer, status: number) => json(body, { status, headers: NO_STORE });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requirePermission(request, context.services, "quote");
  const form = readForm(context);
  requireCsrf(form, user);
  const sources = requireQuoteSources(context.services, params.id ?? "");
  const id = sources.inquiry.id;
  const saved = () => redirect(`/review/${id}/quote`, { headers: NO_STORE });

  if (form.get("intent") === "save") {
    const submission = parseWithZod(form, {
      schema: quoteFormFor(sources.ratesCurrency, sources.prefill.part !== null),
    });
    if (submission.status !== "success") return answer({ message: null, result: submission.reply() }, 400);
    const { draft, fieldOf } = quoteDraftFrom(submission.value, {
      inputs: sources.prefill.inputs,
      measured: sources.prefill.part,
      ratesCurrency: sources.ratesCurrency,
      offered: sources.stageRiskAssumptions,
    });
    const { quoteId, rowVersion } = submission.value;
    const result = quoteId
      ? saveQuote(context.services, user, id, quoteId, rowVersion ?? 0, draft)
      : createQuote(context.services, user, id, draft);
    if (result.ok) return saved();
    const field = result.at ? fieldOf(result.at) : null;
    const reply = submission.reply(
      field ? { fieldErrors: { [field]: [result.message] } } : { formErrors: [result.message] },
    );
    return answer({ message: null, result: reply }, result.status);
  }

  const asked = quoteActionForm.safeParse({
    intent: form.get("intent"),
    quoteId: form.get("quoteId"),
    rowVersion: Number(form.get("rowVersion")),
  });
  if (!asked.success)
    return answer({ message: `Unknown action "${form.get("intent")}": reload the page and try again.` }, 400);
  const { intent, quoteId, rowVersion } = asked.data;
  const actions: Record<typeof intent, () => QuoteResult | Promise<QuoteResult>> = {
    request_approval: () => requestApproval(context.services, user, id, quoteId, rowVersion),
    approve: () => approveQuote(context.services, user, id, quoteId, rowVersion),
    copy: () => copyQuote(context.services, user, id, quoteId),
    send: () => sendQuote(context.services, user, id, quoteId, rowVersion),
  };
  const result = await actions[intent]();
  return result.ok ? saved() : answer({ message: result.message }, result.status);
}

/**
 * The quote builder: the latest version's prices beside the form that changes them (one column on
 * narrow screens, the prices first).
 */
export default function QuoteBuilder() {
  const data = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  return (
    <div className="quote-builder">
      <header className="quote-builder-header">
        <p>
          <Link to={`/review/${data.id}`}>Back to the inquiry</Link>
        </p>
        <h1>
          Quote for {data.reference}: {data.partName}
        </h1>
        <p>
          Inquiry: {data.stateLabel}.{" "}
          {data.target ? `Buyer's target price: ${data.target} per part.` : "No target price given."}
        </p>
        {data.ratesConfirmed ? null : (
          <p role="status">
            The factory&apos;s rates are still the shipped examples: no quote can be sent until an admin confirms them.
          </p>
        )}
        {data.factoryNamed ? null : (
          <p role="status">
            The factory profile is not filled in: no quote can be sent until an admin enters the factory&apos;s name and
            address (Factory profile).
          </p>
        )}
        {refused?.message ? (
          <p className="alert" role="alert">
            {refused.message}
          </p>
        ) : null}
      </header>
      <div className="quote-builder-prices">
        {data.quote ? (
          <VersionPanel quote={data.quote} csrf={data.csrf} target={data.target} maySend={data.maySend} />
        ) : (
          <p className="panel muted">Once the quote is created, its prices and their cost build-up show here.</p>
        )}
        <QuoteBuyerSide versions={data.buyerSide} />
      </div>
      <QuoteForm data={data} lastResult={refused?.result} />
    </div>
  );
}
