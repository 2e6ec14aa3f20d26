import type { Db } from "../client";
import { factoryProfile, type FactoryProfileRow } from "../schema";

export function findFactoryProfile(db: Db): FactoryProfileRow | undefined {
  return db.select().from(factoryProfile).get();
}

/** Writes the one profile row, whether it is the first or a change. */
export function saveFactoryProfile(db: Db, values: Omit<FactoryProfileRow, "id">): void {
  db.insert(factoryProfile)
    .values({ id: 1, ...values })
    .onConflictDoUpdate({ target: factoryProfile.id, set: values })
    .run();
}
