import { ltr } from "../app/i18n/bidi";
import { formatNumberIn } from "../app/i18n/format";
import { languageInfo } from "../app/i18n/languages";
import { materialName } from "../app/i18n/material-name";
import { RECOMMEND_MATERIAL } from "../workflows/materials";
import {
  composeEmail,
  fileLines,
  heading,
  link,
  paragraph,
  summaryTable,
  type EmailBrand,
  type EmailLanguage,
  type RenderedEmail,
  type SummaryRow,
} from "./layout";
import type { InquirySummary } from "./new-inquiry";

/** `material`: the catalogue id, so "please recommend one" is said in the buyer's language. */
export type InquiryReceivedData = InquirySummary & {
  statusUrl: string;
  material: string;
  /** The factory's first-answer promise, already in the buyer's language. */
  firstAnswer?: string;
  brand?: EmailBrand;
};

function materialValue(id: string, t: EmailLanguage["t"]): string {
  if (id === RECOMMEND_MATERIAL) return t("email:summary.recommendMaterial");
  const material = materialName(t, id);
  return material.designation ? ltr(material.text) : material.text;
}

/** What the buyer sent, in their language: the identifiers, alloy and file names as typed, left to right. */
function sentRows(inquiry: InquiryReceivedData, { language, t }: EmailLanguage): SummaryRow[] {
  const identifiers = [
    inquiry.partNumber && t("email:summary.partNumber", { partNumber: ltr(inquiry.partNumber) }),
    inquiry.revision && t("email:summary.revision", { revision: ltr(inquiry.revision) }),
  ].filter(Boolean);
  return [
    { label: t("email:summary.reference"), value: ltr(inquiry.reference) },
    {
      label: t("email:summary.part"),
      value:
        identifiers.length > 0
          ? t("email:summary.identifiedPart", {
              partName: inquiry.partName,
              identifiers: identifiers.join(t("email:summary.separator")),
            })
          : inquiry.partName,
    },
    { label: t("email:summary.material"), value: materialValue(inquiry.material, t) },
    {
      label: t("email:summary.annualVolume"),
      value: t("email:summary.pieces", { volume: formatNumberIn(language, inquiry.annualVolume) }),
    },
    { label: t("email:summary.files"), value: fileLines(inquiry.files, language) },
  ];
}

/** The buyer's acknowledgement: proof of what was received and the private way back to it. */
export function inquiryReceivedEmail(inquiry: InquiryReceivedData, lang: EmailLanguage): RenderedEmail {
  const { t } = lang;
  const reference = ltr(inquiry.reference);
  return composeEmail({
    language: lang.language,
    subject: t("email:received.subject", { reference, partName: inquiry.partName }),
    title: t("email:received.title", { reference }),
    preheader: t("email:received.preheader", { reference }),
    parts: [
      paragraph(t("email:common.greeting", { name: inquiry.contactName })),
      paragraph(t("email:received.thanks", { reference, partName: inquiry.partName })),
      heading(t("email:received.whatYouSent")),
      summaryTable(sentRows(inquiry, lang), languageInfo(lang.language).dir),
      heading(t("email:received.follow")),
      link(t("email:received.statusLink", { reference }), inquiry.statusUrl),
      paragraph(t("email:common.doNotForward")),
      heading(t("email:received.next")),
      ...(inquiry.firstAnswer ? [paragraph(inquiry.firstAnswer)] : []),
      paragraph(t("email:received.review")),
      paragraph(t("email:received.quotation")),
    ],
    brand: inquiry.brand,
  });
}
