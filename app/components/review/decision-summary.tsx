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
} from "../../../workflows/review-domain";
import type { Gate, SuitabilityOutcome } from "../../../workflows/inquiry";
import { readGate3Decision } from "../../../workflows/sizing-decision";
import { readStageAssessments, type ChecklistItem } from "../../../workflows/stage-checklist";

type Payload = Record<string, unknown>;
const list = (v: unknown) => (Array.isArray(v) ? (v as string[]) : []);
const str = (v: unknown) => (typeof v === "string" ? v : "");

/**
 * A decided gate as a reader wants it: the decision first (and the screen's suggestion, when it
 * overrides it), then what it rests on. `checklist` is gate 2's applicable items for this inquiry,
 * so the ones left unticked are listed as not checked.
 */
export function DecisionSummary({
  gate,
  payload,
  override,
  checklist,
}: {
  gate: Gate;
  payload: Payload;
  override: string | null;
  checklist: Record<string, ChecklistItem[]>;
}) {
  return (
    <>
      {override ? (
        <p className="screen-override" role="note">
          <strong>Overrides the screen:</strong> {override}
        </p>
      ) : null}
      <DecisionDetails gate={gate} payload={payload} checklist={checklist} />
    </>
  );
}

function DecisionDetails({
  gate,
  payload,
  checklist,
}: {
  gate: Gate;
  payload: Payload;
  checklist: Record<string, ChecklistItem[]>;
}) {
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
        {str(payload.criteriaWarning) ? (
          <div>
            <dt>Criteria warning</dt>
            <dd className="notice warning">{str(payload.criteriaWarning)}</dd>
          </div>
        ) : null}
      </dl>
    );
  }
  if (gate === "stage_risk") {
    const stages = readStageAssessments(payload) ?? {};
    const overall = overallRisk(stages);
    return (
      <>
        <p>
          Overall risk:{" "}
          <span className={`risk-badge risk-${overall.level ?? "none"}`}>{overall.level ?? "not assessed"}</span>
          {overall.highStages.length > 0 ? ` (high at ${overall.highStages.join(", ")})` : ""}
        </p>
        <table className="data">
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
                <td>
                  {stages[s.id]?.checked.join(", ")}
                  <StageChecklist
                    items={checklist[s.id] ?? []}
                    checked={stages[s.id]?.checklist}
                    assessed={stages[s.id] !== undefined}
                  />
                </td>
                <td>
                  {stages[s.id]?.notes}
                  {Object.entries(stages[s.id]?.focus ?? {}).length > 0 ? (
                    <ul className="focus-notes">
                      {Object.entries(stages[s.id]!.focus!).map(([point, note]) => (
                        <li key={point}>
                          <strong>{point}</strong>: {note}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    );
  }
  const d = readGate3Decision(payload);
  if (!d) return <p className="muted">This decision was recorded in a form the page cannot read.</p>;
  return (
    <dl className="summary">
      <div>
        <dt>Post-sintering sizing</dt>
        <dd>
          {d.sizingRequired ? (
            <ul className="sizing-features">
              {d.sizingFeatures.map((f, i) => (
                <li key={i}>
                  {labelOf(SIZING_REQUIREMENTS, f.requirement)} of {f.feature}. {f.reason}
                </li>
              ))}
            </ul>
          ) : (
            "No"
          )}
        </dd>
      </div>
      <div>
        <dt>Secondary operations</dt>
        <dd>
          {d.secondary
            .map((op) => `${labelOf(SECONDARY_OPERATIONS, op)} (${d.secondaryReasons[op] ?? ""})`)
            .join("; ") || "None"}
        </dd>
      </div>
      <div>
        <dt>Inspection plan</dt>
        <dd>
          {d.inspection.map((i) => labelOf(INSPECTION_ITEMS, i)).join(", ") || "—"}
          {d.inspectionNotes ? `. ${d.inspectionNotes}` : ""}
        </dd>
      </div>
    </dl>
  );
}

/**
 * A stage's applicable checklist: what was checked, and what was not. Decisions recorded before
 * the checklist existed hold none, and say so rather than listing every item as unchecked.
 */
function StageChecklist({
  items,
  checked,
  assessed,
}: {
  items: ChecklistItem[];
  checked: string[] | undefined;
  assessed: boolean;
}) {
  if (items.length === 0 || !assessed) return null;
  if (checked === undefined) return <p className="muted">Checklist not recorded (decided before it existed).</p>;
  const done = items.filter((i) => checked.includes(i.id));
  const open = items.filter((i) => !checked.includes(i.id));
  return (
    <>
      {done.length > 0 ? (
        <ul className="checklist-done">
          {done.map((i) => (
            <li key={i.id}>{i.label}</li>
          ))}
        </ul>
      ) : null}
      {open.length > 0 ? (
        <p className="not-checked">
          <strong>Not checked:</strong> {open.map((i) => i.label).join("; ")}
        </p>
      ) : null}
    </>
  );
}
