import path from "node:path";
import fs from "node:fs";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Migrations ship beside the schema; the app runs from the repository root. */
export const migrationsFolder = path.resolve("db/migrations");

/** Opens (creating if needed) the database file with the pragmas every connection needs. */
export function createDb(file: string, options: { migrate?: boolean } = {}): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = drizzle(sqlite, { schema }) as Db;
  if (options.migrate ?? true) migrate(db, { migrationsFolder });
  return db;
}

/**
 * Every transaction that writes goes through here: BEGIN IMMEDIATE takes the write lock up front,
 * so two writers queue on busy_timeout instead of failing half-way with SQLITE_BUSY.
 */
export function writeTransaction<T>(db: Db, work: (tx: Db) => T): T {
  return db.transaction((tx) => work(tx as unknown as Db), { behavior: "immediate" });
}
