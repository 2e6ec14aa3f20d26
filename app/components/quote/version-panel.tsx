import { Form } from "@remix-run/react";
import type { BuilderView } from "~/server/quotes/quote-builder-view.server";
import { PriceTables } from "./price-tables";

type VersionView = NonNullable<BuilderView["quote"]>;

/** A one-button form for a quote action; the server re-checks everything it implies. */
function QuoteAction(props: { csrf: string; intent: string; quote: VersionView; label: string; primary?: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name="_csrf" value={props.csrf} />
      <input type="hidden" name="intent" value={props.intent} />
      <input type="hidden" name="quoteId" value={props.quote.id} />
      <input type="hidden" name="rowVersion" value={props.quote.rowVersion} />
      <button type="submit" className={props.primary ? "button primary" : "button"}>
        {props.label}
      </button>
    </Form>
  );
}

/**
 * The latest version as priced: its approval, each cavity option's prices beside the buyer's target
 * with the cost build-up, and the actions open to this person (the server decides which).
 */
export function VersionPanel({
  quote,
  csrf,
  target,
  maySend,
}: {
  quote: VersionView;
  csrf: string;
  target: string | null;
  maySend: boolean;
}) {
  return (
    <section aria-labelledby="prices" className="panel quote-version">
      <h2 id="prices">{quote.heading}</h2>
      <p>{quote.summary}</p>
      {quote.conversion ? <p>{quote.conversion}</p> : null}
      {quote.notes.map((n) => (
        <p key={n}>{n}</p>
      ))}
      <PriceTables options={quote.options} target={target} />
      <div className="actions-row">
        {quote.mayRequestApproval ? (
          <QuoteAction csrf={csrf} intent="request_approval" quote={quote} label="Ask an admin to approve" />
        ) : null}
        {quote.mayApprove ? (
          <QuoteAction csrf={csrf} intent="approve" quote={quote} label="Approve this version" primary />
        ) : null}
        <QuoteAction csrf={csrf} intent="copy" quote={quote} label="Copy as a new version" />
        {maySend && !quote.sendRefusal ? (
          <QuoteAction csrf={csrf} intent="send" quote={quote} label="Send to the buyer" primary />
        ) : null}
      </div>
      {maySend && quote.sendRefusal ? <p>Cannot be sent yet: {quote.sendRefusal}</p> : null}
    </section>
  );
}
