/**
 * npm run bench:queue: the review queue at 1,000 and 100,000 seeded inquiries. Both servers (the
 * real server.ts on a fresh data directory each) run side by side, signed in as an engineer, and
 * are measured in turn, round after round, so a change in the machine's load falls on both sizes
 * alike. Each round times every case twice: sequential requests (median and p99 at the client,
 * from sending to the last byte of the HTML over loopback) and autocannon at concurrency 10
 * (requests/s, median and p99 latency). The figures pool every round; the spread is the lowest
 * and highest round median. Ratios compare each case with the unfiltered first page of the same
 * size, and each size with the smallest.
 *
 * Options (environment): BENCH_ROUNDS (default 3), BENCH_REQUESTS (sequential requests per case
 * and round, default 100), BENCH_SECONDS (autocannon seconds per case and round, default 5),
 * BENCH_SIZES (default "1000,100000").
 */
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { hashPassword } from "../app/server/auth/auth.server";
import { createDb, writeTransaction } from "../db/client";
import { insertUser } from "../db/queries/users";
import { seedInquiries } from "../scripts/seed-bulk";
import { BENCH_PASSWORD as PASSWORD, signIn, startServer, stopProcess } from "./app-server";
import { machineReport } from "./machine";

type Latency = { p50: number; p99: number };
type CannonResult = {
  latency: Latency;
  requests: { average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
};
const autocannon = createRequire(import.meta.url)("autocannon") as (options: {
  url: string;
  connections: number;
  duration: number;
  headers: Record<string, string>;
}) => Promise<CannonResult>;

const root = path.resolve(import.meta.dirname, "..");
const work = path.join(root, "bench/.tmp");
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const requests = Number(process.env.BENCH_REQUESTS ?? 100);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const sizes = (process.env.BENCH_SIZES ?? "1000,100000").split(",").map(Number);
const CONCURRENCY = 10;
const WARM_UP = 10;
const TARGET_MEDIAN_MS = 100;
const TARGET_SIZE_RATIO = 2;
const TARGET_MISS_RATIO = 1.5;

// The seed's companies are "<stem> <trade> <form>" from 20 stems and 12 trades: "Kestrel Optics"
// is one company in 240 (about 400 at 100,000, under the index's lookup limit), "kestrel" one in
// 20 (thousands: read in the sort's order). Nobody's text holds the miss.
const CASES = [
  { name: "first page", path: "/review" },
  { name: "filtered page", path: "/review?state=suitability&material=mim-17-4ph&sort=waiting" },
  { name: "search hit", path: "/review?q=Kestrel+Optics" },
  { name: "search common", path: "/review?q=kestrel" },
  { name: "search miss", path: "/review?q=zqxj-nothing" },
] as const;
type CaseName = (typeof CASES)[number]["name"];

async function timeRequest(url: string, cookie: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { headers: { Cookie: cookie } });
  await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`${url} answered HTTP ${response.status}`);
  return ms;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

type Server = { size: number; url: string; cookie: string; stop: () => Promise<void> };

async function seededServer(size: number): Promise<Server> {
  fs.mkdirSync(work, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(work, `queue-${size}-`));
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
  return {
    size,
    url,
    cookie: await signIn(url, email),
    stop: async () => {
      await stopProcess(child);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Every figure of one size and case, one entry per round. */
type Samples = { sequential: number[][]; rps: number[]; p50: number[]; p99: number[] };

async function measureRound(server: Server, results: Map<string, Samples>) {
  for (const c of CASES) {
    const url = server.url + c.path;
    for (let i = 0; i < WARM_UP; i++) await timeRequest(url, server.cookie);
    const times: number[] = [];
    for (let i = 0; i < requests; i++) times.push(await timeRequest(url, server.cookie));
    const cannon = await autocannon({
      url,
      connections: CONCURRENCY,
      duration: seconds,
      headers: { cookie: server.cookie },
    });
    if (cannon.non2xx + cannon.errors + cannon.timeouts > 0) {
      throw new Error(
        `${c.path} under load: ${cannon.non2xx} non-2xx, ${cannon.errors} errors, ${cannon.timeouts} timeouts`,
      );
    }
    const key = `${server.size}|${c.name}`;
    const samples = results.get(key) ?? { sequential: [], rps: [], p50: [], p99: [] };
    samples.sequential.push(times);
    samples.rps.push(cannon.requests.average);
    samples.p50.push(cannon.latency.p50);
    samples.p99.push(cannon.latency.p99);
    results.set(key, samples);
  }
}

type Figures = { median: number; p99: number; spread: [number, number]; rps: number; cMedian: number; cP99: number };

function figures(samples: Samples): Figures {
  const all = samples.sequential.flat();
  const roundMedians = samples.sequential.map((times) => percentile(times, 50));
  return {
    median: percentile(all, 50),
    p99: percentile(all, 99),
    spread: [Math.min(...roundMedians), Math.max(...roundMedians)],
    rps: percentile(samples.rps, 50),
    cMedian: percentile(samples.p50, 50),
    cP99: percentile(samples.p99, 50),
  };
}

async function main() {
  const machine = machineReport();
  console.log(machine.start);
  console.log(
    `${rounds} rounds, sizes interleaved; per case and round: ${requests} sequential requests after ${WARM_UP} warm-up, then autocannon at concurrency ${CONCURRENCY} for ${seconds} s.`,
  );
  console.log("Sequential time = client-measured total request time (send to last byte) over loopback.\n");
  const servers: Server[] = [];
  try {
    for (const size of sizes) servers.push(await seededServer(size));
    const results = new Map<string, Samples>();
    for (let round = 0; round < rounds; round++) {
      // Alternate which size goes first, so neither always follows the other.
      const order = round % 2 === 0 ? servers : [...servers].reverse();
      for (const server of order) await measureRound(server, results);
      console.log(`round ${round + 1} of ${rounds} done`);
    }
    report(results);
  } finally {
    for (const server of servers) await server.stop();
  }
  console.log(`\n${machine.end()}`);
}

function report(results: Map<string, Samples>) {
  const smallest = Math.min(...sizes);
  const largest = Math.max(...sizes);
  const get = (size: number, name: CaseName) => figures(results.get(`${size}|${name}`)!);
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const x = (v: number) => `${v.toFixed(2)}x`;
  const columns = [
    ["inquiries", 10],
    ["case", 14],
    ["median", 9],
    ["p99", 9],
    ["round medians", 16],
    ["vs page 1", 14],
    [`vs ${smallest.toLocaleString("en-US")}`, 9],
    ["c10 req/s", 10],
    ["c10 median", 11],
    ["c10 p99", 9],
    ["c10 vs page 1", 14],
  ] as const;
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(columns[i]![1])).join(" ");
  console.log(`\n${line(columns.map(([name]) => name))}`);
  for (const size of sizes) {
    const page = get(size, "first page");
    for (const c of CASES) {
      const f = get(size, c.name);
      const base = get(smallest, c.name);
      console.log(
        line([
          size.toLocaleString("en-US"),
          c.name,
          ms(f.median),
          ms(f.p99),
          `${f.spread[0].toFixed(1)}-${f.spread[1].toFixed(1)} ms`,
          `${x(f.median / page.median)} / ${x(f.p99 / page.p99)}`,
          x(f.median / base.median),
          f.rps.toFixed(0),
          ms(f.cMedian),
          ms(f.cP99),
          `${x(f.cMedian / page.cMedian)} / ${x(f.cP99 / page.cP99)}`,
        ]),
      );
    }
  }
  console.log('("vs page 1": median / p99 against the unfiltered first page of the same size.)');

  const verdict = (ok: boolean) => (ok ? "met" : "MISSED");
  const big = (name: CaseName) => get(largest, name);
  const n = largest.toLocaleString("en-US");
  console.log(`\nGoals at ${n} inquiries:`);
  for (const c of CASES.filter((c) => !c.name.startsWith("search"))) {
    const f = big(c.name);
    const ratio = f.median / get(smallest, c.name).median;
    console.log(
      `  ${c.name}: median ${ms(f.median)} < ${TARGET_MEDIAN_MS} ms and ${x(ratio)} <= ${TARGET_SIZE_RATIO}x the ${smallest.toLocaleString("en-US")} median: ${verdict(f.median < TARGET_MEDIAN_MS && ratio <= TARGET_SIZE_RATIO)}`,
    );
  }
  const miss = big("search miss");
  const page = big("first page");
  for (const [label, m, p] of [
    ["sequential median", miss.median, page.median],
    ["sequential p99", miss.p99, page.p99],
    [`concurrency ${CONCURRENCY} median`, miss.cMedian, page.cMedian],
    [`concurrency ${CONCURRENCY} p99`, miss.cP99, page.cP99],
  ] as const) {
    console.log(
      `  search miss within ${TARGET_MISS_RATIO}x the first page, ${label}: ${ms(m)} vs ${ms(p)} = ${x(m / p)}: ${verdict(m / p <= TARGET_MISS_RATIO)}`,
    );
  }
}

await main();
