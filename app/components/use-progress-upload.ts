import { useCallback, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

export type UploadProgress = { percent: number; fileName: string | null; sentBytes: number; totalBytes: number };

export type UploadOutcome<T> =
  { type: "redirect"; to: string } | { type: "data"; status: number; data: T } | { type: "failed"; message: string };

/** Which file the upload is in, from the bytes sent so far (fields are tiny next to files). */
function fileAt(files: File[], sent: number): string | null {
  let end = 0;
  for (const file of files) {
    end += file.size;
    if (sent < end) return file.name;
  }
  return files.at(-1)?.name ?? null;
}

/**
 * Posts a form to its Remix action with XMLHttpRequest, which (unlike fetch) reports upload
 * progress. The `_data` query asks Remix for the action's JSON, or a 204 with X-Remix-Redirect.
 */
export function useProgressUpload<T>() {
  const { t } = useTranslation("intake");
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const request = useRef<XMLHttpRequest | null>(null);

  const send = useCallback(
    (form: HTMLFormElement, routeId: string): Promise<UploadOutcome<T>> => {
      const body = new FormData(form);
      const files = body.getAll("files").filter((v): v is File => v instanceof File && v.size > 0);
      const action = new URL(form.action, window.location.href);
      action.searchParams.set("_data", routeId);
      return new Promise((resolve) => {
        const xhr = new XMLHttpRequest();
        request.current = xhr;
        xhr.open("POST", action.toString());
        xhr.responseType = "text";
        xhr.upload.onprogress = (event) => {
          if (!event.lengthComputable) return;
          setProgress({
            percent: Math.min(100, Math.floor((event.loaded / event.total) * 100)),
            fileName: fileAt(files, event.loaded),
            sentBytes: event.loaded,
            totalBytes: event.total,
          });
        };
        const finish = (outcome: UploadOutcome<T>) => {
          request.current = null;
          setProgress(null);
          resolve(outcome);
        };
        xhr.onload = () => {
          const redirectTo = xhr.getResponseHeader("X-Remix-Redirect");
          if (redirectTo) return finish({ type: "redirect", to: redirectTo });
          if ((xhr.getResponseHeader("Content-Type") ?? "").includes("application/json")) {
            try {
              return finish({ type: "data", status: xhr.status, data: JSON.parse(xhr.responseText) as T });
            } catch {
              // fall through to the generic failure below
            }
          }
          finish({ type: "failed", message: t("upload.httpFailed", { status: xhr.status }) });
        };
        xhr.onerror = () => finish({ type: "failed", message: t("upload.dropped") });
        xhr.onabort = () => finish({ type: "failed", message: t("upload.cancelled") });
        setProgress({ percent: 0, fileName: files[0]?.name ?? null, sentBytes: 0, totalBytes: 0 });
        xhr.send(body);
      });
    },
    [t],
  );

  const cancel = useCallback(() => request.current?.abort(), []);

  return { progress, send, cancel };
}
