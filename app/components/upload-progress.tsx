import { useTranslation } from "react-i18next";
import { formatBytes } from "~/utils/format";
import { languageInfo } from "~/i18n/languages";
import type { UploadProgress as Progress } from "./use-progress-upload";

/** Shown only while the browser uploads, so its sizes are formatted there, in the page's language. */
export function UploadProgress({ progress, onCancel }: { progress: Progress; onCancel: () => void }) {
  const { t, i18n } = useTranslation("intake");
  const language = languageInfo(i18n.language).code;
  return (
    <div className="upload-progress" role="status" aria-live="polite">
      <label htmlFor="upload-progress-bar">
        {progress.fileName
          ? t("upload.uploadingFile", { name: progress.fileName, percent: progress.percent })
          : t("upload.uploading", { percent: progress.percent })}
      </label>
      <progress id="upload-progress-bar" max={100} value={progress.percent}>
        {progress.percent} %
      </progress>
      <p className="hint">
        {progress.totalBytes > 0
          ? t("upload.sent", {
              sent: formatBytes(progress.sentBytes, language),
              total: formatBytes(progress.totalBytes, language),
            })
          : t("upload.starting")}
      </p>
      <button type="button" className="button" onClick={onCancel}>
        {t("upload.cancel")}
      </button>
    </div>
  );
}
