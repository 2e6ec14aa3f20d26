import { useNavigate } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import {
  checkFileSelection,
  CURRENCIES,
  HONEYPOT_FIELD,
  missingAnswers,
  type FieldErrors,
  type FileLimits,
  type IntakeFormState,
} from "~/forms/intake";
import { LANGUAGES } from "~/i18n/languages";
import { useResetState } from "./use-reset-state";
import { formatBytes } from "~/utils/format";
import { MATERIAL_FAMILIES, MATERIALS, RECOMMEND_MATERIAL, type MaterialFamily } from "../../workflows/materials";
import { FilePicker } from "./file-picker";
import { SelectField, TextAreaField, TextField, YesNoField } from "./fields";
import { StlUnitField } from "./stl-unit-field";
import { UploadProgress } from "./upload-progress";
import { useProgressUpload } from "./use-progress-upload";

const ROUTE_ID = "routes/rfq.new";

function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) {
    if (typeof value === "string") values[name] = value;
  }
  return values;
}

function chosenFiles(form: HTMLFormElement): File[] {
  const input = form.elements.namedItem("files");
  return input instanceof HTMLInputElement ? Array.from(input.files ?? []) : [];
}

function keptCount(form: HTMLFormElement): number {
  return form.querySelectorAll('input[name="keptFile"]:checked').length;
}

/**
 * What the browser checks before sending: every required answer given and the files within the
 * limits, so no upload is wasted on those. The server checks every field and keeps what it
 * received when it refuses one, so the buyer corrects it without sending the files again.
 */
function clientErrors(form: HTMLFormElement, limits: FileLimits): FieldErrors {
  const errors = missingAnswers(formValues(form));
  const files = checkFileSelection(chosenFiles(form), keptCount(form), limits, { required: true });
  if (files) errors.files = files;
  return errors;
}

function focusFirstError(form: HTMLFormElement) {
  form.querySelector<HTMLElement>('[aria-invalid="true"] input, [aria-invalid="true"]')?.focus();
}

const materialGroups = Object.entries(MATERIAL_FAMILIES).map(([family, label]) => ({
  label,
  materials: MATERIALS.filter((m) => m.family === (family as MaterialFamily)),
}));

/**
 * The public intake form. Without JavaScript it is a plain multipart POST and the server answers
 * with the page and its errors; with JavaScript the browser checks first, then uploads with a
 * progress bar, and shows the server's answer in place.
 */
export function IntakeForm({
  state: serverState,
  language,
  limits,
}: {
  state: IntakeFormState | undefined;
  language: string;
  limits: FileLimits;
}) {
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const upload = useProgressUpload<IntakeFormState>();
  const [state, setState] = useResetState(serverState, (answer) => answer);
  const [errors, setErrors] = useResetState<typeof serverState, FieldErrors>(
    serverState,
    (answer) => answer?.errors ?? {},
  );
  const [checked, setChecked] = useState(false);

  useEffect(() => {
    // Only after a send (state changes), not on every keystroke's revalidation.
    if (formRef.current && state && Object.keys(state.errors).length > 0) focusFirstError(formRef.current);
  }, [state]);

  const values = state?.values ?? {};
  const sending = upload.progress !== null;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const found = clientErrors(form, limits);
    setChecked(true);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() => focusFirstError(form));
      return;
    }
    const outcome = await upload.send(form, ROUTE_ID);
    if (outcome.type === "redirect") {
      navigate(outcome.to);
      return;
    }
    if (outcome.type === "failed") {
      setErrors({ form: outcome.message });
      return;
    }
    const fileInput = form.elements.namedItem("files");
    // The server keeps what it received: clear the input so nothing is sent twice.
    if (fileInput instanceof HTMLInputElement) fileInput.value = "";
    setState(outcome.data);
    setErrors(outcome.data.errors);
  };

  const revalidate = (name: string) => {
    if (!checked || !formRef.current) return;
    const fresh = clientErrors(formRef.current, limits);
    setErrors((current) => {
      const next = { ...current };
      const key = name as keyof FieldErrors;
      if (fresh[key]) next[key] = fresh[key];
      else delete next[key];
      return next;
    });
  };

  const errorCount = Object.keys(errors).filter((k) => k !== "form").length;

  return (
    <form
      method="post"
      action="/rfq/new"
      encType="multipart/form-data"
      noValidate
      ref={formRef}
      onSubmit={onSubmit}
      onBlur={(event) => {
        const target = event.target;
        if ("name" in target && typeof target.name === "string" && target.name) revalidate(target.name);
      }}
      onChange={(event) => {
        const target = event.target;
        // Choices and files have no typing to wait for: check them as soon as they change.
        if (target instanceof HTMLInputElement && ["radio", "file", "checkbox"].includes(target.type)) {
          revalidate(target.name === "keptFile" ? "files" : target.name);
        }
      }}
      className="intake-form"
      aria-describedby={errors.form || errorCount > 0 ? "form-error" : undefined}
    >
      {errors.form || errorCount > 0 ? (
        <div className="alert" id="form-error" role="alert">
          {errors.form ? <p>{errors.form}</p> : null}
          {errorCount > 0 ? (
            <p>
              {errorCount === 1 ? "One answer needs" : `${errorCount} answers need`} your attention: see the messages
              beside the fields. Everything you typed is still here.
            </p>
          ) : null}
        </div>
      ) : null}

      <input type="hidden" name="draft" value={state?.draft ?? ""} />

      <fieldset>
        <legend>About you</legend>
        <div className="grid">
          <TextField
            name="company"
            label="Company"
            required
            autoComplete="organization"
            defaultValue={values.company}
            error={errors.company}
          />
          <TextField
            name="contactName"
            label="Contact name"
            required
            autoComplete="name"
            defaultValue={values.contactName}
            error={errors.contactName}
          />
          <TextField
            name="email"
            label="E-mail"
            type="email"
            required
            autoComplete="email"
            defaultValue={values.email}
            error={errors.email}
            hint="We send your private status link here."
          />
          <TextField
            name="phone"
            label="Phone"
            type="tel"
            autoComplete="tel"
            defaultValue={values.phone}
            error={errors.phone}
          />
          <TextField
            name="country"
            label="Country"
            required
            autoComplete="country-name"
            defaultValue={values.country}
            error={errors.country}
          />
          <SelectField
            name="language"
            label="Preferred language for our replies"
            defaultValue={values.language ?? language}
            error={errors.language}
            hint="Pages are in English for now; we answer in your language where we can."
          >
            {LANGUAGES.map((l) => (
              <option key={l.code} value={l.code}>
                {l.label}
              </option>
            ))}
          </SelectField>
        </div>
      </fieldset>

      <fieldset>
        <legend>The part</legend>
        <div className="grid">
          <TextField
            name="partName"
            label="Part name"
            required
            defaultValue={values.partName}
            error={errors.partName}
            placeholder="e.g. Lock cam"
          />
          <TextField name="partNumber" label="Part number" defaultValue={values.partNumber} error={errors.partNumber} />
          <TextField name="revision" label="Revision" defaultValue={values.revision} error={errors.revision} />
          <SelectField name="material" label="Material" required defaultValue={values.material} error={errors.material}>
            <option value="">Choose a material…</option>
            <option value={RECOMMEND_MATERIAL}>Not sure: please recommend one</option>
            {materialGroups.map((group) => (
              <optgroup key={group.label} label={group.label}>
                {group.materials.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </SelectField>
          <TextField
            name="annualVolume"
            label="Annual volume (parts per year)"
            required
            inputMode="numeric"
            defaultValue={values.annualVolume}
            error={errors.annualVolume}
            placeholder="e.g. 50000"
          />
        </div>
        <TextAreaField
          name="application"
          label="Application environment"
          defaultValue={values.application}
          error={errors.application}
          hint="Where the part works: loads, temperature, corrosion, wear, medical or food contact."
        />
      </fieldset>

      <fieldset>
        <legend>Tolerances</legend>
        <TextField
          name="generalTolerance"
          label="General tolerance"
          defaultValue={values.generalTolerance}
          error={errors.generalTolerance}
          placeholder="e.g. ISO 2768-m, or ±0.5 %"
        />
        <TextAreaField
          name="criticalDimensions"
          label="Critical dimensions"
          rows={4}
          defaultValue={values.criticalDimensions}
          error={errors.criticalDimensions}
          hint="One per line, as name: nominal ± tolerance in mm, e.g. Bore diameter: 4.00 ± 0.02"
        />
        <div className="grid">
          <TextField
            name="flatness"
            label="Flatness (mm)"
            inputMode="decimal"
            defaultValue={values.flatness}
            error={errors.flatness}
            placeholder="e.g. 0.05"
          />
          <TextField
            name="roundness"
            label="Roundness (mm)"
            inputMode="decimal"
            defaultValue={values.roundness}
            error={errors.roundness}
            placeholder="e.g. 0.02"
          />
        </div>
      </fieldset>

      <fieldset>
        <legend>Treatments</legend>
        <div className="grid">
          <TextAreaField
            name="surfaceTreatment"
            label="Surface treatment"
            defaultValue={values.surfaceTreatment}
            error={errors.surfaceTreatment}
            hint="e.g. passivation, polishing Ra 0.4, PVD black, none"
          />
          <TextAreaField
            name="heatTreatment"
            label="Heat treatment"
            defaultValue={values.heatTreatment}
            error={errors.heatTreatment}
            hint="e.g. H900 ageing, case hardening to 58 HRC, none"
          />
        </div>
      </fieldset>

      <fieldset>
        <legend>Commercial</legend>
        <div className="grid">
          <TextField
            name="targetPrice"
            label="Target price per part"
            inputMode="decimal"
            defaultValue={values.targetPrice}
            error={errors.targetPrice}
          />
          <SelectField name="currency" label="Currency" defaultValue={values.currency} error={errors.currency}>
            <option value="">—</option>
            {CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </SelectField>
          <TextField
            name="samplesNeededBy"
            label="Samples needed by"
            type="date"
            defaultValue={values.samplesNeededBy}
            error={errors.samplesNeededBy}
          />
        </div>
        <YesNoField
          name="ndaRequired"
          label="NDA required?"
          required
          defaultValue={values.ndaRequired}
          error={errors.ndaRequired}
          hint="Answer yes and we sign your NDA before anyone reviews the files."
        />
        <YesNoField
          name="exportControlled"
          label="Export-controlled data (ITAR/EAR)?"
          required
          defaultValue={values.exportControlled}
          error={errors.exportControlled}
          hint="If yes, attach only a drawing with the controlled details removed: our export-control officer will contact you to arrange a controlled channel for the rest."
        />
      </fieldset>

      <fieldset>
        <legend>Drawings and models</legend>
        <div className="confidentiality" id="confidentiality">
          <h2>How we keep your drawings confidential</h2>
          <ul>
            <li>
              Files are stored privately, never at a public web address, and only our engineering and sales staff
              reviewing this inquiry can open them.
            </li>
            <li>We use them only to assess and quote this part: never for marketing, and never to train AI.</li>
            <li>
              Your status link is private: it opens only your inquiry, and we send it only to your e-mail address.
            </li>
            <li>Ask us at any time and we delete or return them.</li>
          </ul>
        </div>
        <FilePicker
          label="Drawings and 3D models"
          hint={`PDF, DXF or DWG drawings; STEP, IGES, STL, Parasolid (X_T/X_B), SLDPRT or 3MF models; or a ZIP of them. Up to ${limits.maxFiles} files, ${formatBytes(limits.maxFileBytes)} each.`}
          error={errors.files}
          keptFiles={state?.keptFiles ?? []}
        />
        <StlUnitField defaultValue={values.stlUnit} error={errors.stlUnit} />
      </fieldset>

      <fieldset>
        <legend>Anything else</legend>
        <TextAreaField name="notes" label="Notes" rows={4} defaultValue={values.notes} error={errors.notes} />
        <div className="honeypot" aria-hidden="true">
          <label htmlFor={HONEYPOT_FIELD}>Leave this field empty</label>
          <input
            id={HONEYPOT_FIELD}
            name={HONEYPOT_FIELD}
            type="text"
            tabIndex={-1}
            autoComplete="off"
            defaultValue=""
          />
        </div>
      </fieldset>

      {upload.progress ? <UploadProgress progress={upload.progress} onCancel={upload.cancel} /> : null}

      <button type="submit" className="button primary" disabled={sending}>
        {sending ? "Sending…" : "Send for review"}
      </button>
    </form>
  );
}
