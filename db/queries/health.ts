import { sql } from "drizzle-orm";
import type { Db } from "../client";

/** Throws when SQLite does not answer a trivial query. */
export function pingDatabase(db: Db): void {
  db.run(sql`select 1`);
}
