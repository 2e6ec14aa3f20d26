import { describe, expect, it } from "vitest";
import { findMaterial, heatTreatmentFit, MATERIALS, oversizeFactor, TYPICAL_SHRINKAGE } from "./materials";

describe("the material catalogue", () => {
  it("gives every grade a shrinkage and the mould's oversize factor from it", () => {
    for (const m of MATERIALS) expect(m.shrinkage.percent, m.id).toBeGreaterThan(0);
    // 1 / (1 - 0.20): the mould is cut a quarter larger than the part (docs/domain/facts.md 3.3).
    expect(oversizeFactor(TYPICAL_SHRINKAGE)).toBeCloseTo(1.25, 6);
  });

  it("marks MPIF 35 minimums apart from typical figures, each with its source", () => {
    const asSintered = findMaterial("mim-316l")!.properties[0]!;
    expect(asSintered.tensileMpa).toMatchObject({ value: 450, basis: "mpif35_minimum" });
    expect(asSintered.yieldMpa).toMatchObject({ value: 140, basis: "mpif35_minimum" });
    expect(asSintered.elongationPercent).toMatchObject({ value: 40, basis: "mpif35_minimum" });
    expect(asSintered.hardness).toMatchObject({ min: 100, max: 150, scale: "HV10", basis: "typical" });
    expect(findMaterial("mim-17-4ph")!.properties[0]!.tensileMpa).toMatchObject({ value: 900, basis: "typical" });
    for (const m of MATERIALS)
      for (const p of m.properties)
        for (const figure of [p.densityGcm3, p.yieldMpa, p.tensileMpa, p.elongationPercent, p.hardness])
          if (figure) expect(figure.source, `${m.id} ${p.condition}`).not.toBe("");
  });

  it("leaves a grade's figures out rather than inventing them", () => {
    expect(findMaterial("mim-4140")!.properties).toEqual([]);
    expect(findMaterial("kovar-f15")!.heatTreatments).toBeNull();
  });
});

describe("whether a heat treatment suits the grade", () => {
  it("refuses H900 on 316L and names the grades that take it", () => {
    const fit = heatTreatmentFit("mim-316l", "H900");
    expect(fit).toMatchObject({ kind: "unsuitable", gradesThatTake: ["MIM-17-4 PH"] });
  });

  it.each([
    ["mim-17-4ph", "H900"],
    ["mim-17-4ph", "H1025"],
    ["mim-420", "Hardened to 50 HRC"],
    ["mim-4605", "Quench and temper"],
    ["mim-fe-50ni", "Magnetic anneal"],
    ["mim-316l", "Solution anneal"],
  ])("accepts %s with %j", (material, treatment) => {
    expect(heatTreatmentFit(material, treatment).kind).toBe("suits");
  });

  it.each([
    ["mim-316l", "Hardened to 40 HRC"],
    ["mim-430l", "Quench and temper"],
    ["mim-fe-50ni", "H1150"],
  ])("refuses %s with %j", (material, treatment) => {
    expect(heatTreatmentFit(material, treatment).kind).toBe("unsuitable");
  });

  it("does not judge a grade the notes give no treatments for, nor words it cannot read", () => {
    expect(heatTreatmentFit("kovar-f15", "H900").kind).toBe("unknown_grade");
    expect(heatTreatmentFit("mim-316l", "cryogenic soak")).toEqual({ kind: "unrecognised", text: "cryogenic soak" });
    expect(heatTreatmentFit("mim-316l", "none")).toEqual({ kind: "none" });
  });
});
