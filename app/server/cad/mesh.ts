import type { MeshMetrics } from "../../../workflows/model-metrics";

/** A triangle mesh in millimetres: xyz per vertex, three vertex indices per triangle. */
export type Mesh = { positions: Float32Array; indices: Uint32Array };

export function mergeMeshes(meshes: readonly Mesh[]): Mesh {
  // An STL is one mesh: a copy would only cost time and memory.
  if (meshes.length === 1) return meshes[0]!;
  const vertexCount = meshes.reduce((n, m) => n + m.positions.length, 0);
  const indexCount = meshes.reduce((n, m) => n + m.indices.length, 0);
  const positions = new Float32Array(vertexCount);
  const indices = new Uint32Array(indexCount);
  let vOffset = 0;
  let iOffset = 0;
  for (const m of meshes) {
    positions.set(m.positions, vOffset);
    const base = vOffset / 3;
    for (let i = 0; i < m.indices.length; i++) indices[iOffset + i] = m.indices[i]! + base;
    vOffset += m.positions.length;
    iOffset += m.indices.length;
  }
  return { positions, indices };
}

/**
 * Bounding box, area and volume (signed tetrahedra from the origin: exact for a closed mesh,
 * meaningless for an open one, hence the watertight flag beside it).
 */
export function measureMesh(mesh: Mesh, weld: Weld = weldVertices(mesh.positions)): MeshMetrics {
  const p = mesh.positions;
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < p.length; i += 3) {
    for (let a = 0; a < 3; a++) {
      const v = p[i + a]!;
      if (v < min[a]!) min[a] = v;
      if (v > max[a]!) max[a] = v;
    }
  }
  let volume = 0;
  let area = 0;
  const idx = mesh.indices;
  for (let t = 0; t < idx.length; t += 3) {
    const a = idx[t]! * 3;
    const b = idx[t + 1]! * 3;
    const c = idx[t + 2]! * 3;
    const [ax, ay, az] = [p[a]!, p[a + 1]!, p[a + 2]!];
    const [bx, by, bz] = [p[b]!, p[b + 1]!, p[b + 2]!];
    const [cx, cy, cz] = [p[c]!, p[c + 1]!, p[c + 2]!];
    volume += (ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx)) / 6;
    const [ux, uy, uz] = [bx - ax, by - ay, bz - az];
    const [vx, vy, vz] = [cx - ax, cy - ay, cz - az];
    area += Math.hypot(uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx) / 2;
  }
  const { watertight, bodies } = meshTopology(mesh, weld);
  const empty = p.length === 0;
  return {
    sizeMm: empty ? [0, 0, 0] : [max[0]! - min[0]!, max[1]! - min[1]!, max[2]! - min[2]!],
    minMm: empty ? [0, 0, 0] : [min[0]!, min[1]!, min[2]!],
    volumeMm3: Math.abs(volume),
    areaMm2: area,
    triangles: idx.length / 3,
    watertight,
    bodies,
    normalsOutward: volume >= 0,
  };
}

/** What welding and edge counting found: the figures behind `watertight` and `bodies`. */
export type MeshTopology = {
  /** Distinct vertices once those within the same micrometre are welded. */
  vertices: number;
  /** Distinct edges of the triangles with three distinct corners. */
  edges: number;
  /** Edges used by one triangle only: holes. */
  boundaryEdges: number;
  /** Edges used by more than two triangles. */
  nonManifoldEdges: number;
  watertight: boolean;
  bodies: number;
};

/** Each vertex's welded number (in order of first appearance), and how many welded vertices there are. */
export type Weld = { id: Uint32Array; count: number };

/**
 * Welds vertices that round to the same micrometre: numbered in order of first appearance, by an
 * open-addressing hash table over the rounded coordinates (a string-keyed Map took 9 s for 6 M
 * vertices). The table grows with the welded vertices, which an STL has six times fewer of than corners.
 */
export function weldVertices(p: Float32Array): Weld {
  const vertexCount = p.length / 3;
  const id = new Uint32Array(vertexCount);
  // Slot -> welded id + 1 (0 is empty); the rounded coordinates of each welded vertex in `keys`.
  let slots: Uint32Array = new Uint32Array(1 << 16);
  let keys: Float64Array = new Float64Array(3 << 15);
  let hashes: Uint32Array = new Uint32Array(1 << 15);
  let count = 0;
  for (let v = 0; v < vertexCount; v++) {
    // "+ 0" makes -0 a 0, as the decimal string did.
    const x = Math.round(p[v * 3]! * 1000) + 0;
    const y = Math.round(p[v * 3 + 1]! * 1000) + 0;
    const z = Math.round(p[v * 3 + 2]! * 1000) + 0;
    // Hashes the coordinates' 32-bit truncation: equal keys always hash alike (NaN and infinities to 0).
    const hash = (Math.imul(x | 0, 73856093) ^ Math.imul(y | 0, 19349663) ^ Math.imul(z | 0, 83492791)) >>> 0;
    const mask = slots.length - 1;
    let slot = hash & mask;
    for (;;) {
      const entry = slots[slot]!;
      if (entry === 0) break;
      const w = entry - 1;
      if (same(keys[w * 3]!, x) && same(keys[w * 3 + 1]!, y) && same(keys[w * 3 + 2]!, z)) break;
      slot = (slot + 1) & mask;
    }
    if (slots[slot] !== 0) {
      id[v] = slots[slot]! - 1;
      continue;
    }
    if (count === hashes.length) {
      keys = grow(keys, keys.length * 2);
      hashes = grow(hashes, hashes.length * 2);
    }
    keys[count * 3] = x;
    keys[count * 3 + 1] = y;
    keys[count * 3 + 2] = z;
    hashes[count] = hash;
    slots[slot] = ++count;
    id[v] = count - 1;
    // Kept at most half full, so probe runs stay short.
    if (count * 2 > slots.length) slots = rehash(hashes, count, slots.length * 2);
  }
  return { id, count };
}

function grow<T extends Float64Array | Uint32Array>(array: T, length: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(length);
  bigger.set(array);
  return bigger;
}

function rehash(hashes: Uint32Array, count: number, size: number): Uint32Array {
  const slots = new Uint32Array(size);
  const mask = size - 1;
  for (let w = 0; w < count; w++) {
    let slot = hashes[w]! & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = w + 1;
  }
  return slots;
}

/** Equality of rounded coordinates, NaN included (the decimal string "NaN" welded NaNs together). */
function same(a: number, b: number): boolean {
  return a === b || (a !== a && b !== b);
}

/**
 * Welds vertices closer than 1 µm, then counts edge uses (of triangles with area) and connected
 * pieces. Edges are grouped by their lower vertex in flat arrays (a compressed adjacency list), then
 * each vertex's few neighbours are sorted and counted: no per-edge objects or keys.
 */
export function meshTopology(mesh: Mesh, weld: Weld = weldVertices(mesh.positions)): MeshTopology {
  const { id, count: n } = weld;
  const idx = mesh.indices;
  const triangles = idx.length / 3;
  const parent = new Uint32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  // First pass: how many edges start at each vertex (the lower id of the two), and the union-find.
  const start = new Uint32Array(n + 1);
  for (let t = 0; t < triangles; t++) {
    const a = id[idx[t * 3]!]!;
    const b = id[idx[t * 3 + 1]!]!;
    const c = id[idx[t * 3 + 2]!]!;
    // OpenCascade emits triangles collapsed onto an edge (two corners welded into one): they cover
    // no area, and counting their edges made clean solids look open. Collinear slivers with three
    // distinct corners stay: they close T-junctions.
    if (a === b || b === c || a === c) continue;
    start[Math.min(a, b) + 1]!++;
    start[Math.min(b, c) + 1]!++;
    start[Math.min(c, a) + 1]!++;
    parent[find(a)] = find(b);
    parent[find(b)] = find(c);
    parent[find(c)] = find(a);
  }
  for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
  const other = new Uint32Array(start[n]!);
  const fill = start.slice(0, n);
  for (let t = 0; t < triangles; t++) {
    const a = id[idx[t * 3]!]!;
    const b = id[idx[t * 3 + 1]!]!;
    const c = id[idx[t * 3 + 2]!]!;
    if (a === b || b === c || a === c) continue;
    other[fill[Math.min(a, b)]!++] = Math.max(a, b);
    other[fill[Math.min(b, c)]!++] = Math.max(b, c);
    other[fill[Math.min(c, a)]!++] = Math.max(c, a);
  }
  let edges = 0;
  let boundaryEdges = 0;
  let nonManifoldEdges = 0;
  for (let v = 0; v < n; v++) {
    const from = start[v]!;
    const to = start[v + 1]!;
    if (to - from > 16) other.subarray(from, to).sort();
    else insertionSort(other, from, to);
    for (let i = from; i < to;) {
      let j = i + 1;
      while (j < to && other[j] === other[i]) j++;
      edges++;
      if (j - i === 1) boundaryEdges++;
      else if (j - i > 2) nonManifoldEdges++;
      i = j;
    }
  }
  let bodies = 0;
  for (let v = 0; v < n; v++) if (find(v) === v) bodies++;
  return {
    vertices: n,
    edges,
    boundaryEdges,
    nonManifoldEdges,
    watertight: edges > 0 && boundaryEdges === 0 && nonManifoldEdges === 0,
    bodies,
  };
}

/** A vertex has a handful of neighbours: sorting them in place beats a subarray and a native sort. */
function insertionSort(a: Uint32Array, from: number, to: number) {
  for (let i = from + 1; i < to; i++) {
    const x = a[i]!;
    let j = i - 1;
    while (j >= from && a[j]! > x) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = x;
  }
}
