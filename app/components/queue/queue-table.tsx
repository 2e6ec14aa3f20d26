import { Link } from "@remix-run/react";
import type { MouseEvent } from "react";
import type { QueueRowView } from "~/server/review/queue.server";
import { focusRow, QUEUE_ROWS_ID, rowLinks } from "./use-queue-keys";

/** Jumps past the toolbar, state counts and filters to the first row: two Tab presses from the top. */
export function SkipToRows() {
  const skip = (event: MouseEvent<HTMLAnchorElement>) => {
    const table = document.getElementById(QUEUE_ROWS_ID);
    if (!table || rowLinks(table).length === 0) return;
    // Without JavaScript the link moves the Tab starting point to the table; with it, onto the first row.
    event.preventDefault();
    focusRow(table, 0);
  };
  return (
    <a href={`#${QUEUE_ROWS_ID}`} className="skip-link" onClick={skip}>
      Skip to the inquiries
    </a>
  );
}

/** The queue's rows: each a link to its workspace, and the whole row clickable once scripts run. */
export function QueueTable({ rows }: { rows: QueueRowView[] }) {
  return (
    <div className="table-scroll">
      <table className="data queue-table" id={QUEUE_ROWS_ID} tabIndex={-1}>
        <caption className="visually-hidden">
          Inquiries; press j or k to move between rows and Enter to open one.
        </caption>
        <thead>
          <tr>
            <th scope="col">Reference</th>
            <th scope="col">Screen</th>
            <th scope="col">Company</th>
            <th scope="col">Part</th>
            <th scope="col">Material</th>
            <th scope="col" className="number">
              Per year
            </th>
            <th scope="col" className="number">
              Target price
            </th>
            <th scope="col">Samples by</th>
            <th scope="col">State</th>
            <th scope="col">Quotation</th>
            <th scope="col">Assignee</th>
            <th scope="col">In state</th>
            <th scope="col">Flags</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((i) => (
            <tr key={i.id}>
              <th scope="row">
                <Link to={`/review/${i.id}`} className="reference" data-row-link>
                  {i.reference}
                </Link>
              </th>
              <td>
                <span className={`screen-flag flag-${i.screen.flag}${i.screen.measured ? "" : " unmeasured"}`}>
                  {i.screen.label}
                  {i.screen.measured ? null : <span className="visually-hidden"> (judged on the answers alone)</span>}
                </span>
              </td>
              <td>{i.company}</td>
              <td className="part">
                {i.partName}
                {i.partNumber ? <span className="nowrap"> ({i.partNumber})</span> : null}
              </td>
              <td className="nowrap">{i.material}</td>
              <td className="number">{i.annualVolume}</td>
              <td className="number">{i.targetPrice ?? <span className="muted">–</span>}</td>
              <td className="nowrap">{i.samplesBy ?? <span className="muted">–</span>}</td>
              <td>{i.state}</td>
              <td>
                {i.quotation.text}
                {i.quotation.detail ? <span className="muted"> ({i.quotation.detail})</span> : null}
              </td>
              <td>{i.assignee ?? <span className="muted">Unassigned</span>}</td>
              <td className="nowrap">
                {i.inState}
                <span className="muted age">{i.age} old</span>
              </td>
              <td>
                <span className="badges">
                  {i.overdue ? <span className="badge badge-overdue">Overdue</span> : null}
                  {i.quotation.expiring ? <span className="badge">Quote expiring</span> : null}
                  {i.nda ? <span className="badge">NDA</span> : null}
                  {i.exportControlled ? <span className="badge">Export-controlled</span> : null}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">
        Screen: a filled dot judges the measured 3D model, a hollow dot the buyer&rsquo;s answers alone (no model
        measured yet).
      </p>
    </div>
  );
}
