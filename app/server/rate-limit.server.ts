/**
 * Fixed-window counters per key (e.g. "intake:<ip>"), in memory: one server process guards its
 * own door, which is what a public form on a single-node install needs.
 */
type Verdict = { ok: true } | { ok: false; retryAfterSeconds: number };

export type RateLimiter = {
  /** Counts one attempt and says whether it is within the limit. */
  hit(key: string, limit: number, windowMs: number): Verdict;
  /** Says whether the next attempt would be within the limit, without counting it. */
  peek(key: string, limit: number, windowMs: number): Verdict;
};

export function createRateLimiter(now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  const current = (key: string, windowMs: number, t: number) => {
    const w = windows.get(key);
    return w && t - w.start < windowMs ? w : undefined;
  };
  const blocked = (w: { start: number; count: number } | undefined, limit: number, windowMs: number, t: number): Verdict =>
    w && w.count >= limit ? { ok: false, retryAfterSeconds: Math.ceil((w.start + windowMs - t) / 1000) } : { ok: true };
  return {
    hit(key, limit, windowMs) {
      const t = now();
      if (windows.size > 10_000) {
        for (const [k, w] of windows) if (t - w.start >= windowMs) windows.delete(k);
      }
      const w = current(key, windowMs, t);
      if (!w) {
        windows.set(key, { start: t, count: 1 });
        return { ok: true };
      }
      const verdict = blocked(w, limit, windowMs, t);
      if (verdict.ok) w.count += 1;
      return verdict;
    },
    peek(key, limit, windowMs) {
      const t = now();
      return blocked(current(key, windowMs, t), limit, windowMs, t);
    },
  };
}
