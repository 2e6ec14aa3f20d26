import os from "node:os";

/**
 * What a benchmark's figures depend on, printed beside them: the CPUs and the load average when it
 * started and when it ended. A figure taken while the load was high says so.
 */
export function machineReport(): { start: string; end: () => string } {
  const cpus = os.cpus();
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" / ");
  const start = `machine: ${cpus.length} x ${cpus[0]?.model.trim() ?? "unknown CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}; load average (1/5/15 min) at start ${load()}`;
  return { start, end: () => `load average (1/5/15 min) at end ${load()}` };
}
