import type { FactoryProfile, QuoteDocument } from "../../workflows/quote-document";

/** A plausible seller for test quotations (the domain's example factory is in Sweden). */
export const TEST_FACTORY: FactoryProfile = {
  name: "Lindqvist Precision MIM AB",
  address: ["Verkstadsgatan 12", "611 35 Nyköping", "Sweden"],
  phone: "+46 155 20 40 00",
  email: "sales@lindqvist-mim.example",
  website: "lindqvist-mim.example",
  registration: "VAT SE556677889901",
};

/**
 * The worked bracket of docs/domain/review.md as a quote: 17-4 PH, thin edges, a flat
 * assembly surface that gate 3 sized after sintering, no secondary operations. Figures are
 * plausible, not a factory's rates. Two cavity options; the second also shows amortised prices.
 */
export function bracketQuote(overrides: Partial<QuoteDocument> = {}): QuoteDocument {
  return {
    factory: TEST_FACTORY,
    reference: "RFQ-2026-00042",
    version: 2,
    issueDate: "2026-11-29",
    validUntil: "2026-12-29",
    locale: "en-GB",
    currency: "EUR",
    preparedBy: { name: "Maja Eriksson", role: "Sales Engineer", email: "maja.eriksson@lindqvist-mim.example" },
    buyer: {
      company: "Brightline Optics GmbH",
      contactName: "Anna Weber",
      email: "anna.weber@brightline.example",
      country: "Germany",
      reference: "BO-RFQ-8812",
    },
    part: {
      name: "Mounting bracket",
      number: "BRK-2207-A",
      revision: "C",
      files: ["BRK-2207-A_rev-C_drawing.pdf", "BRK-2207-A_rev-C.step"],
    },
    material: { designation: "MIM-17-4 PH", standard: "MPIF Standard 35", condition: "H900" },
    cavityOptions: [
      {
        cavities: 2,
        breaks: [
          { quantity: 5_000, unitPrice: 1.86 },
          { quantity: 10_000, unitPrice: 1.62 },
          { quantity: 25_000, unitPrice: 1.48 },
          { quantity: 50_000, unitPrice: 1.41, productionWeeks: 6 },
        ],
        leadTimes: { toolingToSamplesWeeks: 10, productionWeeks: 4 },
        tooling: {
          lines: [
            { label: "Mould base", amount: 9_500 },
            { label: "First cavity", amount: 14_000 },
            { label: "Second cavity (65 % of the first)", amount: 9_100 },
            { label: "Sizing die for the assembly surface (carbide)", amount: 4_800 },
            { label: "Sintering setters for the flat surface", amount: 1_600 },
            { label: "T1 samples and first-article inspection", amount: 2_400 },
          ],
          shotLife: 500_000,
        },
      },
      {
        cavities: 4,
        breaks: [
          { quantity: 5_000, unitPrice: 1.71, amortisedUnitPrice: 2.2536 },
          { quantity: 10_000, unitPrice: 1.47, amortisedUnitPrice: 2.0136 },
          { quantity: 25_000, unitPrice: 1.33, amortisedUnitPrice: 1.8736 },
          { quantity: 50_000, unitPrice: 1.26, amortisedUnitPrice: 1.8036, productionWeeks: 5 },
        ],
        leadTimes: { toolingToSamplesWeeks: 12, productionWeeks: 3 },
        tooling: {
          lines: [
            { label: "Mould base", amount: 11_500 },
            { label: "First cavity", amount: 14_000 },
            { label: "Three further cavities", amount: 18_860 },
            { label: "Sizing die for the assembly surface (carbide)", amount: 4_800 },
            { label: "Sintering setters for the flat surface", amount: 2_800 },
            { label: "T1 samples and first-article inspection", amount: 2_400 },
          ],
          shotLife: 500_000,
        },
        amortisedOver: 100_000,
      },
    ],
    assumptions: [
      "Material MIM-17-4 PH to MPIF Standard 35, heat-treated to H900; part mass 6.2 g, measured from the supplied model.",
      "Post-sintering sizing of the assembly surface for flatness; all other dimensions as-sintered, to ±0.3 % of nominal (at least ±0.05 mm).",
      "No secondary operations: the two holes are as-sintered.",
      "Thin edges are degated by hand and the parts are sintered on setters that support the flat surface, to avoid chipped corners and tray marks.",
      "Flatness of the assembly surface is checked on every lot; other drawing dimensions by sampling to ISO 2859-1, AQL 1.0.",
      "Packed in layers with separators, 500 pieces per carton.",
    ],
    notesForBuyer: [
      "Five T1 samples with a first-article report are supplied for approval; please approve or comment within five working days.",
      "Annual volume assumed: 60,000 pieces in releases of at least 5,000.",
    ],
    terms: {
      incoterm: { rule: "FCA", place: "Nyköping, Sweden" },
      paymentTerms: "30 days net from the invoice date.",
      toolingPaymentTerms: "50 % with the order, 50 % on sample approval.",
      toolingOwnership:
        "Title to the tooling passes to the buyer on payment of the tooling invoice. We keep it at our plant for your orders, maintain it at our cost up to the guaranteed shot life and release it on 30 days' written notice.",
      rawMaterialClause:
        "Piece prices rest on the 17-4 PH feedstock price of August to October 2026 (three-month average of the LME nickel cash price, USD 16,200 per tonne). If that average moves by more than 10 %, piece prices change by 0.3 % for each 1 % beyond the threshold, at most 8 % per quarter.",
    },
    ...overrides,
  };
}

/** The smallest valid quote: one option, one quantity break, one tooling line, no lists. */
export function minimalQuote(): QuoteDocument {
  const doc = bracketQuote();
  return {
    ...doc,
    preparedBy: undefined,
    cavityOptions: [
      {
        ...doc.cavityOptions[0]!,
        breaks: [{ quantity: 1_000, unitPrice: 2 }],
        tooling: { lines: [{ label: "Mould", amount: 20_000 }], shotLife: 100_000 },
      },
    ],
    assumptions: [],
    notesForBuyer: [],
  };
}
