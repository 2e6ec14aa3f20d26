import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import type { QuoteDocument } from "../../workflows/quote-document";
import { quoteText, type QuoteFigures, type Translate } from "../../workflows/quote-document-text";

/**
 * The quotation as a page: the same content and words ("quote" messages) as its PDF, for reading on
 * screen. `figures` are the document's numbers and dates as the server formatted them (quoteFigures),
 * so the page hydrates as the server wrote it.
 */
export function QuoteDocumentView({ doc, figures }: { doc: QuoteDocument; figures: QuoteFigures }) {
  const { t } = useTranslation("quote");
  const text = quoteText(doc, figures, ((key, values) => t(key, values)) as Translate);
  const { labels } = text;
  return (
    <article className="quote-document" aria-label={text.title}>
      <dl className="quote-meta">
        <dt>{labels.from}</dt>
        <dd>
          {doc.factory.name}, {doc.factory.address.join(", ")}
        </dd>
        <dt>{labels.reference}</dt>
        <dd>{text.reference}</dd>
        {text.meta.map(([label, value], index) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd>{index === 1 ? <strong>{value}</strong> : value}</dd>
          </Fragment>
        ))}
        <dt>{labels.preparedFor}</dt>
        <dd>
          {doc.buyer.company}, {doc.buyer.contactName}
        </dd>
        <dt>{labels.part}</dt>
        <dd>{text.part.summary}</dd>
        <dt>{labels.material}</dt>
        <dd>{text.part.material}</dd>
        {doc.preparedBy ? (
          <>
            <dt>{labels.preparedBy}</dt>
            <dd>{[doc.preparedBy.name, doc.preparedBy.email].filter(Boolean).join(", ")}</dd>
          </>
        ) : null}
        {doc.part.files.length > 0 ? (
          <>
            <dt>{labels.files}</dt>
            <dd>{doc.part.files.join(", ")}</dd>
          </>
        ) : null}
      </dl>

      <h2>{text.sections.prices}</h2>
      {text.options.map((option, index) => (
        <section key={doc.cavityOptions[index]!.cavities} aria-label={option.mould}>
          <h3>{option.name}</h3>
          <p className="hint">{option.samples}</p>
          <table>
            <caption className="visually-hidden">{option.pricesCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{text.columns.quantity}</th>
                <th scope="col">{text.columns.unitPrice}</th>
                <th scope="col">{text.columns.orderValue}</th>
                <th scope="col">{text.columns.leadTime}</th>
                {option.amortisedNote ? <th scope="col">{text.columns.amortisedUnitPrice}</th> : null}
              </tr>
            </thead>
            <tbody>
              {option.rows.map((row) => (
                <tr key={row.quantity}>
                  <td>{row.quantity}</td>
                  <td>{row.unitPrice}</td>
                  <td>{row.orderValue}</td>
                  <td>{row.weeks}</td>
                  {option.amortisedNote ? <td>{row.amortisedUnitPrice ?? row.unitPrice}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="hint">{option.leadTimeNote}</p>
          {option.amortisedNote ? <p className="hint">{option.amortisedNote}</p> : null}
          <table>
            <caption className="visually-hidden">{option.toolingCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{text.columns.tooling}</th>
                <th scope="col">{text.columns.amount}</th>
              </tr>
            </thead>
            <tbody>
              {option.tooling.map((line, l) => (
                <tr key={l}>
                  <td>{line.label}</td>
                  <td>{line.amount}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{text.columns.toolingTotal}</th>
                <td>
                  <strong>{option.toolingTotal}</strong>
                </td>
              </tr>
            </tfoot>
          </table>
          <p className="hint">{option.toolingNote}</p>
        </section>
      ))}

      {doc.assumptions.length > 0 ? (
        <>
          <h2>{text.sections.assumptions}</h2>
          <p className="hint">{text.sections.assumptionsIntro}</p>
          <ol>
            {doc.assumptions.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ol>
        </>
      ) : null}
      {doc.notesForBuyer.length > 0 ? (
        <>
          <h2>{text.sections.notes}</h2>
          <ul>
            {doc.notesForBuyer.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>{text.sections.terms}</h2>
      <dl className="quote-terms">
        {text.terms.map(([label, value]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
      </dl>
    </article>
  );
}
