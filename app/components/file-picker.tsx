import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ACCEPT_ATTRIBUTE, formatForName } from "~/server/files/file-check";
import type { PublicFile } from "~/forms/intake";
import { formatBytes } from "~/utils/format";
import { languageInfo } from "~/i18n/languages";

/**
 * The file input plus what the server already holds for this form (kept after a failed send, so
 * they need not be uploaded again).
 */
export function FilePicker({
  label,
  hint,
  error,
  keptFiles,
  onChoose,
}: {
  label: string;
  hint: string;
  error?: string;
  keptFiles: PublicFile[];
  onChoose?: (files: File[]) => void;
}) {
  const { t, i18n } = useTranslation("intake");
  const language = languageInfo(i18n.language).code;
  const size = (bytes: number) => formatBytes(bytes, language);
  const kindLabel = (kind: string | null | undefined) => (kind ? t(`files.kind.${kind}`) : t("files.notAccepted"));
  const [chosen, setChosen] = useState<File[]>([]);
  return (
    <div className={error ? "field has-error" : "field"}>
      <label htmlFor="files">{label}</label>
      <p className="hint" id="files-hint">
        {hint}
      </p>
      {keptFiles.length > 0 ? (
        <fieldset className="kept-files">
          <legend>{t("files.kept")}</legend>
          {keptFiles.map((file) => (
            <label key={file.id} className="inline">
              <input type="checkbox" name="keptFile" value={file.id} defaultChecked />
              <bdi>{file.name}</bdi> ({size(file.size)}
              {file.kind ? `, ${kindLabel(file.kind)}` : ""})
            </label>
          ))}
        </fieldset>
      ) : null}
      <input
        id="files"
        name="files"
        type="file"
        multiple
        accept={ACCEPT_ATTRIBUTE}
        aria-describedby={error ? "files-hint files-error" : "files-hint"}
        aria-invalid={error ? true : undefined}
        onChange={(event) => {
          const files = Array.from(event.currentTarget.files ?? []);
          setChosen(files);
          onChoose?.(files);
        }}
      />
      {chosen.length > 0 ? (
        <ul className="file-list" aria-label={t("files.chosen")}>
          {chosen.map((file) => (
            <li key={`${file.name}-${file.size}`}>
              <bdi>{file.name}</bdi>{" "}
              <span className="muted">
                ({size(file.size)}, {kindLabel(formatForName(file.name)?.kind)})
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p className="error" id="files-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
