import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixturesDir } from "../../../tests/support/paths";
import { analyseModel } from "./analyse";
import { measureMesh } from "./mesh";
import { parseStl } from "./stl";

const read = (name: string) => new Uint8Array(fs.readFileSync(path.join(fixturesDir, name)));

/** An axis-aligned box as 12 outward-facing triangles. */
function box(x: number, y: number, z: number) {
  const v = [[0, 0, 0], [x, 0, 0], [x, y, 0], [0, y, 0], [0, 0, z], [x, 0, z], [x, y, z], [0, y, z]];
  const faces = [[0, 2, 1], [0, 3, 2], [4, 5, 6], [4, 6, 7], [0, 1, 5], [0, 5, 4], [1, 2, 6], [1, 6, 5], [2, 3, 7], [2, 7, 6], [3, 0, 4], [3, 4, 7]];
  return { positions: Float32Array.from(v.flat()), indices: Uint32Array.from(faces.flat()) };
}

describe("mesh measurements", () => {
  it("measures a 10 mm cube: 1000 mm3, 600 mm2, watertight, one body", () => {
    const m = measureMesh(box(10, 10, 10));
    expect(m.sizeMm).toEqual([10, 10, 10]);
    expect(m.volumeMm3).toBeCloseTo(1000, 6);
    expect(m.areaMm2).toBeCloseTo(600, 6);
    expect(m).toMatchObject({ triangles: 12, watertight: true, bodies: 1, normalsOutward: true });
  });

  it("notices an open mesh", () => {
    const open = box(10, 10, 10);
    expect(measureMesh({ positions: open.positions, indices: open.indices.slice(0, 30) }).watertight).toBe(false);
  });
});

describe("model files", () => {
  it.each(["cube-10mm-ascii.stl", "cube-10mm-binary.stl"])("reads %s as the 10 mm cube", async (name) => {
    const result = await analyseModel("stl", read(name));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.metrics.volumeMm3).toBeCloseTo(1000, 3);
    expect(result.metrics.areaMm2).toBeCloseTo(600, 3);
    expect(result.metrics.watertight).toBe(true);
    expect(result.metrics.wall!.medianMm).toBeCloseTo(10, 1);
  });

  it("measures a thin plate's wall as its thickness, not its length", async () => {
    const plate = box(40, 20, 1.5);
    const stl = [`solid plate`];
    for (let t = 0; t < plate.indices.length; t += 3) {
      stl.push("facet normal 0 0 0", "outer loop");
      for (let k = 0; k < 3; k++) {
        const i = plate.indices[t + k]! * 3;
        stl.push(`vertex ${plate.positions[i]} ${plate.positions[i + 1]} ${plate.positions[i + 2]}`);
      }
      stl.push("endloop", "endfacet");
    }
    stl.push("endsolid plate");
    const result = await analyseModel("stl", new TextEncoder().encode(stl.join("\n")));
    expect(result.ok && result.metrics.wall!.medianMm).toBeCloseTo(1.5, 2);
  });

  it("reads the NIST STEP test part, 63 x 63 x 3 mm, with OpenCascade", async () => {
    const result = await analyseModel("step", read("nist_ftc_11_asme1_rb.stp"));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [x, y, z] = result.metrics.sizeMm;
    expect(x).toBeCloseTo(63, 0);
    expect(y).toBeCloseTo(63, 0);
    expect(z).toBeCloseTo(3, 1);
    expect(result.metrics.watertight).toBe(true);
    expect(result.metrics.volumeMm3).toBeGreaterThan(4000);
    expect(result.metrics.volumeMm3).toBeLessThan(63 * 63 * 3);
  });

  it("converts a STEP declared in inches to millimetres", async () => {
    // The NIST plate with its length unit re-declared as the inch: same numbers, 25.4 times larger.
    const result = await analyseModel("step", read("nist_ftc_11_in_inches.stp"));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.metrics.sizeMm.map((v) => Math.round(v / 25.4))).toEqual([63, 63, 3]);
    const mm = await analyseModel("step", read("nist_ftc_11_asme1_rb.stp"));
    expect(mm.ok && result.metrics.volumeMm3 / mm.metrics.volumeMm3).toBeCloseTo(25.4 ** 3, -1);
  });

  it("says why there is no analysis for a tessellated-only AP242 STEP", async () => {
    const result = await analyseModel("step", read("nist_ftc_08_asme1_ap242-e1-tg.stp"));
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining("tessellated-only AP242") });
  });

  it("says why there is no analysis for a wireframe IGES, a damaged STEP and formats it cannot read", async () => {
    expect(await analyseModel("iges", read("cube-10mm.igs"))).toMatchObject({ ok: false, reason: expect.stringContaining("no solid surfaces") });
    const damaged = new TextEncoder().encode("ISO-10303-21;\nHEADER;\nthis is not a step file\n");
    expect(await analyseModel("step", damaged)).toMatchObject({ ok: false, reason: expect.stringMatching(/^No analysis/) });
    expect(await analyseModel("sldprt", new Uint8Array(10))).toMatchObject({ ok: false, reason: expect.stringContaining("STEP export") });
    expect(() => parseStl(new TextEncoder().encode("solid nothing\nendsolid"))).toThrow("no readable triangles");
  });
});

describe("preview mesh", () => {
  it("writes a binary glTF that carries the mesh and its bounds", async () => {
    const { meshToGlb } = await import("./glb");
    const glb = meshToGlb(box(10, 20, 30));
    expect(glb.readUInt32LE(0)).toBe(0x46546c67);
    expect(glb.readUInt32LE(8)).toBe(glb.length);
    const jsonLength = glb.readUInt32LE(12);
    const json = JSON.parse(glb.subarray(20, 20 + jsonLength).toString());
    expect(json.accessors[0]).toMatchObject({ count: 8, min: [0, 0, 0], max: [10, 20, 30] });
    expect(json.accessors[1].count).toBe(36);
    expect(glb.readUInt32LE(20 + jsonLength)).toBe(8 * 12 + 36 * 4);
  });
});
