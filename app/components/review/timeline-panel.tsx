import { WithdrawForm } from "./workspace-forms";

type Entry = { id: number; who: string; at: string; title: string; detail: string };

/**
 * What happened to the inquiry, the log of who downloaded its files (folded: it is looked up, not
 * read), and the way to withdraw it when the state allows.
 */
export function TimelinePanel({
  timeline,
  downloads,
  canWithdraw,
  version,
  csrf,
}: {
  timeline: Entry[];
  downloads: Entry[];
  canWithdraw: boolean;
  version: number;
  csrf: string;
}) {
  return (
    <section className="panel" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Timeline</h2>
      <ol className="timeline">
        {timeline.map((e) => (
          <li key={e.id}>
            <time>{e.at}</time> <strong>{e.title}</strong> <span className="muted">{e.who}</span>
            {e.detail ? <span className="muted"> · {e.detail}</span> : null}
          </li>
        ))}
      </ol>
      <details>
        <summary>Downloads ({downloads.length})</summary>
        <ul>
          {downloads.map((d) => (
            <li key={d.id}>
              {d.at}: {d.who} downloaded {d.detail}
            </li>
          ))}
        </ul>
      </details>
      {canWithdraw ? <WithdrawForm version={version} csrf={csrf} /> : null}
    </section>
  );
}
