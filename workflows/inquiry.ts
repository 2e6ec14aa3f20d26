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
