import { composeEmail, heading, link, paragraph, summaryTable, type EmailBrand, type RenderedEmail } from "./layout";
import { partRows, type InquirySummary } from "./new-inquiry";

export type InquiryReceivedData = InquirySummary & {
  statusUrl: string;
  /** The factory's first-answer promise, already in the buyer's language. */
  firstAnswer?: string;
  brand?: EmailBrand;
};

/** The buyer's acknowledgement: proof of what was received and the private way back to it. */
export function inquiryReceivedEmail(inquiry: InquiryReceivedData): RenderedEmail {
  return composeEmail({
    subject: `Inquiry ${inquiry.reference} received: ${inquiry.partName}`,
    title: `We received your inquiry ${inquiry.reference}`,
    preheader: `Your reference is ${inquiry.reference}. Here is what you sent and what happens next.`,
    parts: [
      paragraph(`Dear ${inquiry.contactName},`),
      paragraph(
        `Thank you for your inquiry for ${inquiry.partName}. Your reference is ${inquiry.reference}: please mention it whenever you write to us about this part.`,
      ),
      heading("What you sent"),
      summaryTable([{ label: "Reference", value: inquiry.reference }, ...partRows(inquiry)]),
      heading("Follow your inquiry"),
      link(`See the status of ${inquiry.reference}`, inquiry.statusUrl),
      paragraph("Anyone with this link can see your inquiry and its files, so please do not forward this e-mail."),
      heading("What happens next"),
      ...(inquiry.firstAnswer ? [paragraph(inquiry.firstAnswer)] : []),
      paragraph(
        "Our engineers first review whether your part suits metal injection molding (MIM): its size and weight, wall thicknesses, tolerances and material. If anything is unclear, we will contact you.",
      ),
      paragraph(
        "After the review we prepare a quotation and send it to you. The status page shows where your inquiry stands.",
      ),
    ],
    brand: inquiry.brand,
  });
}
