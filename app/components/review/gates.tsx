import {
  ALTERNATIVE_PROCESSES,
  INSPECTION_ITEMS,
  PROCESS_STAGES,
  RISK_LEVELS,
  SECONDARY_OPERATIONS,
  SIZING_REQUIREMENTS,
  SUITABILITY_CRITERIA,
  SUITABILITY_OUTCOME_LABELS,
} from "../../../workflows/review-domain";
import { SUITABILITY_OUTCOMES } from "../../../workflows/inquiry";
import { kept, keptList, StaffForm, useKeptValues } from "./staff-form";

type FormProps = { version: number; csrf: string };

export function SuitabilityGateForm({ version, csrf }: FormProps) {
  const values = useKeptValues("suitability");
  const criteria = keptList(values, "criteria");
  return (
    <StaffForm intent="suitability" version={version} csrf={csrf} label="Suitability decision">
      <fieldset>
        <legend>Criteria that apply to this part</legend>
        <div className="checklist">
          {SUITABILITY_CRITERIA.map((c) => (
            <label key={c.id} className="inline">
              <input type="checkbox" name="criteria" value={c.id} defaultChecked={criteria.includes(c.id)} />
              {c.label}{" "}
              <span className="muted">({c.favours === "mim" ? "favours MIM" : "favours another process"})</span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Decision</legend>
        {SUITABILITY_OUTCOMES.map((o) => (
          <label key={o} className="inline">
            <input type="radio" name="outcome" value={o} defaultChecked={kept(values, "outcome") === o} required />
            {SUITABILITY_OUTCOME_LABELS[o]}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="suitability-reason">Reason</label>
        <textarea id="suitability-reason" name="reason" rows={3} defaultValue={kept(values, "reason")} />
      </div>
      <div className="field">
        <label htmlFor="suitability-alternative">Recommended process (when not suitable)</label>
        <select id="suitability-alternative" name="alternative" defaultValue={kept(values, "alternative") ?? ""}>
          <option value="">—</option>
          {ALTERNATIVE_PROCESSES.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="suitability-feedback">Technical feedback for the buyer (when closing without a price)</label>
        <textarea id="suitability-feedback" name="feedback" rows={3} defaultValue={kept(values, "feedback")} />
      </div>
      <button type="submit" className="button primary">
        Save suitability decision
      </button>
    </StaffForm>
  );
}

export function StageRiskGateForm({ version, csrf }: FormProps) {
  const values = useKeptValues("stage_risk");
  return (
    <StaffForm intent="stage_risk" version={version} csrf={csrf} label="Stage risk review">
      {PROCESS_STAGES.map((s) => {
        const checked = keptList(values, `check_${s.id}`);
        return (
          <fieldset key={s.id} className="stage">
            <legend>
              {s.order}. {s.name}
            </legend>
            <p className="hint">Review focus: {s.reviewFocus}</p>
            <div role="radiogroup" aria-label={`Risk at ${s.name}`}>
              {RISK_LEVELS.map((l) => (
                <label key={l.id} className={`inline risk-${l.id}`}>
                  <input
                    type="radio"
                    name={`level_${s.id}`}
                    value={l.id}
                    defaultChecked={kept(values, `level_${s.id}`) === l.id}
                  />
                  {l.label}
                </label>
              ))}
            </div>
            <div className="two-columns">
              <div>
                <p className="subhead">Control points checked</p>
                {s.controlPoints.map((c) => (
                  <label key={c} className="inline block">
                    <input type="checkbox" name={`check_${s.id}`} value={c} defaultChecked={checked.includes(c)} />
                    {c}
                  </label>
                ))}
              </div>
              <div>
                <p className="subhead">Risks seen for this part</p>
                {s.risks.map((r) => (
                  <label key={r} className="inline block">
                    <input type="checkbox" name={`check_${s.id}`} value={r} defaultChecked={checked.includes(r)} />
                    {r}
                  </label>
                ))}
              </div>
            </div>
            <div className="field">
              <label htmlFor={`notes_${s.id}`}>Notes on {s.name.toLowerCase()}</label>
              <textarea
                id={`notes_${s.id}`}
                name={`notes_${s.id}`}
                rows={2}
                defaultValue={kept(values, `notes_${s.id}`)}
              />
            </div>
          </fieldset>
        );
      })}
      <button type="submit" className="button primary">
        Complete stage risk review
      </button>
    </StaffForm>
  );
}

/** What the automatic screen's tolerance check suggests for this gate; the engineer decides. */
export type SizingSuggestion = {
  sizing: boolean;
  machining: boolean;
  reasons: { label: string; route: string; reason: string }[];
};

export function SizingGateForm({ version, csrf, suggestion }: FormProps & { suggestion: SizingSuggestion }) {
  const values = useKeptValues("sizing");
  const typed = Object.keys(values).length > 0;
  // Before anything is typed, the form starts from the screen's suggestions.
  const secondary = typed ? keptList(values, "secondary") : suggestion.machining ? ["cnc_machining"] : [];
  const inspection = keptList(values, "inspection");
  const sizingRequired = typed ? kept(values, "sizingRequired") : suggestion.sizing ? "yes" : undefined;
  const machiningReason = suggestion.reasons
    .filter((r) => r.route === "machining")
    .map((r) => r.label)
    .join(", ");
  return (
    <StaffForm intent="sizing" version={version} csrf={csrf} label="Sizing and secondary operations">
      {suggestion.reasons.length > 0 ? (
        <aside className="pre-assessment" aria-label="Suggested by the tolerance check">
          <p>
            <strong>Suggested by the tolerance check</strong> (pre-filled below; change anything that does not apply):
          </p>
          <ul>
            {suggestion.reasons.map((r) => (
              <li key={r.label}>
                {r.label}: {r.reason}
              </li>
            ))}
          </ul>
        </aside>
      ) : null}
      <fieldset>
        <legend>Post-sintering sizing needed?</legend>
        {(["yes", "no"] as const).map((v) => (
          <label key={v} className="inline">
            <input type="radio" name="sizingRequired" value={v} defaultChecked={sizingRequired === v} />
            {v === "yes" ? "Yes" : "No"}
          </label>
        ))}
        <p className="hint">
          Only when the drawing asks for tighter flatness, roundness, a local dimension or an assembly fit than
          sintering alone holds.
        </p>
      </fieldset>
      <div className="grid">
        <div className="field">
          <label htmlFor="sizingRequirement">Sizing for</label>
          <select
            id="sizingRequirement"
            name="sizingRequirement"
            defaultValue={kept(values, "sizingRequirement") ?? ""}
          >
            <option value="">—</option>
            {SIZING_REQUIREMENTS.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="sizingFeature">Feature to size</label>
          <input id="sizingFeature" name="sizingFeature" type="text" defaultValue={kept(values, "sizingFeature")} />
        </div>
      </div>
      <div className="field">
        <label htmlFor="sizingReason">Why sizing is needed</label>
        <textarea id="sizingReason" name="sizingReason" rows={2} defaultValue={kept(values, "sizingReason")} />
      </div>
      <fieldset>
        <legend>Secondary operations (only what the drawing or function requires)</legend>
        {SECONDARY_OPERATIONS.map((op) => (
          <div key={op.id} className="op-row">
            <label className="inline">
              <input type="checkbox" name="secondary" value={op.id} defaultChecked={secondary.includes(op.id)} />
              {op.label}
            </label>
            <label className="visually-hidden" htmlFor={`secondaryReason_${op.id}`}>
              Drawing requirement for {op.label.toLowerCase()}
            </label>
            <input
              id={`secondaryReason_${op.id}`}
              name={`secondaryReason_${op.id}`}
              type="text"
              placeholder="Drawing requirement that makes it necessary"
              defaultValue={
                typed
                  ? kept(values, `secondaryReason_${op.id}`)
                  : op.id === "cnc_machining" && machiningReason
                    ? `Tolerance of ${machiningReason}`
                    : undefined
              }
            />
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>Final inspection plan</legend>
        <div className="checklist">
          {INSPECTION_ITEMS.map((i) => (
            <label key={i.id} className="inline">
              <input type="checkbox" name="inspection" value={i.id} defaultChecked={inspection.includes(i.id)} />
              {i.label}
            </label>
          ))}
        </div>
        <div className="field">
          <label htmlFor="inspectionNotes">Inspection notes</label>
          <textarea
            id="inspectionNotes"
            name="inspectionNotes"
            rows={2}
            defaultValue={kept(values, "inspectionNotes")}
          />
        </div>
      </fieldset>
      <button type="submit" className="button primary">
        Complete sizing and secondary operations
      </button>
    </StaffForm>
  );
}
