import { describe, expect, it } from "vitest";
import { preAssess } from "./pre-assessment";
import { quoteAssumptions } from "./quote-prefill";
import { gate3Choices } from "./quote-inputs";
import { SECONDARY_OPERATIONS } from "./review-domain";
import {
  gate3Payload,
  prefillGate3,
  readGate3Decision,
  suggestOperations,
  suggestSizingFeatures,
  type Gate3Decision,
} from "./sizing-decision";

// A gate-3 payload as the first version of the form stored it: one sizing feature, flat fields.
const OLD_SHAPE = {
  version: 7,
  sizingRequired: "yes",
  sizingRequirement: "flatness",
  sizingFeature: "Assembly surface A",
  sizingReason: "0.05 mm flatness is beyond as-sintered 0.15 mm.",
  secondary: ["passivation"],
  secondaryReasons: { passivation: "Drawing note 4" },
  inspection: ["dimensions", "hardness"],
  inspectionNotes: "CMM on datum A",
};

describe("reading a stored gate-3 decision", () => {
  it("reads an old-shape payload as one sizing feature", () => {
    expect(readGate3Decision(OLD_SHAPE)).toEqual({
      sizingRequired: true,
      sizingFeatures: [
        {
          feature: "Assembly surface A",
          requirement: "flatness",
          reason: "0.05 mm flatness is beyond as-sintered 0.15 mm.",
        },
      ],
      secondary: ["passivation"],
      secondaryReasons: { passivation: "Drawing note 4" },
      inspection: ["dimensions", "hardness"],
      inspectionNotes: "CMM on datum A",
    });
  });

  it("round-trips several features and the new operations, and old readers still see the first feature", () => {
    const decision: Gate3Decision = {
      sizingRequired: true,
      sizingFeatures: [
        { feature: "Assembly surface A", requirement: "flatness", reason: "0.05 mm over 40 mm" },
        { feature: "Bore B", requirement: "roundness", reason: "0.02 mm on Ø6" },
      ],
      secondary: ["coining", "magnetic_annealing", "sorting_100"],
      secondaryReasons: { coining: "Flatness", magnetic_annealing: "Fe-50Ni after coining", sorting_100: "Slot" },
      inspection: ["dimensions"],
      inspectionNotes: "",
    };
    const stored = JSON.parse(JSON.stringify(gate3Payload(decision)));
    expect(readGate3Decision(stored)).toEqual(decision);
    expect(stored).toMatchObject({ sizingRequirement: "flatness", sizingFeature: "Assembly surface A" });
    expect(gate3Choices(stored)).toEqual({
      sizing: true,
      operations: ["coining", "magnetic_annealing", "sorting_100"],
    });
    expect(quoteAssumptions(stored).slice(0, 2)).toEqual([
      "Post-sintering sizing of the assembly surface A for flatness.",
      "Post-sintering sizing of the bore B for roundness.",
    ]);
  });

  it("holds no decision for a payload of another gate, and drops ids it does not know", () => {
    expect(readGate3Decision({ stages: {} })).toBeNull();
    expect(readGate3Decision({ sizingRequired: "no", secondary: ["teleport", "hip"] })?.secondary).toEqual(["hip"]);
  });

  it("keeps every operation id stored before this catalogue grew", () => {
    expect(SECONDARY_OPERATIONS.slice(0, 10).map((o) => o.id)).toEqual([
      "cnc_machining",
      "tapping",
      "reaming",
      "heat_treatment",
      "passivation",
      "polishing",
      "coating",
      "plating",
      "tumbling",
      "laser_marking",
    ]);
  });
});

describe("pre-filling the operations from the buyer's answers", () => {
  const ids = (heatTreatment: string | null, surfaceTreatment: string | null, material = "mim-17-4ph") =>
    suggestOperations({ material, heatTreatment, surfaceTreatment }).map((o) => o.id);

  it.each([
    ["H1025", "passivation", ["heat_treatment", "passivation"]],
    ["H900", "", ["heat_treatment"]],
    ["none", "Bead blast, then PVD coating", ["blasting", "pvd"]],
    ["HIP", "Electroless nickel", ["plating", "hip"]],
    ["Magnetic anneal", "", ["magnetic_annealing"]],
    ["", "Tumble and polish", ["polishing", "tumbling"]],
    [null, null, []],
  ] as const)("heat %j and surface %j give %j", (heat, surface, expected) => {
    expect(ids(heat, surface)).toEqual(expected);
  });

  it("gives the buyer's words as the reason", () => {
    expect(
      suggestOperations({ material: "mim-17-4ph", heatTreatment: "H1025", surfaceTreatment: "Passivation" }),
    ).toEqual([
      { id: "heat_treatment", reason: "The buyer asks for H1025 (17-4 PH ageing condition (H900-H1150))." },
      { id: "passivation", reason: 'The buyer asks for "Passivation" as the surface treatment.' },
    ]);
  });

  it("adds the operations the screen's routes call for, and a soft-magnetic grade's re-anneal", () => {
    const routes = preAssess({
      measurements: {
        sizeMm: [60, 20, 5],
        volumeMm3: 3000,
        watertight: true,
        unit: { unit: "mm", source: "file" },
        wall: { p5Mm: 1, medianMm: 2, p95Mm: 3, thickestAt: null },
      },
      material: "mim-fe-50ni",
      annualVolume: 50_000,
      criticalDimensions: [
        { label: "Bore", nominalMm: 4, toleranceMm: 0.04 },
        { label: "Length", nominalMm: 100, toleranceMm: 0.06 },
        { label: "Pin", nominalMm: 4, toleranceMm: 0.005 },
      ],
      flatnessMm: 0.05,
    }).routes;
    const prefill = prefillGate3({ material: "mim-fe-50ni", heatTreatment: "H900", surfaceTreatment: "", routes });
    expect(prefill.secondary).toEqual([
      "cnc_machining",
      "heat_treatment",
      "coining",
      "sorting_100",
      "magnetic_annealing",
    ]);
    expect(prefill.secondaryReasons.heat_treatment).toContain("Machine the critical dimensions after heat treatment");
    expect(prefill.secondaryReasons.magnetic_annealing).toContain("ASTM A904");
    expect(prefill.sizingRequired).toBe(true);
    expect(prefill.sizingFeatures).toEqual([
      { feature: "Bore", requirement: "local_dimension", reason: expect.stringContaining("sizing can recover") },
    ]);
  });

  it("suggests a sizing feature per tolerance routed to sizing, with its requirement", () => {
    const features = suggestSizingFeatures([
      {
        label: "Flatness",
        nominalMm: 60,
        toleranceMm: 0.2,
        kind: "flatness",
        capabilityMm: 0.3,
        route: "sizing",
        reason: "r1",
      },
      {
        label: "Roundness",
        nominalMm: 6,
        toleranceMm: 0.02,
        kind: "roundness",
        capabilityMm: 0.03,
        route: "sizing",
        reason: "r2",
      },
      {
        label: "Slot",
        nominalMm: 4,
        toleranceMm: 0.1,
        kind: "dimension",
        capabilityMm: 0.06,
        route: "as_sintered",
        reason: "r3",
      },
    ]);
    expect(features).toEqual([
      { feature: "Flatness", requirement: "flatness", reason: "r1" },
      { feature: "Roundness", requirement: "roundness", reason: "r2" },
    ]);
  });
});
