/**
 * npm run bench:cad: two measurements, each printed beside the machine and its load.
 *
 * 1. Analysis cost. The NIST models in tests/fixtures (and the STEP files of BENCH_NIST_DIR), a
 *    generated large STL (a closed sphere) and a large junk file that only starts like STEP, each
 *    analysed BENCH_REPEATS times in a fresh worker at normal priority: the median (and range) of
 *    the whole analysis, s/MB, the worker's peak memory, and the median of each stage (read, parse,
 *    measure, walls, preview), wall-clock and CPU time. On a shared machine the CPU time is the
 *    steadier figure.
 * 2. What analysis costs requests. The real server with BENCH_INQUIRIES inquiries; autocannon (10
 *    connections) on /review as a signed-in engineer, idle and while the server's own runner (at its
 *    configured priority) analyses the large STL, alternated BENCH_ROUNDS times: the medians and the
 *    ratio of p99 under analysis to idle p99.
 *
 * Options (environment): BENCH_LARGE_MB (100), BENCH_JUNK_MB (200), BENCH_REPEATS (3), BENCH_ROUNDS
 * (3), BENCH_IDLE_SECONDS (5), BENCH_INQUIRIES (1000), BENCH_NIST_DIR (none: a further folder of
 * STEP models to analyse; a file named like one in tests/fixtures replaces it).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { hashPassword } from "../app/server/auth/auth.server";
import { runAnalysisWorker } from "../app/server/cad/runner.server";
import type { Stage } from "../app/server/cad/stages";
import { createDb, writeTransaction } from "../db/client";
import { insertUser } from "../db/queries/users";
import { seedInquiries } from "../scripts/seed-bulk";
import { sphereStl } from "../tests/support/meshes";
import { BENCH_PASSWORD as PASSWORD, signIn, startServer, stopProcess } from "./app-server";
import { machineReport } from "./machine";

const root = path.resolve(import.meta.dirname, "..");
const work = path.join(root, "bench/.tmp/cad");
const nistDirs = [
  path.join(root, "tests/fixtures"),
  ...(process.env.BENCH_NIST_DIR ? [path.resolve(process.env.BENCH_NIST_DIR)] : []),
];
const largeMb = Number(process.env.BENCH_LARGE_MB ?? 100);
const junkMb = Number(process.env.BENCH_JUNK_MB ?? 200);
const repeats = Number(process.env.BENCH_REPEATS ?? 3);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const idleSeconds = Number(process.env.BENCH_IDLE_SECONDS ?? 5);
const inquiries = Number(process.env.BENCH_INQUIRIES ?? 1000);
const STAGES: Stage[] = ["read", "parse", "measure", "walls", "features", "preview"];
const TARGET_SECONDS = 5;
const TARGET_PEAK_MB = 600;
const TARGET_P99_RATIO = 1.5;

type AutocannonResult = {
  latency: { p50: number; p99: number };
  requests: { average: number; total: number };
  non2xx: number;
  errors: number;
};
type Autocannon = (
  options: { url: string; connections: number; duration: number; headers: Record<string, string> },
  done: (error: Error | null, result: AutocannonResult) => void,
) => { stop(): void };
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const range = (values: number[], digits: number) =>
  `${Math.min(...values).toFixed(digits)}-${Math.max(...values).toFixed(digits)}`;

function nistFiles(): string[] {
  const byName = new Map<string, string>();
  for (const dir of nistDirs) {
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).filter((f) => f.endsWith(".stp"))) byName.set(name, path.join(dir, name));
  }
  return [...byName.values()].sort();
}

async function analyseFile(file: string, format: "step" | "stl") {
  const result = await runAnalysisWorker(
    { storedKey: path.basename(file), format, storage: { kind: "disk", dir: path.dirname(file) }, maxBytes: 2 ** 31 },
    { timeoutMs: 600_000, maxHeapMb: 4096 },
  );
  if ("crashed" in result) throw new Error(`${path.basename(file)}: worker ${result.crashed}`);
  return result;
}

async function benchAnalysis(large: string, junk: string) {
  const inputs = [
    ...nistFiles().map((file) => ({ file, format: "step" as const })),
    { file: large, format: "stl" as const },
    { file: junk, format: "step" as const },
  ];
  console.log(`\nAnalysis in a fresh worker (normal priority), ${repeats} runs per file; medians, range in brackets`);
  console.log(
    `${"file".padEnd(34)} ${"MB".padStart(7)} ${"seconds".padStart(17)} ${"cpu s".padStart(6)} ${"s/MB".padStart(6)} ${"peak MB".padStart(8)}  ` +
      STAGES.map((s) => `${s} ms (cpu)`.padStart(18)).join(" ") +
      "  result",
  );
  for (const { file, format } of inputs) {
    const copy = path.join(work, path.basename(file));
    if (copy !== file) fs.copyFileSync(file, copy);
    const mb = fs.statSync(copy).size / 1024 / 1024;
    const runs: Awaited<ReturnType<typeof analyseFile>>[] = [];
    for (let r = 0; r < repeats; r++) runs.push(await analyseFile(copy, format));
    const seconds = runs.map((r) => r.stats!.ms / 1000);
    // The stages' CPU time: what the analysis costs whatever else the machine is doing.
    const cpuSeconds = runs.map((r) => Object.values(r.stats!.stages).reduce((sum, t) => sum + t.cpuMs / 1000, 0));
    const peaks = runs.map((r) => r.stats!.peakRssMb);
    const stage = (s: Stage) => {
      const times = runs.flatMap((r) => (r.stats!.stages[s] ? [r.stats!.stages[s]!] : []));
      if (times.length === 0) return "-".padStart(18);
      return `${median(times.map((t) => t.ms)).toFixed(0)} (${median(times.map((t) => t.cpuMs)).toFixed(0)})`.padStart(
        18,
      );
    };
    const last = runs.at(-1)!;
    const summary = last.ok
      ? `${(last.metrics.sizeMm as number[]).map((v) => v.toFixed(0)).join(" x ")} mm`
      : last.reason.slice(0, 90);
    const s = median(seconds);
    console.log(
      `${path.basename(file).padEnd(34)} ${mb.toFixed(2).padStart(7)} ${`${s.toFixed(2)} (${range(seconds, 2)})`.padStart(17)} ${median(cpuSeconds).toFixed(2).padStart(6)} ` +
        `${(s / mb).toFixed(3).padStart(6)} ${median(peaks).toFixed(0).padStart(8)}  ${STAGES.map(stage).join(" ")}  ${summary}`,
    );
    if (file === large) {
      const verdict = s < TARGET_SECONDS && Math.max(...peaks) < TARGET_PEAK_MB ? "met" : "MISSED";
      console.log(
        `  target for the ${largeMb} MB STL: under ${TARGET_SECONDS} s and ${TARGET_PEAK_MB} MB peak -> ${verdict} ` +
          `(median ${s.toFixed(2)} s, of which ${median(cpuSeconds).toFixed(2)} s CPU in the stages; highest peak ${Math.max(...peaks).toFixed(0)} MB)`,
      );
    }
  }
}

function load(url: string, cookie: string, seconds: number) {
  let stop = () => undefined as void;
  const result = new Promise<AutocannonResult>((resolve, reject) => {
    const instance = autocannon(
      { url: `${url}/review`, connections: 10, duration: seconds, headers: { cookie } },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    stop = () => instance.stop();
  });
  return { result, stop: () => stop() };
}

function intakeForm(file: string): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries({
    company: "Bench",
    contactName: "Bench",
    email: "bench@example.com",
    country: "X",
    partName: "Sphere",
    material: "mim-316l",
    annualVolume: "10000",
    ndaRequired: "no",
    exportControlled: "no",
  }))
    form.append(k, v);
  form.append("files", new Blob([fs.readFileSync(file)]), "sphere.stl");
  return form;
}

async function benchRequests(large: string) {
  const dataDir = path.join(work, "server");
  const db = createDb(path.join(dataDir, "mim-rfq.sqlite"));
  seedInquiries(db, inquiries);
  const email = `bench.${crypto.randomUUID().slice(0, 8)}@factory.test`;
  const passwordHash = await hashPassword(PASSWORD);
  writeTransaction(db, (tx) =>
    insertUser(tx, { id: crypto.randomUUID(), email, name: "Bench Engineer", passwordHash, roles: ["engineer"] }),
  );
  db.$client.close();
  const { child, url } = await startServer(dataDir, {
    MAX_FILE_MB: String(largeMb + 16),
    INTAKE_RATE_LIMIT: "1000",
    MAILS_PER_ADDRESS_PER_HOUR: "1000",
    MAILS_PER_IP_PER_HOUR: "1000",
  });
  let log = "";
  child.stdout!.on("data", (chunk) => (log += chunk));
  const waitForLog = async (pattern: RegExp, from: number) => {
    for (;;) {
      const found = log.slice(from).match(pattern);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const idle: AutocannonResult[] = [];
  const busy: AutocannonResult[] = [];
  const analyses: string[] = [];
  try {
    const cookie = await signIn(url, email);
    await load(url, cookie, 2).result; // warm-up
    for (let round = 0; round < rounds; round++) {
      idle.push(await load(url, cookie, idleSeconds).result);
      const from = log.length;
      const posted = await fetch(`${url}/rfq/new`, { method: "POST", body: intakeForm(large), redirect: "manual" });
      if (posted.status !== 302) throw new Error(`intake answered ${posted.status}`);
      // Only the analysis: from the worker's start to its result, not the upload before it.
      await waitForLog(/analysing file/, from);
      const during = load(url, cookie, 600);
      const measured = await waitForLog(/measured model \S+ in (\d+) ms \(worker peak (\d+) MB\)/, from);
      during.stop();
      busy.push(await during.result);
      analyses.push(`${(Number(measured[1]) / 1000).toFixed(1)} s, peak ${measured[2]} MB`);
    }
  } finally {
    await stopProcess(child);
  }
  const row = (name: string, results: AutocannonResult[]) =>
    `  ${name.padEnd(22)} p50 ${median(results.map((r) => r.latency.p50))
      .toFixed(0)
      .padStart(4)} ms (${range(
      results.map((r) => r.latency.p50),
      0,
    )}), ` +
    `p99 ${median(results.map((r) => r.latency.p99))
      .toFixed(0)
      .padStart(4)} ms (${range(
      results.map((r) => r.latency.p99),
      0,
    )}), ` +
    `${median(results.map((r) => r.requests.average))
      .toFixed(0)
      .padStart(4)} requests/s (${range(
      results.map((r) => r.requests.average),
      0,
    )}), ` +
    `${results.reduce((n, r) => n + r.non2xx + r.errors, 0)} errors`;
  console.log(
    `\n/review with ${inquiries.toLocaleString("en-US")} inquiries, autocannon 10 connections, signed in; ` +
      `${rounds} rounds alternating idle (${idleSeconds} s) and during the analysis of the ${largeMb} MB STL by the server's runner; medians (range)`,
  );
  console.log(row("idle", idle));
  console.log(row("during the analysis", busy));
  console.log(`  analyses in the server: ${analyses.join("; ")}`);
  const ratio = median(busy.map((r) => r.latency.p99)) / median(idle.map((r) => r.latency.p99));
  console.log(
    `  p99 during analysis / idle p99: ${ratio.toFixed(2)} (target at most ${TARGET_P99_RATIO}) -> ${ratio <= TARGET_P99_RATIO ? "met" : "MISSED"}`,
  );
}

async function main() {
  const machine = machineReport();
  console.log(machine.start);
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  try {
    const large = path.join(work, `sphere-${largeMb}MB.stl`);
    fs.writeFileSync(large, sphereStl(largeMb));
    const junk = path.join(work, `junk-${junkMb}MB.stp`);
    fs.writeFileSync(
      junk,
      Buffer.concat([
        Buffer.from("ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION(('junk'),'2;1');\nENDSEC;\nDATA;\n"),
        Buffer.alloc(junkMb * 1024 * 1024, "lorem ipsum dolor sit amet; "),
      ]),
    );
    await benchAnalysis(large, junk);
    await benchRequests(large);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  console.log(machine.end());
}

await main();
