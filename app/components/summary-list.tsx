import { Ltr } from "./ltr";

/**
 * Label/value rows, as the buyer's answers and the decisions are read. A row marked `ltr` (a part
 * number, a tolerance, an alloy) reads left to right in every language.
 */
export function SummaryList({ rows }: { rows: { label: string; value: string; ltr?: boolean }[] }) {
  return (
    <dl className="summary">
      {rows.map((row) => (
        <div key={row.label}>
          <dt>{row.label}</dt>
          <dd>{row.ltr ? <Ltr>{row.value}</Ltr> : row.value}</dd>
        </div>
      ))}
    </dl>
  );
}
