import { MeshoptSimplifier } from "meshoptimizer/simplifier";
import type { Mesh, Weld } from "./mesh";

/** The largest preview the viewer downloads: a 1 M-triangle STL was a 48 MB glTF before. */
export const PREVIEW_MAX_BYTES = 4 * 1024 * 1024;

/** Bytes of vertex and index data a mesh takes in the binary glTF (the JSON header is small). */
export function previewBytes(mesh: Mesh): number {
  return mesh.positions.byteLength + mesh.indices.byteLength;
}

/**
 * Shares vertices at the same position (an STL repeats every corner for each triangle) and drops
 * triangles collapsed by that, so the simplifier sees connected surfaces and the buffers shrink.
 */
function weld(mesh: Mesh, measured?: Weld): Mesh {
  const remap = measured ? firstOfEach(measured) : MeshoptSimplifier.generatePositionRemap(mesh.positions, 3);
  const kept = new Uint32Array(mesh.indices.length);
  let length = 0;
  for (let t = 0; t < mesh.indices.length; t += 3) {
    const a = remap[mesh.indices[t]!]!;
    const b = remap[mesh.indices[t + 1]!]!;
    const c = remap[mesh.indices[t + 2]!]!;
    if (a === b || b === c || a === c) continue;
    kept[length++] = a;
    kept[length++] = b;
    kept[length++] = c;
  }
  return compact({ positions: mesh.positions, indices: kept.subarray(0, length) });
}

/**
 * The measurement's weld (vertices within the same micrometre) as meshoptimizer's position remap:
 * each vertex points to the first vertex of its weld. Welding a 6 M-vertex STL again cost 0.45 s.
 */
function firstOfEach(measured: Weld): Uint32Array {
  const first = new Uint32Array(measured.count).fill(0xffffffff);
  const remap = new Uint32Array(measured.id.length);
  for (let v = 0; v < remap.length; v++) {
    const w = measured.id[v]!;
    if (first[w] === 0xffffffff) first[w] = v;
    remap[v] = first[w]!;
  }
  return remap;
}

/** Keeps only the vertices the indices use, renumbered in order of use. */
function compact(mesh: Mesh): Mesh {
  const indices = mesh.indices.slice();
  const [remap, unique] = MeshoptSimplifier.compactMesh(indices);
  const positions = new Float32Array(unique * 3);
  for (let v = 0; v < remap.length; v++) {
    const to = remap[v]!;
    if (to === 0xffffffff) continue;
    positions.set(mesh.positions.subarray(v * 3, v * 3 + 3), to * 3);
  }
  return { positions, indices };
}

/**
 * The edge-collapse simplifier takes over a second per million triangles; the sloppy one is about ten
 * times faster. A mesh many times over the target is first cut by the sloppy one to twice the target,
 * and the edge-collapse simplifier shapes the rest (2.6 s became 0.4 s for a 2 M-triangle STL).
 */
function roughCut(welded: Mesh, targetIndices: number): Mesh {
  if (welded.indices.length <= targetIndices * 4) return welded;
  const [rough] = MeshoptSimplifier.simplifySloppy(welded.indices, welded.positions, 3, null, targetIndices * 2, 1);
  return compact({ positions: welded.positions, indices: rough });
}

/**
 * The mesh the browser's viewer gets: the full mesh when it fits the budget, else a simplified copy
 * (meshoptimizer's edge-collapse simplifier, then its topology-free "sloppy" one if a mesh is stuck).
 * Only the preview is simplified: every measurement is taken on the full mesh. `measured` is the
 * weld the measurement made, reused when given.
 */
export async function previewMesh(mesh: Mesh, measured?: Weld, maxBytes = PREVIEW_MAX_BYTES): Promise<Mesh> {
  if (previewBytes(mesh) <= maxBytes) return mesh;
  await MeshoptSimplifier.ready;
  const welded = weld(mesh, measured);
  if (previewBytes(welded) <= maxBytes) return welded;
  // A welded mesh has about half a vertex per triangle: 12 bytes of indices plus about 6 of position.
  let targetTriangles = Math.floor(maxBytes / 20);
  const source = roughCut(welded, targetTriangles * 3);
  for (let attempt = 0; attempt < 8; attempt++) {
    const target = Math.min(targetTriangles * 3, source.indices.length);
    const [simplified] = MeshoptSimplifier.simplify(source.indices, source.positions, 3, target, 1, ["Prune"]);
    let candidate = compact({ positions: source.positions, indices: simplified });
    if (previewBytes(candidate) > maxBytes) {
      const [sloppy] = MeshoptSimplifier.simplifySloppy(source.indices, source.positions, 3, null, target, 1);
      candidate = compact({ positions: source.positions, indices: sloppy });
    }
    if (previewBytes(candidate) <= maxBytes) return candidate;
    targetTriangles = Math.floor(targetTriangles / 2);
  }
  throw new Error(`the preview could not be reduced below ${maxBytes} bytes`);
}
