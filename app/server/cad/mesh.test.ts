import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { binaryStl, box, sphere } from "../../../tests/support/meshes";
import { fixturesDir } from "../../../tests/support/paths";
import { analyseModel } from "./analyse";
import { measureMesh, meshTopology, mergeMeshes, type Mesh } from "./mesh";
import { parseStl } from "./stl";

/**
 * The welding and edge counting measureMesh used before integer hashing (string keys, a Map of edge
 * uses), kept here only as the reference the fast version must agree with, count for count.
 */
function referenceTopology(mesh: Mesh) {
  const p = mesh.positions;
  const weld = new Map<string, number>();
  const id = new Uint32Array(p.length / 3);
  for (let v = 0; v < id.length; v++) {
    const key = `${Math.round(p[v * 3]! * 1000)},${Math.round(p[v * 3 + 1]! * 1000)},${Math.round(p[v * 3 + 2]! * 1000)}`;
    let w = weld.get(key);
    if (w === undefined) {
      w = weld.size;
      weld.set(key, w);
    }
    id[v] = w;
  }
  const parent = Array.from({ length: weld.size }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  const edges = new Map<number, number>();
  const n = weld.size;
  const idx = mesh.indices;
  for (let t = 0; t < idx.length; t += 3) {
    const tri = [id[idx[t]!]!, id[idx[t + 1]!]!, id[idx[t + 2]!]!];
    if (tri[0] === tri[1] || tri[1] === tri[2] || tri[0] === tri[2]) continue;
    for (let e = 0; e < 3; e++) {
      const a = tri[e]!;
      const b = tri[(e + 1) % 3]!;
      const key = a < b ? a * n + b : b * n + a;
      edges.set(key, (edges.get(key) ?? 0) + 1);
      parent[find(a)] = find(b);
    }
  }
  const uses = [...edges.values()];
  const roots = new Set<number>();
  for (let v = 0; v < n; v++) roots.add(find(v));
  return {
    vertices: n,
    edges: edges.size,
    boundaryEdges: uses.filter((u) => u === 1).length,
    nonManifoldEdges: uses.filter((u) => u > 2).length,
    watertight: edges.size > 0 && uses.every((u) => u === 2),
    bodies: roots.size,
  };
}

function expectSameAsReference(mesh: Mesh) {
  const expected = referenceTopology(mesh);
  expect(meshTopology(mesh)).toEqual(expected);
  expect(measureMesh(mesh)).toMatchObject({ watertight: expected.watertight, bodies: expected.bodies });
  return expected;
}

const cube = box(10, 10, 10);
// A triangle hung on one of the cube's edges: that edge is used three times.
const fin = {
  positions: Float32Array.from([...cube.positions, 5, -5, -5]),
  indices: Uint32Array.from([...cube.indices, 0, 1, 8]),
};
// -0 and 0, and values either side of half a micrometre, weld as the decimal strings did.
const signedZero = {
  positions: Float32Array.from([0, 0, 0, -0, -0, -0, 1, 0, 0, 0, 1, 0, 0.0004, 0, 0, 0.0006, 0, 0]),
  indices: Uint32Array.from([0, 2, 3, 1, 3, 2, 4, 2, 3, 5, 3, 2]),
};
// Corners far outside 32 bits once in micrometres, which the hash truncates: they must still weld apart.
const huge = {
  positions: Float32Array.from([1e9, 0, 0, 1e9 + 4.295e6, 0, 0, 0, 1e9, 0, 0, 0, 1e9]),
  indices: Uint32Array.from([0, 2, 3, 1, 2, 3]),
};

describe("welding and edge counting", () => {
  it.each([
    ["a cube", cube, { vertices: 8, edges: 18, boundaryEdges: 0, watertight: true, bodies: 1 }],
    ["an open cube", { positions: cube.positions, indices: cube.indices.slice(0, 30) }, { boundaryEdges: 4 }],
    ["a cube with a fin", fin, { nonManifoldEdges: 1, boundaryEdges: 2, watertight: false }],
    ["a plate and a boss", mergeMeshes([box(40, 40, 2), box(10, 10, 10, [25, 25, 2])]), { bodies: 2 }],
    ["a sphere", sphere(20, 90, 40), { watertight: true, bodies: 1 }],
    [
      "a sphere read from an STL (every corner repeated)",
      parseStl(binaryStl(sphere(20, 90, 40))),
      { watertight: true },
    ],
    ["two spheres in one STL", parseStl(binaryStl(sphere(5, 30, 12), box(3, 3, 3, [20, 0, 0]))), { bodies: 2 }],
    ["signed zeros and half micrometres", signedZero, { vertices: 4 }],
    ["coordinates beyond 32 bits", huge, { vertices: 4 }],
    ["no triangles", { positions: new Float32Array(0), indices: new Uint32Array(0) }, { edges: 0, watertight: false }],
  ])("counts %s as before", (_, mesh, expected) => {
    expect(expectSameAsReference(mesh)).toMatchObject(expected);
  });

  it.each([
    "nist_ftc_06_asme1_rd.stp",
    "nist_ftc_08_asme1_rc.stp",
    "nist_ftc_11_asme1_rb.stp",
    "nist_ftc_11_in_inches.stp",
  ])(
    "counts the NIST model %s as before, and measures it the same",
    async (name) => {
      const result = await analyseModel("step", new Uint8Array(fs.readFileSync(path.join(fixturesDir, name))));
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const expected = expectSameAsReference(result.mesh);
      expect(expected).toMatchObject({ watertight: true, bodies: 1, boundaryEdges: 0, nonManifoldEdges: 0 });
      expect(expected.edges).toBeGreaterThan(1000);
      // The wall measurement's BVH has reordered the triangles since: sums differ in their last bits.
      const { volumeMm3, areaMm2, ...again } = measureMesh(result.mesh);
      const {
        wall: _wall,
        features: _features,
        source: _source,
        unit: _unit,
        volumeMm3: volume,
        areaMm2: area,
        ...metrics
      } = result.metrics;
      expect(again).toEqual(metrics);
      expect(volumeMm3 / volume).toBeCloseTo(1, 12);
      expect(areaMm2 / area).toBeCloseTo(1, 12);
    },
    60_000,
  );
});
