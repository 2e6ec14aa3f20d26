import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  priceParts,
  suggestCavities,
  type CavityCount,
  type CostModel,
  type CostModelInput,
  defaultQuantityBreaks,
} from "./cost-model";
import { approvalFigures } from "./quote";
import { gate3Choices } from "./quote-inputs";
import { defaultRateValues, RATE_DEFINITIONS, rateValueProblem, type RateValues } from "./rates";
import { SECONDARY_OPERATIONS, type SecondaryOperation } from "./review-domain";

/** Round figures so every expected price below can be worked by hand. */
const RATES: RateValues = {
  ...defaultRateValues(),
  "feedstock.mim-316l": 20,
  binderMassShare: 0.2,
  runnerPerShotG: 8,
  regrindShare: 0.25,
  machineRatePerHour: 36,
  cycleTimeS: 36,
  moldingEfficiency: 1,
  hoursPerYear: 6000,
  maxUtilisation: 0.8,
  furnaceRunCost: 50,
  furnaceLoadAreaMm2: 30_000,
  trayPacking: 1.5,
  yieldMolding: 1,
  yieldDebinding: 1,
  yieldSintering: 0.8,
  yieldSizing: 0.5,
  yieldInspection: 1,
  sizingPerPart: 0.3,
  "operation.tapping.setup": 100,
  "operation.tapping.run": 0.2,
  "operation.passivation.setup": 50,
  "operation.passivation.run": 0.1,
  inspectionPerPart: 0.1,
  packagingPerPart: 0.05,
  overheadShare: 0.1,
  marginShare: 0.2,
  mouldBase: 1000,
  firstCavity: 10_000,
  furtherCavityShare: 0.5,
  slideShare: 0.2,
  hotRunner: 3000,
  sizingDie: 2000,
  setters: 700,
  t1Samples: 500,
  faiPpap: 300,
};

const BASE: CostModelInput = {
  materialId: "mim-316l",
  annualVolume: 100_000,
  application: null,
  part: { kind: "entered", massG: 8 },
  partsPerLoad: 100,
  sizing: false,
  operations: [],
  quantities: [1000, 10_000],
  cavities: [1, 2],
};

function model(input: Partial<CostModelInput>, rates: RateValues = RATES): CostModel {
  const result = priceParts({ ...BASE, ...input }, rates);
  if (!result.ok) throw new Error(result.problems.join(" "));
  return result.model;
}

const prices = (m: CostModel) => m.options.map((o) => o.breaks.map((b) => b.unitPrice));
const line = (m: CostModel, id: string, option = 0, brk = 0) =>
  m.options[option]!.breaks[brk]!.lines.find((l) => l.id === id)?.amount;

describe("the cost model, worked by hand", () => {
  it("prices each cavity option and each quantity break, every term in the build-up", () => {
    const m = model({});
    // 1 cavity: feedstock (8 g / 0.8 + 8 g runner x 0.75) = 16 g x 20/kg / 0.8 yield = 0.40;
    // molding 36/h / 100 parts/h / 0.8 = 0.45; furnace 50 / (100 x 0.8) = 0.625; inspection 0.10; packaging 0.05.
    expect(line(m, "feedstock")).toBeCloseTo(0.4, 10);
    expect(line(m, "molding")).toBeCloseTo(0.45, 10);
    expect(line(m, "furnace")).toBeCloseTo(0.625, 10);
    const first = m.options[0]!.breaks[0]!;
    expect(first.lines.map((l) => l.id)).toEqual(["feedstock", "molding", "furnace", "inspection", "packaging"]);
    expect(first.manufacturingCost).toBeCloseTo(1.625, 10);
    expect(first.overhead.amount).toBeCloseTo(0.1625, 10);
    expect(first.cost).toBeCloseTo(1.7875, 10);
    expect(first.unitPrice).toBeCloseTo(2.234375, 10);
    expect(first.extendedPrice).toBeCloseTo(2234.375, 7);
    // 2 cavities: 13 g of feedstock -> 0.325; molding 0.225; mfg 1.325 -> 1.4575 -> 1.821875.
    expect(prices(m)).toEqual([
      [expect.closeTo(2.234375, 10), expect.closeTo(2.234375, 10)],
      [expect.closeTo(1.821875, 10), expect.closeTo(1.821875, 10)],
    ]);
    expect(m.options.map((o) => o.cavities)).toEqual([1, 2]);
    expect(m.options[0]!.breaks.map((b) => b.quantity)).toEqual([1000, 10_000]);
    expect(m.combinedYield).toBeCloseTo(0.8, 10);
  });

  it("adds sizing only when gate 3 decided it: a line per part, its yield, and a sizing die in tooling", () => {
    const none = model({ cavities: [1] });
    const sized = model({ cavities: [1], sizing: true });
    // Combined yield 0.8 x 0.5 = 0.4: feedstock 0.32 / 0.4 = 0.8, molding 0.9,
    // furnace 50 / 80 / 0.5 = 1.25, sizing 0.3 / 0.5 = 0.6, +0.15 -> 3.7 -> 4.07 -> 5.0875.
    expect(sized.combinedYield).toBeCloseTo(0.4, 10);
    expect(line(sized, "sizing")).toBeCloseTo(0.6, 10);
    expect(line(sized, "furnace")).toBeCloseTo(1.25, 10);
    expect(sized.options[0]!.breaks[0]!.unitPrice).toBeCloseTo(5.0875, 10);
    expect(line(none, "sizing")).toBeUndefined();
    expect(none.yields.map((y) => y.stage)).toEqual(["molding", "debinding", "sintering", "inspection"]);
    expect(sized.options[0]!.tooling.lines.find((l) => l.id === "sizing_die")?.amount).toBe(2000);
    expect(none.options[0]!.tooling.lines.find((l) => l.id === "sizing_die")).toBeUndefined();
    expect(sized.options[0]!.tooling.total - none.options[0]!.tooling.total).toBe(2000);
  });

  it("spreads each operation's set-up over every quantity break: zero against two operations", () => {
    const zero = model({ cavities: [1] });
    const two = model({ cavities: [1], operations: ["tapping", "passivation"] });
    // At 1000: tapping 100/1000 + 0.2 = 0.3, passivation 50/1000 + 0.1 = 0.15 -> mfg 2.075 -> 2.853125.
    // At 10000: 0.21 + 0.105 -> mfg 1.94 -> 2.6675.
    expect(line(two, "operation:tapping", 0, 0)).toBeCloseTo(0.3, 10);
    expect(line(two, "operation:passivation", 0, 1)).toBeCloseTo(0.105, 10);
    expect(prices(two)).toEqual([[expect.closeTo(2.853125, 10), expect.closeTo(2.6675, 10)]]);
    expect(prices(zero)).toEqual([[expect.closeTo(2.234375, 10), expect.closeTo(2.234375, 10)]]);
    expect(two.options[0]!.breaks[0]!.lines.find((l) => l.id === "operation:tapping")!.label).toBe("Tapping");
  });

  it("takes the mass from the measured model (volume x density) or as entered", () => {
    // 1000 mm³ of MIM-316L at 7.85 g/cm³ = 7.85 g; 20 x 10 mm footprint x 1.5 = 300 mm² -> 100 parts a load.
    const measured = model({
      part: { kind: "measured", volumeMm3: 1000, sizeMm: [5, 20, 10], watertight: true },
      partsPerLoad: null,
    });
    const entered = model({ part: { kind: "entered", massG: 7.85 }, partsPerLoad: 100 });
    expect(measured.mass.sinteredG).toBeCloseTo(7.85, 10);
    expect(measured.mass.source).toContain("7.85 g/cm³");
    expect(measured.partsPerLoad.value).toBe(100);
    expect(entered.mass.source).toBe("entered: 7.85 g");
    // Feedstock (7.85 / 0.8 + 6) = 15.8125 g x 0.02 / 0.8 = 0.3953125.
    expect(line(measured, "feedstock")).toBeCloseTo(0.3953125, 10);
    expect(prices(measured)).toEqual(prices(entered));
  });

  it("says what is missing rather than guess a mass or a load", () => {
    const open = priceParts(
      { ...BASE, part: { kind: "measured", volumeMm3: 1000, sizeMm: [5, 20, 10], watertight: false } },
      RATES,
    );
    const noDensity = priceParts(
      { ...BASE, materialId: "h13", part: { kind: "measured", volumeMm3: 1000, sizeMm: [5, 5, 5], watertight: true } },
      RATES,
    );
    const noLoad = priceParts({ ...BASE, partsPerLoad: null }, RATES);
    const noMaterial = priceParts({ ...BASE, materialId: "recommend" }, RATES);
    expect(open).toEqual({ ok: false, problems: [expect.stringContaining("mesh is open")] });
    expect(noDensity).toEqual({ ok: false, problems: [expect.stringContaining("No density is known for H13")] });
    expect(noLoad).toEqual({ ok: false, problems: [expect.stringContaining("parts per furnace load")] });
    expect(noMaterial.ok).toBe(false);
    expect(priceParts({ ...BASE, cavities: [] }, RATES)).toEqual({
      ok: false,
      problems: ["Price at least one cavity option, each of 1, 2, 4 or 8 cavities."],
    });
  });

  it("uses no regrind for medical or aerospace parts, and says why", () => {
    const medical = model({ cavities: [1], application: "Surgical instrument handle, ISO 13485" });
    const consumer = model({ cavities: [1], application: "Watch case" });
    expect(medical.regrind.share).toBe(0);
    expect(medical.regrind.reason).toMatch(/^No regrind: the application mentions "Surgical"/);
    expect(consumer.regrind.share).toBe(0.25);
    // 10 g + 8 g runner, none reground: 18 g x 0.02 / 0.8 = 0.45.
    expect(line(medical, "feedstock")).toBeCloseTo(0.45, 10);
    expect(model({ cavities: [1], application: "aircraft seat bracket" }).regrind.share).toBe(0);
  });

  it("labels margin and markup and prices them differently: a 30 % markup is a 23 % margin", () => {
    const margin = model({ cavities: [1], profit: { basis: "margin", share: 0.3 } });
    const markup = model({ cavities: [1], profit: { basis: "markup", share: 0.3 } });
    const [a, b] = [margin.options[0]!.breaks[0]!, markup.options[0]!.breaks[0]!];
    expect(a.unitPrice).toBeCloseTo(1.7875 / 0.7, 10);
    expect(b.unitPrice).toBeCloseTo(1.7875 * 1.3, 10);
    expect(a.profit.label).toBe("Margin (share of the price)");
    expect(b.profit.label).toBe("Markup (share of the cost)");
    expect(b.profit.amount / b.unitPrice).toBeCloseTo(0.3 / 1.3, 10);
    expect(
      model({ cavities: [1], profit: { basis: "margin", share: 0.3 / 1.3 } }).options[0]!.breaks[0]!.unitPrice,
    ).toBeCloseTo(b.unitPrice, 10);
  });

  it("prices the tooling apart, per cavity option, and amortises it only when asked", () => {
    const m = model({ cavities: [1, 2] });
    expect(m.options.map((o) => o.tooling.total)).toEqual([11_800, 16_800]);
    const full = model({ cavities: [4], slides: 1, hotRunner: true, sizing: true, needsSetters: true });
    // 1000 base + (10000 + 3 x 5000) cavities + 20 % slide + 3000 + 2000 + 700 + 500 + 300.
    expect(full.options[0]!.tooling.lines.map((l) => [l.id, l.amount])).toEqual([
      ["mould_base", 1000],
      ["cavities", 25_000],
      ["slides", 5000],
      ["hot_runner", 3000],
      ["sizing_die", 2000],
      ["setters", 700],
      ["t1_samples", 500],
      ["fai_ppap", 300],
    ]);
    expect(full.options[0]!.tooling.total).toBe(37_500);
    const amortised = model({ cavities: [1], amortiseOver: 11_800 });
    expect(amortised.options[0]!.breaks[0]!.amortisation?.amount).toBeCloseTo(1, 10);
    expect(amortised.options[0]!.breaks[0]!.unitPrice).toBeCloseTo(2.234375 + 1, 10);
    expect(m.options[0]!.breaks[0]!.amortisation).toBeNull();
    expect(m.toolingTerms).toEqual({
      shotLife: 500_000,
      ownership: "Title to the tooling passes to the buyer on payment of the tooling invoice.",
      payments: [
        { share: 0.5, when: "with the order" },
        { share: 0.5, when: "on sample approval" },
      ],
    });
  });

  it.each([
    // One tool of c cavities needs volume / (0.8 yield x c x 100 parts/h x 6000 h) of the year: at most 80 %.
    [100_000, [1, 2, 4]],
    [500_000, [2, 4, 8]],
    [1_000_000, [4, 8]],
    [2_000_000, [8]],
  ])("suggests cavity options for %i parts a year so one tool runs at most 80 %%", (volume, expected) => {
    expect(suggestCavities(volume, 0.8, RATES)).toEqual(expected);
    const m = model({ annualVolume: volume, cavities: undefined });
    expect(m.options.map((o) => o.cavities)).toEqual(expected);
    expect(m.options.every((o) => o.withinCapacity && o.utilisation <= 0.8)).toBe(true);
  });

  it("says how many tools a volume beyond one 8-cavity tool needs", () => {
    const m = model({ annualVolume: 5_000_000, cavities: undefined });
    expect(m.options.map((o) => [o.cavities, o.withinCapacity])).toEqual([[8, false]]);
    expect(m.notes).toEqual([expect.stringContaining("plan 2 tools")]);
  });

  it("suggests order quantities from the annual volume when none are given", () => {
    expect(defaultQuantityBreaks(100_000)).toEqual([8300, 25_000, 100_000]);
    expect(defaultQuantityBreaks(12)).toEqual([1, 3, 12]);
  });

  it("reads sizing and the operations from gate 3's stored decision", () => {
    expect(gate3Choices({ sizingRequired: "yes", secondary: ["tapping"], sizingFeature: "A" })).toEqual({
      sizing: true,
      operations: ["tapping"],
    });
    expect(gate3Choices({ sizingRequired: "no" })).toEqual({ sizing: false, operations: [] });
    expect(gate3Choices({ stages: {} })).toBeNull();
  });

  it("ships a valid example for every rate, each with a unit and a source note", () => {
    for (const d of RATE_DEFINITIONS) {
      expect(rateValueProblem(d, d.defaultValue, "USD"), d.key).toBeNull();
      expect(d.unit, d.key).not.toBe("");
      expect(d.source, d.key).not.toBe("");
    }
    const byKey = (key: string) => RATE_DEFINITIONS.find((d) => d.key === key)!;
    expect(rateValueProblem(byKey("binderMassShare"), 1, null)).toBe(
      "Binder share of the feedstock mass: enter a number from 0 to 50 % of feedstock mass.",
    );
    expect(rateValueProblem(byKey("yieldSintering"), 0, null)).toBe(
      "Yield of sintering: enter a number from 10 to 100 % good.",
    );
    expect(rateValueProblem(byKey("shotLife"), 1500.5, null)).toBe(
      "Mould life before maintenance: enter a whole number from 1000 to 10000000 shots.",
    );
    for (const value of [1e308, Infinity, NaN, -1])
      expect(rateValueProblem(byKey("machineRatePerHour"), value, "EUR")).toBe(
        "Molding machine rate: enter a number from 0 to 10000 EUR/h.",
      );
    expect(RATE_DEFINITIONS.find((d) => d.key === "runnerPerShotG")!.example).toBe(true);
    expect(RATE_DEFINITIONS.find((d) => d.key === "moldingEfficiency")!.example).toBe(false);
    // Notes that start "example:" cite a range, not the figure itself: still examples.
    expect(RATE_DEFINITIONS.find((d) => d.key === "feedstock.mim-316l")!.example).toBe(true);
    expect(RATE_DEFINITIONS.find((d) => d.key === "machineRatePerHour")!.example).toBe(false);
  });
});

// ---- properties ---------------------------------------------------------------------------------

/** Any rates an administrator could save (within rateValueProblem's bounds). */
const ratesArb: fc.Arbitrary<RateValues> = fc.record(
  Object.fromEntries(
    RATE_DEFINITIONS.map((d) => {
      if (d.kind === "share")
        return [d.key, fc.double({ min: d.group === "yield" ? 0.5 : 0.01, max: 0.95, noNaN: true })];
      if (d.kind === "count") return [d.key, fc.integer({ min: 1, max: 1_000_000 })];
      if (d.kind === "quantity") return [d.key, fc.double({ min: 0.5, max: 100_000, noNaN: true })];
      return [d.key, fc.double({ min: 0, max: 50_000, noNaN: true })];
    }),
  ),
);

const OPERATION_IDS = SECONDARY_OPERATIONS.map((o) => o.id);

const inputArb: fc.Arbitrary<CostModelInput> = fc.record({
  materialId: fc.constantFrom("mim-316l", "ti-6al-4v", "mim-4605"),
  annualVolume: fc.integer({ min: 1, max: 5_000_000 }),
  application: fc.constantFrom(null, "medical implant", "garden tools"),
  part: fc.record({ kind: fc.constant("entered" as const), massG: fc.double({ min: 0.02, max: 500, noNaN: true }) }),
  partsPerLoad: fc.integer({ min: 1, max: 10_000 }),
  sizing: fc.boolean(),
  operations: fc.subarray(OPERATION_IDS) as fc.Arbitrary<SecondaryOperation[]>,
  quantities: fc.uniqueArray(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 6 }),
  cavities: fc.subarray([1, 2, 4, 8] as CavityCount[], { minLength: 1 }),
  slides: fc.integer({ min: 0, max: 3 }),
  hotRunner: fc.boolean(),
  needsSetters: fc.boolean(),
  profit: fc.oneof(
    fc.record({ basis: fc.constant("margin" as const), share: fc.double({ min: 0, max: 0.9, noNaN: true }) }),
    fc.record({ basis: fc.constant("markup" as const), share: fc.double({ min: 0, max: 3, noNaN: true }) }),
  ),
});

function priced(input: CostModelInput, rates: RateValues): CostModel {
  const result = priceParts(input, rates);
  if (!result.ok) throw new Error(result.problems.join(" "));
  return result.model;
}

const atMost = (a: number, b: number) => a <= b + Math.abs(b) * 1e-12 + 1e-12;
/** Equal but for floating-point rounding, relative to the size of the figures. */
const near = (a: number, b: number) => Math.abs(a - b) <= Math.max(Math.abs(a), Math.abs(b)) * 1e-9 + 1e-12;

describe("the cost model's properties", () => {
  it("never raises the unit price as the quantity grows, for the same cavity option", () => {
    fc.assert(
      fc.property(inputArb, ratesArb, (input, rates) => {
        for (const option of priced(input, rates).options) {
          const byQuantity = [...option.breaks].sort((a, b) => a.quantity - b.quantity);
          for (let i = 1; i < byQuantity.length; i++)
            expect(atMost(byQuantity[i]!.unitPrice, byQuantity[i - 1]!.unitPrice)).toBe(true);
        }
      }),
    );
  });

  it("never puts the tooling in the piece price unless amortisation is chosen", () => {
    const toolingKeys = RATE_DEFINITIONS.filter((d) => d.group === "tooling" && d.kind === "money").map((d) => d.key);
    fc.assert(
      fc.property(
        inputArb,
        ratesArb,
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (input, rates, factor, over) => {
          const dearTools = { ...rates, ...Object.fromEntries(toolingKeys.map((k) => [k, rates[k]! * factor])) };
          const base = priced(input, rates);
          expect(prices(priced(input, dearTools))).toEqual(prices(base));
          const amortised = priced({ ...input, amortiseOver: over }, rates);
          amortised.options.forEach((option, o) =>
            option.breaks.forEach((b, i) => {
              expect(near(b.amortisation!.amount, option.tooling.total / over)).toBe(true);
              // Compared as a sum: a tiny piece price beside a large tooling share loses its digits in a difference.
              expect(near(b.unitPrice, base.options[o]!.breaks[i]!.unitPrice + b.amortisation!.amount)).toBe(true);
            }),
          );
        },
      ),
    );
  });

  it("prices with finite figures, and a finite margin, for any rates an administrator can save", () => {
    // Each rate anywhere in its range, its bounds included: what the rates form lets through.
    const savableRates: fc.Arbitrary<RateValues> = fc.record(
      Object.fromEntries(
        RATE_DEFINITIONS.map(({ key, range }) => [
          key,
          range.integer
            ? fc.integer({ min: range.min, max: range.max })
            : fc.double({ min: range.min, max: range.max, noNaN: true }),
        ]),
      ),
    );
    fc.assert(
      fc.property(inputArb, savableRates, (input, rates) => {
        const model = priced(input, rates);
        expect(prices(model).flat().every(Number.isFinite)).toBe(true);
        const figures = approvalFigures(model);
        expect(Number.isFinite(figures.total) && Number.isFinite(figures.lowestMarginShare)).toBe(true);
      }),
    );
  });

  it("never raises the price when an operation is removed", () => {
    fc.assert(
      fc.property(
        inputArb.filter((i) => i.operations.length > 0),
        ratesArb,
        fc.nat(),
        (input, rates, pick) => {
          const removed = input.operations[pick % input.operations.length]!;
          const fewer = { ...input, operations: input.operations.filter((op) => op !== removed) };
          const before = prices(priced(input, rates));
          const after = prices(priced(fewer, rates));
          after.forEach((row, o) => row.forEach((p, i) => expect(atMost(p, before[o]![i]!)).toBe(true)));
        },
      ),
    );
  });
});
