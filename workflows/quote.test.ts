import { describe, expect, it } from "vitest";
import { priceParts, type CostModelInput } from "./cost-model";
import {
  applyOverrides,
  approvalFigures,
  approvalReason,
  overridableLines,
  overridesChanged,
  type LineOverride,
} from "./quote";
import { defaultRateValues } from "./rates";

const INPUT: CostModelInput = {
  materialId: "mim-316l",
  annualVolume: 50_000,
  application: null,
  part: { kind: "entered", massG: 12.5, footprintMm2: 600 },
  sizing: true,
  operations: [],
  quantities: [1_000, 10_000],
  cavities: [1, 2],
};

function model() {
  const priced = priceParts(INPUT, defaultRateValues());
  if (!priced.ok) throw new Error(priced.problems.join(" "));
  return priced.model;
}

const price = (o: Partial<LineOverride>): LineOverride => ({
  cavities: 2,
  quantity: 1_000,
  lineId: "unitPrice",
  amount: 1.5,
  reason: "Matches the buyer's target",
  ...o,
});

describe("prices set by hand", () => {
  it("replaces a unit price and a tooling line, keeping the computed figure and the reason beside them", () => {
    const before = model();
    const result = applyOverrides(before, [
      price({ amount: 1.5 }),
      price({ quantity: null, lineId: "t1_samples", amount: 0, reason: "Samples free for a repeat customer" }),
    ]);
    if (!result.ok) throw new Error(result.problem);
    const [b0, b1] = before.options[1]!.breaks;
    const [a0, a1] = result.model.options[1]!.breaks;
    expect(a0).toMatchObject({
      unitPrice: 1.5,
      extendedPrice: 1_500,
      cost: b0!.cost,
      handSet: { computed: b0!.unitPrice, reason: "Matches the buyer's target" },
    });
    expect(a1).toEqual(b1);
    const t1 = before.options[1]!.tooling.lines.find((l) => l.id === "t1_samples")!;
    const tooling = result.model.options[1]!.tooling;
    expect(tooling.lines.find((l) => l.id === "t1_samples")).toMatchObject({
      amount: 0,
      handSet: { computed: t1.amount, reason: "Samples free for a repeat customer" },
    });
    expect(tooling.total).toBeCloseTo(before.options[1]!.tooling.total - t1.amount, 9);
    // The other option and the input model are untouched.
    expect(result.model.options[0]).toEqual(before.options[0]);
    expect(before.options[1]!.breaks[0]!.handSet).toBeUndefined();
  });

  it.each([
    [price({ cavities: 4 }), "There is no longer a 4-cavity option"],
    [price({ quantity: 5_000 }), "no longer prices 5,000 parts with the 2-cavity tool"],
    [price({ quantity: null, lineId: "hot_runner" }), 'no longer has the line "hot_runner"'],
  ])("reports an override that matches no line, with its index: %j", (stale, problem) => {
    const result = applyOverrides(model(), [price({}), stale]);
    expect(result).toMatchObject({ ok: false, index: 1 });
    expect(!result.ok && result.problem).toContain(problem);
  });

  it("re-judges approval on the hand-set price: near cost falls below the margin floor", () => {
    const before = model();
    const thresholds = { aboveTotal: Number.POSITIVE_INFINITY, belowMarginShare: 0.12 };
    expect(approvalReason(approvalFigures(before), thresholds)).toBeNull();
    const cost = before.options[0]!.breaks[0]!.cost;
    const result = applyOverrides(before, [price({ cavities: 1, amount: cost * 1.05 })]);
    if (!result.ok) throw new Error(result.problem);
    expect(approvalFigures(result.model).lowestMarginShare).toBeCloseTo(0.05 / 1.05, 9);
    expect(approvalReason(approvalFigures(result.model), thresholds)).toBe("Its margin is below the margin floor.");
  });

  it("lists every figure that may be set by hand, with the computed figure under an override", () => {
    const before = model();
    const set = price({ amount: 1.5 });
    const result = applyOverrides(before, [set]);
    if (!result.ok) throw new Error(result.problem);
    const lines = overridableLines(result.model, [set]);
    const toolingLines = before.options.reduce((n, o) => n + o.tooling.lines.length, 0);
    expect(lines).toHaveLength(2 * 2 + toolingLines);
    expect(lines.slice(0, 2).map((l) => [l.cavities, l.quantity, l.label])).toEqual([
      [1, 1_000, "Unit price, 1,000 parts"],
      [1, 10_000, "Unit price, 10,000 parts"],
    ]);
    const overridden = lines.find((l) => l.cavities === 2 && l.quantity === 1_000)!;
    expect(overridden).toMatchObject({ computed: before.options[1]!.breaks[0]!.unitPrice, set });
    expect(lines.find((l) => l.cavities === 2 && l.lineId === "sizing_die")).toMatchObject({
      quantity: null,
      label: "Tooling: Sizing die",
      set: undefined,
    });
  });

  it("tells a change of the hand-set prices from the same list in another order", () => {
    const a = price({});
    const b = price({ quantity: null, lineId: "mould_base", amount: 9_000 });
    expect(overridesChanged([a, b], [b, { ...a, reason: ` ${a.reason} ` }])).toBe(false);
    expect(overridesChanged([a, b], [a])).toBe(true);
    expect(overridesChanged([a], [{ ...a, amount: 1.6 }])).toBe(true);
    expect(overridesChanged([a], [{ ...a, reason: "Another reason" }])).toBe(true);
    expect(overridesChanged([], [])).toBe(false);
  });
});
