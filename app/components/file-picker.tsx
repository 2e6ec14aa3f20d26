import { useState } from "react";
import { ACCEPT_ATTRIBUTE, formatForName } from "~/server/file-check";
import type { PublicFile } from "~/forms/intake";
import { formatBytes } from "~/utils/format";

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
  const [chosen, setChosen] = useState<File[]>([]);
  return (
    <div className={error ? "field has-error" : "field"}>
      <label htmlFor="files">{label}</label>
      <p className="hint" id="files-hint">
        {hint}
      </p>
      {keptFiles.length > 0 ? (
        <fieldset className="kept-files">
          <legend>Already received (untick to leave a file out)</legend>
          {keptFiles.map((file) => (
            <label key={file.id} className="inline">
              <input type="checkbox" name="keptFile" value={file.id} defaultChecked />
              {file.name} ({formatBytes(file.size)}
              {file.kind ? `, ${file.kind}` : ""})
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
        <ul className="file-list" aria-label="Files chosen">
          {chosen.map((file) => (
            <li key={`${file.name}-${file.size}`}>
              {file.name}{" "}
              <span className="muted">
                ({formatBytes(file.size)}, {formatForName(file.name)?.kind ?? "not accepted"})
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
