import {
  ALTERNATIVE_PROCESSES,
  INSPECTION_ITEMS,
  SECONDARY_OPERATIONS,
  SIZING_REQUIREMENTS,
  SUITABILITY_CRITERIA,
  SUITABILITY_OUTCOME_LABELS,
} from "../../../workflows/review-domain";
import { SUITABILITY_OUTCOMES } from "../../../workflows/inquiry";

import { ChoiceField, SelectField, TextAreaField, TextField, YesNoField } from "~/components/fields";
import { errorOf, StaffForm, useWorkspaceForm } from "./staff-form";
type FormProps = { version: number; csrf: string };

export function SuitabilityGateForm({ version, csrf }: FormProps) {
  const [form, field] = useWorkspaceForm("suitability");
  const criteria = field("criteria");
  const outcome = field("outcome");
  const reason = field("reason");
  const alternative = field("alternative");
  const feedback = field("feedback");
  return (
    <StaffForm form={form} intent="suitability" version={version} csrf={csrf} label="Suitability decision">
      <ChoiceField
        key={criteria.key}
        id={criteria.id}
        name={criteria.name}
        type="checkbox"
        className="checklist"
        label="Criteria that apply to this part"
        defaultValue={criteria.initialValue as string[] | undefined}
        error={errorOf(criteria)}
        options={SUITABILITY_CRITERIA.map((c) => ({
          value: c.id,
          label: c.label,
          note: <span className="muted">({c.favours === "mim" ? "favours MIM" : "favours another process"})</span>,
        }))}
      />
      <ChoiceField
        key={outcome.key}
        id={outcome.id}
        name={outcome.name}
        type="radio"
        label="Decision"
        required
        defaultValue={outcome.initialValue as string | undefined}
        error={errorOf(outcome)}
        options={SUITABILITY_OUTCOMES.map((o) => ({ value: o, label: SUITABILITY_OUTCOME_LABELS[o] }))}
      />
      <TextAreaField
        key={reason.key}
        id={reason.id}
        name={reason.name}
        label="Reason"
        required
        rows={3}
        defaultValue={reason.initialValue as string | undefined}
        error={errorOf(reason)}
      />
      <SelectField
        key={alternative.key}
        id={alternative.id}
        name={alternative.name}
        label="Recommended process (when not suitable)"
        defaultValue={alternative.initialValue as string | undefined}
        error={errorOf(alternative)}
      >
        <option value="">—</option>
        {ALTERNATIVE_PROCESSES.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        key={feedback.key}
        id={feedback.id}
        name={feedback.name}
        label="Technical feedback for the buyer (when closing without a price)"
        rows={3}
        defaultValue={feedback.initialValue as string | undefined}
        error={errorOf(feedback)}
      />
      <button type="submit" className="button primary">
        Save suitability decision
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
  const machiningReason = suggestion.reasons
    .filter((r) => r.route === "machining")
    .map((r) => r.label)
    .join(", ");
  // The form starts from the screen's suggestions; the engineer changes what does not apply.
  const [form, field] = useWorkspaceForm("sizing", {
    sizingRequired: suggestion.sizing ? "yes" : undefined,
    secondary: suggestion.machining ? ["cnc_machining"] : [],
    secondaryReason_cnc_machining: machiningReason ? `Tolerance of ${machiningReason}` : undefined,
  });
  const sizingRequired = field("sizingRequired");
  const sizingRequirement = field("sizingRequirement");
  const sizingFeature = field("sizingFeature");
  const sizingReason = field("sizingReason");
  const secondary = field("secondary");
  const inspection = field("inspection");
  const inspectionNotes = field("inspectionNotes");
  const chosen = (secondary.initialValue as string[] | undefined) ?? [];
  return (
    <StaffForm form={form} intent="sizing" version={version} csrf={csrf} label="Sizing and secondary operations">
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
      <YesNoField
        key={sizingRequired.key}
        id={sizingRequired.id}
        name={sizingRequired.name}
        label="Post-sintering sizing needed?"
        required
        hint="Only when the drawing asks for tighter flatness, roundness, a local dimension or an assembly fit than sintering alone holds."
        defaultValue={sizingRequired.initialValue as string | undefined}
        error={errorOf(sizingRequired)}
      />
      <div className="grid">
        <SelectField
          key={sizingRequirement.key}
          id={sizingRequirement.id}
          name={sizingRequirement.name}
          label="Sizing for"
          defaultValue={sizingRequirement.initialValue as string | undefined}
          error={errorOf(sizingRequirement)}
        >
          <option value="">—</option>
          {SIZING_REQUIREMENTS.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label}
            </option>
          ))}
        </SelectField>
        <TextField
          key={sizingFeature.key}
          id={sizingFeature.id}
          name={sizingFeature.name}
          label="Feature to size"
          defaultValue={sizingFeature.initialValue as string | undefined}
          error={errorOf(sizingFeature)}
        />
      </div>
      <TextAreaField
        key={sizingReason.key}
        id={sizingReason.id}
        name={sizingReason.name}
        label="Why sizing is needed"
        rows={2}
        defaultValue={sizingReason.initialValue as string | undefined}
        error={errorOf(sizingReason)}
      />
      <fieldset key={secondary.key}>
        <legend>Secondary operations (only what the drawing or function requires)</legend>
        {SECONDARY_OPERATIONS.map((op) => {
          const opReason = field(`secondaryReason_${op.id}`);
          const error = errorOf(opReason);
          return (
            <div key={op.id} className={error ? "op-row has-error" : "op-row"}>
              <label className="inline">
                <input type="checkbox" name={secondary.name} value={op.id} defaultChecked={chosen.includes(op.id)} />
                {op.label}
              </label>
              <div>
                <label className="visually-hidden" htmlFor={opReason.id}>
                  Drawing requirement for {op.label.toLowerCase()}
                </label>
                <input
                  key={opReason.key}
                  id={opReason.id}
                  name={opReason.name}
                  type="text"
                  placeholder="Drawing requirement that makes it necessary"
                  defaultValue={opReason.initialValue as string | undefined}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? opReason.errorId : undefined}
                />
                {error ? (
                  <p className="error" id={opReason.errorId}>
                    {error}
                  </p>
                ) : null}
              </div>
            </div>
          );
        })}
      </fieldset>
      <ChoiceField
        key={inspection.key}
        id={inspection.id}
        name={inspection.name}
        type="checkbox"
        className="checklist"
        label="Final inspection plan"
        defaultValue={inspection.initialValue as string[] | undefined}
        error={errorOf(inspection)}
        options={INSPECTION_ITEMS.map((i) => ({ value: i.id, label: i.label }))}
      />
      <TextAreaField
        key={inspectionNotes.key}
        id={inspectionNotes.id}
        name={inspectionNotes.name}
        label="Inspection notes"
        rows={2}
        defaultValue={inspectionNotes.initialValue as string | undefined}
        error={errorOf(inspectionNotes)}
      />
      <button type="submit" className="button primary">
        Complete sizing and secondary operations
      </button>
    </StaffForm>
  );
}
