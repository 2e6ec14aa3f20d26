import { asc, desc, eq, lte } from "drizzle-orm";
import type { Db } from "../client";
import { rateConfirmations, rates, users } from "../schema";

export type RateChange = {
  id: number;
  key: string;
  value: number;
  currency: string | null;
  source: string;
  effectiveFrom: Date;
  reason: string | null;
  changedAt: Date;
  changedBy: string;
};

const changeColumns = {
  id: rates.id,
  key: rates.key,
  value: rates.value,
  currency: rates.currency,
  source: rates.source,
  effectiveFrom: rates.effectiveFrom,
  reason: rates.reason,
  changedAt: rates.changedAt,
  changedBy: users.name,
};

/** The row in force for each key at `at`: the latest effective by then, the later change winning a tie. */
export function ratesInForce(db: Db, at: Date): Map<string, RateChange> {
  const rows = db
    .select(changeColumns)
    .from(rates)
    .innerJoin(users, eq(users.id, rates.changedBy))
    .where(lte(rates.effectiveFrom, at))
    .orderBy(asc(rates.key), desc(rates.effectiveFrom), desc(rates.id))
    .all();
  const inForce = new Map<string, RateChange>();
  for (const row of rows) if (!inForce.has(row.key)) inForce.set(row.key, row);
  return inForce;
}

/** Every change ever made, newest first (a factory's rates run to a few hundred rows). */
export function rateHistory(db: Db): RateChange[] {
  return db
    .select(changeColumns)
    .from(rates)
    .innerJoin(users, eq(users.id, rates.changedBy))
    .orderBy(desc(rates.id))
    .all();
}

export function insertRateChange(tx: Db, values: typeof rates.$inferInsert): void {
  tx.insert(rates).values(values).run();
}

export function insertRateConfirmation(tx: Db, values: { confirmedBy: string; confirmedAt: Date }): void {
  tx.insert(rateConfirmations).values(values).run();
}

/** The latest confirmation of the rates, with who gave it, or undefined before any. */
export function latestRateConfirmation(db: Db): { by: string; at: Date } | undefined {
  return db
    .select({ by: users.name, at: rateConfirmations.confirmedAt })
    .from(rateConfirmations)
    .innerJoin(users, eq(users.id, rateConfirmations.confirmedBy))
    .orderBy(desc(rateConfirmations.id))
    .limit(1)
    .get();
}
