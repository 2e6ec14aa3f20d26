import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { binaryStl, box, sphere } from "../../../tests/support/meshes";
import { fixturesDir } from "../../../tests/support/paths";
import { analyseModel } from "./analyse";
import { meshToGlb } from "./glb";
import { measureMesh, mergeMeshes, type Mesh } from "./mesh";
import { previewBytes, previewMesh, PREVIEW_MAX_BYTES } from "./preview-mesh";
import { parseStl } from "./stl";

const read = (name: string) => new Uint8Array(fs.readFileSync(path.join(fixturesDir, name)));

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

  it("ignores triangles collapsed onto an edge, as OpenCascade emits them, but not a missing face", () => {
    const cube = box(10, 10, 10);
    // Two corners of each extra triangle at the same point (1 nm apart, welded): no area, three edge uses.
    const collapsed = Float32Array.from([...cube.positions, 0, 0, 0.000001, 10, 0, 0.000001]);
    const withSlivers = { positions: collapsed, indices: Uint32Array.from([...cube.indices, 0, 8, 1, 1, 9, 2]) };
    expect(measureMesh(withSlivers)).toMatchObject({ watertight: true, bodies: 1, triangles: 14 });
    expect(measureMesh(withSlivers).volumeMm3).toBeCloseTo(1000, 3);
    const missingFace = { positions: collapsed, indices: Uint32Array.from([...cube.indices.slice(0, 30), 0, 8, 1]) };
    expect(measureMesh(missingFace).watertight).toBe(false);
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

  it.each(["nist_ftc_06_asme1_rd.stp", "nist_ftc_08_asme1_rc.stp", "nist_ftc_11_asme1_rb.stp"])(
    "finds the clean NIST solid %s watertight",
    async (name) => {
      const result = await analyseModel("step", read(name));
      expect(result.ok && result.metrics).toMatchObject({ watertight: true, bodies: 1 });
      expect(result.ok && result.metrics.wall).not.toBeNull();
    },
  );

  it("measures an open STL (a cube with a face removed) but takes no walls from it", async () => {
    const cube = box(10, 10, 10);
    const result = await analyseModel(
      "stl",
      new Uint8Array(binaryStl({ positions: cube.positions, indices: cube.indices.slice(0, 30) })),
    );
    expect(result.ok && result.metrics).toMatchObject({ watertight: false, sizeMm: [10, 10, 10], wall: null });
  });

  it.each([
    [undefined, 1, "assumed"],
    ["mm", 1, "buyer"],
    ["cm", 10, "buyer"],
    ["in", 25.4, "buyer"],
  ] as const)("scales an STL by the unit the buyer stated (%s: x%s)", async (stlUnit, factor, source) => {
    const result = await analyseModel("stl", read("cube-10mm-binary.stl"), { stlUnit });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.metrics.unit).toEqual({ unit: stlUnit ?? "mm", source });
    expect(result.metrics.sizeMm.map((v) => v / factor)).toEqual([10, 10, 10].map((v) => expect.closeTo(v, 4)));
    expect(result.metrics.volumeMm3 / factor ** 3).toBeCloseTo(1000, 2);
    expect(result.metrics.areaMm2 / factor ** 2).toBeCloseTo(600, 2);
    expect(result.metrics.wall!.medianMm / factor).toBeCloseTo(10, 1);
  });

  it("leaves a STEP in its own declared unit whatever the STL unit says", async () => {
    const result = await analyseModel("step", read("nist_ftc_11_asme1_rb.stp"), { stlUnit: "in" });
    expect(result.ok && result.metrics.unit).toEqual({ unit: "mm", source: "file" });
    expect(result.ok && Math.round(result.metrics.sizeMm[1])).toBe(63);
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
    expect(await analyseModel("iges", read("cube-10mm.igs"))).toMatchObject({
      ok: false,
      reason: expect.stringContaining("no solid surfaces"),
    });
    const damaged = new TextEncoder().encode("ISO-10303-21;\nHEADER;\nthis is not a step file\n");
    expect(await analyseModel("step", damaged)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^No analysis/),
    });
    expect(await analyseModel("sldprt", new Uint8Array(10))).toMatchObject({
      ok: false,
      reason: expect.stringContaining("STEP export"),
    });
    expect(() => parseStl(new TextEncoder().encode("solid nothing\nendsolid"))).toThrow("no readable triangles");
  });
});

describe("wall thickness", () => {
  it("finds a thick boss the median hides, and says where it is", async () => {
    // A 40 x 40 x 2 mm plate with a 10 x 10 x 10 mm boss standing on it, near one corner.
    const part = mergeMeshes([box(40, 40, 2), box(10, 10, 10, [25, 25, 2])]);
    const result = await analyseModel("stl", new Uint8Array(binaryStl(part)));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const wall = result.metrics.wall!;
    expect(wall.medianMm).toBeCloseTo(2, 1);
    expect(wall.p95Mm).toBeGreaterThan(8);
    expect(wall.p95Mm).toBeLessThanOrEqual(10.01);
    const [x, y, z] = wall.thickest.at;
    expect([x, y, z].every((v, i) => v >= [25, 25, 2][i]! && v <= [35, 35, 12][i]!)).toBe(true);
  });

  it("measures a thin plate's thick sections as its thickness, not its length", async () => {
    const result = await analyseModel("stl", new Uint8Array(binaryStl(box(40, 20, 1.5))));
    expect(result.ok && result.metrics.wall!.p95Mm).toBeCloseTo(1.5, 2);
  });
});

describe("preview mesh", () => {
  const glbSize = (mesh: Mesh) => meshToGlb(mesh).length;

  it("keeps a mesh under the budget as it is", async () => {
    const cube = box(10, 10, 10);
    expect(await previewMesh(cube)).toBe(cube);
  });

  it("simplifies a large STL's preview under the budget and leaves the measurements on the full mesh", async () => {
    // About 300,000 triangles: a 14 MB preview unsimplified, over the 4 MB budget.
    const stl = new Uint8Array(binaryStl(sphere(20, 600, 251)));
    const result = await analyseModel("stl", stl);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const full = measureMesh(parseStl(stl));
    expect(result.metrics).toMatchObject({ triangles: full.triangles, sizeMm: full.sizeMm, watertight: true });
    expect(result.metrics.volumeMm3).toBeCloseTo(full.volumeMm3, 6);
    expect(result.metrics.volumeMm3).toBeCloseTo((4 / 3) * Math.PI * 20 ** 3, -2);
    expect(glbSize(result.mesh)).toBeGreaterThan(PREVIEW_MAX_BYTES);
    const measured = structuredClone(result.metrics);
    const preview = await previewMesh(result.mesh);
    // The preview is a copy: the full mesh and its measurements are untouched.
    expect(result.metrics).toEqual(measured);
    expect(measureMesh(result.mesh).volumeMm3).toBeCloseTo(full.volumeMm3, 6);
    expect(glbSize(preview)).toBeLessThanOrEqual(PREVIEW_MAX_BYTES + 2048);
    expect(previewBytes(preview)).toBeLessThanOrEqual(PREVIEW_MAX_BYTES);
    expect(preview.indices.length / 3).toBeGreaterThan(50_000);
    // Still the same sphere to look at.
    const shown = measureMesh(preview);
    expect(shown.sizeMm.map((v) => Math.round(v))).toEqual([40, 40, 40]);
  }, 120_000);
});

describe("preview glTF", () => {
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
