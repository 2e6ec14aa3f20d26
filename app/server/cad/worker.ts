/**
 * The analysis worker: one child process per model, so OpenCascade's synchronous parse and its
 * memory (several times the file size) never touch the server's event loop or heap.
 */
import { Readable } from "node:stream";
import type { Config } from "../config.server";
import type { FileFormat } from "../file-check";
import { formatBytes } from "../../utils/format";
import { createStorage } from "../storage/index.server";
import { analyseModel } from "./analyse";
import { meshToGlb } from "./glb";

export type AnalysisJob = { storedKey: string; format: FileFormat; storage: Config["storage"]; maxBytes: number };
export type AnalysisOutcome = (
  | { ok: true; metrics: Record<string, unknown>; previewKey: string }
  | { ok: false; reason: string }
) & { stats?: { ms: number; peakRssMb: number } };

async function run(job: AnalysisJob): Promise<AnalysisOutcome> {
  const storage = createStorage(job.storage);
  const { body, size } = await storage.get(job.storedKey);
  if (size > job.maxBytes) {
    body.destroy();
    return { ok: false, reason: `No analysis: the file is over the ${formatBytes(job.maxBytes)} analysis limit. An engineer opens it in CAD instead.` };
  }
  const bytes = new Uint8Array(Buffer.concat(await body.toArray()));
  const result = await analyseModel(job.format, bytes);
  if (!result.ok) return result;
  const previewKey = `${job.storedKey}.preview.glb`;
  await storage.put(previewKey, Readable.from([meshToGlb(result.mesh)]), { contentType: "model/gltf-binary" });
  return { ok: true, metrics: result.metrics, previewKey };
}

process.once("message", (job: AnalysisJob) => {
  const started = performance.now();
  const reply = (outcome: AnalysisOutcome) => {
    const stats = { ms: performance.now() - started, peakRssMb: process.resourceUsage().maxRSS / 1024 };
    process.send!({ ...outcome, stats }, () => process.exit(0));
  };
  run(job).then(reply, (error: Error) => reply({ ok: false, reason: `No analysis: ${error.message}` }));
});
