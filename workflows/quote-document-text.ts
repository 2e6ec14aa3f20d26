/**
 * The quotation's words in the buyer's language, shared by the PDF (server) and the quote page
 * (browser): `quoteFigures` formats every number and date in the buyer's locale where the document is
 * made (a page's loader sends them, so the page hydrates as the server wrote it), and `quoteText`
 * puts them into the "quote" messages with whichever translator the caller holds. Pure.
 */
import { rateText } from "./currency";
import {
  documentDir,
  identifierFor,
  intlLocale,
  toolingTotal,
  unitPriceFormat,
  type QuoteDocument,
} from "./quote-document";

/** A translator for the "quote" namespace: i18next's `t` on the server, react-i18next's on the page. */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

/** A count for plural rules, with the figure as the buyer's locale writes it. */
export type Counted = { count: number; number: string };

export function quoteFigures(doc: QuoteDocument) {
  const locale = intlLocale(doc.locale);
  const money = new Intl.NumberFormat(locale, { style: "currency", currency: doc.currency });
  const unit = unitPriceFormat(doc.locale, doc.currency);
  const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" });
  const counted = (count: number): Counted => ({ count, number: whole.format(count) });
  const day = (iso: string) => date.format(new Date(`${iso}T00:00:00Z`));
  return {
    issueDate: day(doc.issueDate),
    validUntil: day(doc.validUntil),
    options: doc.cavityOptions.map((option) => ({
      cavities: counted(option.cavities),
      samplesWeeks: counted(option.leadTimes.toolingToSamplesWeeks),
      breaks: option.breaks.map((row) => ({
        quantity: whole.format(row.quantity),
        unitPrice: unit.format(row.unitPrice),
        orderValue: money.format(row.quantity * row.unitPrice),
        weeks: counted(row.productionWeeks ?? option.leadTimes.productionWeeks),
        amortisedUnitPrice: row.amortisedUnitPrice === undefined ? null : unit.format(row.amortisedUnitPrice),
      })),
      tooling: option.tooling.lines.map((line) => ({
        amount: money.format(line.amount),
        count: line.item?.count === undefined ? null : counted(line.item.count),
      })),
      toolingTotal: money.format(toolingTotal(option)),
      shotLife: counted(option.tooling.shotLife),
      amortisedOver: option.amortisedOver === undefined ? null : counted(option.amortisedOver),
    })),
    conversion: doc.conversion ? { rate: rateText(doc.conversion, locale), date: day(doc.conversion.date) } : null,
  };
}
export type QuoteFigures = ReturnType<typeof quoteFigures>;

/** Every sentence, heading and cell of the quotation, in the order the PDF and the page show them. */
export function quoteText(doc: QuoteDocument, figures: QuoteFigures, t: Translate) {
  const id = identifierFor(doc.locale);
  const dir = documentDir(doc.locale);
  const weeks = (w: Counted) => t("quote:weeks", { ...w });
  const notStated = t("quote:part.notStated");
  const number = doc.part.number === undefined ? notStated : id(doc.part.number);
  const revision = doc.part.revision === undefined ? notStated : id(doc.part.revision);
  const materialText = [id(doc.material.designation), doc.material.condition ? id(doc.material.condition) : null]
    .filter(Boolean)
    .join(", ");
  const reference = id(`${doc.reference} v${doc.version}`);
  const many = doc.cavityOptions.length > 1;
  const { terms } = doc;
  return {
    dir,
    heading: t("quote:heading"),
    /** "Quotation RFQ-2026-00042 v2": the PDF's title and footer, the page's label. */
    title: t("quote:title", { reference: doc.reference, version: doc.version }),
    reference,
    meta: [
      [t("quote:meta.date"), figures.issueDate],
      [t("quote:meta.validUntil"), figures.validUntil],
      ...(doc.version > 1 ? [[t("quote:meta.replaces"), id(`v${doc.version - 1}`)]] : []),
    ] as [string, string][],
    labels: {
      from: t("quote:meta.from"),
      reference: t("quote:meta.reference"),
      preparedBy: t("quote:meta.preparedBy"),
      preparedFor: t("quote:buyer.preparedFor"),
      buyerHeading: t("quote:buyer.heading"),
      yourReference: t("quote:buyer.yourReference"),
      partHeading: t("quote:part.heading"),
      part: t("quote:part.part"),
      number: t("quote:part.number"),
      revision: t("quote:part.revision"),
      material: t("quote:part.material"),
      standard: t("quote:part.standard"),
      files: t("quote:part.files"),
    },
    part: {
      number,
      revision,
      material: materialText,
      summary: t("quote:part.summary", { part: doc.part.name, number, revision }),
    },
    buyerReference: doc.buyer.reference ? id(doc.buyer.reference) : null,
    intro: t("quote:intro", {
      part: doc.part.name,
      number,
      revision,
      material: id(doc.material.designation),
      withAssumptions: doc.assumptions.length > 0 ? "yes" : "no",
    }),
    sections: {
      prices: t("quote:section.prices"),
      assumptions: t("quote:section.assumptions"),
      assumptionsIntro: t("quote:section.assumptionsIntro"),
      notes: t("quote:section.notes"),
      terms: t("quote:section.terms"),
    },
    columns: {
      quantity: t("quote:column.quantity"),
      unitPrice: t("quote:column.unitPrice"),
      orderValue: t("quote:column.orderValue"),
      leadTime: t("quote:column.leadTime"),
      amortisedUnitPrice: t("quote:column.amortisedUnitPrice"),
      tooling: t("quote:column.tooling"),
      amount: t("quote:column.amount"),
      toolingTotal: t("quote:column.toolingTotal"),
    },
    options: doc.cavityOptions.map((option, index) => {
      const f = figures.options[index]!;
      const mould = t("quote:option.mould", { ...f.cavities });
      return {
        mould,
        name: many ? t("quote:option.named", { letter: String.fromCharCode(65 + index), mould }) : mould,
        samples: t("quote:option.samples", { weeks: weeks(f.samplesWeeks) }),
        pricesCaption: t("quote:option.pricesCaption", { mould }),
        toolingCaption: t("quote:option.toolingCaption", { mould }),
        rows: f.breaks.map((row) => ({ ...row, weeks: weeks(row.weeks) })),
        leadTimeNote: t("quote:option.leadTimeNote"),
        amortisedNote: f.amortisedOver ? t("quote:option.amortisedNote", { ...f.amortisedOver }) : null,
        tooling: option.tooling.lines.map((line, l) => {
          const count = f.tooling[l]!.count;
          const label = line.item ? t(`quote:tooling.${line.item.kind}`, count ? { ...count } : undefined) : line.label;
          return { label, amount: f.tooling[l]!.amount };
        }),
        toolingTotal: f.toolingTotal,
        toolingNote: t("quote:option.toolingNote", { ...f.shotLife }),
      };
    }),
    terms: [
      [
        t("quote:terms.prices"),
        [
          t("quote:terms.pricesText", { currency: doc.currency }),
          doc.conversion && figures.conversion
            ? t("quote:terms.converted", {
                from: doc.conversion.from,
                rate: id(figures.conversion.rate),
                date: figures.conversion.date,
                source: doc.conversion.source,
              })
            : null,
        ]
          .filter(Boolean)
          .join(" "),
      ],
      [
        t("quote:terms.delivery"),
        t("quote:terms.deliveryText", { incoterm: terms.incoterm.rule, place: terms.incoterm.place }),
      ],
      [t("quote:terms.paymentParts"), terms.paymentTerms],
      [t("quote:terms.paymentTooling"), terms.toolingPaymentTerms],
      [t("quote:terms.toolingOwnership"), terms.toolingOwnership],
      [t("quote:terms.rawMaterial"), terms.rawMaterialClause],
      [t("quote:terms.validity"), t("quote:terms.validityText", { date: figures.validUntil })],
    ] as [string, string][],
    signature: {
      forFactory: t("quote:signature.for", { company: doc.factory.name }),
      namePosition: t("quote:signature.namePosition"),
      acceptedFor: t("quote:signature.acceptedFor", { company: doc.buyer.company }),
      acceptFields: t("quote:signature.acceptFields"),
    },
    page: (page: number, pages: number) => t("quote:footer.page", { page, pages }),
  };
}
export type QuoteText = ReturnType<typeof quoteText>;
