import fs from "node:fs";
import path from "node:path";
import { createDb } from "../../db/client";
import { tmpRoot, templateDbFile } from "./paths";

/** Migrates one template database per run; each test copies it (fast, and the real migrations). */
export default function setup() {
  fs.rmSync(tmpRoot, { recursive: true, force: true });
  fs.mkdirSync(tmpRoot, { recursive: true });
  const db = createDb(templateDbFile);
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.pragma("journal_mode = DELETE");
  db.$client.close();
  return () => {
    if (!process.env.KEEP_TEST_FILES) fs.rmSync(path.join(tmpRoot), { recursive: true, force: true });
  };
}
