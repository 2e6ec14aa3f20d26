/**
 * npm run bench:pages: Lighthouse 12 (mobile, simulated throttling, performance only) on the
 * public pages a buyer sees: the intake form (/rfq/new) and the status page of an inquiry sent
 * through that form, once with a PDF drawing (its first page shown) and once with a STEP model
 * (its 3D view, which loads three.js), on the real server with the built app. Drives the
 * system Chromium; nothing is downloaded. Prints per page the median performance score, LCP, TBT,
 * total bytes and script bytes (transferred) with their spread over the runs, beside the machine
 * and its load.
 *
 * With BENCH_BASE_DIR (another checkout, built, e.g. the code before a change) its server is
 * measured too, run for run alternating with this one, so both see the same machine load.
 *
 * Options (environment): BENCH_RUNS (default 5 per page and server), BENCH_BASE_DIR, CHROME_PATH
 * (default /usr/bin/chromium).
 */
import fs from "node:fs";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { fixture, submitInquiry } from "../tests/support/intake-client";
import { readMailbox, recipient, statusLinkIn } from "../tests/support/mail-files";
import { startServer, stopProcess } from "./app-server";
import { machineReport } from "./machine";

const root = path.resolve(import.meta.dirname, "..");
const work = path.join(root, "bench/.tmp");
const runs = Number(process.env.BENCH_RUNS ?? 5);
const baseDir = process.env.BENCH_BASE_DIR ? path.resolve(process.env.BENCH_BASE_DIR) : null;
const chromePath = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const TARGET_SCORE = 95;
const ANALYSIS_TIMEOUT_MS = 120_000;
const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

type Figures = { score: number; lcpMs: number; tbtMs: number; totalBytes: number; scriptBytes: number };
type Server = { name: string; child: ChildProcess; dataDir: string; pages: { name: string; url: string }[] };

/**
 * Sends one inquiry with `file` through the form and returns its status page's address on `url`,
 * once the page shows what the analysis made of the file (the drawing's first page, the model's
 * 3D view), as a buyer sees it after a minute.
 */
async function seedStatusPage(url: string, dataDir: string, file: string): Promise<string> {
  const { fields } = await submitInquiry(url, { files: [fixture(file)] });
  const deadline = Date.now() + ANALYSIS_TIMEOUT_MS;
  for (;;) {
    const [mail] = await readMailbox(path.join(dataDir, "mail"), (m) => recipient(m) === fields.email);
    const page = mail && url + new URL(statusLinkIn(mail)).pathname;
    if (page && /\/files\/[0-9a-f-]{36}\/preview/.test(await (await fetch(page)).text())) return page;
    if (Date.now() > deadline) throw new Error(`${file} was not analysed within ${ANALYSIS_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function startMeasured(name: string, appDir: string): Promise<Server> {
  fs.mkdirSync(work, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(work, "pages-"));
  const { child, url } = await startServer(dataDir, {}, appDir);
  return {
    name,
    child,
    dataDir,
    pages: [
      { name: "/rfq/new", url: `${url}/rfq/new` },
      { name: "status, PDF", url: await seedStatusPage(url, dataDir, "nist_ftc_06_asme1_rd.pdf") },
      { name: "status, 3D", url: await seedStatusPage(url, dataDir, "nist_ftc_06_asme1_rd.stp") },
    ],
  };
}

async function audit(url: string, port: number, attempt = 1): Promise<Figures> {
  const result = await lighthouse(url, { port, output: "json", logLevel: "error", onlyCategories: ["performance"] });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) {
    // A busy machine now and then loses the trace (NO_NAVSTART); that run says nothing about the page.
    if (attempt < 3) {
      console.log(`  (Lighthouse: ${lhr.runtimeError.code}; running that page again)`);
      return audit(url, port, attempt + 1);
    }
    throw new Error(`Lighthouse could not load ${url}: ${lhr.runtimeError.message}`);
  }
  const summary = lhr.audits["resource-summary"]?.details as
    { items: { resourceType: string; transferSize: number }[] } | undefined;
  return {
    score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    lcpMs: lhr.audits["largest-contentful-paint"]?.numericValue ?? NaN,
    tbtMs: lhr.audits["total-blocking-time"]?.numericValue ?? NaN,
    totalBytes: lhr.audits["total-byte-weight"]?.numericValue ?? NaN,
    scriptBytes: summary?.items.find((i) => i.resourceType === "script")?.transferSize ?? NaN,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const spread = (values: number[], format: (v: number) => string) =>
  `${format(Math.min(...values))}-${format(Math.max(...values))}`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number) => `${value.toFixed(0)} ms`;

async function main() {
  const machine = machineReport();
  console.log(machine.start);
  console.log(
    `Lighthouse 12, mobile, simulated throttling, performance only; ${runs} run(s) per page${baseDir ? `, alternating with ${baseDir}` : ""}; Chromium ${chromePath}\n`,
  );
  const servers: Server[] = [];
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: CHROME_FLAGS });
  try {
    servers.push(await startMeasured("this checkout", root));
    if (baseDir) servers.push(await startMeasured("base", baseDir));
    const results = new Map<string, Figures[]>();
    for (let run = 0; run < runs; run++) {
      // Rotate which server goes first, so neither always runs on the other's heels.
      const order = run % 2 === 0 ? servers : [...servers].reverse();
      for (const server of order) {
        for (const page of server.pages) {
          const key = `${server.name}|${page.name}`;
          const figures = await audit(page.url, chrome.port);
          results.set(key, [...(results.get(key) ?? []), figures]);
          console.log(
            `run ${run + 1} ${server.name.padEnd(14)} ${page.name.padEnd(12)} score ${figures.score}, LCP ${ms(figures.lcpMs)}, TBT ${ms(figures.tbtMs)}, ${kb(figures.totalBytes)} total, ${kb(figures.scriptBytes)} script`,
          );
        }
      }
    }

    console.log(
      `\n${"server".padEnd(14)} ${"page".padEnd(12)} ${"score".padEnd(12)} ${"LCP".padEnd(20)} ${"TBT".padEnd(16)} ${"total bytes".padEnd(12)} ${"script bytes".padEnd(12)} target (score >= ${TARGET_SCORE})`,
    );
    for (const server of servers) {
      for (const page of server.pages) {
        const all = results.get(`${server.name}|${page.name}`)!;
        const pick = (f: keyof Figures) => all.map((r) => r[f]);
        const score = median(pick("score"));
        const columns = [
          `${score} (${spread(pick("score"), String)})`.padEnd(12),
          `${ms(median(pick("lcpMs")))} (${spread(pick("lcpMs"), (v) => v.toFixed(0))})`.padEnd(20),
          `${ms(median(pick("tbtMs")))} (${spread(pick("tbtMs"), (v) => v.toFixed(0))})`.padEnd(16),
          kb(median(pick("totalBytes"))).padEnd(12),
          kb(median(pick("scriptBytes"))).padEnd(12),
          server.name === "base" ? "" : score >= TARGET_SCORE ? "met" : "MISSED",
        ];
        console.log(`${server.name.padEnd(14)} ${page.name.padEnd(12)} ${columns.join(" ")}`);
      }
    }
    console.log("(medians over the runs, range in brackets; bytes as transferred)");
  } finally {
    chrome.kill();
    for (const server of servers) {
      await stopProcess(server.child);
      fs.rmSync(server.dataDir, { recursive: true, force: true });
    }
    console.log(machine.end());
  }
}

await main();
