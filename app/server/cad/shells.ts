import type { Mesh, Weld } from "./mesh";

export type Shells = {
  /** Each triangle's shell: a connected piece of the welded mesh. */
  shellOf: Uint32Array;
  /** Per shell, 1 when it is an internal void: a closed shell wound inward, inside another shell. */
  isVoid: Uint8Array;
  /** Shells that are solids: the separate bodies of the part. */
  bodies: number;
  /** Closed cavities inside the material, which MIM cannot mould, and their volume. */
  voids: { count: number; volumeMm3: number };
};

/**
 * Splits a welded mesh into shells (union-find over welded vertex ids, no per-triangle objects) and
 * tells the inner shells of a hollow part from separate bodies: an inner shell's triangles face into
 * the cavity, so its signed volume has the opposite sign to the part's, and it lies inside another shell.
 */
export function findShells(mesh: Mesh, weld: Weld, normalsOutward: boolean): Shells {
  const { id, count: n } = weld;
  const idx = mesh.indices;
  const p = mesh.positions;
  const triangles = idx.length / 3;
  const parent = new Uint32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  for (let t = 0; t < triangles; t++) {
    const a = find(id[idx[t * 3]!]!);
    const b = find(id[idx[t * 3 + 1]!]!);
    const c = find(id[idx[t * 3 + 2]!]!);
    parent[a] = b;
    parent[find(b)] = find(c);
  }
  const shellOfRoot = new Int32Array(n).fill(-1);
  const shellOf = new Uint32Array(triangles);
  const volume: number[] = [];
  const box: number[][] = [];
  for (let t = 0; t < triangles; t++) {
    const root = find(id[idx[t * 3]!]!);
    let s = shellOfRoot[root]!;
    if (s < 0) {
      s = shellOfRoot[root] = volume.length;
      volume.push(0);
      box.push([Infinity, Infinity, Infinity, -Infinity, -Infinity, -Infinity]);
    }
    shellOf[t] = s;
    const a = idx[t * 3]! * 3;
    const b = idx[t * 3 + 1]! * 3;
    const c = idx[t * 3 + 2]! * 3;
    volume[s]! +=
      (p[a]! * (p[b + 1]! * p[c + 2]! - p[b + 2]! * p[c + 1]!) -
        p[a + 1]! * (p[b]! * p[c + 2]! - p[b + 2]! * p[c]!) +
        p[a + 2]! * (p[b]! * p[c + 1]! - p[b + 1]! * p[c]!)) /
      6;
    const bb = box[s]!;
    for (let k = 0; k < 3; k++) {
      const lo = Math.min(p[a + k]!, p[b + k]!, p[c + k]!);
      const hi = Math.max(p[a + k]!, p[b + k]!, p[c + k]!);
      if (lo < bb[k]!) bb[k] = lo;
      if (hi > bb[k + 3]!) bb[k + 3] = hi;
    }
  }
  const sign = normalsOutward ? 1 : -1;
  const isVoid = new Uint8Array(volume.length);
  const inside = (inner: number[], outer: number[]) =>
    [0, 1, 2].every((k) => inner[k]! >= outer[k]! && inner[k + 3]! <= outer[k + 3]!);
  let voidVolume = 0;
  volume.forEach((v, s) => {
    if (v * sign >= 0) return;
    if (volume.some((w, o) => o !== s && w * sign > 0 && inside(box[s]!, box[o]!))) {
      isVoid[s] = 1;
      voidVolume += Math.abs(v);
    }
  });
  const voidCount = isVoid.reduce((sum, x) => sum + x, 0);
  return {
    shellOf,
    isVoid,
    bodies: volume.length - voidCount,
    voids: { count: voidCount, volumeMm3: voidVolume },
  };
}
