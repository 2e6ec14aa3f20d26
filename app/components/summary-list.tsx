/** Label/value rows, as the buyer's answers and the decisions are read. */
export function SummaryList({ rows }: { rows: { label: string; value: string }[] }) {
  return (
    <dl className="summary">
      {rows.map((row) => (
        <div key={row.label}>
          <dt>{row.label}</dt>
          <dd>{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}
