import { composeEmail, link, paragraph, type RenderedEmail } from "./layout";

/** Tells sales that a sent quotation lapsed without an answer, so they can offer a new version. */
export type QuoteExpiredData = {
  reference: string;
  version: number;
  partName: string;
  company: string;
  /** The last day the quotation was valid, as the buyer's copy states it (YYYY-MM-DD). */
  validUntil: string;
  quoteUrl: string;
};

export function quoteExpiredEmail(d: QuoteExpiredData): RenderedEmail {
  const subject = `${d.reference} version ${d.version}: quotation expired`;
  const lead = `Our quotation ${d.reference} version ${d.version} for ${d.company} (${d.partName}) was valid until ${d.validUntil} and has expired without an answer from the buyer.`;
  return composeEmail({
    subject,
    title: subject,
    preheader: lead,
    parts: [
      paragraph(lead),
      paragraph("The buyer can no longer accept it. If they still need the part, prepare a new version."),
      link(`Prepare a new version of ${d.reference}`, d.quoteUrl),
    ],
  });
}
