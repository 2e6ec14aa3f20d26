import type { Mesh } from "../../app/server/cad/mesh";

/** An axis-aligned box as 12 outward-facing triangles, its corner at `origin`. */
export function box(x: number, y: number, z: number, origin: [number, number, number] = [0, 0, 0]): Mesh {
  const [ox, oy, oz] = origin;
  const v = [
    [0, 0, 0],
    [x, 0, 0],
    [x, y, 0],
    [0, y, 0],
    [0, 0, z],
    [x, 0, z],
    [x, y, z],
    [0, y, z],
  ].map(([a, b, c]) => [a! + ox, b! + oy, c! + oz]);
  const faces = [
    [0, 2, 1],
    [0, 3, 2],
    [4, 5, 6],
    [4, 6, 7],
    [0, 1, 5],
    [0, 5, 4],
    [1, 2, 6],
    [1, 6, 5],
    [2, 3, 7],
    [2, 7, 6],
    [3, 0, 4],
    [3, 4, 7],
  ];
  return { positions: Float32Array.from(v.flat()), indices: Uint32Array.from(faces.flat()) };
}

/** A closed, outward-wound sphere of 2 x segments x (rings - 1) triangles: a large mesh on demand. */
export function sphere(radius: number, segments: number, rings: number): Mesh {
  const positions: number[] = [];
  for (let r = 0; r <= rings; r++) {
    const theta = (r / rings) * Math.PI;
    for (let s = 0; s < segments; s++) {
      const phi = (s / segments) * 2 * Math.PI;
      positions.push(
        radius * Math.sin(theta) * Math.cos(phi),
        radius * Math.sin(theta) * Math.sin(phi),
        radius * Math.cos(theta),
      );
    }
  }
  const indices: number[] = [];
  const at = (r: number, s: number) => r * segments + (s % segments);
  for (let r = 0; r < rings; r++) {
    for (let s = 0; s < segments; s++) {
      if (r > 0) indices.push(at(r, s), at(r + 1, s), at(r, s + 1));
      if (r < rings - 1) indices.push(at(r, s + 1), at(r + 1, s), at(r + 1, s + 1));
    }
  }
  return { positions: Float32Array.from(positions), indices: Uint32Array.from(indices) };
}

/** Several meshes as one binary STL (each triangle with its own three corners, as STL stores them). */
export function binaryStl(...meshes: Mesh[]): Buffer {
  const count = meshes.reduce((n, m) => n + m.indices.length / 3, 0);
  const out = Buffer.alloc(84 + 50 * count);
  out.write("binary STL written by the mim-rfq tests", 0);
  out.writeUInt32LE(count, 80);
  let offset = 84;
  for (const m of meshes) {
    for (let t = 0; t < m.indices.length; t += 3) {
      for (let k = 0; k < 3; k++) {
        const i = m.indices[t + k]! * 3;
        out.writeFloatLE(m.positions[i]!, offset + 12 + k * 12);
        out.writeFloatLE(m.positions[i + 1]!, offset + 16 + k * 12);
        out.writeFloatLE(m.positions[i + 2]!, offset + 20 + k * 12);
      }
      offset += 50;
    }
  }
  return out;
}

/** A closed sphere (radius 20 mm) as a binary STL of about `mb` megabytes: a large, honest model on demand. */
export function sphereStl(mb: number): Buffer {
  const triangles = Math.floor((mb * 1024 * 1024 - 84) / 50);
  const rings = Math.max(4, Math.floor(Math.sqrt(triangles / 2)));
  const segments = Math.max(3, Math.floor(triangles / (2 * (rings - 1))));
  return binaryStl(sphere(20, segments, rings));
}

/**
 * The closed surface of the filled cells of a grid (`filled(i, j, k)` for cells of `cell` mm, the grid
 * `size` cells across), outward-wound: a cavity's faces point into it, as a CAD export's inner shell
 * does. Any blocky part with holes, pockets, bosses and voids, with answers known by construction.
 */
export function voxels(
  size: [number, number, number],
  filled: (i: number, j: number, k: number) => boolean,
  cell = 1,
): Mesh {
  const positions: number[] = [];
  const indices: number[] = [];
  const vertex = new Map<string, number>();
  const at = (x: number, y: number, z: number) => {
    const key = `${x},${y},${z}`;
    let v = vertex.get(key);
    if (v === undefined) {
      v = positions.length / 3;
      vertex.set(key, v);
      positions.push(x * cell, y * cell, z * cell);
    }
    return v;
  };
  const solid = (i: number, j: number, k: number) =>
    i >= 0 && j >= 0 && k >= 0 && i < size[0] && j < size[1] && k < size[2] && filled(i, j, k);
  // Per direction: the neighbour's offset, then the face's four corners counter-clockwise seen from outside.
  const faces = [
    [1, 0, 0, 1, 0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1],
    [-1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 0, 1, 0],
    [0, 1, 0, 0, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0],
    [0, -1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 1],
    [0, 0, 1, 0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1],
    [0, 0, -1, 0, 0, 0, 0, 1, 0, 1, 1, 0, 1, 0, 0],
  ];
  for (let i = 0; i < size[0]; i++)
    for (let j = 0; j < size[1]; j++)
      for (let k = 0; k < size[2]; k++) {
        if (!filled(i, j, k)) continue;
        for (const f of faces) {
          if (solid(i + f[0]!, j + f[1]!, k + f[2]!)) continue;
          const [a, b, c, d] = [3, 6, 9, 12].map((o) => at(i + f[o]!, j + f[o + 1]!, k + f[o + 2]!));
          indices.push(a!, b!, c!, a!, c!, d!);
        }
      }
  return { positions: Float32Array.from(positions), indices: Uint32Array.from(indices) };
}
