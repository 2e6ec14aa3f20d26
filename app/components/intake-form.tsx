import { useNavigate } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import {
  checkFileSelection,
  CURRENCIES,
  HONEYPOT_FIELD,
  missingAnswers,
  type FieldErrors,
  type FileLimits,
  type IntakeFormState,
} from "~/forms/intake";
import { LANGUAGES, type Language } from "~/i18n/languages";
import { translate, translateAll } from "~/i18n/message";
import { materialName } from "~/i18n/material-name";
import { useResetState } from "./use-reset-state";
import { MATERIAL_FAMILIES, MATERIALS, RECOMMEND_MATERIAL, type MaterialFamily } from "../../workflows/materials";
import { FilePicker } from "./file-picker";
import { SelectField, TextAreaField, TextField, YesNoField } from "./fields";
import { StlUnitField } from "./stl-unit-field";
import { UploadProgress } from "./upload-progress";
import { useProgressUpload } from "./use-progress-upload";

const ROUTE_ID = "routes/rfq.new";

/** The form's id: the language switcher's buttons post it (their `form` attribute) to switch without losing it. */
export const INTAKE_FORM_ID = "intake-form";

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
function clientErrors(form: HTMLFormElement, limits: FileLimits, language: Language, t: TFunction): FieldErrors {
  const errors: FieldErrors = Object.fromEntries(
    Object.entries(missingAnswers(formValues(form))).map(([name, message]) => [name, translate(t, message)]),
  );
  const files = checkFileSelection(chosenFiles(form), keptCount(form), limits, { required: true, language });
  if (files) errors.files = translateAll(t, files);
  return errors;
}

function focusFirstError(form: HTMLFormElement) {
  form.querySelector<HTMLElement>('[aria-invalid="true"] input, [aria-invalid="true"]')?.focus();
}

const materialGroups = (Object.keys(MATERIAL_FAMILIES) as MaterialFamily[]).map((family) => ({
  family,
  materials: MATERIALS.filter((m) => m.family === family),
}));

/**
 * The server's last answer, kept while the page's language changes: that is a navigation to the
 * same page, which clears the action's data but must not clear the form (nor its draft's files).
 */
function useLastAnswer(answer: IntakeFormState | undefined): IntakeFormState | undefined {
  const [last, setLast] = useState(answer);
  if (answer !== undefined && answer !== last) setLast(answer);
  return answer ?? last;
}

/**
 * The public intake form. Without JavaScript it is a plain multipart POST and the server answers
 * with the page and its errors; with JavaScript the browser checks first, then uploads with a
 * progress bar, and shows the server's answer in place.
 */
export function IntakeForm({
  state: answer,
  language,
  limits,
  maxFileSize,
}: {
  state: IntakeFormState | undefined;
  language: Language;
  limits: FileLimits;
  /** The per-file limit as the page's language writes it (formatted on the server, see app/i18n/format.ts). */
  maxFileSize: string;
}) {
  const { t } = useTranslation("intake");
  const serverState = useLastAnswer(answer);
  const [mountedLanguage] = useState(language);
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
    const found = clientErrors(form, limits, language, t);
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
    const fresh = clientErrors(formRef.current, limits, language, t);
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
      id={INTAKE_FORM_ID}
      method="post"
      action={`/rfq/new?lng=${language}`}
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
          {errorCount > 0 ? <p>{t("alert.count", { count: errorCount })}</p> : null}
        </div>
      ) : null}

      <input type="hidden" name="draft" value={state?.draft ?? ""} />

      <fieldset>
        <legend>{t("about.legend")}</legend>
        <div className="grid">
          <TextField
            name="company"
            label={t("about.company")}
            required
            autoComplete="organization"
            defaultValue={values.company}
            error={errors.company}
          />
          <TextField
            name="contactName"
            label={t("about.contactName")}
            required
            autoComplete="name"
            defaultValue={values.contactName}
            error={errors.contactName}
          />
          <TextField
            name="email"
            label={t("about.email")}
            type="email"
            required
            autoComplete="email"
            defaultValue={values.email}
            error={errors.email}
            hint={t("about.emailHint")}
          />
          <TextField
            name="phone"
            label={t("about.phone")}
            type="tel"
            autoComplete="tel"
            defaultValue={values.phone}
            error={errors.phone}
          />
          <TextField
            name="country"
            label={t("about.country")}
            required
            autoComplete="country-name"
            defaultValue={values.country}
            error={errors.country}
          />
          <SelectField
            // A switch of the page's language (which keeps the form mounted) sets it here too.
            key={language}
            name="language"
            label={t("about.language")}
            defaultValue={language === mountedLanguage ? (values.language ?? language) : language}
            error={errors.language}
            hint={t("about.languageHint")}
          >
            {LANGUAGES.map((l) => (
              <option key={l.code} value={l.code} lang={l.locale}>
                {l.label}
              </option>
            ))}
          </SelectField>
        </div>
      </fieldset>

      <fieldset>
        <legend>{t("part.legend")}</legend>
        <div className="grid">
          <TextField
            name="partName"
            label={t("part.partName")}
            required
            defaultValue={values.partName}
            error={errors.partName}
            placeholder={t("part.partNamePlaceholder")}
          />
          <TextField
            name="partNumber"
            label={t("part.partNumber")}
            defaultValue={values.partNumber}
            error={errors.partNumber}
          />
          <TextField
            name="revision"
            label={t("part.revision")}
            defaultValue={values.revision}
            error={errors.revision}
          />
          <SelectField
            name="material"
            label={t("part.material")}
            required
            defaultValue={values.material}
            error={errors.material}
          >
            <option value="">{t("part.materialChoose")}</option>
            <option value={RECOMMEND_MATERIAL}>{t("part.materialRecommend")}</option>
            {materialGroups.map((group) => (
              <optgroup key={group.family} label={t(`family.${group.family}`)}>
                {group.materials.map((m) => {
                  const material = materialName(t, m.id);
                  // A bare alloy designation reads left to right in every language (an <option> holds text only).
                  return (
                    <option key={m.id} value={m.id} dir={material.designation ? "ltr" : undefined}>
                      {material.text}
                    </option>
                  );
                })}
              </optgroup>
            ))}
          </SelectField>
          <TextField
            name="annualVolume"
            label={t("part.annualVolume")}
            required
            inputMode="numeric"
            defaultValue={values.annualVolume}
            error={errors.annualVolume}
            placeholder={t("part.annualVolumePlaceholder")}
          />
        </div>
        <TextAreaField
          name="application"
          label={t("part.application")}
          defaultValue={values.application}
          error={errors.application}
          hint={t("part.applicationHint")}
        />
      </fieldset>

      <fieldset>
        <legend>{t("tolerances.legend")}</legend>
        <TextField
          name="generalTolerance"
          label={t("tolerances.general")}
          defaultValue={values.generalTolerance}
          error={errors.generalTolerance}
          placeholder={t("tolerances.generalPlaceholder")}
        />
        <TextAreaField
          name="criticalDimensions"
          label={t("tolerances.critical")}
          rows={4}
          defaultValue={values.criticalDimensions}
          error={errors.criticalDimensions}
          hint={t("tolerances.criticalHint")}
        />
        <div className="grid">
          <TextField
            name="flatness"
            label={t("tolerances.flatness")}
            inputMode="decimal"
            defaultValue={values.flatness}
            error={errors.flatness}
            placeholder={t("tolerances.flatnessPlaceholder")}
          />
          <TextField
            name="roundness"
            label={t("tolerances.roundness")}
            inputMode="decimal"
            defaultValue={values.roundness}
            error={errors.roundness}
            placeholder={t("tolerances.roundnessPlaceholder")}
          />
        </div>
      </fieldset>

      <fieldset>
        <legend>{t("treatments.legend")}</legend>
        <div className="grid">
          <TextAreaField
            name="surfaceTreatment"
            label={t("treatments.surface")}
            defaultValue={values.surfaceTreatment}
            error={errors.surfaceTreatment}
            hint={t("treatments.surfaceHint")}
          />
          <TextAreaField
            name="heatTreatment"
            label={t("treatments.heat")}
            defaultValue={values.heatTreatment}
            error={errors.heatTreatment}
            hint={t("treatments.heatHint")}
          />
        </div>
      </fieldset>

      <fieldset>
        <legend>{t("commercial.legend")}</legend>
        <div className="grid">
          <TextField
            name="targetPrice"
            label={t("commercial.targetPrice")}
            inputMode="decimal"
            defaultValue={values.targetPrice}
            error={errors.targetPrice}
          />
          <SelectField
            name="currency"
            label={t("commercial.currency")}
            defaultValue={values.currency}
            error={errors.currency}
          >
            <option value="">—</option>
            {CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </SelectField>
          <TextField
            name="samplesNeededBy"
            label={t("commercial.samplesNeededBy")}
            type="date"
            defaultValue={values.samplesNeededBy}
            error={errors.samplesNeededBy}
          />
        </div>
        <YesNoField
          name="ndaRequired"
          label={t("commercial.nda")}
          required
          defaultValue={values.ndaRequired}
          error={errors.ndaRequired}
          hint={t("commercial.ndaHint")}
        />
        <YesNoField
          name="exportControlled"
          label={t("commercial.exportControlled")}
          required
          defaultValue={values.exportControlled}
          error={errors.exportControlled}
          hint={t("commercial.exportControlledHint")}
        />
      </fieldset>

      <fieldset>
        <legend>{t("files.legend")}</legend>
        <div className="confidentiality" id="confidentiality">
          <h2>{t("files.confidentialityHeading")}</h2>
          <ul>
            <li>{t("files.confidentiality1")}</li>
            <li>{t("files.confidentiality2")}</li>
            <li>{t("files.confidentiality3")}</li>
            <li>{t("files.confidentiality4")}</li>
          </ul>
        </div>
        <FilePicker
          label={t("files.label")}
          hint={t("files.hint", { maxFiles: limits.maxFiles, maxSize: maxFileSize })}
          error={errors.files}
          keptFiles={state?.keptFiles ?? []}
        />
        <StlUnitField defaultValue={values.stlUnit} error={errors.stlUnit} />
      </fieldset>

      <fieldset>
        <legend>{t("other.legend")}</legend>
        <TextAreaField
          name="notes"
          label={t("other.notes")}
          rows={4}
          defaultValue={values.notes}
          error={errors.notes}
        />
        <div className="honeypot" aria-hidden="true">
          <label htmlFor={HONEYPOT_FIELD}>{t("other.honeypot")}</label>
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
        {sending ? t("submit.sending") : t("submit.send")}
      </button>
    </form>
  );
}
