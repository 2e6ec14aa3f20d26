import { describe, expect, it } from "vitest";
import { measuredFrom, prefillInputs, quoteAssumptions, stageRiskAssumptions } from "./quote-prefill";
import { gate3Payload } from "./sizing-decision";

const bracket = {
  sizingRequired: "yes",
  sizingRequirement: "flatness",
  sizingFeature: "assembly surface",
  sizingReason: "0.03 mm flatness on the mating face",
  secondary: ["cnc_machining"],
  secondaryReasons: { cnc_machining: "the bore, H7" },
  inspection: ["dimensions", "density"],
};

describe("the quote's assumptions from the review", () => {
  it("words the worked bracket's gate 3 decision as the domain notes do", () => {
    expect(quoteAssumptions(bracket)).toEqual([
      "Post-sintering sizing of the assembly surface for flatness.",
      "As-sintered tolerances elsewhere, except where a secondary operation below applies.",
      "CNC machining of critical surfaces: the bore, H7.",
      "Inspection: Dimensions, density.",
    ]);
  });

  it("writes a feature typed as a heading in lower case inside the sentence, but keeps codes and acronyms", () => {
    const sized = (sizingFeature: string) => quoteAssumptions({ ...bracket, sizingFeature })[0];
    expect(sized("Assembly surface")).toBe("Post-sintering sizing of the assembly surface for flatness.");
    expect(sized("The mating face")).toBe("Post-sintering sizing of the mating face for flatness.");
    expect(sized("ID bore")).toBe("Post-sintering sizing of the ID bore for flatness.");
    expect(sized("A-datum face")).toBe("Post-sintering sizing of the A-datum face for flatness.");
  });

  it("says as-sintered throughout when nothing is sized or machined", () => {
    expect(quoteAssumptions({ sizingRequired: "no" })).toEqual([
      "As-sintered tolerances throughout, without post-sintering sizing.",
    ]);
  });

  it("gives no assumptions for a payload that is not a gate 3 decision", () => {
    expect(quoteAssumptions({ stages: {} })).toEqual([]);
    expect(quoteAssumptions(null)).toEqual([]);
  });
});

describe("the cost model's inputs from the review", () => {
  it("takes sizing and operations from gate 3 and the part from the first measured model", () => {
    const part = measuredFrom([
      { metrics: null },
      { metrics: { volumeMm3: 1200, sizeMm: [30, 20, 4], watertight: true, triangles: 12 } },
    ]);
    expect(part).toEqual({ kind: "measured", volumeMm3: 1200, sizeMm: [30, 20, 4], watertight: true });
    const prefill = prefillInputs({
      material: "mim-316l",
      annualVolume: 50_000,
      application: "Industrial",
      gate3Payload: bracket,
      part,
    });
    expect(prefill.inputs).toMatchObject({
      materialId: "mim-316l",
      annualVolume: 50_000,
      sizing: true,
      operations: ["cnc_machining"],
    });
    expect(prefill.inputs.quantities.length).toBeGreaterThan(0);
    expect(prefill.part).toBe(part);
  });

  it("reads the workspace's stored gate 3 with several features and the new operations", () => {
    const payload = gate3Payload({
      sizingRequired: true,
      sizingFeatures: [
        { feature: "Assembly surface", requirement: "flatness", reason: "0.03 mm on the mating face" },
        { feature: "Pin bore", requirement: "roundness", reason: "0.01 mm for the press fit" },
      ],
      secondary: ["coining", "sorting_100", "hip", "pvd"],
      secondaryReasons: { coining: "Note 3", sorting_100: "Note 4", hip: "Note 5", pvd: "Note 6" },
      inspection: [],
      inspectionNotes: "",
    });
    expect(quoteAssumptions(payload).slice(0, 2)).toEqual([
      "Post-sintering sizing of the assembly surface for flatness.",
      "Post-sintering sizing of the pin bore for roundness.",
    ]);
    const prefill = prefillInputs({
      material: "mim-316l",
      annualVolume: 50_000,
      application: null,
      gate3Payload: payload,
      part: null,
    });
    expect(prefill.inputs).toMatchObject({ sizing: true, operations: ["coining", "sorting_100", "hip", "pvd"] });
  });

  it("asks for the mass when no model was measured, and prices no sizing without a gate 3 decision", () => {
    expect(measuredFrom([{ metrics: { reason: "no model" } }])).toBeNull();
    expect(
      prefillInputs({ material: "mim-316l", annualVolume: 1000, application: null, gate3Payload: {}, part: null }),
    ).toMatchObject({ inputs: { sizing: false, operations: [] }, part: null });
  });
});

describe("the stage-risk notes offered as assumptions", () => {
  it("offers each stage's notes in process order, one line each, and skips stages without notes", () => {
    const payload = {
      stages: {
        sintering: {
          level: "high",
          checked: ["distortion"],
          notes: "Long arm supported on a setter\n  during sintering",
        },
        feedstock: { level: "low", checked: [], notes: "Standard 316L feedstock from the usual supplier." },
        injection: { level: "medium", checked: [], notes: "   " },
        debinding: { level: "low", checked: [] },
      },
      overall: { level: "high" },
    };
    expect(stageRiskAssumptions(payload)).toEqual([
      {
        stage: "feedstock",
        text: "Feedstock preparation: Standard 316L feedstock from the usual supplier.",
      },
      { stage: "sintering", text: "Sintering: Long arm supported on a setter; during sintering." },
    ]);
  });

  it("offers nothing for a payload that is not a stage-risk decision", () => {
    expect(stageRiskAssumptions(null)).toEqual([]);
    expect(stageRiskAssumptions({ sizingRequired: "yes" })).toEqual([]);
    expect(stageRiskAssumptions({ stages: { sintering: { level: "extreme", notes: "x" } } })).toEqual([]);
  });
});
