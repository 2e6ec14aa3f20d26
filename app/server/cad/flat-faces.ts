import type { Mesh, Weld } from "./mesh";
import type { FlatFace, UnsupportedSpan, Vec3 } from "../../../workflows/model-metrics";

/** A plane of the part's surface: the triangles sharing one outward normal and offset. */
export type Plane = { normal: Vec3; offsetMm: number; areaMm2: number; at: Vec3 };

/**
 * Each triangle's outward unit normal (zero for a triangle without area) and area, in two flat
 * arrays: every feature below reads them.
 */
export function triangleNormals(mesh: Mesh, normalsOutward: boolean): { normals: Float32Array; areas: Float64Array } {
  const p = mesh.positions;
  const idx = mesh.indices;
  const triangles = idx.length / 3;
  const normals = new Float32Array(triangles * 3);
  const areas = new Float64Array(triangles);
  const sign = normalsOutward ? 1 : -1;
  for (let t = 0; t < triangles; t++) {
    const a = idx[t * 3]! * 3;
    const b = idx[t * 3 + 1]! * 3;
    const c = idx[t * 3 + 2]! * 3;
    const ux = p[b]! - p[a]!;
    const uy = p[b + 1]! - p[a + 1]!;
    const uz = p[b + 2]! - p[a + 2]!;
    const vx = p[c]! - p[a]!;
    const vy = p[c + 1]! - p[a + 1]!;
    const vz = p[c + 2]! - p[a + 2]!;
    const x = uy * vz - uz * vy;
    const y = uz * vx - ux * vz;
    const z = ux * vy - uy * vx;
    const length = Math.sqrt(x * x + y * y + z * z);
    areas[t] = length / 2;
    if (length === 0) continue;
    normals[t * 3] = (sign * x) / length;
    normals[t * 3 + 1] = (sign * y) / length;
    normals[t * 3 + 2] = (sign * z) / length;
  }
  return { normals, areas };
}

/**
 * Groups triangles into planes by their normal (to 0.001) and offset (to 0.01 mm), in an
 * open-addressing table over those integers (as the weld does: no string keys), largest first.
 * Only planes of at least `minAreaMm2` are wanted, and a curved surface is a plane per triangle (a
 * 2 M-triangle sphere took 4 s and 350 MB here): a first pass sums the area per coarse direction
 * (normal to 0.05, a fixed 41³ grid) and only triangles in a direction holding that much area are
 * grouped. Coplanar patches that do not touch count as one plane: for a setter or a flatness callout
 * they are.
 */
export function planes(mesh: Mesh, normals: Float32Array, areas: Float64Array, minAreaMm2 = 0): Plane[] {
  const p = mesh.positions;
  const idx = mesh.indices;
  const triangles = idx.length / 3;
  const direction = (t: number) =>
    (Math.round(normals[t * 3]! * 20) + 20) * 1681 +
    (Math.round(normals[t * 3 + 1]! * 20) + 20) * 41 +
    Math.round(normals[t * 3 + 2]! * 20) +
    20;
  const perDirection = new Float64Array(41 ** 3);
  for (let t = 0; t < triangles; t++) perDirection[direction(t)]! += areas[t]!;
  let slots: Uint32Array = new Uint32Array(1 << 12);
  let keys: Int32Array = new Int32Array(4 << 11);
  let sums: Float64Array = new Float64Array(7 << 11);
  let count = 0;
  for (let t = 0; t < triangles; t++) {
    const area = areas[t]!;
    if (area === 0 || perDirection[direction(t)]! < minAreaMm2) continue;
    const nx = normals[t * 3]!;
    const ny = normals[t * 3 + 1]!;
    const nz = normals[t * 3 + 2]!;
    const a = idx[t * 3]! * 3;
    const b = idx[t * 3 + 1]! * 3;
    const c = idx[t * 3 + 2]! * 3;
    const cx = (p[a]! + p[b]! + p[c]!) / 3;
    const cy = (p[a + 1]! + p[b + 1]! + p[c + 1]!) / 3;
    const cz = (p[a + 2]! + p[b + 2]! + p[c + 2]!) / 3;
    const k0 = Math.round(nx * 1000);
    const k1 = Math.round(ny * 1000);
    const k2 = Math.round(nz * 1000);
    const k3 = Math.round((nx * cx + ny * cy + nz * cz) * 100);
    const hash =
      (Math.imul(k0, 73856093) ^ Math.imul(k1, 19349663) ^ Math.imul(k2, 83492791) ^ Math.imul(k3, 2654435761)) >>> 0;
    const mask = slots.length - 1;
    let slot = hash & mask;
    let plane = -1;
    for (;;) {
      const entry = slots[slot]!;
      if (entry === 0) break;
      const w = entry - 1;
      if (keys[w * 4] === k0 && keys[w * 4 + 1] === k1 && keys[w * 4 + 2] === k2 && keys[w * 4 + 3] === k3) {
        plane = w;
        break;
      }
      slot = (slot + 1) & mask;
    }
    if (plane < 0) {
      if (count * 4 === keys.length) {
        keys = grown(keys);
        sums = grown(sums);
      }
      plane = count++;
      keys.set([k0, k1, k2, k3], plane * 4);
      slots[slot] = count;
      if (count * 2 > slots.length) slots = rehashed(keys, count, slots.length * 2);
    }
    const s = plane * 7;
    sums[s]! += area;
    sums[s + 1]! += nx * area;
    sums[s + 2]! += ny * area;
    sums[s + 3]! += nz * area;
    sums[s + 4]! += cx * area;
    sums[s + 5]! += cy * area;
    sums[s + 6]! += cz * area;
  }
  const found: Plane[] = [];
  for (let w = 0; w < count; w++) {
    const s = w * 7;
    const area = sums[s]!;
    if (area < minAreaMm2) continue;
    const normal = unit([sums[s + 1]!, sums[s + 2]!, sums[s + 3]!]);
    const at: Vec3 = [sums[s + 4]! / area, sums[s + 5]! / area, sums[s + 6]! / area];
    found.push({ normal, offsetMm: dot(normal, at), areaMm2: area, at });
  }
  return found.sort((x, y) => y.areaMm2 - x.areaMm2);
}

function grown<T extends Int32Array | Float64Array>(array: T): T {
  const bigger = new (array.constructor as new (length: number) => T)(array.length * 2);
  bigger.set(array);
  return bigger;
}

function rehashed(keys: Int32Array, count: number, size: number): Uint32Array {
  const slots = new Uint32Array(size);
  const mask = size - 1;
  for (let w = 0; w < count; w++) {
    const hash =
      (Math.imul(keys[w * 4]!, 73856093) ^
        Math.imul(keys[w * 4 + 1]!, 19349663) ^
        Math.imul(keys[w * 4 + 2]!, 83492791) ^
        Math.imul(keys[w * 4 + 3]!, 2654435761)) >>>
      0;
    let slot = hash & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = w + 1;
  }
  return slots;
}

export const dot = (a: readonly number[], b: readonly number[]) => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;

export function unit(v: readonly number[]): Vec3 {
  const length = Math.hypot(v[0]!, v[1]!, v[2]!) || 1;
  return [v[0]! / length, v[1]! / length, v[2]! / length];
}

/** Two unit vectors square to `normal` and to each other. */
export function basis(normal: Vec3): [Vec3, Vec3] {
  const helper: Vec3 = Math.abs(normal[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0];
  const u = unit(cross(normal, helper));
  return [u, cross(normal, u)];
}

const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];

/**
 * The part's silhouette area looking along `direction`: the triangles rasterised onto a grid of
 * `cells` squares across the outline's longer side (a sum of projected triangles would count every
 * overlap, top and bottom alike).
 */
export function projectedArea(mesh: Mesh, direction: Vec3, cells = 256): number {
  const p = mesh.positions;
  const idx = mesh.indices;
  const [u, v] = basis(unit(direction));
  const vertexCount = p.length / 3;
  const pu = new Float64Array(vertexCount);
  const pv = new Float64Array(vertexCount);
  let minU = Infinity;
  let minV = Infinity;
  let maxU = -Infinity;
  let maxV = -Infinity;
  for (let i = 0; i < vertexCount; i++) {
    const x = p[i * 3]!;
    const y = p[i * 3 + 1]!;
    const z = p[i * 3 + 2]!;
    const a = (pu[i] = x * u[0] + y * u[1] + z * u[2]);
    const b = (pv[i] = x * v[0] + y * v[1] + z * v[2]);
    if (a < minU) minU = a;
    if (a > maxU) maxU = a;
    if (b < minV) minV = b;
    if (b > maxV) maxV = b;
  }
  const cell = Math.max(maxU - minU, maxV - minV) / cells;
  if (!(cell > 0)) return 0;
  const width = Math.ceil((maxU - minU) / cell) + 1;
  const height = Math.ceil((maxV - minV) / cell) + 1;
  const covered = new Uint8Array(width * height);
  for (let t = 0; t < idx.length; t += 3) {
    const ax = (pu[idx[t]!]! - minU) / cell;
    const ay = (pv[idx[t]!]! - minV) / cell;
    const bx = (pu[idx[t + 1]!]! - minU) / cell;
    const by = (pv[idx[t + 1]!]! - minV) / cell;
    const cx = (pu[idx[t + 2]!]! - minU) / cell;
    const cy = (pv[idx[t + 2]!]! - minV) / cell;
    const area2 = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
    if (area2 === 0) continue;
    // Cell centres sit at half-integers: those inside the triangle (either winding) are covered.
    const i0 = Math.max(0, Math.ceil(Math.min(ax, bx, cx) - 0.5));
    const i1 = Math.min(width - 1, Math.floor(Math.max(ax, bx, cx) - 0.5));
    const j0 = Math.max(0, Math.ceil(Math.min(ay, by, cy) - 0.5));
    const j1 = Math.min(height - 1, Math.floor(Math.max(ay, by, cy) - 0.5));
    const s = area2 > 0 ? 1 : -1;
    for (let j = j0; j <= j1; j++) {
      const y = j + 0.5;
      for (let i = i0; i <= i1; i++) {
        const x = i + 0.5;
        if (
          s * ((bx - ax) * (y - ay) - (by - ay) * (x - ax)) >= 0 &&
          s * ((cx - bx) * (y - by) - (cy - by) * (x - bx)) >= 0 &&
          s * ((ax - cx) * (y - cy) - (ay - cy) * (x - cx)) >= 0
        )
          covered[j * width + i] = 1;
      }
    }
  }
  return covered.reduce((sum, c) => sum + c, 0) * cell * cell;
}

/**
 * The largest planes (at most `limit` of those found), with the share of the
 * part's outline each fills: a plate's face near 1 is a fine-blanking or stamping shape and a
 * flatness risk in sintering.
 */
export function largeFlatFaces(mesh: Mesh, found: Plane[], limit = 3): FlatFace[] {
  const silhouettes = new Map<string, number>();
  return found.slice(0, limit).map((f) => {
    // Opposite faces share one silhouette.
    const axis = f.normal.map((x) => Math.round(Math.abs(x) * 1000)).join();
    const silhouette = silhouettes.get(axis) ?? projectedArea(mesh, f.normal);
    silhouettes.set(axis, silhouette);
    return {
      areaMm2: f.areaMm2,
      normal: f.normal,
      projectedShare: silhouette > 0 ? Math.min(1, f.areaMm2 / silhouette) : 0,
      at: f.at,
    };
  });
}

/**
 * Long unsupported spans when the part sinters lying on `setter` (its largest plane, facing down):
 * triangles facing down within 45 degrees and above the setter, grouped into connected regions by
 * welded vertices (union-find, typed arrays), each measured as its longer side across the setter.
 * Longest first; regions under `minSpanMm` are left out (fillets and chamfer edges).
 */
export function unsupportedSpans(
  mesh: Mesh,
  weld: Weld,
  normals: Float32Array,
  areas: Float64Array,
  setter: Plane,
  minSpanMm = 1,
): UnsupportedSpan[] {
  const p = mesh.positions;
  const idx = mesh.indices;
  const { id, count: n } = weld;
  const down = setter.normal;
  const [u, v] = basis(down);
  const parent = new Uint32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  const overhang = new Uint8Array(idx.length / 3);
  for (let t = 0; t < overhang.length; t++) {
    if (normals[t * 3]! * down[0] + normals[t * 3 + 1]! * down[1] + normals[t * 3 + 2]! * down[2] < Math.SQRT1_2)
      continue;
    const a = idx[t * 3]! * 3;
    const height = setter.offsetMm - (p[a]! * down[0] + p[a + 1]! * down[1] + p[a + 2]! * down[2]);
    if (height <= 0.05) continue;
    overhang[t] = 1;
    const ra = find(id[idx[t * 3]!]!);
    parent[ra] = find(id[idx[t * 3 + 1]!]!);
    parent[find(id[idx[t * 3 + 1]!]!)] = find(id[idx[t * 3 + 2]!]!);
  }
  type Region = { minU: number; maxU: number; minV: number; maxV: number; area: number; height: number; at: Vec3 };
  const regions = new Map<number, Region>();
  for (let t = 0; t < overhang.length; t++) {
    if (!overhang[t]) continue;
    const root = find(id[idx[t * 3]!]!);
    let r = regions.get(root);
    if (!r) {
      r = { minU: Infinity, maxU: -Infinity, minV: Infinity, maxV: -Infinity, area: 0, height: 0, at: [0, 0, 0] };
      regions.set(root, r);
    }
    const area = areas[t]!;
    for (let k = 0; k < 3; k++) {
      const a = idx[t * 3 + k]! * 3;
      const x = p[a]!;
      const y = p[a + 1]!;
      const z = p[a + 2]!;
      const pu = x * u[0] + y * u[1] + z * u[2];
      const pv = x * v[0] + y * v[1] + z * v[2];
      if (pu < r.minU) r.minU = pu;
      if (pu > r.maxU) r.maxU = pu;
      if (pv < r.minV) r.minV = pv;
      if (pv > r.maxV) r.maxV = pv;
      const w = area / 3;
      r.at[0] += x * w;
      r.at[1] += y * w;
      r.at[2] += z * w;
      r.height += (setter.offsetMm - (x * down[0] + y * down[1] + z * down[2])) * w;
    }
    r.area += area;
  }
  return [...regions.values()]
    .filter((r) => r.area > 0)
    .map((r) => ({
      spanMm: Math.max(r.maxU - r.minU, r.maxV - r.minV),
      heightMm: r.height / r.area,
      areaMm2: r.area,
      at: r.at.map((x) => x / r.area) as Vec3,
    }))
    .filter((s) => s.spanMm >= minSpanMm)
    .sort((x, y) => y.spanMm - x.spanMm);
}
