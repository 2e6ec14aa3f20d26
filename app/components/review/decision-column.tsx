import { Link } from "@remix-run/react";
import type { ComponentProps } from "react";
import { GATES, type Gate, type WorkflowEventType } from "../../../workflows/inquiry";
import type { GateAids } from "./gates";
import { GateSection } from "./gate-section";
import { AssignForm, StepForm } from "./workspace-forms";

type Decision = { gate: Gate; payload: Record<string, unknown>; by: string; at: string; override: string | null };

/**
 * The workspace's decision side: what is still to decide, the steps that move the inquiry on, and
 * the three gates (decisions so far, the current gate's form). It stays in view beside the part.
 */
export function DecisionColumn({
  id,
  state,
  gate,
  missing,
  quoting,
  allowed,
  canReview,
  version,
  csrf,
  assigneeId,
  engineers,
  decisions,
  aids,
  buyerLanguage,
}: {
  id: string;
  state: string;
  gate: Gate | null;
  missing: Gate[];
  quoting: boolean;
  allowed: WorkflowEventType[];
  canReview: boolean;
  version: number;
  csrf: string;
  assigneeId: string | null;
  engineers: ComponentProps<typeof AssignForm>["engineers"];
  decisions: Decision[];
  aids: GateAids;
  buyerLanguage: string;
}) {
  const can = (event: WorkflowEventType) => canReview && allowed.includes(event);
  return (
    <section className="workspace-decision panel" aria-labelledby="decision-heading">
      <h2 id="decision-heading" className="visually-hidden">
        Decision
      </h2>
      {/* Only the steps that move the inquiry on come before the gates: the gate's form opens the screen. */}
      {quoting || can("START_TRIAGE") || can("BEGIN_REVIEW") ? (
        <div className="actions-row">
          {quoting ? (
            <Link to={`/review/${id}/quote`}>
              {state === "ready_to_quote" ? "Prepare the quote" : "Open the quote"}
            </Link>
          ) : null}
          {can("START_TRIAGE") ? (
            <StepForm intent="start_triage" version={version} csrf={csrf} label="Start triage" button="Start triage" />
          ) : null}
          {can("BEGIN_REVIEW") ? (
            <StepForm
              intent="begin_review"
              version={version}
              csrf={csrf}
              label="Begin review"
              button="Begin the engineering review"
            />
          ) : null}
        </div>
      ) : null}
      {GATES.map((g, i) => {
        const decision = decisions.find((d) => d.gate === g.id);
        return (
          <GateSection
            key={g.id}
            gate={g.id}
            index={i}
            decision={decision}
            current={gate === g.id}
            // Decided gates are the ones behind the inquiry (reopening supersedes the later ones).
            reopenable={decision !== undefined && allowed.includes("REOPEN_GATE")}
            canReview={canReview}
            version={version}
            csrf={csrf}
            aids={aids}
            buyerLanguage={buyerLanguage}
          />
        );
      })}
      <footer className="decision-footer">
        <p>
          {missing.length === 0
            ? "All three gates are decided."
            : `Still to decide before quoting: ${missing.map((g) => GATES.find((x) => x.id === g)!.label).join(", ")}.`}
        </p>
        <AssignForm version={version} csrf={csrf} assigneeId={assigneeId} engineers={engineers} />
      </footer>
    </section>
  );
}
