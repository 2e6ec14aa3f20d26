/** The priced version beside its cost build-up: per cavity option the quantity breaks and the tooling lines. */

export type HandSetView = { computed: string; reason: string } | null;

export type PricedOption = {
  cavities: number;
  utilisation: number;
  toolingTotal: string;
  tooling: { id: string; label: string; text: string; working: string; handSet: HandSetView }[];
  breaks: {
    quantity: number;
    cost: string;
    unitPrice: string;
    handSet: HandSetView;
    lines: { id: string; label: string; text: string; working: string }[];
  }[];
};

/** What a hand-set figure replaced, and why: the approver judges the two side by side. */
function HandSetNote({ handSet }: { handSet: HandSetView }) {
  if (!handSet) return null;
  return (
    <small className="hand-set">
      {" "}
      set by hand (computed {handSet.computed}): {handSet.reason}
    </small>
  );
}

export function PriceTables({ options, target }: { options: PricedOption[]; target: string | null }) {
  return options.map((o) => (
    <div key={o.cavities} className="table-scroll">
      <table className="data">
        <caption>
          {o.cavities}-cavity tool: tooling {o.toolingTotal}; press time {Math.round(o.utilisation * 100)} % of a year
        </caption>
        <thead>
          <tr>
            <th scope="col">Quantity</th>
            <th scope="col">Cost per part</th>
            <th scope="col">Our price per part</th>
            <th scope="col">Buyer&apos;s target</th>
            <th scope="col">Cost build-up</th>
          </tr>
        </thead>
        <tbody>
          {o.breaks.map((b) => (
            <tr key={b.quantity}>
              <td>{b.quantity.toLocaleString("en-GB")}</td>
              <td>{b.cost}</td>
              <td>
                {b.unitPrice}
                <HandSetNote handSet={b.handSet} />
              </td>
              <td>{target ?? "none"}</td>
              <td>
                <details>
                  <summary>Build-up</summary>
                  <ul>
                    {b.lines.map((l) => (
                      <li key={l.id}>
                        {l.label}: {l.text} ({l.working})
                      </li>
                    ))}
                  </ul>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <details open={o.tooling.some((l) => l.handSet !== null)}>
        <summary>{`Tooling lines of the ${o.cavities}-cavity tool`}</summary>
        <ul>
          {o.tooling.map((l) => (
            <li key={l.id}>
              {l.label}: {l.text} ({l.working})
              <HandSetNote handSet={l.handSet} />
            </li>
          ))}
        </ul>
      </details>
    </div>
  ));
}
