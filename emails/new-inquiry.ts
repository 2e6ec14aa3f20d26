import { composeEmail, fileLines, paragraph, summaryTable, type RenderedEmail, type SummaryRow } from "./layout";

/** An inquiry as the e-mails show it: what the intake passes once the inquiry is written. */
export type InquirySummary = {
  reference: string;
  company: string;
  contactName: string;
  email: string;
  country: string;
  partName: string;
  partNumber: string | null;
  revision: string | null;
  materialLabel: string;
  annualVolume: number;
  ndaRequired: boolean;
  exportControlled: boolean;
  samplesNeededBy: string | null;
  files: { name: string; size: number }[];
};

/** The part as both the buyer and the engineers see it summarized. */
export function partRows(inquiry: InquirySummary): SummaryRow[] {
  const identifiers = [
    inquiry.partNumber && `part no. ${inquiry.partNumber}`,
    inquiry.revision && `rev. ${inquiry.revision}`,
  ].filter(Boolean);
  return [
    {
      label: "Part",
      value: identifiers.length > 0 ? `${inquiry.partName} (${identifiers.join(", ")})` : inquiry.partName,
    },
    { label: "Material", value: inquiry.materialLabel },
    { label: "Annual volume", value: `${inquiry.annualVolume.toLocaleString("en-US")} pcs` },
    { label: "Files", value: fileLines(inquiry.files) },
  ];
}

// Flags change how the drawings may be handled, so they stand out rather than read as a plain "No".
function flagRow(label: string, set: boolean, consequence: string): SummaryRow {
  return { label, value: set ? `YES: ${consequence}` : "No", highlight: set };
}

export function newInquiryEmail(inquiry: InquirySummary): RenderedEmail {
  return composeEmail({
    subject: `New inquiry ${inquiry.reference}: ${inquiry.partName} from ${inquiry.company}`,
    title: `New inquiry ${inquiry.reference}`,
    preheader: `${inquiry.company} asks for a quotation for ${inquiry.partName}.`,
    parts: [
      paragraph(`${inquiry.company} sent a new inquiry for review.`),
      summaryTable([
        { label: "Reference", value: inquiry.reference },
        { label: "Company", value: inquiry.company },
        { label: "Contact", value: `${inquiry.contactName} <${inquiry.email}>` },
        { label: "Country", value: inquiry.country },
        ...partRows(inquiry),
        flagRow("NDA required", inquiry.ndaRequired, "sign the NDA before opening the drawings"),
        flagRow("Export-controlled", inquiry.exportControlled, "check export rules before sharing the files"),
        { label: "Samples needed by", value: inquiry.samplesNeededBy ?? "Not given" },
      ]),
    ],
  });
}
