/** The steps of an analysis, timed so a slow one can be told from a slow machine. */
export type Stage = "read" | "parse" | "measure" | "walls" | "features" | "preview";

/**
 * Wall-clock and CPU milliseconds (on a busy machine the CPU time is the steadier figure), and the
 * process's resident memory when the stage ended.
 */
export type StageTimes = Partial<Record<Stage, { ms: number; cpuMs: number; rssMb: number }>>;

/** Times `work` as `stage` in `times`, thrown or not. */
export async function timed<T>(times: StageTimes, stage: Stage, work: () => T | Promise<T>): Promise<T> {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  try {
    return await work();
  } finally {
    const used = process.cpuUsage(cpu);
    times[stage] = {
      ms: performance.now() - wall,
      cpuMs: (used.user + used.system) / 1000,
      rssMb: process.memoryUsage.rss() / 2 ** 20,
    };
  }
}
