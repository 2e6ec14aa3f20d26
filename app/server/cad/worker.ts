/**
 * The analysis worker: one child process per file (models are measured, PDF drawings get a
 * first-page thumbnail), so OpenCascade's synchronous parse and its
 * memory (several times the file size) never touch the server's event loop or heap.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { promisify } from "node:util";
import type { AnalysisMetrics, AnalysisReasonKind } from "../../../db/queries/analyses";
import type { Config } from "../config.server";
import type { FileFormat } from "../files/file-check";
import { formatBytes } from "../../utils/format";
import { createDiskStorage } from "../storage/disk.server";
import type { Storage } from "../storage/storage.server";
import { analyseModel } from "./analyse";
import type { LengthUnit } from "../../../workflows/model-metrics";
import { meshToGlb } from "./glb";
import { previewMesh } from "./preview-mesh";
import { timed, type StageTimes } from "./stages";

/** `stlUnit` is the unit the buyer stated for an STL (files.declared_unit); STL itself has none. */
export type AnalysisJob = {
  storedKey: string;
  format: FileFormat;
  storage: Config["storage"];
  maxBytes: number;
  stlUnit?: LengthUnit | null;
};
export type AnalysisOutcome = (
  { ok: true; metrics: AnalysisMetrics; previewKey: string } | { ok: false; reason: string; kind: AnalysisReasonKind }
) & { stats?: { ms: number; peakRssMb: number; stages: StageTimes } };

const execFileAsync = promisify(execFile);

/** The first page of a PDF drawing as a PNG, by poppler's pdftoppm (an optional system tool). */
async function pdfThumbnail(bytes: Uint8Array): Promise<Buffer> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "mim-rfq-pdf-"));
  try {
    await fs.writeFile(path.join(dir, "drawing.pdf"), bytes);
    await execFileAsync(
      "pdftoppm",
      ["-png", "-f", "1", "-l", "1", "-singlefile", "-scale-to", "640", "drawing.pdf", "page"],
      { cwd: dir, timeout: 60_000 },
    );
    return await fs.readFile(path.join(dir, "page.png"));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** The S3 client takes about half a second to load: a worker on disk storage starts without it. */
async function openStorage(config: Config["storage"]): Promise<Storage> {
  if (config.kind === "disk") return createDiskStorage(config.dir);
  const { createS3Storage } = await import("../storage/s3.server");
  return createS3Storage(config);
}

/** The whole file in one buffer, filled as it streams in: chunks and a joined copy would need it twice. */
async function readAll(body: Readable, size: number): Promise<Uint8Array> {
  const bytes = new Uint8Array(size);
  let length = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    if (length + chunk.length > size) throw new Error("the stored file is larger than its recorded size");
    bytes.set(chunk, length);
    length += chunk.length;
  }
  if (length !== size) throw new Error("the stored file is shorter than its recorded size");
  return bytes;
}

async function run(job: AnalysisJob, stages: StageTimes): Promise<AnalysisOutcome> {
  const storage = await openStorage(job.storage);
  const { body, size } = await storage.get(job.storedKey);
  if (size > job.maxBytes) {
    body.destroy();
    return {
      ok: false,
      reason: `No analysis: the file is over the ${formatBytes(job.maxBytes)} analysis limit. An engineer opens it in CAD instead.`,
      kind: "too_large",
    };
  }
  const bytes = await timed(stages, "read", () => readAll(body, size));
  if (job.format === "pdf") {
    let png: Buffer;
    try {
      png = await pdfThumbnail(bytes);
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
      return {
        ok: false,
        reason: missing
          ? "No thumbnail: this server has no pdftoppm (install poppler-utils)."
          : "No thumbnail: the PDF could not be rendered.",
        kind: "unreadable",
      };
    }
    const previewKey = `${job.storedKey}.thumb.png`;
    await storage.put(previewKey, Readable.from([png]), { contentType: "image/png" });
    return { ok: true, metrics: {}, previewKey };
  }
  const result = await analyseModel(job.format, bytes, { stlUnit: job.stlUnit });
  if (!result.ok) return result;
  Object.assign(stages, result.stages);
  const previewKey = `${job.storedKey}.preview.glb`;
  await timed(stages, "preview", async () =>
    storage.put(previewKey, Readable.from([meshToGlb(await previewMesh(result.mesh, result.weld))]), {
      contentType: "model/gltf-binary",
    }),
  );
  return { ok: true, metrics: result.metrics, previewKey };
}

/**
 * This process's peak resident memory. getrusage's maxRSS survives exec, so a worker forked from a
 * larger process reported that process's peak; Linux's VmHWM belongs to this process alone.
 */
function peakRssMb(): number {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // Not Linux: the rusage figure is the one there is.
  }
  return process.resourceUsage().maxRSS / 1024;
}

// The server decides when a worker stops. Ctrl-C or a service manager signals the whole process
// group: without this the worker would die first and the server would count that as a crash.
process.on("SIGINT", () => undefined);
process.on("SIGTERM", () => undefined);
// ...but a worker whose server is gone has no one to report to.
process.once("disconnect", () => process.exit(1));

process.once("message", (job: AnalysisJob) => {
  const started = performance.now();
  const stages: StageTimes = {};
  const reply = (outcome: AnalysisOutcome) => {
    const stats = { ms: performance.now() - started, peakRssMb: peakRssMb(), stages };
    process.send!({ ...outcome, stats }, () => process.exit(0));
  };
  run(job, stages).then(reply, (error: Error) =>
    reply({ ok: false, reason: `No analysis: ${error.message}`, kind: "unreadable" }),
  );
});
