import { conversionStatement } from "../../workflows/currency";
import { documentFormat, toolingTotal, type QuoteDocument } from "../../workflows/quote-document";

/** The quotation as a page: the same content as its PDF, for reading on screen. */
export function QuoteDocumentView({ doc }: { doc: QuoteDocument }) {
  const f = documentFormat(doc);
  const many = doc.cavityOptions.length > 1;
  return (
    <article className="quote-document" aria-label={`Quotation ${doc.reference} v${doc.version}`}>
      <dl className="quote-meta">
        <dt>From</dt>
        <dd>
          {doc.factory.name}, {doc.factory.address.join(", ")}
        </dd>
        <dt>Reference</dt>
        <dd>
          {doc.reference} v{doc.version}
        </dd>
        <dt>Date</dt>
        <dd>{f.date(doc.issueDate)}</dd>
        <dt>Valid until</dt>
        <dd>
          <strong>{f.date(doc.validUntil)}</strong>
        </dd>
        <dt>Prepared for</dt>
        <dd>
          {doc.buyer.company}, {doc.buyer.contactName}
        </dd>
        <dt>Part</dt>
        <dd>
          {doc.part.name}, part number {doc.part.number}, revision {doc.part.revision}
        </dd>
        <dt>Material</dt>
        <dd>{[doc.material.designation, doc.material.condition].filter(Boolean).join(", ")}</dd>
        {doc.preparedBy ? (
          <>
            <dt>Prepared by</dt>
            <dd>{[doc.preparedBy.name, doc.preparedBy.email].filter(Boolean).join(", ")}</dd>
          </>
        ) : null}
        {doc.part.files.length > 0 ? (
          <>
            <dt>Files</dt>
            <dd>{doc.part.files.join(", ")}</dd>
          </>
        ) : null}
      </dl>

      <h2>Prices and lead times</h2>
      {doc.cavityOptions.map((option, index) => (
        <section key={option.cavities} aria-label={`${option.cavities}-cavity mould`}>
          <h3>
            {many ? `Option ${String.fromCharCode(65 + index)}: ` : ""}
            {option.cavities}-cavity mould
          </h3>
          <p className="hint">
            First samples (T1) {f.weeks(option.leadTimes.toolingToSamplesWeeks)} after the tooling order.
          </p>
          <table>
            <caption className="visually-hidden">Unit prices of the {option.cavities}-cavity mould</caption>
            <thead>
              <tr>
                <th scope="col">Quantity (pcs)</th>
                <th scope="col">Unit price</th>
                <th scope="col">Order value</th>
                <th scope="col">Lead time</th>
                {option.amortisedOver ? <th scope="col">Unit price incl. tooling</th> : null}
              </tr>
            </thead>
            <tbody>
              {option.breaks.map((b) => (
                <tr key={b.quantity}>
                  <td>{f.count(b.quantity)}</td>
                  <td>{f.unitPrice(b.unitPrice)}</td>
                  <td>{f.money(b.quantity * b.unitPrice)}</td>
                  <td>{f.weeks(b.productionWeeks ?? option.leadTimes.productionWeeks)}</td>
                  {option.amortisedOver ? <td>{f.unitPrice(b.amortisedUnitPrice ?? b.unitPrice)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="hint">Lead time: from sample approval (first order) or from order (repeat orders).</p>
          <table>
            <caption className="visually-hidden">Tooling of the {option.cavities}-cavity mould</caption>
            <thead>
              <tr>
                <th scope="col">Tooling</th>
                <th scope="col">Amount</th>
              </tr>
            </thead>
            <tbody>
              {option.tooling.lines.map((line) => (
                <tr key={line.label}>
                  <td>{line.label}</td>
                  <td>{f.money(line.amount)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Tooling total</th>
                <td>
                  <strong>{f.money(toolingTotal(option))}</strong>
                </td>
              </tr>
            </tfoot>
          </table>
          <p className="hint">
            Tooling is invoiced separately. Guaranteed shot life {f.count(option.tooling.shotLife)} shots.
          </p>
        </section>
      ))}

      {doc.assumptions.length > 0 ? (
        <>
          <h2>Assumptions</h2>
          <p className="hint">The prices rest on these points. If one does not hold, we will revise the quotation.</p>
          <ol>
            {doc.assumptions.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ol>
        </>
      ) : null}
      {doc.notesForBuyer.length > 0 ? (
        <>
          <h2>Notes</h2>
          <ul>
            {doc.notesForBuyer.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>Terms</h2>
      <dl className="quote-terms">
        <dt>Prices</dt>
        <dd>
          Per piece in {doc.currency}, for the quantity of one order release.
          {doc.conversion ? ` ${conversionStatement(doc.conversion)}` : null}
        </dd>
        <dt>Delivery</dt>
        <dd>
          {doc.terms.incoterm.rule} {doc.terms.incoterm.place} (Incoterms® 2020)
        </dd>
        <dt>Payment, parts</dt>
        <dd>{doc.terms.paymentTerms}</dd>
        <dt>Payment, tooling</dt>
        <dd>{doc.terms.toolingPaymentTerms}</dd>
        <dt>Tooling ownership</dt>
        <dd>{doc.terms.toolingOwnership}</dd>
        <dt>Raw material</dt>
        <dd>{doc.terms.rawMaterialClause}</dd>
        <dt>Validity</dt>
        <dd>This quotation is valid until {f.date(doc.validUntil)}.</dd>
      </dl>
    </article>
  );
}
