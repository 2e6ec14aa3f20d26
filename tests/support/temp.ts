import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { createDb, type Db } from "../../db/client";
import { templateDbFile, tmpRoot } from "./paths";

/** A fresh directory under tests/.tmp, unique to the caller. */
export function tempDir(prefix: string): string {
  const dir = path.join(tmpRoot, `${prefix}-${crypto.randomUUID()}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** A real SQLite file, copied from the migrated template. */
export function testDb(): { db: Db; file: string } {
  const file = path.join(tempDir("db"), "test.sqlite");
  fs.copyFileSync(templateDbFile, file);
  return { db: createDb(file, { migrate: false }), file };
}
