import { DecisionSummary } from "./decision-summary";
import { SizingGateForm, SuitabilityGateForm, type GateAids } from "./gates";
import { StageRiskGateForm } from "./stage-risk-form";
import { ReopenForm } from "./workspace-forms";
import { GATES, type Gate } from "../../../workflows/inquiry";

/**
 * One review gate in the workspace: its decision (and a way to reopen it), its form when it is
 * the current gate and the user reviews, or who decides it and when.
 */
export function GateSection({
  gate,
  index,
  decision,
  current,
  reopenable,
  canReview,
  version,
  csrf,
  aids,
  buyerLanguage,
}: {
  gate: Gate;
  index: number;
  decision: { payload: Record<string, unknown>; by: string; at: string; override: string | null } | undefined;
  current: boolean;
  reopenable: boolean;
  canReview: boolean;
  version: number;
  csrf: string;
  aids: GateAids;
  /** The buyer's language, for the decline reason and the feedback they are e-mailed. */
  buyerLanguage: string;
}) {
  const status = decision ? "decided" : current ? "current" : "waiting";
  const label = GATES[index]!.label;
  return (
    <section className={`gate gate-${status}`} aria-labelledby={`gate-${gate}`}>
      <h2 id={`gate-${gate}`}>
        Gate {index + 1}: {label}{" "}
        <span className={`badge badge-${status}`}>
          {status === "decided" ? "Decided" : status === "current" ? "In review" : "Not yet"}
        </span>
      </h2>
      {decision ? (
        <>
          <p className="muted">
            Decided by {decision.by} on {decision.at}
          </p>
          <DecisionSummary
            gate={gate}
            payload={decision.payload}
            override={decision.override}
            checklist={aids.checklist}
          />
          {reopenable && canReview ? <ReopenForm gate={gate} label={label} version={version} csrf={csrf} /> : null}
        </>
      ) : current && canReview ? (
        gate === "suitability" ? (
          <SuitabilityGateForm version={version} csrf={csrf} aids={aids} buyerLanguage={buyerLanguage} />
        ) : gate === "stage_risk" ? (
          <StageRiskGateForm version={version} csrf={csrf} checklist={aids.checklist} />
        ) : (
          <SizingGateForm version={version} csrf={csrf} aids={aids} />
        )
      ) : (
        <p className="muted">{current ? "An engineer decides this gate." : "Decided after the gates before it."}</p>
      )}
    </section>
  );
}
