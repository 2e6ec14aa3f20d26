import { formatBytes } from "~/utils/format";
import type { UploadProgress as Progress } from "./use-progress-upload";

export function UploadProgress({ progress, onCancel }: { progress: Progress; onCancel: () => void }) {
  const label = progress.fileName ? `Uploading ${progress.fileName}` : "Uploading";
  return (
    <div className="upload-progress" role="status" aria-live="polite">
      <label htmlFor="upload-progress-bar">
        {label}: {progress.percent} %
      </label>
      <progress id="upload-progress-bar" max={100} value={progress.percent}>
        {progress.percent} %
      </progress>
      <p className="hint">
        {progress.totalBytes > 0
          ? `${formatBytes(progress.sentBytes)} of ${formatBytes(progress.totalBytes)} sent. Keep this page open until it finishes.`
          : "Starting the upload…"}
      </p>
      <button type="button" className="button" onClick={onCancel}>
        Cancel upload
      </button>
    </div>
  );
}
