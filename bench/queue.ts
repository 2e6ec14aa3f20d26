/**
 * npm run bench:queue: for 1,000 and 100,000 seeded inquiries, starts the real server on a fresh
 * data directory, signs in as an engineer and times the review queue: the first page and a
 * filtered page, median and p95 over sequential requests, and the ratio between the two sizes.
 *
 * The time is measured at the client, from sending the request to the last byte of the HTML
 * (loopback, keep-alive): it includes the HTTP round trip and Remix's render, so it is an upper
 * bound of the server's own response time.
 *
 * Options (environment): BENCH_REQUESTS (default 60 per case), BENCH_SIZES (default "1000,100000").
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { hashPassword } from "../app/server/auth.server";
import { createDb, writeTransaction } from "../db/client";
import { insertUser } from "../db/queries/users";
import { seedInquiries } from "../scripts/seed-bulk";
import { startServer, stopProcess } from "./app-server";

const root = path.resolve(import.meta.dirname, "..");
const work = path.join(root, "bench/.tmp");
const requests = Number(process.env.BENCH_REQUESTS ?? 60);
const sizes = (process.env.BENCH_SIZES ?? "1000,100000").split(",").map(Number);
const WARM_UP = 10;
const PASSWORD = "bench password, not a secret";
const TARGET_MEDIAN_MS = 100;
const TARGET_RATIO = 2;

const CASES = [
  { name: "first page", path: "/review" },
  { name: "filtered page", path: "/review?state=suitability&material=mim-17-4ph&sort=waiting" },
];

async function signIn(url: string, email: string): Promise<string> {
  const response = await fetch(`${url}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password: PASSWORD }),
    redirect: "manual",
  });
  if (response.status !== 302) throw new Error(`sign-in answered HTTP ${response.status}`);
  return response.headers.get("set-cookie")!.split(";")[0]!;
}

async function timeRequest(url: string, cookie: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { headers: { Cookie: cookie } });
  await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`${url} answered HTTP ${response.status}`);
  return ms;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

type Measured = { size: number; name: string; median: number; p95: number };

async function benchSize(size: number): Promise<Measured[]> {
  fs.mkdirSync(work, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(work, `queue-${size}-`));
  try {
    const db = createDb(path.join(dataDir, "mim-rfq.sqlite"));
    const started = performance.now();
    seedInquiries(db, size);
    const seededMs = performance.now() - started;
    const email = `bench.${crypto.randomUUID().slice(0, 8)}@factory.test`;
    const passwordHash = await hashPassword(PASSWORD);
    writeTransaction(db, (tx) =>
      insertUser(tx, { id: crypto.randomUUID(), email, name: "Bench Engineer", passwordHash, roles: ["engineer"] }),
    );
    db.$client.close();
    console.log(`${size.toLocaleString("en-US")} inquiries seeded in ${(seededMs / 1000).toFixed(1)} s`);

    const { child, url } = await startServer(dataDir);
    try {
      const cookie = await signIn(url, email);
      const results: Measured[] = [];
      for (const c of CASES) {
        for (let i = 0; i < WARM_UP; i++) await timeRequest(url + c.path, cookie);
        const times: number[] = [];
        for (let i = 0; i < requests; i++) times.push(await timeRequest(url + c.path, cookie));
        times.sort((a, b) => a - b);
        results.push({ size, name: c.name, median: percentile(times, 50), p95: percentile(times, 95) });
      }
      return results;
    } finally {
      await stopProcess(child);
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  console.log(
    `Node ${process.version}, ${os.cpus().length} CPU(s), ${requests} sequential requests per case after ${WARM_UP} warm-up requests`,
  );
  console.log("Time = client-measured total request time (send to last byte) over loopback.\n");
  const results: Measured[] = [];
  for (const size of sizes) results.push(...(await benchSize(size)));

  const pad = (s: string, n: number) => s.padEnd(n);
  const smallest = Math.min(...sizes);
  const largest = Math.max(...sizes);
  console.log(
    `\n${pad("inquiries", 11)} ${pad("case", 15)} ${pad("median", 10)} ${pad("p95", 10)} ${pad(`vs ${smallest.toLocaleString("en-US")}`, 10)} targets (median < ${TARGET_MEDIAN_MS} ms at ${largest.toLocaleString("en-US")}, <= ${TARGET_RATIO}x the ${smallest.toLocaleString("en-US")} median)`,
  );
  for (const r of results) {
    const base = results.find((b) => b.size === smallest && b.name === r.name)!;
    const ratio = r.median / base.median;
    const verdict = r.size !== largest ? "" : r.median < TARGET_MEDIAN_MS && ratio <= TARGET_RATIO ? "met" : "MISSED";
    console.log(
      `${pad(r.size.toLocaleString("en-US"), 11)} ${pad(r.name, 15)} ${pad(`${r.median.toFixed(1)} ms`, 10)} ${pad(`${r.p95.toFixed(1)} ms`, 10)} ${pad(`${ratio.toFixed(2)}x`, 10)} ${verdict}`,
    );
  }
}

await main();
