import type { MouseEvent } from "react";
import { PROCESS_STAGES, RISK_LEVELS } from "../../../workflows/review-domain";
import type { ChecklistItem } from "../../../workflows/stage-checklist";
import { conformProps, TextAreaField, TextField } from "~/components/fields";
import { focusField } from "~/forms/review";
import { errorOf, StaffForm, useWorkspaceForm } from "./staff-form";

/** The value of the submit button that, without JavaScript, fills the missing levels instead of saving. */
export const FILL_LOW = { name: "fill", value: "low" } as const;

/**
 * Gate 2: a risk level per process stage, with the control points checked, the risks seen, a note
 * per point of the stage's review focus, the checklist items that apply to this inquiry, and notes.
 * Stages without a level are marked, one button sets them all to low, and a stage folds away once
 * it has its level.
 */
export function StageRiskGateForm({
  version,
  csrf,
  checklist,
}: {
  version: number;
  csrf: string;
  checklist: Record<string, ChecklistItem[]>;
}) {
  const [form, field] = useWorkspaceForm("stage_risk");
  const unassessed = PROCESS_STAGES.filter((s) => !field(`level_${s.id}`).value);
  // With JavaScript the levels are ticked in place (as a click would), so nothing typed is touched.
  const fillLow = (event: MouseEvent<HTMLButtonElement>) => {
    const element = event.currentTarget.form;
    if (!element) return;
    event.preventDefault();
    for (const s of PROCESS_STAGES) {
      const choices = element.elements.namedItem(`level_${s.id}`) as RadioNodeList | null;
      if (!choices || choices.value) continue;
      const low = [...choices].find((c): c is HTMLInputElement => (c as HTMLInputElement).value === "low");
      low?.click();
    }
  };
  return (
    <StaffForm form={form} intent="stage_risk" version={version} csrf={csrf} label="Stage risk review">
      <div className="stage-risk-tools">
        <p role="status">
          {unassessed.length === 0
            ? "Every stage has a risk level."
            : `${unassessed.length} of ${PROCESS_STAGES.length} stages not assessed yet.`}
        </p>
        <button
          type="submit"
          name={FILL_LOW.name}
          value={FILL_LOW.value}
          className="button"
          formNoValidate
          onClick={fillLow}
          disabled={unassessed.length === 0}
        >
          Set every stage not yet assessed to low
        </button>
      </div>
      {PROCESS_STAGES.map((s) => {
        const level = field(`level_${s.id}`);
        const checks = field(`check_${s.id}`);
        const notes = field(`notes_${s.id}`);
        const items = field(`checklist_${s.id}`);
        const ticked = [items.initialValue].flat().filter((v): v is string => typeof v === "string");
        const current = RISK_LEVELS.find((l) => l.id === level.value);
        const initial = checks.initialValue as string[] | string | undefined;
        const checked = Array.isArray(initial) ? initial : initial ? [initial] : [];
        const levelError = errorOf(level);
        return (
          <details key={s.id} className="stage" open>
            {/* Only an assessed stage folds away: one without a level stays in view. */}
            <summary onClick={(e) => (current ? undefined : e.preventDefault())}>
              {s.order}. {s.name}{" "}
              {current ? (
                <span className={`risk-badge risk-${current.id}`}>Risk: {current.label}</span>
              ) : (
                <span className="badge badge-not-assessed">Not assessed</span>
              )}
            </summary>
            <fieldset className={levelError ? "stage has-error" : "stage"}>
              <legend>
                {s.order}. {s.name}
              </legend>
              <div
                key={level.key}
                role="radiogroup"
                aria-label={`Risk at ${s.name}`}
                aria-required
                aria-invalid={levelError ? true : undefined}
                aria-describedby={levelError ? level.errorId : undefined}
              >
                {RISK_LEVELS.map((l) => (
                  <label key={l.id} className={`inline risk-${l.id}`}>
                    <input type="radio" name={level.name} value={l.id} defaultChecked={level.initialValue === l.id} />
                    {l.label}
                  </label>
                ))}
                <span className="required-mark"> (required)</span>
              </div>
              {levelError ? (
                <p className="error" id={level.errorId}>
                  {levelError}
                </p>
              ) : null}
              <div className="two-columns" key={checks.key}>
                <div>
                  <p className="subhead">Control points checked</p>
                  {s.controlPoints.map((c) => (
                    <label key={c} className="inline block">
                      <input type="checkbox" name={checks.name} value={c} defaultChecked={checked.includes(c)} />
                      {c}
                    </label>
                  ))}
                </div>
                <div>
                  <p className="subhead">Risks seen for this part</p>
                  {s.risks.map((r) => (
                    <label key={r} className="inline block">
                      <input type="checkbox" name={checks.name} value={r} defaultChecked={checked.includes(r)} />
                      {r}
                    </label>
                  ))}
                </div>
              </div>
              {(checklist[s.id] ?? []).length > 0 ? (
                <div key={items.key} className="stage-checklist">
                  <p className="subhead">Checklist for this part</p>
                  {checklist[s.id]!.map((item) => (
                    <label key={item.id} className="inline block">
                      <input
                        type="checkbox"
                        name={items.name}
                        value={item.id}
                        defaultChecked={ticked.includes(item.id)}
                      />
                      {item.label} <span className="muted">({item.source})</span>
                    </label>
                  ))}
                </div>
              ) : null}
              <fieldset className="focus-points">
                <legend>Review focus (a note on each point you looked at)</legend>
                {s.focusPoints.map((point, i) => {
                  const note = field(focusField(s.id, i));
                  // Conform keys list items, and other fields only after a reset: until then the point names the note.
                  return <TextField key={note.key ?? point} {...conformProps(note)} label={`${s.name}: ${point}`} />;
                })}
              </fieldset>
              <TextAreaField
                key={notes.key}
                {...conformProps(notes)}
                label={`Notes on ${s.name.toLowerCase()}`}
                rows={2}
              />
            </fieldset>
          </details>
        );
      })}
      <button type="submit" className="button primary">
        Complete stage risk review
      </button>
    </StaffForm>
  );
}
