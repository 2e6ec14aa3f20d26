/**
 * The inquiry's states as the buyer and staff see them. Intake creates inquiries in "submitted";
 * the review board's transitions build on this list.
 */
export const INQUIRY_STATES = {
  submitted: {
    label: "Received",
    buyerText: "We have your inquiry. An engineer will triage it shortly.",
  },
} as const;

export type InquiryState = keyof typeof INQUIRY_STATES;

export function stateLabel(state: string): string {
  return (INQUIRY_STATES as Record<string, { label: string }>)[state]?.label ?? state;
}

export function stateBuyerText(state: string): string {
  return (INQUIRY_STATES as Record<string, { buyerText: string }>)[state]?.buyerText ?? "";
}

/** Events the timeline records. */
export type InquiryEventType = "submitted" | "files_added";

function fileNames(payload: Record<string, unknown> | null): string[] {
  const files = payload?.files;
  return Array.isArray(files) ? files.filter((f): f is string => typeof f === "string") : [];
}

function countFiles(names: string[]): string {
  return names.length === 1 ? "1 file" : `${names.length} files`;
}

/** One line of the timeline, as the buyer and staff read it. */
export function describeEvent(event: { type: string; payload: Record<string, unknown> | null }): {
  title: string;
  detail: string;
} {
  const names = fileNames(event.payload);
  switch (event.type) {
    case "submitted":
      return { title: "Inquiry received", detail: `With ${countFiles(names)}: ${names.join(", ")}` };
    case "files_added":
      return { title: "Files added", detail: `${countFiles(names)}: ${names.join(", ")}` };
    default:
      return { title: event.type, detail: "" };
  }
}
