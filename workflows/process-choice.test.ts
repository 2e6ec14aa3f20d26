import { describe, expect, it } from "vitest";
import { PRE_ASSESSMENT_SETTINGS, type Measurements } from "./pre-assessment";
import { criteriaWarning, isFlatPlate, suggestProcess, type ProcessChoiceInput } from "./process-choice";

const measured = (overrides: Partial<Measurements> = {}): Measurements => ({
  sizeMm: [30, 20, 5],
  volumeMm3: 1500,
  watertight: true,
  unit: { unit: "mm", source: "file" },
  wall: { p5Mm: 1, medianMm: 2, p95Mm: 3, thickestAt: null },
  ...overrides,
});
// A 60 x 40 x 2 mm plate whose walls all measure about 2 mm.
const plate = measured({ sizeMm: [60, 40, 2], wall: { p5Mm: 1.9, medianMm: 2, p95Mm: 2.05, thickestAt: null } });

const input = (overrides: Partial<ProcessChoiceInput> = {}): ProcessChoiceInput => ({
  material: "mim-17-4ph",
  annualVolume: 50_000,
  measurements: measured(),
  massG: 11.5,
  criticalDimensions: [],
  ...overrides,
});

describe("the better process for a part MIM does not suit", () => {
  it("names stamping for a flat plate, or fine blanking when it has critical dimensions", () => {
    expect(suggestProcess(input({ measurements: plate }))).toMatchObject({
      process: "stamping",
      label: "Stamping",
      reason: "A flat plate of even 2.0 mm thickness: stamping or fine blanking cuts it from sheet at full density.",
    });
    expect(
      suggestProcess(
        input({ measurements: plate, criticalDimensions: [{ label: "Hole", nominalMm: 5, toleranceMm: 0.02 }] }),
      ),
    ).toMatchObject({ process: "fine_blanking", label: "Fine blanking" });
  });

  it("names CNC machining at 50 parts a year", () => {
    expect(suggestProcess(input({ annualVolume: 50 }))).toMatchObject({
      process: "cnc_machining",
      reason: "50 parts a year does not pay back a MIM mould (from about 1,000); CNC machining needs no tooling.",
    });
  });

  it("names metal 3D printing for a complex part at very low volume, CNC above that", () => {
    const complex = { criteria: ["complex_geometry", "undercuts"] };
    expect(suggestProcess(input({ annualVolume: 20, ...complex }))?.process).toBe("metal_3d_printing");
    expect(suggestProcess(input({ annualVolume: 500, ...complex }))?.process).toBe("cnc_machining");
  });

  it("names investment casting for a large or heavy part, and for sections too thick to debind", () => {
    expect(suggestProcess(input({ measurements: measured({ sizeMm: [180, 60, 20] }), massG: 900 }))).toMatchObject({
      process: "investment_casting",
      reason: "A part 180 mm long and 900 g is beyond MIM's envelope; investment casting makes larger, heavier parts.",
    });
    const thick = measured({ wall: { p5Mm: 2, medianMm: 8, p95Mm: 15, thickestAt: null } });
    expect(suggestProcess(input({ measurements: thick }))?.process).toBe("investment_casting");
  });

  it("names die casting for aluminium, and nothing for a part MIM suits", () => {
    expect(suggestProcess(input({ material: "Aluminium 6061" }))?.process).toBe("die_casting");
    expect(suggestProcess(input())).toBeNull();
  });

  it("prefers machining over a stamping die for a plate wanted at low volume", () => {
    expect(suggestProcess(input({ measurements: plate, annualVolume: 200 }))?.process).toBe("cnc_machining");
  });

  it("takes its thresholds from the settings", () => {
    expect(isFlatPlate(plate)).toBe(true);
    expect(isFlatPlate(measured())).toBe(false);
    // A stricter plate ratio: 2 mm on 40 mm (0.05) is no longer thin enough.
    expect(isFlatPlate(plate, { ...PRE_ASSESSMENT_SETTINGS, flatPlateThicknessRatio: 0.04 })).toBe(false);
  });
});

describe("the ticked criteria against the outcome", () => {
  it.each([
    [["complex_geometry", "high_volume"], "suitable"],
    [["complex_geometry", "very_low_quantity"], "suitable_with_conditions"],
    [["simple_shape", "very_low_quantity"], "not_suitable"],
    [["complex_geometry", "simple_shape"], "not_suitable"],
    [[], "feedback_only"],
  ] as const)("agree: %j with %s", (criteria, outcome) => {
    expect(criteriaWarning(criteria, outcome)).toBeNull();
  });

  it("warns when an argument against MIM is ticked for a suitable part", () => {
    expect(criteriaWarning(["complex_geometry", "very_low_quantity"], "suitable")).toBe(
      'You ticked "Very low quantity", which argues against MIM, yet chose "suitable": choose "suitable with conditions" and state them, or untick it.',
    );
  });

  it("warns when only arguments for MIM are ticked for an unsuitable part", () => {
    expect(criteriaWarning(["complex_geometry", "high_volume"], "not_suitable")).toBe(
      'Every criterion you ticked ("Complex geometry", "High-volume demand") favours MIM, yet you chose "not suitable": tick what argues against it.',
    );
  });

  it("warns when nothing ticked supports the verdict", () => {
    expect(criteriaWarning([], "suitable")).toContain("without ticking any criterion that favours MIM");
    expect(criteriaWarning([], "not_suitable")).toContain("without ticking any criterion that argues against MIM");
    expect(criteriaWarning(["simple_shape"], "suitable_with_conditions")).toContain("argues against MIM");
  });
});
