import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../../../db/client";
import { claimNextAnalysis, recoverRunningAnalyses, updateAnalysis } from "../../../db/queries/analyses";
import type { Config } from "../config.server";
import type { FileFormat } from "../files/file-check";
import type { Logger } from "../logger";
import { lowerPriority } from "./priority.server";
import type { AnalysisJob, AnalysisOutcome } from "./worker";

export type AnalysisRunnerOptions = {
  db: Db;
  storage: Config["storage"];
  logger: Logger;
  pollMs?: number;
  /** A model taking longer is stopped and counted as a crash. */
  timeoutMs?: number;
  /** Heap limit of the worker; OpenCascade needs several times the file size. */
  maxHeapMb?: number;
  /** The worker's whole resident memory (heap and WebAssembly); above it the worker is stopped. */
  maxRssMb?: number;
  /** Larger files get "no analysis" rather than a worker that cannot finish. */
  maxFileBytes?: number;
  /** Workers at once: each keeps about one core busy (ANALYSIS_CORES). */
  workers?: number;
  /** Niceness of the workers, so requests get the CPU first (ANALYSIS_NICE). */
  nice?: number;
  /** Called once a file's analysis has its result (done, failed, or no analysis), after it is saved. */
  onFinished?: (fileId: string) => void;
  /** Lets tests see (and kill) the worker process. */
  onSpawn?: (child: ChildProcess) => void;
};

const MAX_ATTEMPTS = 2;
const WORKER = path.resolve("app/server/cad/worker.ts");

/** Resident memory of a process in MB, from Linux's /proc (null elsewhere, or once it has exited). */
function residentMb(pid: number): number | null {
  try {
    const pages = Number(fs.readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]);
    return (pages * 4096) / 1024 / 1024;
  } catch {
    return null;
  }
}

/** Analyses one model in a fresh worker process; a worker that dies or overruns reports a crash. */
export function runAnalysisWorker(
  job: AnalysisJob,
  limits: {
    timeoutMs: number;
    maxHeapMb: number;
    maxRssMb?: number;
    nice?: number;
    logger?: Logger;
    onSpawn?: (child: ChildProcess) => void;
  },
): Promise<AnalysisOutcome | { crashed: string }> {
  return new Promise((resolve) => {
    const child = fork(WORKER, [], {
      execArgv: ["--import", "tsx", `--max-old-space-size=${limits.maxHeapMb}`],
      stdio: "pipe",
    });
    // At once, before the worker starts its threads and loads its modules: they inherit the priority.
    const failed = child.pid && limits.nice ? lowerPriority(child.pid, limits.nice) : null;
    if (failed) limits.logger?.warn(`the analysis worker keeps the server's CPU priority: ${failed}`);
    limits.onSpawn?.(child);
    let outcome: AnalysisOutcome | null = null;
    let stopped: string | null = null;
    const stop = (why: string) => {
      stopped ??= why;
      child.kill("SIGKILL");
    };
    const timer = setTimeout(() => stop(`ran longer than ${Math.round(limits.timeoutMs / 1000)} s`), limits.timeoutMs);
    // OpenCascade's WebAssembly memory is outside the JavaScript heap limit: watch the whole process.
    const watch = setInterval(() => {
      const mb = child.pid ? residentMb(child.pid) : null;
      if (limits.maxRssMb && mb !== null && mb > limits.maxRssMb)
        stop(`used more than ${limits.maxRssMb} MB of memory`);
    }, 100);
    child.stderr?.on("data", () => undefined);
    child.stdout?.on("data", () => undefined);
    child.on("message", (message: AnalysisOutcome) => (outcome = message));
    // A worker that died before reading its job makes send() fail; its exit reports the crash.
    child.on("error", () => undefined);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      clearInterval(watch);
      resolve(outcome ?? { crashed: stopped ?? (signal ? `stopped by ${signal}` : `exited with code ${code}`) });
    });
    child.send(job);
  });
}

/**
 * Measures uploaded models in the background, in up to `workers` processes at a time. The queue is the
 * model_analyses table: new model files are picked up from the files table, so nothing needs
 * enqueuing on the request path, and a restart loses nothing.
 */
export function createAnalysisRunner(options: AnalysisRunnerOptions) {
  const {
    db,
    logger,
    pollMs = 3000,
    timeoutMs = 120_000,
    maxHeapMb = 2048,
    maxRssMb = 3072,
    maxFileBytes = 256 * 1024 * 1024,
    workers = 1,
    nice = 10,
  } = options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<boolean> | null = null;
  const current = new Set<ChildProcess>();
  // Set by stop(): no job is claimed and no worker started after it, and the job it interrupts is
  // handed back as it was, because a shutdown is not the model's fault.
  let stopping = false;

  /** Jobs a stopped process left "running" go back to the queue, unless they already had their retry. */
  function recover() {
    recoverRunningAnalyses(
      db,
      MAX_ATTEMPTS,
      "The analysis stopped twice (the server restarted or the worker crashed).",
      new Date(),
    );
  }

  function claim(now: Date): {
    fileId: string;
    storedKey: string;
    format: FileFormat;
    declaredUnit: AnalysisJob["stlUnit"];
    attempts: number;
  } | null {
    const next = claimNextAnalysis(db, now);
    return next && { ...next, format: next.format as FileFormat };
  }

  /** Analyses the next model, if any; true when one was handled. */
  async function runOnce(now = () => new Date()): Promise<boolean> {
    if (stopping) return false;
    const job = claim(now());
    if (!job) return false;
    logger.info(`analysing file ${job.fileId} (attempt ${job.attempts})`);
    const result = await runAnalysisWorker(
      {
        storedKey: job.storedKey,
        format: job.format,
        storage: options.storage,
        maxBytes: maxFileBytes,
        stlUnit: job.declaredUnit,
      },
      {
        timeoutMs,
        maxHeapMb,
        maxRssMb,
        nice,
        logger,
        onSpawn: (child) => {
          current.add(child);
          child.once("exit", () => current.delete(child));
          options.onSpawn?.(child);
        },
      },
    );
    const finishedAt = now();
    if ("crashed" in result && stopping) {
      logger.info(`model analysis of file ${job.fileId} interrupted by shutdown; it starts again after the restart`);
      updateAnalysis(db, job.fileId, { status: "pending", attempts: job.attempts - 1, startedAt: null });
      return false;
    }
    if ("crashed" in result) {
      const retry = job.attempts < MAX_ATTEMPTS;
      logger.warn(`model analysis of file ${job.fileId} ${result.crashed}${retry ? "; retrying once" : ""}`);
      updateAnalysis(
        db,
        job.fileId,
        retry
          ? { status: "pending" }
          : {
              status: "failed",
              reason: `The analysis stopped twice (${result.crashed}): the model may be too large or damaged.`,
              reasonKind: "crashed",
              finishedAt,
            },
      );
    } else if (result.ok) {
      logger.info(
        `measured model ${job.fileId} in ${Math.round(result.stats?.ms ?? 0)} ms (worker peak ${Math.round(result.stats?.peakRssMb ?? 0)} MB)`,
      );
      updateAnalysis(db, job.fileId, {
        status: "done",
        metrics: result.metrics,
        previewKey: result.previewKey,
        reason: null,
        reasonKind: null,
        finishedAt,
      });
    } else {
      updateAnalysis(db, job.fileId, {
        status: "no_analysis",
        reason: result.reason,
        reasonKind: result.kind,
        finishedAt,
      });
    }
    if (!("crashed" in result) || job.attempts >= MAX_ATTEMPTS) options.onFinished?.(job.fileId);
    return true;
  }

  /** Runs jobs one after another until none is left; a failure ends this lane, not the others. */
  const lane = async () => {
    let handled = false;
    try {
      while (await runOnce()) handled = true;
    } catch (error) {
      logger.warn(`model analysis failed: ${(error as Error).message}`);
    }
    return handled;
  };

  const pass = async () => {
    if (running) return running;
    // Each lane takes the next job when its worker is done: at most `workers` run at once.
    running = Promise.all(Array.from({ length: workers }, lane))
      .then((handled) => handled.some(Boolean))
      .finally(() => (running = null));
    return running;
  };

  return {
    recover,
    runOnce,
    start() {
      stopping = false;
      recover();
      timer = setInterval(() => void pass(), pollMs);
      timer.unref();
      void pass();
    },
    /** Stops polling and the worker; an interrupted job is picked up again at the next start, its attempt not counted. */
    async stop() {
      stopping = true;
      clearInterval(timer);
      for (const child of current) child.kill("SIGKILL");
      await running;
    },
  };
}
