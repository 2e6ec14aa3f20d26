import { BufferAttribute, BufferGeometry, DoubleSide, Ray, Vector3 } from "three";
import { MeshBVH } from "three-mesh-bvh";
import type { Mesh } from "./mesh";

export type WallThickness = { minMm: number; p5Mm: number; medianMm: number; samples: number };

/** Deterministic, so the same model always reports the same walls. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/**
 * Wall thickness by ray casting: from points on the surface (area-weighted), along the inward
 * normal, to the next surface. Reported as percentiles because edges and bad normals give false
 * near-zero values that a plain minimum would report as the wall.
 */
export function wallThickness(mesh: Mesh, normalsOutward: boolean, samples = 3000): WallThickness | null {
  const triangles = mesh.indices.length / 3;
  if (triangles === 0) return null;
  const geometry = new BufferGeometry();
  geometry.setAttribute("position", new BufferAttribute(mesh.positions, 3));
  geometry.setIndex(new BufferAttribute(mesh.indices, 1));
  const bvh = new MeshBVH(geometry);

  const p = mesh.positions;
  const idx = mesh.indices;
  const vertex = (i: number) => new Vector3(p[i * 3]!, p[i * 3 + 1]!, p[i * 3 + 2]!);
  const cumulative = new Float64Array(triangles);
  let total = 0;
  for (let t = 0; t < triangles; t++) {
    const [a, b, c] = [vertex(idx[t * 3]!), vertex(idx[t * 3 + 1]!), vertex(idx[t * 3 + 2]!)];
    total += b.clone().sub(a).cross(c.clone().sub(a)).length() / 2;
    cumulative[t] = total;
  }
  const inward = normalsOutward ? -1 : 1;
  const next = random(42);
  const found: number[] = [];
  const ray = new Ray();
  for (let s = 0; s < samples; s++) {
    const target = next() * total;
    let lo = 0;
    let hi = triangles - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    const [a, b, c] = [vertex(idx[lo * 3]!), vertex(idx[lo * 3 + 1]!), vertex(idx[lo * 3 + 2]!)];
    const normal = b.clone().sub(a).cross(c.clone().sub(a));
    if (normal.lengthSq() === 0) continue;
    normal.normalize().multiplyScalar(inward);
    let u = next();
    let v = next();
    if (u + v > 1) [u, v] = [1 - u, 1 - v];
    const point = a.clone().add(b.clone().sub(a).multiplyScalar(u)).add(c.clone().sub(a).multiplyScalar(v));
    ray.origin.copy(point).addScaledVector(normal, 1e-4);
    ray.direction.copy(normal);
    const hit = bvh.raycastFirst(ray, DoubleSide);
    if (hit) found.push(hit.distance + 1e-4);
  }
  if (found.length === 0) return null;
  found.sort((x, y) => x - y);
  const at = (q: number) => found[Math.min(found.length - 1, Math.floor(q * found.length))]!;
  return { minMm: found[0]!, p5Mm: at(0.05), medianMm: at(0.5), samples: found.length };
}
