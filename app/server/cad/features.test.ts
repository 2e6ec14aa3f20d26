import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { binaryStl, voxels } from "../../../tests/support/meshes";
import { fixturesDir } from "../../../tests/support/paths";
import { analyseModel } from "./analyse";
import type { Mesh } from "./mesh";
import type { GeometryFeatures, WallThickness } from "../../../workflows/model-metrics";

/** The features and walls of a generated part, through the whole analysis as an uploaded STL. */
async function analysed(mesh: Mesh): Promise<{ features: GeometryFeatures; wall: WallThickness }> {
  const result = await analyseModel("stl", new Uint8Array(binaryStl(mesh)));
  if (!result.ok) throw new Error(result.reason);
  expect(result.metrics.watertight).toBe(true);
  return { features: result.metrics.features!, wall: result.metrics.wall! };
}

const inBox = (point: number[], min: number[], max: number[]) => point.every((v, k) => v >= min[k]! && v <= max[k]!);

describe("geometry features", () => {
  it("finds one undercut, one slide, in a block with a blind side hole, pulling along the top pocket", async () => {
    // 30 x 20 x 20 mm: a 16 x 10 x 8 mm pocket open to the top and a 4 x 4 mm hole 8 mm into the x = 0 side.
    const block = voxels([30, 20, 20], (i, j, k) => {
      const pocket = i >= 7 && i < 23 && j >= 5 && j < 15 && k >= 12;
      const hole = i < 8 && j >= 8 && j < 12 && k >= 4 && k < 8;
      return !pocket && !hole;
    });
    const { undercuts } = (await analysed(block)).features;
    expect(undercuts!.pullAxis.map((v) => Math.abs(Math.round(v)))).toEqual([0, 0, 1]);
    expect(undercuts!.slides).toBe(1);
    const [hole] = undercuts!.regions;
    expect(inBox(hole!.at, [0, 8, 4], [8, 12, 8])).toBe(true);
    // The hole's walls and floor: 4 x 4 x 8 mm four sides and a 4 x 4 mm floor, 144 mm², from samples.
    expect(hole!.areaMm2).toBeGreaterThan(100);
    expect(hole!.areaMm2).toBeLessThan(200);
  });

  it("finds no undercut in a plate with a boss, and its thickest section at the boss", async () => {
    // A 40 x 40 x 2 mm plate with a 10 x 10 mm boss, 10 mm thick through the plate, near one corner.
    const plate = voxels([40, 40, 10], (i, j, k) => k < 2 || (i >= 25 && i < 35 && j >= 25 && j < 35));
    const { features, wall } = await analysed(plate);
    expect(features.undercuts).toMatchObject({ pullAxis: [0, 0, 1], slides: 0, regions: [] });
    expect(wall.thickest.mm).toBeCloseTo(10, 0);
    expect(inBox(wall.thickest.at, [25, 25, 0], [35, 35, 10])).toBe(true);
    expect(wall.p95Mm).toBeGreaterThan(8);
    // Thick over thin: 10 mm boss over the 2 mm plate.
    expect(wall.uniformity).toBeGreaterThan(4);
    expect(wall.uniformity).toBeLessThanOrEqual(5.01);
  });

  it("finds one internal void in a hollow box, and does not count its inner shell as a body", async () => {
    // A 20 mm cube with a closed 16 mm cavity: 2 mm walls all round.
    const hollow = voxels([20, 20, 20], (i, j, k) => !(i >= 2 && i < 18 && j >= 2 && j < 18 && k >= 2 && k < 18));
    const { features, wall } = await analysed(hollow);
    expect(features.bodies).toBe(1);
    expect(features.voids.count).toBe(1);
    expect(features.voids.volumeMm3).toBeCloseTo(16 ** 3, 3);
    expect(wall.medianMm).toBeCloseTo(2, 1);
    // The cavity's ceiling spans 16 mm with nothing under it, whichever face the box sinters on.
    expect(features.sintering!.spans[0]!.spanMm).toBeCloseTo(16, 3);
    // Its walls are not undercuts: no tool could reach them at all.
    expect(features.undercuts!.slides).toBe(0);
  });

  it("counts two separate cubes as two bodies and no void", async () => {
    const cubes = voxels([25, 10, 10], (i) => i < 10 || i >= 15);
    const { features } = await analysed(cubes);
    expect(features.bodies).toBe(2);
    expect(features.voids).toEqual({ count: 0, volumeMm3: 0 });
  });

  it("finds a thin plate's large flat faces, filling its outline, and no unsupported span", async () => {
    const plate = voxels([60, 40, 2], () => true);
    const { flatFaces, sintering } = (await analysed(plate)).features;
    expect(flatFaces).toHaveLength(2);
    for (const face of flatFaces) {
      expect(face.areaMm2).toBeCloseTo(2400, 3);
      expect(Math.abs(face.normal[2])).toBeCloseTo(1, 6);
      expect(face.projectedShare).toBeGreaterThan(0.98);
    }
    expect(sintering!.spans).toEqual([]);
  });

  it("finds the open span of a bridge standing on its base plate", async () => {
    // A 40 x 20 x 3 mm base; on its back half two 5 mm pillars 7 mm tall carry a 40 x 10 x 3 mm deck,
    // 30 mm open between the pillars, 10 mm above the setter.
    const bridge = voxels([40, 20, 13], (i, j, k) => k < 3 || (j < 10 && (k >= 10 || i < 5 || i >= 35)));
    const { sintering } = (await analysed(bridge)).features;
    expect(sintering!.setterNormal).toEqual([0, 0, -1]);
    expect(sintering!.spans).toHaveLength(1);
    expect(sintering!.spans[0]).toMatchObject({
      spanMm: expect.closeTo(30, 3),
      heightMm: expect.closeTo(10, 3),
      areaMm2: expect.closeTo(300, 3),
    });
  });
});

describe("geometry features of the NIST test parts", () => {
  const read = (name: string) => new Uint8Array(fs.readFileSync(path.join(fixturesDir, name)));

  it("finds the 63 x 63 x 3 mm plate (FTC 11) one flat body: a large flat face, no undercut, no void", async () => {
    const result = await analyseModel("step", read("nist_ftc_11_asme1_rb.stp"));
    if (!result.ok) throw new Error(result.reason);
    const { features, wall } = result.metrics;
    expect(features).toMatchObject({ bodies: 1, voids: { count: 0 } });
    expect(features!.undercuts!.slides).toBe(0);
    expect(Math.abs(features!.undercuts!.pullAxis[2])).toBeCloseTo(1, 6);
    const [largest] = features!.flatFaces;
    expect(Math.abs(largest!.normal[2])).toBeCloseTo(1, 6);
    expect(largest!.projectedShare).toBeGreaterThan(0.95);
    expect(largest!.areaMm2).toBeGreaterThan(2000);
    expect(wall!.p95Mm).toBeLessThanOrEqual(3.5);
    expect(wall!.uniformity).toBeGreaterThan(1);
    expect(wall!.uniformity).toBeLessThan(3);
  }, 60_000);

  it("finds FTC 08 (a 312 x 223 x 48 mm housing) one body, with a slide and a long span to support", async () => {
    const result = await analyseModel("step", read("nist_ftc_08_asme1_rc.stp"));
    if (!result.ok) throw new Error(result.reason);
    const { features, wall, sizeMm } = result.metrics;
    expect(features).toMatchObject({ bodies: 1, voids: { count: 0, volumeMm3: 0 } });
    expect(features!.undercuts!.slides).toBeGreaterThanOrEqual(1);
    expect(features!.undercuts!.slides).toBeLessThanOrEqual(4);
    expect(features!.flatFaces.length).toBeGreaterThan(0);
    const longest = features!.sintering!.spans[0]!;
    expect(longest.spanMm).toBeGreaterThan(100);
    expect(longest.spanMm).toBeLessThanOrEqual(Math.max(...sizeMm) + 0.01);
    expect(wall!.thickest.mm).toBeGreaterThanOrEqual(wall!.p95Mm);
    expect(wall!.uniformity).toBeGreaterThan(1);
  }, 60_000);
});
