import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, it, vi } from "vitest";
import { createDb, writeTransaction } from "../db/client";
import { insertUser } from "../db/queries/users";
import { repoRoot, templateDbFile } from "./support/paths";
import { tempDir } from "./support/temp";

const COUNT = 20_000;

it("seed:bulk commits as it goes, so another connection writes while it runs instead of finding the database locked", async () => {
  const dataDir = tempDir("seed-bulk");
  const file = path.join(dataDir, "mim-rfq.sqlite");
  fs.copyFileSync(templateDbFile, file);
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/seed-bulk.ts", String(COUNT)], {
    cwd: repoRoot,
    env: { ...process.env, DATA_DIR: dataDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));

  const db = createDb(file, { migrate: false });
  try {
    const count = () => (db.$client.prepare("select count(*) as n from inquiries").get() as { n: number }).n;
    // Wait for the first rows another connection can see, polling often: the seed must still be running.
    const seen = await vi.waitFor(
      () => {
        const n = count();
        if (n === 0 && child.exitCode === null) throw new Error(`no rows visible yet (seed output: ${output})`);
        return n;
      },
      { timeout: 120_000, interval: 10 },
    );
    expect(seen, `rows visible while seeding (seed output: ${output})`).toBeGreaterThan(0);
    expect(seen, "part of the seed is visible before the rest is written").toBeLessThan(COUNT);

    // What a model analysis or a request does while the seed runs: a write transaction of its own.
    writeTransaction(db, (tx) =>
      insertUser(tx, {
        id: crypto.randomUUID(),
        email: `during.seed.${crypto.randomUUID()}@factory.test`,
        name: "Written during the seed",
        passwordHash: null,
        roles: ["engineer"],
      }),
    );
    expect(count(), "the write landed while the seed was still writing").toBeLessThan(COUNT);

    expect(await exited, output).toBe(0);
    expect(count()).toBe(COUNT);
  } finally {
    child.kill();
    db.$client.close();
  }
}, 180_000);
