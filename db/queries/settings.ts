import { writeTransaction, type Db } from "../client";
import { settings } from "../schema";

/** Every stored settings group, by key (what an administrator changed; defaults are not stored). */
export function listSettings(db: Db): Map<string, Record<string, number>> {
  return new Map(
    db
      .select()
      .from(settings)
      .all()
      .map((row) => [row.key, row.value]),
  );
}

/** Stores each settings group in one transaction, replacing what was there. */
export function saveSettingGroups(
  db: Db,
  groups: Record<string, Record<string, number>>,
  userId: string,
  now: Date,
): void {
  writeTransaction(db, (tx) => {
    for (const [key, value] of Object.entries(groups)) {
      tx.insert(settings)
        .values({ key, value, updatedBy: userId, updatedAt: now })
        .onConflictDoUpdate({ target: settings.key, set: { value, updatedBy: userId, updatedAt: now } })
        .run();
    }
  });
}
