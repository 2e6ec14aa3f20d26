import { describe, expect, it } from "vitest";
import { PROCESS_STAGES } from "./review-domain";
import { applicableChecklist, readStageAssessments, STAGE_CHECKLIST, uncheckedItems } from "./stage-checklist";

const ids = (context: Parameters<typeof applicableChecklist>[0]) =>
  Object.values(applicableChecklist(context))
    .flat()
    .map((i) => i.id);

describe("the stage checklist of docs/domain/facts.md 3.8", () => {
  it("belongs to the eight stages, with unique ids and a source for every item", () => {
    const stages = new Set(PROCESS_STAGES.map((s) => s.id));
    const itemIds = STAGE_CHECKLIST.map((i) => i.id);
    expect(new Set(itemIds).size).toBe(itemIds.length);
    for (const item of STAGE_CHECKLIST) {
      expect(stages.has(item.stage), item.id).toBe(true);
      expect(item.source, item.id).toMatch(/docs\/domain\/facts\.md 3\.\d/);
    }
    for (const s of PROCESS_STAGES)
      expect(
        STAGE_CHECKLIST.some((i) => i.stage === s.id),
        s.id,
      ).toBe(true);
  });

  it.each([
    "gate_location",
    "knit_lines",
    "parting_ejector_marks",
    "titanium_oxygen",
    "hydrogen_atmosphere",
    "first_article",
    "sampling_plan",
  ])("has the prompt %s", (id) => {
    expect(STAGE_CHECKLIST.map((i) => i.id)).toContain(id);
  });

  it("asks about titanium oxygen only for titanium grades", () => {
    expect(ids({ material: "ti-6al-4v" })).toContain("titanium_oxygen");
    expect(ids({ material: "cp-ti" })).toContain("titanium_oxygen");
    expect(ids({ material: "mim-316l" })).not.toContain("titanium_oxygen");
    expect(ids({ material: "recommend" })).not.toContain("titanium_oxygen");
    expect(applicableChecklist({ material: "ti-6al-4v" }).feedstock!.map((i) => i.id)).toContain("titanium_oxygen");
  });

  it("asks about the hydrogen atmosphere only for tungsten heavy alloy", () => {
    expect(ids({ material: "w-heavy-alloy" })).toContain("hydrogen_atmosphere");
    expect(ids({ material: "mim-17-4ph" })).not.toContain("hydrogen_atmosphere");
  });

  it("asks about treatments only when the buyer asked for one, and the re-anneal only for soft-magnetic grades", () => {
    expect(ids({ material: "mim-17-4ph", heatTreatment: "H900", surfaceTreatment: "Passivation" })).toEqual(
      expect.arrayContaining(["heat_treatment_distortion", "surface_finish"]),
    );
    const plain = ids({ material: "mim-17-4ph", heatTreatment: "none", surfaceTreatment: "" });
    expect(plain).not.toContain("heat_treatment_distortion");
    expect(plain).not.toContain("surface_finish");
    expect(plain).not.toContain("magnetic_reanneal");
    expect(ids({ material: "mim-fe-50ni" })).toContain("magnetic_reanneal");
    // Words the screen cannot name are still a treatment the reviewer should weigh.
    expect(ids({ material: "mim-17-4ph", heatTreatment: "cryogenic soak" })).toContain("heat_treatment_distortion");
  });

  it("lists the applicable items a stage has not checked", () => {
    const context = { material: "w-heavy-alloy" };
    const all = applicableChecklist(context).sintering!.map((i) => i.id);
    expect(all).toEqual(["setter_support", "shrinkage_distortion", "hydrogen_atmosphere"]);
    expect(uncheckedItems("sintering", undefined, context).map((i) => i.id)).toEqual(all);
    expect(
      uncheckedItems("sintering", { checklist: ["setter_support", "hydrogen_atmosphere"] }, context).map((i) => i.id),
    ).toEqual(["shrinkage_distortion"]);
  });
});

describe("the review focus per stage", () => {
  it("splits each stage's review focus into points the assessment records", () => {
    expect(PROCESS_STAGES.find((s) => s.id === "injection")!.focusPoints).toEqual([
      "DFM review",
      "gate strategy",
      "mold design",
    ]);
    for (const s of PROCESS_STAGES) expect(s.focusPoints.length, s.id).toBeGreaterThan(0);
  });
});

describe("reading a stored stage-risk decision", () => {
  it("reads an old payload without focus or checklist", () => {
    const old = { stages: { sintering: { level: "high", checked: ["distortion"], notes: "Flat face" } }, overall: {} };
    expect(readStageAssessments(old)).toEqual({
      sintering: { level: "high", checked: ["distortion"], notes: "Flat face" },
    });
  });

  it("keeps the focus and checklist that belong to the stage, and drops the rest", () => {
    const stored = {
      stages: {
        injection: {
          level: "medium",
          checked: [],
          notes: "",
          focus: { "gate strategy": "Gate on the back face, away from datum A", "furnace loading": "not this stage" },
          checklist: ["gate_location", "knit_lines", "hydrogen_atmosphere"],
        },
        nonsense: { level: "low" },
      },
    };
    expect(readStageAssessments(stored)).toEqual({
      injection: {
        level: "medium",
        checked: [],
        notes: "",
        focus: { "gate strategy": "Gate on the back face, away from datum A" },
        checklist: ["gate_location", "knit_lines"],
      },
    });
    expect(readStageAssessments({ sizingRequired: "no" })).toBeNull();
  });
});
