import { describe, expect, it } from "vitest";
import {
  ALTERNATIVE_PROCESSES,
  INSPECTION_ITEMS,
  overallRisk,
  PROCESS_STAGES,
  SECONDARY_OPERATIONS,
  SIZING_REQUIREMENTS,
  SUITABILITY_CRITERIA,
} from "./review-domain";

describe("the review domain catalogue", () => {
  it("has the eight process stages in order, each with control points and risks", () => {
    expect(PROCESS_STAGES.map((s) => s.order)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const s of PROCESS_STAGES) {
      expect(s.controlPoints.length, s.name).toBeGreaterThan(0);
      expect(s.risks.length, s.name).toBeGreaterThan(0);
    }
    expect(PROCESS_STAGES.find((s) => s.id === "debinding")!.controlPoints[0]).toBe(
      "debinding route (solvent, catalytic, thermal, combined)",
    );
  });

  it.each([
    ["suitability criteria", SUITABILITY_CRITERIA],
    ["alternative processes", ALTERNATIVE_PROCESSES],
    ["stages", PROCESS_STAGES],
    ["sizing requirements", SIZING_REQUIREMENTS],
    ["secondary operations", SECONDARY_OPERATIONS],
    ["inspection items", INSPECTION_ITEMS],
  ] as const)("gives the %s unique snake_case ids", (_name, list) => {
    const ids = list.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(_[a-z0-9]+)*$/);
  });

  it("names the four reasons for sizing", () => {
    expect(SIZING_REQUIREMENTS.map((r) => r.id)).toEqual(["flatness", "roundness", "local_dimension", "assembly_fit"]);
  });
});

describe("overall risk", () => {
  const all = (level: "low" | "medium" | "high") =>
    Object.fromEntries(PROCESS_STAGES.map((s) => [s.id, { level, checked: [], notes: "" }]));

  it("is not complete until every stage is assessed", () => {
    expect(overallRisk({})).toEqual({ level: null, highStages: [], assessed: 0, complete: false });
  });

  it("is the highest stage level, naming the high-risk stages", () => {
    const result = overallRisk({
      ...all("low"),
      green_handling: { level: "high", checked: [], notes: "" },
      sintering: { level: "medium", checked: [], notes: "" },
    });
    expect(result).toEqual({ level: "high", highStages: ["Green part handling"], assessed: 8, complete: true });
  });

  it("is low when every stage is low", () => {
    expect(overallRisk(all("low")).level).toBe("low");
  });
});
