import { composeEmail, heading, link, paragraph, type Rendered, type EmailBrand, type RenderedEmail } from "./layout";

/** What the buyer hears from the review: a question, a decline, feedback, or a withdrawal. */
export type ReviewUpdateData = {
  brand?: EmailBrand;
  update: "question" | "declined" | "feedback" | "withdrawn";
  reference: string;
  partName: string;
  contactName: string;
  statusUrl: string;
  /** The question, the reason for declining, the feedback, or the reason for withdrawing. */
  message: string;
  /** The process recommended instead of MIM, when declined. */
  alternative?: string;
  wantsRevision?: boolean;
};

const SUBJECTS: Record<ReviewUpdateData["update"], (d: ReviewUpdateData) => string> = {
  question: (d) => `Question about ${d.reference}: ${d.partName}`,
  declined: (d) => `${d.reference}: our recommendation for ${d.partName}`,
  feedback: (d) => `${d.reference}: technical feedback on ${d.partName}`,
  withdrawn: (d) => `${d.reference} withdrawn`,
};

function body(d: ReviewUpdateData): Rendered[] {
  switch (d.update) {
    case "question":
      return [
        paragraph(`Our engineers reviewing ${d.partName} (${d.reference}) have a question for you:`),
        paragraph(d.message),
        paragraph(
          d.wantsRevision
            ? "They also ask for a revised drawing or model. Please answer and upload the revised files on your status page; your earlier files are kept."
            : "Please answer on your status page; the review continues as soon as you do.",
        ),
      ];
    case "declined":
      return [
        paragraph(
          `Thank you for considering us for ${d.partName} (${d.reference}). Our engineers have reviewed it carefully, and metal injection molding is not the best route for this part.`,
        ),
        heading("Why"),
        paragraph(d.message),
        heading("What we recommend instead"),
        paragraph(
          `${d.alternative ?? ""}. This should give you a better result for the cost. We would be glad to review your next MIM project.`,
        ),
      ];
    case "feedback":
      return [
        paragraph(
          `Our engineers have reviewed ${d.partName} (${d.reference}). As the design is not final yet, or you asked about feasibility, we send you technical feedback rather than a price:`,
        ),
        paragraph(d.message),
        paragraph("When the design is ready, send it again and we will quote it."),
      ];
    case "withdrawn":
      return [paragraph(`Inquiry ${d.reference} for ${d.partName} has been withdrawn.`), paragraph(d.message)];
  }
}

export function reviewUpdateEmail(d: ReviewUpdateData): RenderedEmail {
  const subject = SUBJECTS[d.update](d);
  return composeEmail({
    subject,
    title: subject,
    preheader: d.message.slice(0, 120),
    parts: [
      paragraph(`Dear ${d.contactName},`),
      ...body(d),
      link(`Open ${d.reference}`, d.statusUrl),
      paragraph("Anyone with this link can see your inquiry and its files, so please do not forward this e-mail."),
    ],
    brand: d.brand,
  });
}
