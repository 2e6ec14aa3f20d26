import { describe, expect, it } from "vitest";
import { priceParts, type CostModelInput } from "./cost-model";
import { conversionStatement, convertModel, rateText, toRatesCurrency, type ExchangeRate } from "./currency";
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
  amortiseOver: 20_000,
};
const EUR_USD: ExchangeRate = { from: "EUR", to: "USD", rate: 1.085, date: "2026-11-28", source: "ECB reference rate" };

function model() {
  const priced = priceParts(INPUT, defaultRateValues());
  if (!priced.ok) throw new Error(priced.problems.join(" "));
  return priced.model;
}

describe("a priced model in the quote's currency", () => {
  it("multiplies every money figure by the rate and leaves quantities, mass and yields alone", () => {
    const before = model();
    const after = convertModel(before, EUR_USD);
    before.options.forEach((o, i) => {
      const c = after.options[i]!;
      expect(c.cavities).toBe(o.cavities);
      expect(c.tooling.total).toBeCloseTo(o.tooling.total * 1.085, 9);
      c.tooling.lines.forEach((l, j) => expect(l.amount).toBeCloseTo(o.tooling.lines[j]!.amount * 1.085, 9));
      o.breaks.forEach((b, j) => {
        const cb = c.breaks[j]!;
        expect(cb.quantity).toBe(b.quantity);
        for (const key of ["unitPrice", "extendedPrice", "cost", "manufacturingCost"] as const)
          expect(cb[key]).toBeCloseTo(b[key] * 1.085, 9);
        expect(cb.profit.amount).toBeCloseTo(b.profit.amount * 1.085, 9);
        expect(cb.overhead.amount).toBeCloseTo(b.overhead.amount * 1.085, 9);
        expect(cb.amortisation!.amount).toBeCloseTo(b.amortisation!.amount * 1.085, 9);
        cb.lines.forEach((l, k) => expect(l.amount).toBeCloseTo(b.lines[k]!.amount * 1.085, 9));
        // The margin is a share of the price: the same in any currency.
        expect((cb.unitPrice - cb.cost) / cb.unitPrice).toBeCloseTo((b.unitPrice - b.cost) / b.unitPrice, 12);
      });
    });
    expect(after.mass).toEqual(before.mass);
    expect(after.yields).toEqual(before.yields);
    expect(after.notes.at(-1)).toBe(
      "Prices converted from EUR at 1 EUR = 1.0850 USD, 2026-11-28 (ECB reference rate). The workings show the rates in EUR.",
    );
    // The input model is not changed.
    expect(before.notes).not.toContain(after.notes.at(-1));
  });

  it("states the rate with at least four decimals, and converts a total back for the approval limits", () => {
    expect(rateText({ from: "EUR", to: "JPY", rate: 162.3 })).toBe("1 EUR = 162.3000 JPY");
    expect(rateText({ from: "USD", to: "SEK", rate: 10.123456 })).toBe("1 USD = 10.123456 SEK");
    expect(conversionStatement(EUR_USD)).toBe(
      "Prices converted from EUR at 1 EUR = 1.0850 USD, 2026-11-28 (ECB reference rate).",
    );
    expect(toRatesCurrency(1085, EUR_USD)).toBeCloseTo(1000, 9);
    expect(toRatesCurrency(1085, null)).toBe(1085);
  });
});
