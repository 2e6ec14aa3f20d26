import fs from "node:fs";
import os from "node:os";

/**
 * Lowers a process's CPU priority to `nice`. Linux keeps a niceness per thread, and Node starts its
 * helper threads (garbage collector, compiler) before any script runs: each thread listed in /proc
 * is set, and threads started later inherit from the thread that starts them. Elsewhere the
 * process's niceness covers its threads. Returns why it could not, or null.
 */
export function lowerPriority(pid: number, nice: number): string | null {
  for (const id of [pid, ...threads(pid)]) {
    try {
      os.setPriority(id, nice);
    } catch (error) {
      // A worker (or one of its threads) that has already exited has nothing left to lower.
      if ((error as NodeJS.ErrnoException & { info?: { code?: string } }).info?.code !== "ESRCH")
        return (error as Error).message;
    }
  }
  return null;
}

function threads(pid: number): number[] {
  try {
    return fs
      .readdirSync(`/proc/${pid}/task`)
      .map(Number)
      .filter((tid) => tid !== pid);
  } catch {
    return [];
  }
}
