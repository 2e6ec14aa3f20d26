/**
 * A quote version as the document the buyer receives: the prices, tooling, assumptions and terms
 * stored on the version, with the inquiry's buyer and part. Pure; the result is checked against the
 * document's own schema, so a version that cannot make a valid document says why before any PDF.
 */
import type { CostLine, CostModel } from "./cost-model";
import { materialLabel } from "./materials";
import type { QuoteTerms } from "./quote";
import {
  quoteDocumentSchema,
  TOOLING_ITEMS,
  type FactoryProfile,
  type QuoteDocument,
  type ToolingItem,
} from "./quote-document";

const DAY = 24 * 60 * 60 * 1000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export type DocumentSource = {
  factory: FactoryProfile;
  inquiry: {
    reference: string;
    locale: string;
    company: string;
    contactName: string;
    email: string;
    country: string;
    partName: string;
    partNumber: string | null;
    revision: string | null;
    material: string;
  };
  files: string[];
  quote: {
    version: number;
    currency: string;
    prices: CostModel;
    /** The quantity the tooling is spread over in the unit price, when the quote chose amortisation. */
    amortiseOver: number | null;
    assumptions: string[];
    buyerNotes: string;
    terms: QuoteTerms;
  };
  preparedBy: { name: string; email: string };
  issuedAt: Date;
};

/** What a priced tooling line is, for the buyer's language; none for a counted item priced before its count was recorded. */
function toolingItem(line: CostLine): { kind: ToolingItem; count?: number } | undefined {
  const kind = TOOLING_ITEMS.find((item) => item === line.id);
  if (kind === undefined) return undefined;
  if (kind !== "cavities" && kind !== "slides") return { kind };
  return line.count === undefined ? undefined : { kind, count: line.count };
}

export function quoteDocumentFor(
  source: DocumentSource,
): { ok: true; document: QuoteDocument } | { ok: false; problems: string[] } {
  const { inquiry, quote } = source;
  const { terms } = quote;
  const candidate = {
    factory: source.factory,
    reference: inquiry.reference,
    version: quote.version,
    issueDate: isoDay(source.issuedAt),
    validUntil: isoDay(new Date(source.issuedAt.getTime() + terms.validityDays * DAY)),
    locale: inquiry.locale,
    currency: quote.currency,
    ...(terms.exchangeRate ? { conversion: terms.exchangeRate } : {}),
    preparedBy: { name: source.preparedBy.name, email: source.preparedBy.email },
    buyer: {
      company: inquiry.company,
      contactName: inquiry.contactName,
      email: inquiry.email,
      country: inquiry.country,
    },
    part: {
      name: inquiry.partName,
      number: inquiry.partNumber?.trim() || undefined,
      revision: inquiry.revision?.trim() || undefined,
      files: source.files,
    },
    material: { designation: materialLabel(inquiry.material) },
    cavityOptions: quote.prices.options.map((o) => ({
      cavities: o.cavities,
      breaks: o.breaks.map((b) =>
        b.amortisation
          ? { quantity: b.quantity, unitPrice: b.unitPrice - b.amortisation.amount, amortisedUnitPrice: b.unitPrice }
          : { quantity: b.quantity, unitPrice: b.unitPrice },
      ),
      leadTimes: { toolingToSamplesWeeks: terms.toolingLeadWeeks, productionWeeks: terms.productionLeadWeeks },
      tooling: {
        lines: o.tooling.lines.map((l) => {
          const item = toolingItem(l);
          return { label: l.label, amount: l.amount, ...(item ? { item } : {}) };
        }),
        shotLife: terms.shotLife,
      },
      ...(quote.amortiseOver ? { amortisedOver: quote.amortiseOver } : {}),
    })),
    assumptions: quote.assumptions,
    notesForBuyer: quote.buyerNotes
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean),
    terms: {
      incoterm: terms.incoterm,
      paymentTerms: terms.paymentTerms,
      toolingPaymentTerms: terms.toolingPaymentTerms,
      toolingOwnership: terms.toolingOwnership,
      rawMaterialClause: terms.rawMaterialClause,
    },
  };
  const parsed = quoteDocumentSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, document: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) };
}
