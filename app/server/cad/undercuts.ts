import { DoubleSide, Ray } from "three";
import type { MeshBVH } from "three-mesh-bvh";
import { dot, unit } from "./flat-faces";
import type { Mesh } from "./mesh";
import type { Shells } from "./shells";
import { sampleSurface } from "./surface-samples";
import type { UndercutRegion, Undercuts, Vec3 } from "../../../workflows/model-metrics";

/**
 * The candidate pull axes: the model's own x, y and z, then the principal axes of the surface
 * (area-weighted triangle centres) more than 5 degrees from those. Parts are drawn square to their
 * main faces, and an off-centre hole tilts a principal axis by a degree or two: the model axes come
 * first. The principal axes catch a part drawn at an angle.
 */
export function candidateAxes(mesh: Mesh, areas: Float64Array): Vec3[] {
  const p = mesh.positions;
  const idx = mesh.indices;
  let total = 0;
  const mean = [0, 0, 0];
  const c = (t: number, k: number) =>
    (p[idx[t * 3]! * 3 + k]! + p[idx[t * 3 + 1]! * 3 + k]! + p[idx[t * 3 + 2]! * 3 + k]!) / 3;
  for (let t = 0; t < areas.length; t++) {
    total += areas[t]!;
    for (let k = 0; k < 3; k++) mean[k]! += c(t, k) * areas[t]!;
  }
  if (total === 0) return [[0, 0, 1]];
  for (let k = 0; k < 3; k++) mean[k]! /= total;
  const m = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  for (let t = 0; t < areas.length; t++) {
    const d = [c(t, 0) - mean[0]!, c(t, 1) - mean[1]!, c(t, 2) - mean[2]!];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) m[i * 3 + j]! += d[i]! * d[j]! * areas[t]!;
  }
  const axes: Vec3[] = [];
  for (const axis of [[1, 0, 0], [0, 1, 0], [0, 0, 1], ...eigenvectors(m)] as Vec3[]) {
    if (axes.every((a) => Math.abs(dot(a, axis)) < 0.996)) axes.push(unit(axis));
  }
  return axes;
}

/** Eigenvectors of a symmetric 3 x 3 matrix (row-major) by Jacobi rotations. */
function eigenvectors(matrix: number[]): Vec3[] {
  const a = [...matrix];
  const v = [1, 0, 0, 0, 1, 0, 0, 0, 1];
  for (let sweep = 0; sweep < 50; sweep++) {
    const off = Math.abs(a[1]!) + Math.abs(a[2]!) + Math.abs(a[5]!);
    if (off < 1e-12 * (Math.abs(a[0]!) + Math.abs(a[4]!) + Math.abs(a[8]!) + 1e-30)) break;
    for (const [i, j] of [
      [0, 1],
      [0, 2],
      [1, 2],
    ] as const) {
      const aij = a[i * 3 + j]!;
      if (aij === 0) continue;
      const theta = (a[j * 3 + j]! - a[i * 3 + i]!) / (2 * aij);
      const tan = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const cos = 1 / Math.sqrt(tan * tan + 1);
      const sin = tan * cos;
      for (let k = 0; k < 3; k++) {
        const aki = a[k * 3 + i]!;
        const akj = a[k * 3 + j]!;
        a[k * 3 + i] = cos * aki - sin * akj;
        a[k * 3 + j] = sin * aki + cos * akj;
      }
      for (let k = 0; k < 3; k++) {
        const aik = a[i * 3 + k]!;
        const ajk = a[j * 3 + k]!;
        a[i * 3 + k] = cos * aik - sin * ajk;
        a[j * 3 + k] = sin * aik + cos * ajk;
      }
      for (let k = 0; k < 3; k++) {
        const vki = v[k * 3 + i]!;
        const vkj = v[k * 3 + j]!;
        v[k * 3 + i] = cos * vki - sin * vkj;
        v[k * 3 + j] = sin * vki + cos * vkj;
      }
    }
  }
  return [0, 1, 2].map((k) => unit([v[k]!, v[3 + k]!, v[6 + k]!]));
}

type Sample = { point: Vec3; normal: Vec3 };

/**
 * Undercuts by ray casting from area-weighted samples of the outer surface (internal voids are a
 * fault of their own, not an undercut): a sample is moulded by the half of the tool it faces if a ray
 * from it along the pull axis, that way, leaves the part; a wall parallel to the axis may go either
 * way. A sample that neither half reaches is undercut. The candidate axis with the least undercut
 * area wins; its undercut samples are grouped into regions by proximity (a grid of cells a
 * twenty-fifth of the part's diagonal), and regions of fewer than `minSamples` are noise.
 */
export function findUndercuts(
  mesh: Mesh,
  bvh: MeshBVH,
  normals: Float32Array,
  areas: Float64Array,
  shells: Shells,
  samples = 4000,
  minSamples = 3,
): Undercuts | null {
  const p = mesh.positions;
  // Voids are inside the part: no slide reaches them, and they are reported apart.
  const weights = areas.map((area, t) => (shells.isVoid[shells.shellOf[t]!] ? 0 : area));
  const sampled = sampleSurface(mesh, weights, 7, samples);
  if (!sampled) return null;
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < p.length; i += 3) {
    for (let k = 0; k < 3; k++) {
      if (p[i + k]! < min[k]!) min[k] = p[i + k]!;
      if (p[i + k]! > max[k]!) max[k] = p[i + k]!;
    }
  }
  const diagonal = Math.hypot(max[0]! - min[0]!, max[1]! - min[1]!, max[2]! - min[2]!);
  const offset = Math.max(1e-4, diagonal * 1e-6);
  const points = sampled.samples.map(({ triangle: t, point }): Sample => {
    const normal: Vec3 = [normals[t * 3]!, normals[t * 3 + 1]!, normals[t * 3 + 2]!];
    return { point: [0, 1, 2].map((k) => point[k]! + normal[k]! * offset) as Vec3, normal };
  });
  const ray = new Ray();
  const escapes = (point: Vec3, direction: Vec3) => {
    ray.origin.set(...point);
    ray.direction.set(...direction);
    return bvh.raycastFirst(ray, DoubleSide) === null;
  };
  const undercutOn = (axis: Vec3) =>
    points.filter(({ point, normal }) => {
      const facing = dot(normal, axis);
      const up = facing > -0.01 && escapes(point, axis);
      return !up && !(facing < 0.01 && escapes(point, [-axis[0], -axis[1], -axis[2]]));
    });
  // Fewest undercut samples wins; between near-equals (within 0.5 % of the samples), the model axis
  // the surface faces most: a plate opens along its thickness, not across it (its faces are parallel
  // to both, so neither has undercuts). A principal axis must do clearly better than the model's
  // (a cube's are arbitrary, and a diagonal faces every side a little).
  const facing = (axis: Vec3) => points.reduce((sum, s) => sum + Math.abs(dot(s.normal, axis)), 0);
  const tie = points.length * 0.005;
  let best: { axis: Vec3; undercut: Sample[]; facing: number } | null = null;
  candidateAxes(mesh, areas).forEach((axis, n) => {
    // Nothing beats a model axis without undercuts: the principal axes would cost rays for nothing.
    if (n >= 3 && best!.undercut.length === 0) return;
    const undercut = undercutOn(axis);
    const candidate = { axis, undercut, facing: facing(axis) };
    const fewer = best ? best.undercut.length - undercut.length : Infinity;
    if (fewer > tie || (n < 3 && fewer >= -tie && candidate.facing > best!.facing)) best = candidate;
  });
  const perSample = sampled.total / points.length;
  const regions = groupByProximity(
    best!.undercut.map((s) => s.point),
    diagonal / 25,
  )
    .filter((group) => group.length >= minSamples)
    .map((group): UndercutRegion => {
      const lo: Vec3 = [Infinity, Infinity, Infinity];
      const hi: Vec3 = [-Infinity, -Infinity, -Infinity];
      const at: Vec3 = [0, 0, 0];
      for (const point of group) {
        for (let k = 0; k < 3; k++) {
          lo[k] = Math.min(lo[k]!, point[k]!);
          hi[k] = Math.max(hi[k]!, point[k]!);
          at[k]! += point[k]! / group.length;
        }
      }
      return { areaMm2: group.length * perSample, min: lo, max: hi, at };
    })
    .sort((x, y) => y.areaMm2 - x.areaMm2);
  return {
    pullAxis: best!.axis,
    slides: regions.length,
    areaMm2: regions.reduce((sum, r) => sum + r.areaMm2, 0),
    regions,
  };
}

/** Points in touching cells of a `cell`-sized grid belong together (a few thousand points at most). */
function groupByProximity(points: Vec3[], cell: number): Vec3[][] {
  const cellOf = (point: Vec3) => point.map((x) => Math.floor(x / cell)) as Vec3;
  const key = ([i, j, k]: Vec3) => `${i},${j},${k}`;
  const cells = new Map<string, number>();
  const parent = points.map((_, n) => n);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  points.forEach((point, n) => {
    const first = cells.get(key(cellOf(point)));
    if (first === undefined) cells.set(key(cellOf(point)), n);
    else parent[find(n)] = find(first);
  });
  for (const first of cells.values()) {
    const [i, j, k] = cellOf(points[first]!);
    for (let di = -1; di <= 1; di++)
      for (let dj = -1; dj <= 1; dj++)
        for (let dk = -1; dk <= 1; dk++) {
          const near = cells.get(key([i + di, j + dj, k + dk]));
          if (near !== undefined) parent[find(near)] = find(first);
        }
  }
  const groups = new Map<number, Vec3[]>();
  points.forEach((point, n) => {
    const group = groups.get(find(n));
    if (group) group.push(point);
    else groups.set(find(n), [point]);
  });
  return [...groups.values()];
}
