import { writeTransaction, type Db } from "../../../db/client";
import {
  insertRateChange,
  insertRateConfirmation,
  latestRateConfirmation,
  rateHistory,
  ratesInForce,
} from "../../../db/queries/rates";
import { ratesSnapshot, type RatesSnapshot } from "../../../workflows/rates";

/** The rates in force now (or at `at`), each with its unit, source, effective date and who set it. */
export function currentRates(db: Db, at = new Date()): RatesSnapshot {
  return ratesSnapshot(ratesInForce(db, at), latestRateConfirmation(db), at);
}

/** Whether an administrator has confirmed the rates once: until then no quote may be sent. */
export function ratesConfirmed(db: Db): boolean {
  return latestRateConfirmation(db) !== undefined;
}

export type RateChangeInput = {
  key: string;
  value: number;
  currency: string | null;
  source: string;
  effectiveFrom: Date;
  reason: string | null;
};

/** Records a new value for a rate; earlier values stay in the history. */
export function changeRate(db: Db, userId: string, change: RateChangeInput, now = new Date()): void {
  writeTransaction(db, (tx) => insertRateChange(tx, { ...change, changedBy: userId, changedAt: now }));
}

export function confirmRates(db: Db, userId: string, now = new Date()): void {
  writeTransaction(db, (tx) => insertRateConfirmation(tx, { confirmedBy: userId, confirmedAt: now }));
}

/** Every change with who made it, newest first, for the admin page. */
export function rateChanges(db: Db) {
  return rateHistory(db).map((c) => ({
    ...c,
    effectiveFrom: c.effectiveFrom.toISOString(),
    changedAt: c.changedAt.toISOString(),
  }));
}
