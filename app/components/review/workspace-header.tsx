import { Link } from "@remix-run/react";

/** Which inquiry this is and how long it has waited: the line above both columns of the workspace. */
export function WorkspaceHeader({
  reference,
  company,
  partName,
  stateLabel,
  age,
  inState,
  awaitingBuyer,
}: {
  reference: string;
  company: string;
  partName: string;
  stateLabel: string;
  age: string;
  inState: string;
  awaitingBuyer: string;
}) {
  return (
    <header className="workspace-header">
      <p>
        <Link to="/review">← Review queue</Link>
      </p>
      <p className="eyebrow">
        {reference} · {company}
      </p>
      <h1>{partName}</h1>
      <p role="group" aria-label="Current state">
        <span className="badge">{stateLabel}</span>{" "}
        <span className="muted">
          Received {age} ago · {inState} in this state · waiting on the buyer {awaitingBuyer} in all
        </span>
      </p>
    </header>
  );
}
