import { composeEmail, paragraph, summaryTable, type RenderedEmail } from "./layout";

export type StorageFailureData = { at: string; storage: string; cause: string; quietHours: number };

/** Tells engineering that uploads are failing because file storage refuses writes. */
export function storageFailureEmail(data: StorageFailureData): RenderedEmail {
  const lead = `Buyers' uploads are failing: file storage (${data.storage}) refused a write. Buyers are told that nothing was saved and to try again in a few minutes.`;
  return composeEmail({
    subject: "Uploads are failing: file storage refused a write",
    title: "Uploads are failing",
    preheader: lead,
    parts: [
      paragraph(lead),
      summaryTable([
        { label: "First failure", value: data.at },
        { label: "Storage", value: data.storage },
        { label: "Cause", value: data.cause },
      ]),
      paragraph(
        `Check free disk space and permissions of the storage directory, or the S3 endpoint and credentials; /healthz shows the storage check. No further alert is sent for ${data.quietHours} hour(s) while the failures go on.`,
      ),
    ],
  });
}
