import { composeEmail, link, paragraph, type EmailBrand, type RenderedEmail } from "./layout";

/** The quotation to the buyer, its frozen PDF attached by the outbox. */
export type QuoteSentData = {
  brand?: EmailBrand;
  reference: string;
  version: number;
  partName: string;
  contactName: string;
  validUntil: string;
  /** One line per cavity option and quantity, the price as the PDF prints it ("2-cavity tool, 10.000 pcs: 2,8035 €"). */
  prices: string[];
  assumptions: string[];
  statusUrl: string;
};

export function quoteSentEmail(d: QuoteSentData): RenderedEmail {
  const subject = `Quotation ${d.reference} version ${d.version}: ${d.partName}`;
  const lead = `Dear ${d.contactName}, please find our quotation for ${d.partName} attached (valid until ${d.validUntil}).`;
  return composeEmail({
    subject,
    title: subject,
    preheader: lead,
    parts: [
      paragraph(lead),
      paragraph(`Unit prices: ${d.prices.join("; ")}.`),
      ...(d.assumptions.length > 0 ? [paragraph(`Assumptions: ${d.assumptions.join(" ")}`)] : []),
      paragraph("You can accept, decline or ask about the quotation on your inquiry's status page."),
      link(`Open ${d.reference}`, d.statusUrl),
    ],
    brand: d.brand,
  });
}
