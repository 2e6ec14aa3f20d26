import { describe, expect, it } from "vitest";
import { priceParts, type CostModelInput } from "./cost-model";
import { applyOverrides, defaultTerms } from "./quote";
import { conversionStatement, convertModel, type ExchangeRate } from "./currency";
import { TEST_FACTORY } from "../tests/support/quote-documents";
import { quoteDocumentFor, type DocumentSource } from "./quote-to-document";
import { defaultRateValues } from "./rates";

const INPUT: CostModelInput = {
  materialId: "mim-316l",
  annualVolume: 50_000,
  application: null,
  part: { kind: "entered", massG: 12.5, footprintMm2: 600 },
  sizing: true,
  operations: ["cnc_machining"],
  quantities: [1_000, 10_000],
  cavities: [1, 2],
};

function source(input: CostModelInput = INPUT): DocumentSource {
  const priced = priceParts(input, defaultRateValues());
  if (!priced.ok) throw new Error(priced.problems.join(" "));
  return {
    factory: TEST_FACTORY,
    inquiry: {
      reference: "RFQ-2026-00042",
      locale: "en-GB",
      company: "Bracket GmbH",
      contactName: "Eva Berg",
      email: "eva@bracket.example",
      country: "DE",
      partName: "Mounting bracket",
      partNumber: "BR-100",
      revision: null,
      material: "mim-316l",
    },
    files: ["bracket-rev-C.pdf", "bracket.step"],
    quote: {
      version: 2,
      currency: "USD",
      prices: priced.model,
      amortiseOver: input.amortiseOver ?? null,
      assumptions: ["Post-sintering sizing of the assembly surface for flatness."],
      buyerNotes: "Prices per piece.\n\nSamples in 6 weeks.",
      terms: defaultTerms(priced.model.toolingTerms),
    },
    preparedBy: { name: "Sam Sales", email: "sam@factory.test" },
    issuedAt: new Date("2026-03-10T15:00:00Z"),
  };
}

describe("a quote version as the buyer's document", () => {
  it("carries the stored prices, tooling, assumptions and terms, valid for the stated days", () => {
    const s = source();
    const result = quoteDocumentFor(s);
    if (!result.ok) throw new Error(result.problems.join("; "));
    const doc = result.document;
    expect(doc).toMatchObject({
      reference: "RFQ-2026-00042",
      version: 2,
      issueDate: "2026-03-10",
      validUntil: "2026-04-09",
      currency: "USD",
      part: { number: "BR-100", files: ["bracket-rev-C.pdf", "bracket.step"] },
      material: { designation: "MIM-316L" },
      assumptions: ["Post-sintering sizing of the assembly surface for flatness."],
      notesForBuyer: ["Prices per piece.", "Samples in 6 weeks."],
      terms: { incoterm: { rule: "FCA", place: "our factory" } },
    });
    expect(doc.cavityOptions.map((o) => o.cavities)).toEqual([1, 2]);
    const option = s.quote.prices.options[1]!;
    expect(doc.cavityOptions[1]!.breaks).toEqual(
      option.breaks.map((b) => ({ quantity: b.quantity, unitPrice: b.unitPrice })),
    );
    expect(doc.cavityOptions[1]!.tooling.lines.reduce((sum, l) => sum + l.amount, 0)).toBeCloseTo(option.tooling.total);
    expect(doc.cavityOptions[0]!.leadTimes).toEqual({ toolingToSamplesWeeks: 6, productionWeeks: 4 });
    // The revision the buyer left out is absent (the document says "not stated" in the buyer's language).
    expect(doc.part.revision).toBeUndefined();
  });

  it("names each tooling line's item, and how many cavities or slides, for the buyer's language", () => {
    const result = quoteDocumentFor(source({ ...INPUT, slides: 2 }));
    if (!result.ok) throw new Error(result.problems.join("; "));
    const items = result.document.cavityOptions[1]!.tooling.lines.map((l) => l.item);
    expect(items).toContainEqual({ kind: "mould_base" });
    expect(items).toContainEqual({ kind: "cavities", count: 2 });
    expect(items).toContainEqual({ kind: "slides", count: 2 });
  });

  it("shows amortised unit prices beside the separate-tooling price when amortisation is chosen", () => {
    const result = quoteDocumentFor(source({ ...INPUT, amortiseOver: 100_000 }));
    if (!result.ok) throw new Error(result.problems.join("; "));
    const option = result.document.cavityOptions[0]!;
    expect(option.amortisedOver).toBe(100_000);
    for (const b of option.breaks) expect(b.amortisedUnitPrice!).toBeGreaterThan(b.unitPrice);
  });

  it("says why a version cannot make a document", () => {
    const s = source();
    const result = quoteDocumentFor({ ...s, quote: { ...s.quote, currency: "dollars" } });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toContainEqual(
      expect.stringContaining("currency: use a three-letter ISO 4217"),
    );
  });

  it("prints the prices set by hand, not the computed ones", () => {
    const s = source();
    const overridden = applyOverrides(s.quote.prices, [
      { cavities: 2, quantity: 10_000, lineId: "unitPrice", amount: 1.23, reason: "Target price" },
      { cavities: 1, quantity: null, lineId: "mould_base", amount: 7_000, reason: "Reused base" },
    ]);
    if (!overridden.ok) throw new Error(overridden.problem);
    const result = quoteDocumentFor({ ...s, quote: { ...s.quote, prices: overridden.model } });
    if (!result.ok) throw new Error(result.problems.join("; "));
    expect(result.document.cavityOptions[1]!.breaks[1]).toEqual({ quantity: 10_000, unitPrice: 1.23 });
    expect(result.document.cavityOptions[0]!.tooling.lines[0]).toEqual({
      label: "Mould base",
      amount: 7_000,
      item: { kind: "mould_base" },
    });
  });

  it("states the exchange rate of a quote converted from the rates' currency", () => {
    const s = source();
    const exchange: ExchangeRate = { from: "EUR", to: "USD", rate: 1.085, date: "2026-11-28", source: "ECB" };
    const result = quoteDocumentFor({
      ...s,
      quote: {
        ...s.quote,
        currency: "USD",
        prices: convertModel(s.quote.prices, exchange),
        terms: { ...s.quote.terms, exchangeRate: exchange },
      },
    });
    if (!result.ok) throw new Error(result.problems.join("; "));
    expect(result.document.conversion).toEqual(exchange);
    expect(conversionStatement(result.document.conversion!)).toBe(
      "Prices converted from EUR at 1 EUR = 1.0850 USD, 2026-11-28 (ECB).",
    );
    expect(result.document.cavityOptions[0]!.breaks[0]!.unitPrice).toBeCloseTo(
      s.quote.prices.options[0]!.breaks[0]!.unitPrice * 1.085,
      9,
    );
    const wrong = quoteDocumentFor({
      ...s,
      quote: { ...s.quote, currency: "GBP", terms: { ...s.quote.terms, exchangeRate: exchange } },
    });
    expect(wrong).toMatchObject({ ok: false, problems: [expect.stringContaining("conversion.to")] });
  });
});
