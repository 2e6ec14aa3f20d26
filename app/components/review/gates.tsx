import type { FieldMetadata } from "@conform-to/react";
import { useEffect } from "react";
import {
  ALTERNATIVE_PROCESSES,
  INSPECTION_ITEMS,
  SECONDARY_OPERATIONS,
  SIZING_REQUIREMENTS,
  SUITABILITY_CRITERIA,
  SUITABILITY_OUTCOME_LABELS,
} from "../../../workflows/review-domain";
import { SUITABILITY_OUTCOMES, type SuitabilityOutcome } from "../../../workflows/inquiry";
import type { RoutedDimension } from "../../../workflows/pre-assessment";
import { COMPLEXITY, criteriaWarning, type ProcessSuggestion } from "../../../workflows/process-choice";
import type { Gate3Decision, SuggestedOperation } from "../../../workflows/sizing-decision";
import type { ChecklistItem } from "../../../workflows/stage-checklist";

import { BuyerLanguageHint } from "~/components/buyer-language-hint";
import { ChoiceField, conformProps, SelectField, TextAreaField, TextField, YesNoField } from "~/components/fields";
import { errorOf, StaffForm, useWorkspaceForm } from "./staff-form";
type FormProps = { version: number; csrf: string };

/** What the automatic screen and the buyer's answers suggest to each gate; the engineer decides. */
export type GateAids = {
  /** The screen's flag: a better process is offered only when it is not green. */
  flag: "red" | "amber" | "green";
  /** The process that suits the part better, and the same once a complexity criterion is ticked. */
  process: ProcessSuggestion | null;
  processIfComplex: ProcessSuggestion | null;
  /** Gate 3's opening values, and the reasons behind its suggested operations. */
  gate3: Gate3Decision;
  operations: SuggestedOperation[];
  /** The tolerances the screen routed beyond as-sintered. */
  routes: RoutedDimension[];
  /** Gate 2's checklist items that apply to this inquiry, by stage. */
  checklist: Record<string, ChecklistItem[]>;
};

const asList = (value: unknown): string[] => (Array.isArray(value) ? value : typeof value === "string" ? [value] : []);
const isOutcome = (value: unknown): value is SuitabilityOutcome =>
  (SUITABILITY_OUTCOMES as readonly unknown[]).includes(value);

export function SuitabilityGateForm({
  version,
  csrf,
  aids,
  buyerLanguage,
}: FormProps & { aids: GateAids; buyerLanguage: string }) {
  const [form, field] = useWorkspaceForm("suitability");
  const criteria = field("criteria");
  const outcome = field("outcome");
  const reason = field("reason");
  const alternative = field("alternative");
  const feedback = field("feedback");
  const ticked = asList(criteria.value);
  const better =
    aids.flag === "green" ? null : ticked.some((c) => COMPLEXITY.includes(c)) ? aids.processIfComplex : aids.process;
  // Recomputed as the engineer ticks and chooses; the server records the same warning with the decision.
  const warning = isOutcome(outcome.value) ? criteriaWarning(ticked, outcome.value) : null;
  const { update } = form;
  const notSuitable = outcome.value === "not_suitable";
  const noAlternative = !alternative.value;
  useEffect(() => {
    if (notSuitable && noAlternative && better) update({ name: alternative.name, value: better.process });
  }, [notSuitable, noAlternative, better, update, alternative.name]);
  return (
    <StaffForm form={form} intent="suitability" version={version} csrf={csrf} label="Suitability decision">
      {better ? (
        <aside className="notice" aria-label="Better process suggested by the screen">
          <p>
            <strong>The screen suggests {better.label}</strong>: {better.reason}{" "}
            <span className="muted">({better.source})</span>
          </p>
        </aside>
      ) : null}
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
        {...conformProps(outcome)}
        type="radio"
        label="Decision"
        required
        options={SUITABILITY_OUTCOMES.map((o) => ({ value: o, label: SUITABILITY_OUTCOME_LABELS[o] }))}
      />
      {warning ? (
        <p className="notice warning" role="status" aria-label="Criteria warning">
          {warning} You can still save: the warning is recorded with the decision.
        </p>
      ) : null}
      <TextAreaField
        key={reason.key}
        {...conformProps(reason)}
        label="Reason"
        // Only a "not suitable" reason is e-mailed to the buyer; the others stay inside.
        hint={notSuitable ? <BuyerLanguageHint language={buyerLanguage} /> : undefined}
        required
        rows={3}
      />
      <SelectField
        key={alternative.key}
        {...conformProps(alternative)}
        label="Recommended process (when not suitable)"
        hint={better ? `The screen suggests ${better.label}.` : undefined}
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
        {...conformProps(feedback)}
        label="Technical feedback for the buyer (when closing without a price)"
        rows={3}
      />
      <button type="submit" className="button primary">
        Save suitability decision
      </button>
    </StaffForm>
  );
}

type FeatureRow = { feature: string; requirement: string; reason: string };
const EMPTY_FEATURE = { feature: "", reason: "" };

/**
 * Gate 3. It opens with what the screen and the buyer's answers suggest (sizing features from the
 * tolerance routes, operations from the heat and surface treatments asked), each marked as
 * suggested; the engineer keeps, changes or removes them. Features are a list: "Add another
 * feature" and "Remove" work without JavaScript too (the server returns the list changed).
 */
export function SizingGateForm({ version, csrf, aids }: FormProps & { aids: GateAids }) {
  const suggested = aids.gate3;
  const [form, field] = useWorkspaceForm("sizing", {
    sizingRequired: suggested.sizingRequired ? "yes" : undefined,
    sizingFeatures: suggested.sizingFeatures.length > 0 ? suggested.sizingFeatures : [EMPTY_FEATURE],
    secondary: suggested.secondary,
    ...Object.fromEntries(suggested.secondary.map((op) => [`secondaryReason_${op}`, suggested.secondaryReasons[op]])),
  });
  const sizingRequired = field("sizingRequired");
  const features = field("sizingFeatures") as unknown as FieldMetadata<FeatureRow[]>;
  const secondary = field("secondary");
  const inspection = field("inspection");
  const inspectionNotes = field("inspectionNotes");
  const chosen = asList(secondary.initialValue);
  const rows = features.getFieldList();
  const fromScreen = (row: Partial<FeatureRow> | undefined) =>
    row !== undefined && suggested.sizingFeatures.some((f) => f.feature === row.feature && f.reason === row.reason);
  return (
    <StaffForm form={form} intent="sizing" version={version} csrf={csrf} label="Sizing and secondary operations">
      {aids.routes.length > 0 || aids.operations.length > 0 ? (
        <aside className="pre-assessment" aria-label="Suggested by the screen">
          <p>
            <strong>Suggested by the screen</strong> (pre-filled below; change anything that does not apply):
          </p>
          <ul>
            {aids.routes.map((r) => (
              <li key={r.label}>
                {r.label}: {r.reason}
              </li>
            ))}
            {aids.operations.map((o) => (
              <li key={o.id}>
                {SECONDARY_OPERATIONS.find((op) => op.id === o.id)?.label}: {o.reason}
              </li>
            ))}
          </ul>
        </aside>
      ) : null}
      <YesNoField
        key={sizingRequired.key}
        {...conformProps(sizingRequired)}
        label="Post-sintering sizing needed?"
        required
        hint="Only when the drawing asks for tighter flatness, roundness, a local dimension or an assembly fit than sintering alone holds."
      />
      <fieldset className="sizing-features" aria-describedby={features.errors ? features.errorId : undefined}>
        <legend>Features to size (when sizing is needed)</legend>
        {features.errors ? (
          <p className="error" id={features.errorId}>
            {errorOf(features as FieldMetadata<unknown>)}
          </p>
        ) : null}
        {rows.map((row, i) => {
          const f = row.getFieldset();
          const number = i + 1;
          return (
            <fieldset key={row.key} className="sizing-feature">
              <legend>
                Feature {number}
                {fromScreen(row.initialValue) ? (
                  <span className="badge badge-suggested"> suggested by the screen</span>
                ) : null}
              </legend>
              <div className="grid">
                <SelectField
                  key={f.requirement.key}
                  id={f.requirement.id}
                  name={f.requirement.name}
                  label={number === 1 ? "Sizing for" : `Sizing for (feature ${number})`}
                  defaultValue={f.requirement.initialValue}
                  error={errorOf(f.requirement as FieldMetadata<unknown>)}
                >
                  <option value="">—</option>
                  {SIZING_REQUIREMENTS.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.label}
                    </option>
                  ))}
                </SelectField>
                <TextField
                  key={f.feature.key}
                  id={f.feature.id}
                  name={f.feature.name}
                  label={number === 1 ? "Feature to size" : `Feature to size (feature ${number})`}
                  defaultValue={f.feature.initialValue}
                  error={errorOf(f.feature as FieldMetadata<unknown>)}
                />
              </div>
              <TextAreaField
                key={f.reason.key}
                id={f.reason.id}
                name={f.reason.name}
                label={number === 1 ? "Why sizing is needed" : `Why sizing is needed (feature ${number})`}
                rows={2}
                defaultValue={f.reason.initialValue}
                error={errorOf(f.reason as FieldMetadata<unknown>)}
              />
              <button className="button" {...form.remove.getButtonProps({ name: features.name, index: i })}>
                Remove feature {number}
              </button>
            </fieldset>
          );
        })}
        <button
          className="button"
          {...form.insert.getButtonProps({ name: features.name, defaultValue: EMPTY_FEATURE })}
        >
          Add another feature
        </button>
      </fieldset>
      <fieldset key={secondary.key}>
        <legend>Secondary operations (only what the drawing or function requires)</legend>
        {SECONDARY_OPERATIONS.map((op) => {
          const opReason = field(`secondaryReason_${op.id}`);
          const error = errorOf(opReason);
          const hint = aids.operations.find((o) => o.id === op.id);
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
                {hint ? <span className="badge badge-suggested">suggested by the screen</span> : null}
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
      <TextAreaField key={inspectionNotes.key} {...conformProps(inspectionNotes)} label="Inspection notes" rows={2} />
      <button type="submit" className="button primary">
        Complete sizing and secondary operations
      </button>
    </StaffForm>
  );
}
