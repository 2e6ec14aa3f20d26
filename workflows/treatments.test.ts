import { describe, expect, it } from "vitest";
import { recogniseHeatTreatments, recogniseSurfaceTreatments } from "./treatments";

const heat = (text: string | null) => recogniseHeatTreatments(text).found.map((f) => f.id);
const surface = (text: string | null) => recogniseSurfaceTreatments(text).found.map((f) => f.id);

describe("recognising the buyer's heat treatment", () => {
  it.each([
    ["H900", ["h_condition"]],
    ["h1025", ["h_condition"]],
    ["Solution treated, then H1150", ["solution_anneal", "h_condition"]],
    ["Quench and temper to 40-45 HRC", ["quench_temper"]],
    ["Case hardened (carburised) 0.2 mm", ["case_hardening"]],
    ["Hardened to 50 HRC", ["hardening"]],
    ["Magnetic anneal after sizing", ["magnetic_anneal"]],
    ["Solution anneal", ["solution_anneal"]],
    ["Stress relieve", ["stress_relief"]],
    ["Annealed", ["stress_relief"]],
    ["HIP to F2885 Type 1", ["hip"]],
    ["Solution treated and aged", ["solution_anneal", "ageing"]],
  ] as const)("reads %j as %j", (text, ids) => {
    expect(heat(text)).toEqual(ids);
  });

  it.each(["", "none", "N/A", "-", "As sintered", "no"])("reads %j as no treatment asked", (text) => {
    expect(recogniseHeatTreatments(text)).toEqual({ found: [], unrecognised: false });
  });

  it("says when it cannot name the treatment, and keeps the words that named one", () => {
    expect(recogniseHeatTreatments("cryogenic soak")).toEqual({ found: [], unrecognised: true });
    expect(recogniseHeatTreatments("Age to H 1025 please").found).toContainEqual({
      id: "h_condition",
      words: "H 1025",
    });
    // "ship" is not HIP.
    expect(heat("Anneal before we ship")).toEqual(["stress_relief"]);
  });
});

describe("recognising the buyer's surface treatment", () => {
  it.each([
    ["Passivation", ["passivation"]],
    ["Passivate per ASTM A967, then laser mark the logo", ["passivation", "laser_marking"]],
    ["Electroless nickel plating", ["plating"]],
    ["PVD coating, black", ["pvd"]],
    ["Black oxide", ["coating"]],
    ["Bead blast then polish", ["polishing", "blasting"]],
    ["Tumble deburr", ["tumbling"]],
  ] as const)("reads %j as %j", (text, ids) => {
    expect(surface(text)).toEqual(ids);
  });
});
