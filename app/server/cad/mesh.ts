/** A triangle mesh in millimetres: xyz per vertex, three vertex indices per triangle. */
export type Mesh = { positions: Float32Array; indices: Uint32Array };

export function mergeMeshes(meshes: readonly Mesh[]): Mesh {
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

export type MeshMetrics = {
  sizeMm: [number, number, number];
  minMm: [number, number, number];
  volumeMm3: number;
  areaMm2: number;
  triangles: number;
  /** Every edge shared by exactly two triangles once coincident vertices are welded. */
  watertight: boolean;
  /** Connected pieces of the welded mesh: the number of separate solids (or shells). */
  bodies: number;
  /** Whether the triangles wind outward (positive signed volume), as ray casting needs to know. */
  normalsOutward: boolean;
};

/**
 * Bounding box, area and volume (signed tetrahedra from the origin: exact for a closed mesh,
 * meaningless for an open one, hence the watertight flag beside it).
 */
export function measureMesh(mesh: Mesh): MeshMetrics {
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
  const { watertight, bodies } = topology(mesh);
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

/** Welds vertices closer than 1 µm, then counts edge uses (of triangles with area) and connected pieces. */
function topology(mesh: Mesh): { watertight: boolean; bodies: number } {
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
    // OpenCascade emits triangles collapsed onto an edge (two corners welded into one): they cover
    // no area, and counting their edges made clean solids look open. Collinear slivers with three
    // distinct corners stay: they close T-junctions.
    if (tri[0] === tri[1] || tri[1] === tri[2] || tri[0] === tri[2]) continue;
    for (let e = 0; e < 3; e++) {
      const a = tri[e]!;
      const b = tri[(e + 1) % 3]!;
      const key = a < b ? a * n + b : b * n + a;
      edges.set(key, (edges.get(key) ?? 0) + 1);
      parent[find(a)] = find(b);
    }
  }
  let watertight = edges.size > 0;
  for (const uses of edges.values()) if (uses !== 2) watertight = false;
  const roots = new Set<number>();
  for (let v = 0; v < n; v++) roots.add(find(v));
  return { watertight, bodies: roots.size };
}
