import { describe, expect, it } from "vitest";
import { asSinteredToleranceMm, preAssess, routeTolerance, type PreAssessmentInput } from "./pre-assessment";

const part = (overrides: Partial<PreAssessmentInput> = {}): PreAssessmentInput => ({
  measurements: { sizeMm: [30, 20, 5], volumeMm3: 1500, wall: { p5Mm: 1, medianMm: 2 } },
  material: "mim-17-4ph",
  annualVolume: 50_000,
  criticalDimensions: [],
  flatnessMm: null,
  ...overrides,
});

describe("as-sintered capability", () => {
  it.each([
    [2, 0.05],
    [4, 0.06],
    [10, 0.075],
    [20, 0.15],
    [40, 0.25],
    [100, 0.5],
  ])("holds ± at %s mm nominal: %s mm", (nominal, tolerance) => {
    expect(asSinteredToleranceMm(nominal)).toBeCloseTo(tolerance, 6);
  });
});

describe("tolerance routes", () => {
  it.each([
    [{ label: "Bore", nominalMm: 4, toleranceMm: 0.06 }, "as_sintered"],
    [{ label: "Bore", nominalMm: 4, toleranceMm: 0.04 }, "sizing"],
    [{ label: "Length", nominalMm: 100, toleranceMm: 0.06 }, "sorting"],
    // Either side of the 60 mm band edge: the larger dimension is never the easier one.
    [{ label: "Length", nominalMm: 59, toleranceMm: 0.2 }, "sizing"],
    [{ label: "Length", nominalMm: 61, toleranceMm: 0.2 }, "sizing"],
    [{ label: "Length", nominalMm: 59, toleranceMm: 0.25 }, "as_sintered"],
    [{ label: "Length", nominalMm: 61, toleranceMm: 0.25 }, "sizing"],
    [{ label: "Bore", nominalMm: 4, toleranceMm: 0.01 }, "machining"],
  ] as const)("sends %j to %s", (dimension, route) => {
    expect(routeTolerance(dimension).route).toBe(route);
  });
});

describe("flatness routes", () => {
  it.each([
    [0.5, "as_sintered"],
    [0.2, "sizing"],
    [0.05, "coining"],
  ] as const)("sends %s mm flatness on a 60 mm part (as-sintered 0.3 mm) to %s", (flatness, route) => {
    const routed = preAssess(part({ measurements: { sizeMm: [60, 20, 5], volumeMm3: 1500, wall: null }, flatnessMm: flatness })).routes.at(-1)!;
    expect(routed.route).toBe(route);
    expect(routed.label).toBe("Flatness");
  });
});

describe("the MIM screen", () => {
  it("is green for a small, light 17-4 PH part at 50k a year", () => {
    const result = preAssess(part());
    expect(result.flag).toBe("green");
    expect(result.suggestion).toBe("suitable");
    expect(result.massG).toBeCloseTo(1.5 * 7.65, 6);
  });

  it("is red for a heavy, large machined part, naming each reason", () => {
    const result = preAssess(part({ measurements: { sizeMm: [200, 120, 40], volumeMm3: 300_000, wall: null } }));
    expect(result.flag).toBe("red");
    expect(result.suggestion).toBe("not_suitable");
    expect(result.reasons.filter((r) => r.flag === "red").map((r) => r.text)).toEqual([
      "Estimated mass 2295.0 g is above the 400 g MIM limit.",
      "Largest dimension 200.0 mm is above the 150 mm MIM envelope.",
    ]);
  });

  it("flags low volume, thin or uneven walls and tight tolerances as amber, and suggests sizing", () => {
    const result = preAssess(
      part({
        annualVolume: 3000,
        measurements: { sizeMm: [30, 20, 5], volumeMm3: 1500, wall: { p5Mm: 0.15, medianMm: 2 } },
        criticalDimensions: [{ label: "Bore", nominalMm: 4, toleranceMm: 0.04 }],
        flatnessMm: 0.05,
      }),
    );
    expect(result.flag).toBe("amber");
    expect(result.suggestion).toBe("suitable_with_conditions");
    expect(result.suggestsSizing).toBe(true);
    expect(result.reasons.map((r) => r.text).join(" ")).toMatch(/5th percentile 0.15 mm.*uneven.*3,000 parts a year is low.*Bore.*Flatness: 0.05 mm/);
  });

  it("screens on the inquiry alone when no model could be measured", () => {
    const result = preAssess(part({ measurements: null, annualVolume: 500 }));
    expect(result.flag).toBe("red");
    expect(result.massG).toBeNull();
  });
});
