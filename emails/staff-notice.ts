import { composeEmail, link, paragraph, type RenderedEmail } from "./layout";

/** Tells a staff member that an inquiry needs them: it was assigned to them, or the buyer answered. */
export type StaffNoticeData = {
  notice: "assigned" | "buyer-answered";
  reference: string;
  partName: string;
  company: string;
  workspaceUrl: string;
  byName: string;
};

export function staffNoticeEmail(d: StaffNoticeData): RenderedEmail {
  const subject =
    d.notice === "assigned" ? `${d.reference} assigned to you: ${d.partName}` : `${d.reference}: the buyer answered`;
  const lead =
    d.notice === "assigned"
      ? `${d.byName} assigned inquiry ${d.reference} (${d.partName}, ${d.company}) to you.`
      : `${d.company} answered the question on ${d.reference} (${d.partName}); the review is back where it left off.`;
  return composeEmail({
    subject,
    title: subject,
    preheader: lead,
    parts: [paragraph(lead), link(`Open ${d.reference}`, d.workspaceUrl)],
  });
}
