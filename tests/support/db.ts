import path from "node:path";
import Database from "better-sqlite3";

export type Row = Record<string, unknown>;

/** One query against a server's database in `dataDir`, on a read-only connection of its own, as an operator would run it. */
export function query<T = Row>(dataDir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(path.join(dataDir, "mim-rfq.sqlite"), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
