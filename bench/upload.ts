/**
 * npm run bench:upload: sends files through the real intake route and through bare http + busboy
 * servers (bench/baseline-server.ts) storing to the same place, and prints throughput and the
 * server's peak RSS, with the ratio to the same-store baseline. Cases:
 *   - a generated STEP-like file of BENCH_SIZE_MB to disk, app against the disk baseline;
 *   - the same file to S3 (s3rver, a fresh one per upload, its data deleted after), app against
 *     the S3 baseline, which uses the app's own S3 client settings and part sizes;
 *   - a binary STL model of BENCH_MODEL_MB that the app analyses: upload throughput, and the time
 *     from the start of the upload until the server has measured the model.
 * Each case runs BENCH_RUNS times, app and baseline alternately (which goes first rotates), each
 * on a freshly started server; medians are printed with the range over the runs.
 *
 * Options (environment): BENCH_SIZE_MB (default 1024), BENCH_MODEL_MB (default 10), BENCH_RUNS
 * (default 5).
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { sphereStl } from "../tests/support/meshes";
import { stopProcess } from "./app-server";
import { machineReport } from "./machine";

const root = path.resolve(import.meta.dirname, "..");
const sizeMb = Number(process.env.BENCH_SIZE_MB ?? 1024);
const modelMb = Number(process.env.BENCH_MODEL_MB ?? 10);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const work = path.join(root, "bench/.tmp");
const MB = 1e6;
const ANALYSIS_TIMEOUT_MS = 10 * 60 * 1000;

function generateStepFile(file: string, bytes: number) {
  if (fs.existsSync(file) && fs.statSync(file).size === bytes) return;
  const header =
    "ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION(('bench part'),'2;1');\nFILE_NAME('bench.step','2026-01-01T00:00:00',(''),(''),'','','');\nFILE_SCHEMA(('AP242_MANAGED_MODEL_BASED_3D_ENGINEERING_MIM_LF'));\nENDSEC;\nDATA;\n";
  const lines: string[] = [];
  for (let i = 0; i < 20_000; i++)
    lines.push(
      `#${i + 10}=CARTESIAN_POINT('',(${(i * 0.137).toFixed(4)},${(i * 0.291).toFixed(4)},${(i * 0.053).toFixed(4)}));\n`,
    );
  const block = Buffer.from(lines.join(""));
  const fd = fs.openSync(file, "w");
  let written = fs.writeSync(fd, header);
  const footer = Buffer.from("ENDSEC;\nEND-ISO-10303-21;\n");
  while (written + block.length + footer.length <= bytes) written += fs.writeSync(fd, block);
  written += fs.writeSync(fd, Buffer.alloc(bytes - written - footer.length, 0x0a));
  fs.writeSync(fd, footer);
  fs.closeSync(fd);
}

type Started = { child: ChildProcess; output: () => string; line: string };

/** A node process that prints a JSON line or "listening on ..." once it is ready. */
async function startProcess(args: string[], env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, args, {
    cwd: root,
    // The SDK's once-per-process notice about future Node versions says nothing about a figure.
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      ...env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (chunk) => {
      output += chunk;
      const first = output.split("\n").find((l) => l.startsWith("{") || l.includes("listening on"));
      if (first) resolve(first);
    });
    child.once("exit", (code) => reject(new Error(`${args.join(" ")} exited with ${code}:\n${output}`)));
  });
  child.stdout!.on("data", (chunk) => (output += chunk));
  return { child, output: () => output, line };
}

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(status.match(/VmHWM:\s+(\d+) kB/)?.[1] ?? NaN) / 1024;
}

/** Resolves with the server's own figures once it logs the model as measured. */
async function analysed(server: Started, from: number): Promise<{ ms: number; workerPeakMb: number }> {
  const deadline = Date.now() + ANALYSIS_TIMEOUT_MS;
  for (;;) {
    const found = server
      .output()
      .slice(from)
      .match(/measured model \S+ in (\d+) ms \(worker peak (\d+) MB\)/);
    if (found) return { ms: Number(found[1]), workerPeakMb: Number(found[2]) };
    if (server.child.exitCode !== null) throw new Error(`the server exited before the model was measured`);
    if (Date.now() > deadline) throw new Error(`the model was not measured within ${ANALYSIS_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const intakeFields: Record<string, string> = {
  company: "Bench Corp",
  contactName: "Bench",
  email: "bench@example.com",
  country: "Nowhere",
  partName: "Bench part",
  material: "mim-316l",
  annualVolume: "1000",
  ndaRequired: "no",
  exportControlled: "no",
};

/** Streams one multipart request (fields, then the file as `name`) from disk; resolves with seconds and status. */
function upload(url: string, file: string, name: string): Promise<{ seconds: number; status: number }> {
  const boundary = `----bench${crypto.randomUUID()}`;
  const head = Buffer.from(
    Object.entries(intakeFields)
      .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
      .join("") +
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length = head.length + fs.statSync(file).size + tail.length;
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const request = http.request(url, {
      method: "POST",
      headers: { "Content-Type": `multipart/form-data; boundary=${boundary}`, "Content-Length": String(length) },
    });
    request.on("response", (response) => {
      response.resume();
      response.on("end", () =>
        resolve({ seconds: Number(process.hrtime.bigint() - started) / 1e9, status: response.statusCode ?? 0 }),
      );
    });
    request.on("error", reject);
    request.write(head);
    const body = fs.createReadStream(file, { highWaterMark: 1024 * 1024 });
    body.on("end", () => request.end(tail));
    body.pipe(request, { end: false });
  });
}

type Target = { url: string; server: Started; stop: () => Promise<void> };
type Side = { name: string; start: () => Promise<Target>; status: number; analyse?: boolean };
type Case = { name: string; file: string; upload: string; bytes: number; baseline: Side; app: Side };
type Sample = {
  mbPerSecond: number;
  peakRssMb: number;
  toAnalysedS?: number;
  analysisMs?: number;
  workerPeakMb?: number;
};

const runDir = () => fs.mkdtempSync(path.join(work, "runs/run-"));
const remove = (dir: string) => fs.rmSync(dir, { recursive: true, force: true });

function appEnv(dataDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    PORT: "0",
    HOST: "127.0.0.1",
    MAX_FILE_MB: String(sizeMb + 16),
    MAX_REQUEST_MB: String(sizeMb + 32),
    INTAKE_RATE_LIMIT: "1000",
    MAILS_PER_ADDRESS_PER_HOUR: "1000",
    MAILS_PER_IP_PER_HOUR: "1000",
    ...extra,
  };
}

async function startApp(extra: Record<string, string> = {}, onStop = async () => {}): Promise<Target> {
  const dir = runDir();
  const server = await startProcess(["--import", "tsx", "server.ts"], appEnv(dir, extra));
  const port = server.line.match(/localhost:(\d+)/)![1];
  return {
    url: `http://127.0.0.1:${port}/rfq/new`,
    server,
    stop: async () => {
      await stopProcess(server.child);
      remove(dir);
      await onStop();
    },
  };
}

async function startBaseline(args: string[], onStop = async () => {}): Promise<Target> {
  const server = await startProcess(["--import", "tsx", "bench/baseline-server.ts", ...args], {});
  return {
    url: server.line.replace(/.*listening on (\S+).*/, "$1"),
    server,
    stop: async () => {
      await stopProcess(server.child);
      await onStop();
    },
  };
}

const diskBaseline = (): Promise<Target> => {
  const dir = runDir();
  return startBaseline(["disk", dir], async () => remove(dir));
};

/** A fresh s3rver for one upload; stopping it deletes what it stored. */
async function withS3(start: (s3: Started) => Promise<Target>): Promise<Target> {
  const s3 = await startProcess(["--import", "tsx", "bench/s3-server.ts"], {});
  try {
    return await start(s3);
  } catch (error) {
    await stopProcess(s3.child);
    throw error;
  }
}

async function measure(side: Side, c: Case): Promise<Sample> {
  const target = await side.start();
  try {
    const before = target.server.output().length;
    const started = performance.now();
    const { seconds, status } = await upload(target.url, c.file, c.upload);
    if (status !== side.status) throw new Error(`${side.name}: HTTP ${status}, expected ${side.status}`);
    const sample: Sample = { mbPerSecond: c.bytes / MB / seconds, peakRssMb: peakRssMb(target.server.child.pid!) };
    if (side.analyse) {
      const figures = await analysed(target.server, before);
      sample.toAnalysedS = (performance.now() - started) / 1000;
      sample.analysisMs = figures.ms;
      sample.workerPeakMb = figures.workerPeakMb;
      sample.peakRssMb = peakRssMb(target.server.child.pid!);
    }
    return sample;
  } finally {
    await target.stop();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const figure = (values: number[], digits: number, unit = "") =>
  `${median(values).toFixed(digits)}${unit} (${Math.min(...values).toFixed(digits)}-${Math.max(...values).toFixed(digits)})`;

async function main() {
  const machine = machineReport();
  console.log(machine.start);
  remove(path.join(work, "runs"));
  fs.mkdirSync(path.join(work, "runs"), { recursive: true });
  const bytes = sizeMb * 1024 * 1024;
  const file = path.join(work, `bench-${sizeMb}MiB.step`);
  generateStepFile(file, bytes);
  const model = path.join(work, `sphere-${modelMb}MB.stl`);
  if (!fs.existsSync(model)) fs.writeFileSync(model, sphereStl(modelMb));
  const modelBytes = fs.statSync(model).size;
  console.log(
    `files: STEP-like ${(bytes / MB).toFixed(0)} MB, binary STL model ${(modelBytes / MB).toFixed(1)} MB; ${runs} runs per case, app and baseline alternately, each on a fresh server\n`,
  );

  const s3Env = (s3: Started) => {
    const config = JSON.parse(s3.line) as {
      bucket: string;
      endpoint: string;
      accessKeyId: string;
      secretAccessKey: string;
    };
    return {
      STORAGE: "s3",
      S3_BUCKET: config.bucket,
      S3_ENDPOINT: config.endpoint,
      S3_ACCESS_KEY_ID: config.accessKeyId,
      S3_SECRET_ACCESS_KEY: config.secretAccessKey,
    };
  };
  const cases: Case[] = [
    {
      name: "disk",
      file,
      upload: "bench.step",
      bytes,
      baseline: { name: "baseline: http + busboy to disk", start: diskBaseline, status: 200 },
      app: { name: "mim-rfq /rfq/new, disk storage", start: () => startApp(), status: 302 },
    },
    {
      name: "s3",
      file,
      upload: "bench.step",
      bytes,
      baseline: {
        name: "baseline: http + busboy to S3 (s3rver)",
        start: () => withS3((s3) => startBaseline(["s3", s3.line], () => stopProcess(s3.child))),
        status: 200,
      },
      app: {
        name: "mim-rfq /rfq/new, S3 storage (s3rver)",
        start: () => withS3((s3) => startApp(s3Env(s3), () => stopProcess(s3.child))),
        status: 302,
      },
    },
    {
      name: "model",
      file: model,
      upload: "bench-model.stl",
      bytes: modelBytes,
      baseline: { name: "baseline: the STL model to disk", start: diskBaseline, status: 200 },
      app: { name: "mim-rfq, the STL model, analysed", start: () => startApp(), status: 302, analyse: true },
    },
  ];

  const samples = new Map<Side, Sample[]>();
  for (let run = 0; run < runs; run++) {
    for (const c of cases) {
      const order = run % 2 === 0 ? [c.baseline, c.app] : [c.app, c.baseline];
      for (const side of order) {
        const sample = await measure(side, c);
        samples.set(side, [...(samples.get(side) ?? []), sample]);
        const analysis =
          sample.toAnalysedS === undefined
            ? ""
            : `, measured ${sample.toAnalysedS.toFixed(1)} s after the upload started (analysis ${sample.analysisMs} ms, worker peak ${sample.workerPeakMb} MB)`;
        console.log(
          `run ${run + 1} ${side.name.padEnd(40)} ${sample.mbPerSecond.toFixed(1)} MB/s, peak RSS ${sample.peakRssMb.toFixed(0)} MB${analysis}`,
        );
      }
    }
  }

  const diskBase = samples.get(cases[0]!.baseline)!.map((s) => s.mbPerSecond);
  console.log(
    `\n${"case".padEnd(40)} ${"MB/s".padEnd(20)} ${"peak RSS MB".padEnd(16)} ${"vs same-store baseline".padEnd(24)} ${"vs disk baseline".padEnd(17)} targets (>= 60 % of disk baseline, < 250 MB)`,
  );
  for (const c of cases) {
    for (const side of [c.baseline, c.app]) {
      const mine = samples.get(side)!;
      const rate = mine.map((s) => s.mbPerSecond);
      const base = samples.get(c.baseline)!.map((s) => s.mbPerSecond);
      // Per run: the app against the baseline measured beside it.
      const ratios = rate.map((r, i) => (r / base[i]!) * 100);
      const vsDisk = (median(rate) / median(diskBase)) * 100;
      const isApp = side === c.app;
      const verdict =
        isApp && c.name !== "model"
          ? vsDisk >= 60 && median(mine.map((s) => s.peakRssMb)) < 250
            ? "met"
            : "MISSED"
          : "";
      console.log(
        `${side.name.padEnd(40)} ${figure(rate, 1).padEnd(20)} ${figure(
          mine.map((s) => s.peakRssMb),
          0,
        ).padEnd(
          16,
        )} ${(isApp ? figure(ratios, 0, " %") : "").padEnd(24)} ${(c.name === "model" ? "" : `${vsDisk.toFixed(0)} %`).padEnd(17)} ${verdict}`,
      );
      if (side.analyse) {
        console.log(
          `${"  upload start to model measured".padEnd(40)} ${figure(
            mine.map((s) => s.toAnalysedS!),
            1,
            " s",
          )}; analysis alone ${figure(
            mine.map((s) => s.analysisMs!),
            0,
            " ms",
          )}; worker peak ${figure(
            mine.map((s) => s.workerPeakMb!),
            0,
            " MB",
          )}`,
        );
      }
    }
  }
  console.log("(medians over the runs, range in brackets; a ratio is taken per run against the baseline beside it)");
  remove(path.join(work, "runs"));
  console.log(machine.end());
}

await main();
