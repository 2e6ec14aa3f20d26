import type Database from "better-sqlite3";
import { RateLimiterRes, RateLimiterSQLite } from "rate-limiter-flexible";
import type { Config } from "./config.server";

/**
 * Every limit on what one client can make the server do, counted in the app's own SQLite file:
 * a restart does not hand a password guesser a fresh allowance, and each consume is one atomic
 * upsert, so concurrent requests cannot slip past the count.
 */
export type LimitName = "intake" | "statusPosts" | "loginFailures" | "mailsToAddress" | "mailsFromIp";

export type Verdict = { ok: true } | { ok: false; retryAfterSeconds: number };

export type RateLimits = {
  /** Takes one point for `key`; refused once the limit's points for its window are used up. */
  consume(name: LimitName, key: string): Promise<Verdict>;
  /** Gives back a point taken for something that turned out not to count (a successful sign-in). */
  refund(name: LimitName, key: string): Promise<void>;
};

const HOUR_S = 60 * 60;
const TABLE = "rate_limit_points";

export function createRateLimits(sqlite: Database.Database, limits: Config["limits"]): RateLimits {
  const windows: Record<LimitName, { points: number; duration: number }> = {
    intake: { points: limits.intakePerHour, duration: HOUR_S },
    statusPosts: { points: limits.intakePerHour, duration: HOUR_S },
    loginFailures: { points: limits.loginFailuresPer15Min, duration: 15 * 60 },
    mailsToAddress: { points: limits.mailsPerAddressPerHour, duration: HOUR_S },
    mailsFromIp: { points: limits.mailsPerIpPerHour, duration: HOUR_S },
  };
  // The first limiter creates the shared table (and sweeps expired rows every 5 minutes); the
  // others only use it, once it exists.
  const options = (name: LimitName) => ({
    storeClient: sqlite,
    storeType: "better-sqlite3",
    tableName: TABLE,
    keyPrefix: name,
    ...windows[name],
  });
  const [first, ...others] = Object.keys(windows) as LimitName[];
  const limiters = {} as Record<LimitName, RateLimiterSQLite>;
  const tableReady = new Promise<void>((resolve, reject) => {
    limiters[first!] = new RateLimiterSQLite({ ...options(first!), clearExpiredByTimeout: true }, (error?: Error) =>
      error ? reject(error) : resolve(),
    );
  });
  for (const name of others) limiters[name] = new RateLimiterSQLite({ ...options(name), tableCreated: true });
  return {
    async consume(name, key) {
      await tableReady;
      try {
        await limiters[name].consume(key);
        return { ok: true };
      } catch (result) {
        if (!(result instanceof RateLimiterRes)) throw result;
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(result.msBeforeNext / 1000)) };
      }
    },
    async refund(name, key) {
      await tableReady;
      await limiters[name].reward(key, 1);
    },
  };
}

/** The retry delay in whole minutes, rounded up: what a person can act on, in any language. */
export function retryMinutes(verdict: { retryAfterSeconds: number }): number {
  return Math.ceil(verdict.retryAfterSeconds / 60);
}

/** "wait 12 minutes", for staff pages (buyers read `retryMinutes` in their own language's plural). */
export function retryAfterText(verdict: { retryAfterSeconds: number }): string {
  const minutes = retryMinutes(verdict);
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}
