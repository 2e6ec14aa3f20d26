/**
 * npm run bench:body: what large bodies posted to a form that takes no files (/login) cost the
 * real server in memory. Starts server.ts on a fresh data directory and, in each round, samples
 * the server's resident memory (VmRSS, every 10 ms) while
 *   - baseline: two small sign-in posts at once,
 *   - declared: two 300 MB posts at once with Content-Length,
 *   - chunked:  two 300 MB posts at once without a length (chunked),
 * in an order that rotates from round to round. The clients send every byte whatever the server
 * answers, as an attacker would. Prints medians with the range over the rounds and the load.
 *
 * Options (environment): BENCH_ROUNDS (default 5), BENCH_MB (default 300), BENCH_APP_DIR (the
 * checkout whose server.ts and build to run, default this one: point it at an older, built
 * checkout to compare).
 */
import fs from "node:fs";
import net from "node:net";
import { machineReport } from "./machine";
import path from "node:path";
import { startServer } from "./app-server";

const root = path.resolve(import.meta.dirname, "..");
const work = path.join(root, "bench/.tmp");
const appDir = path.resolve(process.env.BENCH_APP_DIR ?? root);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const bodyMb = Number(process.env.BENCH_MB ?? 300);
const MB = 1024 * 1024;

function rssBytes(pid: number): number {
  const kb = fs.readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m)![1]!;
  return Number(kb) * 1024;
}

/** The highest resident memory of `pid` while `work` runs. */
async function peakRss(pid: number, work: () => Promise<unknown>): Promise<number> {
  let peak = rssBytes(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssBytes(pid))), 10);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, rssBytes(pid));
}

/**
 * Sends `bytes` of form body, all of it whatever the answer, on a plain socket (node's HTTP client
 * stops writing once an early answer has arrived); resolves with the answer's status once the body
 * is out and the answer is in, or with 0 when the server cut the connection first.
 */
function postBody(url: string, bytes: number, declare: boolean): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    let status = 0;
    let sentAll = false;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve(status);
    };
    let head = "";
    socket.on("data", (data) => {
      head += data.toString("latin1");
      status ||= Number(head.match(/^HTTP\/1\.1 (\d{3})/)?.[1] ?? 0);
      if (status && sentAll) finish();
    });
    socket.on("error", finish);
    socket.on("close", finish);
    const length = declare ? `Content-Length: ${bytes}` : "Transfer-Encoding: chunked";
    socket.write(
      `POST /login HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\n${length}\r\n\r\n`,
    );
    const chunk = Buffer.alloc(Math.min(64 * 1024, bytes), "a");
    let sent = 0;
    const pump = () => {
      while (!done && sent < bytes) {
        const part = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
        sent += part.length;
        const framed = declare
          ? part
          : Buffer.concat([Buffer.from(`${part.length.toString(16)}\r\n`), part, Buffer.from("\r\n")]);
        if (!socket.write(framed)) return void socket.once("drain", pump);
      }
      if (done) return;
      socket.write(declare ? "" : "0\r\n\r\n", () => {
        sentAll = true;
        if (status) finish();
      });
    };
    pump();
  });
}

const PHASES = {
  baseline: (url: string) => Promise.all([postBody(url, 60, true), postBody(url, 60, true)]),
  declared: (url: string) => Promise.all([postBody(url, bodyMb * MB, true), postBody(url, bodyMb * MB, true)]),
  chunked: (url: string) => Promise.all([postBody(url, bodyMb * MB, false), postBody(url, bodyMb * MB, false)]),
};
type Phase = keyof typeof PHASES;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;

async function main() {
  fs.mkdirSync(work, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(work, "body-"));
  const { child, url } = await startServer(dataDir, { LOGIN_RATE_LIMIT: "100000" }, appDir);
  const pid = child.pid!;
  const idle: number[] = [];
  const peaks: Record<Phase, number[]> = { baseline: [], declared: [], chunked: [] };
  const statuses: Record<Phase, number[]> = { baseline: [], declared: [], chunked: [] };
  const order: Phase[] = ["baseline", "declared", "chunked"];
  const machine = machineReport();
  try {
    await postBody(url, 60, true); // warm-up: the first request loads the route modules
    for (let round = 0; round < rounds; round++) {
      idle.push(rssBytes(pid));
      const rotated = [...order.slice(round % order.length), ...order.slice(0, round % order.length)];
      for (const phase of rotated) {
        let answers: number[] = [];
        peaks[phase].push(await peakRss(pid, async () => (answers = await PHASES[phase](url))));
        statuses[phase].push(...answers);
      }
    }
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const row = (label: string, values: number[]) =>
    `${label.padEnd(44)} median ${mb(median(values)).padStart(9)}   range ${mb(Math.min(...values))} - ${mb(Math.max(...values))}`;
  const tally = (values: number[]) =>
    Object.entries(
      values.reduce<Record<string, number>>((acc, s) => ({ ...acc, [s || "cut"]: (acc[s || "cut"] ?? 0) + 1 }), {}),
    )
      .map(([s, n]) => `${s} x${n}`)
      .join(", ");
  console.log(machine.start);
  console.log(`bench:body - POST /login on ${appDir}, ${rounds} rounds; ${machine.end()}`);
  console.log(row("server RSS, idle at the start of each round", idle));
  console.log(row("peak RSS, 2 small posts at once (baseline)", peaks.baseline));
  console.log(row(`peak RSS, 2 x ${bodyMb} MB with Content-Length`, peaks.declared));
  console.log(row(`peak RSS, 2 x ${bodyMb} MB chunked`, peaks.chunked));
  console.log(
    `answers: baseline ${tally(statuses.baseline)}; declared ${tally(statuses.declared)}; chunked ${tally(statuses.chunked)}`,
  );
  // Memory a large body leaves behind shows in the idle figure of the following rounds.
  const highest = Math.max(...peaks.declared, ...peaks.chunked);
  console.log(`highest peak with large bodies: ${mb(highest)}, ${mb(highest - idle[0]!)} over the first idle figure`);
}

await main();
