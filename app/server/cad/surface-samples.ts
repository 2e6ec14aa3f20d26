import type { Mesh } from "./mesh";
import type { Vec3 } from "../../../workflows/model-metrics";

/** Deterministic, so the same model always reports the same walls and undercuts. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** A random point on the surface and the triangle it lies on. */
export type SurfaceSample = { triangle: number; point: Vec3 };

/**
 * `count` random points on a surface, each triangle as likely as its weight (its area, or none for
 * a triangle that should not be sampled): the rays of the wall and undercut analyses start from
 * them. A pick that lands on a triangle without weight (only possible when the generator gives
 * exactly 0) is dropped, so every sample's triangle has area and a normal. Null when nothing has
 * weight; `total` is the weight of the whole sampled surface.
 */
export function sampleSurface(
  mesh: Mesh,
  weights: Float64Array,
  seed: number,
  count: number,
): { total: number; samples: SurfaceSample[] } | null {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  for (let t = 0; t < weights.length; t++) {
    total += weights[t]!;
    cumulative[t] = total;
  }
  if (total === 0) return null;
  const p = mesh.positions;
  const idx = mesh.indices;
  const next = random(seed);
  const samples: SurfaceSample[] = [];
  for (let s = 0; s < count; s++) {
    const target = next() * total;
    let lo = 0;
    let hi = weights.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    let u = next();
    let v = next();
    // Folded back into the triangle, so points are uniform over it.
    if (u + v > 1) [u, v] = [1 - u, 1 - v];
    if (weights[lo] === 0) continue;
    const a = idx[lo * 3]! * 3;
    const b = idx[lo * 3 + 1]! * 3;
    const c = idx[lo * 3 + 2]! * 3;
    const point = [0, 1, 2].map((k) => p[a + k]! + (p[b + k]! - p[a + k]!) * u + (p[c + k]! - p[a + k]!) * v) as Vec3;
    samples.push({ triangle: lo, point });
  }
  return { total, samples };
}
