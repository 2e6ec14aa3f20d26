import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

type Common = {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  /** The control's id when it is not the name (several forms on one page, or Conform's field.id). */
  id?: string;
};

/** Label, hint and error wired to one control, so screen readers and tests find them by name. */
function FieldShell({ name, label, hint, error, required, id = name, children }: Common & { children: ReactNode }) {
  const { t } = useTranslation("intake");
  return (
    <div className={error ? "field has-error" : "field"}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="required-mark"> {t("field.required")}</span> : null}
      </label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

function describedBy(name: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

function controlProps({ name, hint, error, required, id = name }: Common) {
  return {
    id,
    name,
    required,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy(id, hint, error),
  } as const;
}

export function TextField(
  props: Common & {
    defaultValue?: string;
    type?: "text" | "email" | "tel" | "date" | "number" | "password";
    autoComplete?: string;
    inputMode?: "numeric" | "decimal" | "text";
    placeholder?: string;
    step?: string;
  },
) {
  const { defaultValue, type = "text", autoComplete, inputMode, placeholder, step } = props;
  return (
    <FieldShell {...props}>
      <input
        {...controlProps(props)}
        type={type}
        defaultValue={defaultValue}
        autoComplete={autoComplete}
        inputMode={inputMode}
        placeholder={placeholder}
        step={step}
      />
    </FieldShell>
  );
}

export function TextAreaField(props: Common & { defaultValue?: string; rows?: number; placeholder?: string }) {
  return (
    <FieldShell {...props}>
      <textarea
        {...controlProps(props)}
        defaultValue={props.defaultValue}
        rows={props.rows ?? 3}
        placeholder={props.placeholder}
      />
    </FieldShell>
  );
}

export function SelectField(props: Common & { defaultValue?: string; children: ReactNode }) {
  return (
    <FieldShell {...props}>
      <select {...controlProps(props)} defaultValue={props.defaultValue ?? ""}>
        {props.children}
      </select>
    </FieldShell>
  );
}

/** A yes/no question as two radio buttons in a fieldset whose legend is the question. */
export function YesNoField(props: Common & { defaultValue?: string }) {
  const { t } = useTranslation("intake");
  const options = [
    { value: "yes", label: t("field.yes") },
    { value: "no", label: t("field.no") },
  ];
  return <ChoiceField {...props} type="radio" className="field yes-no" options={options} />;
}

/**
 * A group of radio buttons (one answer) or checkboxes (several), in a fieldset whose legend is
 * the question; each option may carry a note after its label, and be shown but not offered
 * (`disabled`: e.g. already chosen elsewhere, and then not posted).
 */
export function ChoiceField(
  props: Common & {
    type: "radio" | "checkbox";
    options: readonly { value: string; label: ReactNode; note?: ReactNode; disabled?: boolean }[];
    defaultValue?: string | readonly string[];
    className?: string;
  },
) {
  const { name, label, hint, error, required, id = name, type, options, defaultValue, className } = props;
  const { t } = useTranslation("intake");
  const chosen = new Set(
    defaultValue === undefined ? [] : typeof defaultValue === "string" ? [defaultValue] : defaultValue,
  );
  return (
    <fieldset
      className={[className ?? "field", error ? "has-error" : ""].filter(Boolean).join(" ")}
      aria-describedby={describedBy(id, hint, error)}
      aria-invalid={error ? true : undefined}
    >
      <legend>
        {label}
        {required ? <span className="required-mark"> {t("field.required")}</span> : null}
      </legend>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {options.map((o) => (
        <label key={o.value} className="inline">
          <input
            type={type}
            id={`${id}-${o.value}`}
            name={name}
            value={o.value}
            defaultChecked={chosen.has(o.value)}
            disabled={o.disabled}
          />
          {o.label}
          {o.note ? <> {o.note}</> : null}
        </label>
      ))}
      {error ? (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** A file input; `accept` narrows what the browser offers to pick (the server still checks the content). */
export function FileField(props: Common & { accept?: string }) {
  return (
    <FieldShell {...props}>
      <input {...controlProps(props)} type="file" accept={props.accept} />
    </FieldShell>
  );
}

/**
 * The props of a labelled control for one Conform field: its id, name, first-render value, error
 * and required mark. Its `key` goes on the element itself, so that Conform can reset it.
 */
export function conformProps(field: {
  id: string;
  name: string;
  errors?: string[];
  initialValue?: unknown;
  required?: boolean;
}) {
  return {
    id: field.id,
    name: field.name,
    error: field.errors?.join(" "),
    defaultValue: typeof field.initialValue === "string" ? field.initialValue : undefined,
    required: field.required,
  };
}

/** A search box: type="search", so browsers offer to clear it and the queue's "/" key finds it. */
export function SearchField(props: Common & { defaultValue?: string; maxLength?: number }) {
  return (
    <FieldShell {...props}>
      <input {...controlProps(props)} type="search" defaultValue={props.defaultValue} maxLength={props.maxLength} />
    </FieldShell>
  );
}
