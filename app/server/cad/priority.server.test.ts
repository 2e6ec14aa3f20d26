import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { lowerPriority } from "./priority.server";

let child: ReturnType<typeof spawn> | undefined;
afterEach(() => {
  child?.kill("SIGKILL");
});

describe("worker priority", () => {
  it("lowers every thread of a running Node process, not only its main thread", async () => {
    child = spawn(process.execPath, ["-e", "console.log('ready'); setInterval(() => {}, 1000)"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    await once(child.stdout!, "data");
    const pid = child.pid!;
    const threads = fs.readdirSync(`/proc/${pid}/task`).map(Number);
    // Node's garbage-collector and compiler threads were started before any script ran.
    expect(threads.length).toBeGreaterThan(1);
    expect(lowerPriority(pid, 12)).toBeNull();
    expect(threads.map((tid) => os.getPriority(tid))).toEqual(threads.map(() => 12));
  });

  it("does not count a process that has already exited as a failure", async () => {
    child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
    const pid = child.pid!;
    await once(child, "exit");
    expect(lowerPriority(pid, 12)).toBeNull();
  });
});
