/** Per sent version, for the quote builder: when the buyer first opened it and what they answered. */
export function QuoteBuyerSide({
  versions,
}: {
  versions: {
    version: number;
    status: string;
    firstViewedAt: string | null;
    answer: { title: string; rows: { label: string; value: string }[] } | null;
  }[];
}) {
  if (versions.length === 0) return null;
  return (
    <section aria-labelledby="buyer-side" className="panel">
      <h2 id="buyer-side">The buyer&apos;s side</h2>
      <ul>
        {versions.map((v) => (
          <li key={v.version}>
            <strong>Version {v.version}</strong> ({v.status}):{" "}
            {v.firstViewedAt ? `first viewed by the buyer at ${v.firstViewedAt}` : "not opened by the buyer yet"}.
            {v.answer ? (
              <>
                {" "}
                {v.answer.title}: {v.answer.rows.map((r) => `${r.label}: ${r.value}`).join("; ")}.
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
