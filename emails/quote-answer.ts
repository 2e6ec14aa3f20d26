import { composeEmail, link, paragraph, summaryTable, type RenderedEmail, type SummaryRow } from "./layout";

/** Tells sales what a buyer did with a sent quotation: accepted, declined, asked, or asked for an update. */
export type QuoteAnswerData = {
  answer: "accepted" | "declined" | "question" | "update-request";
  reference: string;
  version: number;
  partName: string;
  company: string;
  contactName: string;
  /** The answer's particulars (option, quantity, PO, name; or the reason), as label/value rows. */
  details: SummaryRow[];
  /** What the buyer wrote, when they wrote something. */
  message: string;
  quoteBuilderUrl: string;
};

const SUBJECTS: Record<QuoteAnswerData["answer"], string> = {
  accepted: "accepted",
  declined: "declined",
  question: "a question about",
  "update-request": "an updated quotation asked for on",
};

export function quoteAnswerEmail(d: QuoteAnswerData): RenderedEmail {
  const quote = `quotation ${d.reference} version ${d.version}`;
  const subject =
    d.answer === "accepted" || d.answer === "declined"
      ? `${d.reference} v${d.version} ${SUBJECTS[d.answer]} by ${d.company}`
      : `${d.reference} v${d.version}: ${SUBJECTS[d.answer]} it by ${d.company}`;
  const lead = {
    accepted: `${d.company} (${d.contactName}) accepted ${quote} for ${d.partName}. The inquiry is won.`,
    declined: `${d.company} (${d.contactName}) declined ${quote} for ${d.partName}. The inquiry is lost; a new version can follow.`,
    question: `${d.company} (${d.contactName}) asked a question about ${quote} for ${d.partName}. Answer them by e-mail or with a new version.`,
    "update-request": `${d.company} (${d.contactName}) asked for an updated quotation: ${quote} for ${d.partName} can no longer be answered.`,
  }[d.answer];
  return composeEmail({
    subject,
    title: subject,
    preheader: lead,
    parts: [
      paragraph(lead),
      ...(d.details.length > 0 ? [summaryTable(d.details)] : []),
      ...(d.message ? [paragraph(`They wrote: ${d.message}`)] : []),
      link(`Open the quotation of ${d.reference}`, d.quoteBuilderUrl),
    ],
  });
}
