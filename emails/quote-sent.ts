import { ltr } from "../app/i18n/bidi";
import { formatDateIn, formatNumberIn } from "../app/i18n/format";
import { languageInfo } from "../app/i18n/languages";
import {
  composeEmail,
  heading,
  link,
  paragraph,
  summaryTable,
  type EmailBrand,
  type EmailLanguage,
  type RenderedEmail,
} from "./layout";

/** The quotation to the buyer, its frozen PDF attached by the outbox. */
export type QuoteSentData = {
  brand?: EmailBrand;
  reference: string;
  version: number;
  partName: string;
  contactName: string;
  /** The last valid day, YYYY-MM-DD. */
  validUntil: string;
  /** Per cavity option, each quantity's unit price as the PDF prints it ("2,8035 €"), so both read the same. */
  options: { cavities: number; breaks: { quantity: number; unitPrice: string }[] }[];
  assumptions: string[];
  statusUrl: string;
};

export function quoteSentEmail(d: QuoteSentData, lang: EmailLanguage): RenderedEmail {
  const { language, t } = lang;
  const reference = ltr(d.reference);
  const subject = t("email:quoteSent.subject", { reference, version: d.version, partName: d.partName });
  const lead = t("email:quoteSent.lead", {
    name: d.contactName,
    partName: d.partName,
    validUntil: formatDateIn(language, new Date(`${d.validUntil}T00:00:00Z`)),
  });
  const prices = d.options.map((o) => ({
    label: t("email:quoteSent.tool", { cavities: o.cavities }),
    value: o.breaks.map((b) =>
      t("email:quoteSent.price", { quantity: formatNumberIn(language, b.quantity), price: b.unitPrice }),
    ),
  }));
  return composeEmail({
    language,
    subject,
    title: subject,
    preheader: lead,
    parts: [
      paragraph(lead),
      heading(t("email:quoteSent.unitPrices")),
      summaryTable(prices, languageInfo(language).dir),
      ...(d.assumptions.length > 0 ? [heading(t("email:quoteSent.assumptions")), ...d.assumptions.map(paragraph)] : []),
      paragraph(t("email:quoteSent.answer")),
      link(t("email:common.open", { reference }), d.statusUrl),
    ],
    brand: d.brand,
  });
}
