import {
  ALTERNATIVE_PROCESSES,
  INSPECTION_ITEMS,
  labelOf,
  overallRisk,
  PROCESS_STAGES,
  SECONDARY_OPERATIONS,
  SIZING_REQUIREMENTS,
  SUITABILITY_CRITERIA,
  SUITABILITY_OUTCOME_LABELS,
  type StageAssessment,
} from "../../../workflows/review-domain";
import type { Gate, SuitabilityOutcome } from "../../../workflows/inquiry";

type Payload = Record<string, unknown>;
const list = (v: unknown) => (Array.isArray(v) ? (v as string[]) : []);
const str = (v: unknown) => (typeof v === "string" ? v : "");

/**
 * A decided gate as a reader wants it: the decision first (and the screen's suggestion, when it
 * overrides it), then what it rests on.
 */
export function DecisionSummary({
  gate,
  payload,
  override,
}: {
  gate: Gate;
  payload: Payload;
  override: string | null;
}) {
  return (
    <>
      {override ? (
        <p className="screen-override" role="note">
          <strong>Overrides the screen:</strong> {override}
        </p>
      ) : null}
      <DecisionDetails gate={gate} payload={payload} />
    </>
  );
}

function DecisionDetails({ gate, payload }: { gate: Gate; payload: Payload }) {
  if (gate === "suitability") {
    return (
      <dl className="summary">
        <div>
          <dt>Decision</dt>
          <dd>{SUITABILITY_OUTCOME_LABELS[payload.outcome as SuitabilityOutcome]}</dd>
        </div>
        <div>
          <dt>Reason</dt>
          <dd>{str(payload.reason)}</dd>
        </div>
        {payload.alternative ? (
          <div>
            <dt>Recommended process</dt>
            <dd>{labelOf(ALTERNATIVE_PROCESSES, str(payload.alternative))}</dd>
          </div>
        ) : null}
        <div>
          <dt>Criteria</dt>
          <dd>
            {list(payload.criteria)
              .map((c) => labelOf(SUITABILITY_CRITERIA, c))
              .join("; ") || "none ticked"}
          </dd>
        </div>
      </dl>
    );
  }
  if (gate === "stage_risk") {
    const stages = (payload.stages ?? {}) as Record<string, StageAssessment>;
    const overall = overallRisk(stages);
    return (
      <>
        <p>
          Overall risk:{" "}
          <span className={`risk-badge risk-${overall.level ?? "none"}`}>{overall.level ?? "not assessed"}</span>
          {overall.highStages.length > 0 ? ` (high at ${overall.highStages.join(", ")})` : ""}
        </p>
        <table className="files risk-table">
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col">Risk</th>
              <th scope="col">Checked</th>
              <th scope="col">Notes</th>
            </tr>
          </thead>
          <tbody>
            {PROCESS_STAGES.map((s) => (
              <tr key={s.id}>
                <td>
                  {s.order}. {s.name}
                </td>
                <td>
                  <span className={`risk-badge risk-${stages[s.id]?.level ?? "none"}`}>
                    {stages[s.id]?.level ?? "—"}
                  </span>
                </td>
                <td>{stages[s.id]?.checked.join(", ")}</td>
                <td>{stages[s.id]?.notes}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    );
  }
  const reasons = (payload.secondaryReasons ?? {}) as Record<string, string>;
  return (
    <dl className="summary">
      <div>
        <dt>Post-sintering sizing</dt>
        <dd>
          {payload.sizingRequired === "yes"
            ? `Yes: ${labelOf(SIZING_REQUIREMENTS, str(payload.sizingRequirement))} of ${str(payload.sizingFeature)}. ${str(
                payload.sizingReason,
              )}`
            : "No"}
        </dd>
      </div>
      <div>
        <dt>Secondary operations</dt>
        <dd>
          {list(payload.secondary)
            .map((op) => `${labelOf(SECONDARY_OPERATIONS, op)} (${reasons[op] ?? ""})`)
            .join("; ") || "None"}
        </dd>
      </div>
      <div>
        <dt>Inspection plan</dt>
        <dd>
          {list(payload.inspection)
            .map((i) => labelOf(INSPECTION_ITEMS, i))
            .join(", ") || "—"}
          {str(payload.inspectionNotes) ? `. ${str(payload.inspectionNotes)}` : ""}
        </dd>
      </div>
    </dl>
  );
}
