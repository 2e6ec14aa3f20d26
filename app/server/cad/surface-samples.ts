/** Deterministic, so the same model always reports the same walls and undercuts. */
export function random(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** A point on one triangle: a + u (b - a) + v (c - a). */
export type SurfacePoint = { triangle: number; u: number; v: number };

/**
 * Random points on a surface, each triangle as likely as its weight (its area, or none for a
 * triangle that should not be sampled): the rays of the wall and undercut analyses start from
 * them. Null when nothing has weight; `total` is the weight of the whole sampled surface.
 */
export function surfaceSampler(
  weights: Float64Array,
  seed: number,
): { total: number; pick: () => SurfacePoint } | null {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  for (let t = 0; t < weights.length; t++) {
    total += weights[t]!;
    cumulative[t] = total;
  }
  if (total === 0) return null;
  const next = random(seed);
  const pick = () => {
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
    return { triangle: lo, u, v };
  };
  return { total, pick };
}
