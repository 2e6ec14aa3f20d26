/**
 * Fixed-window counters per key (e.g. "intake:<ip>"), in memory: one server process guards its
 * own door, which is what a public form on a single-node install needs.
 */
export type RateLimiter = {
  hit(key: string, limit: number, windowMs: number): { ok: true } | { ok: false; retryAfterSeconds: number };
};

export function createRateLimiter(now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key, limit, windowMs) {
      const t = now();
      if (windows.size > 10_000) {
        for (const [k, w] of windows) if (t - w.start >= windowMs) windows.delete(k);
      }
      const current = windows.get(key);
      if (!current || t - current.start >= windowMs) {
        windows.set(key, { start: t, count: 1 });
        return { ok: true };
      }
      if (current.count >= limit) {
        return { ok: false, retryAfterSeconds: Math.ceil((current.start + windowMs - t) / 1000) };
      }
      current.count += 1;
      return { ok: true };
    },
  };
}
