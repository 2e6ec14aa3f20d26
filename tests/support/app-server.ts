import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { SERVER_ERROR_MARK } from "../../app/server/server-errors.server";
import { repoRoot } from "./paths";
import { tempDir } from "./temp";

export type AppServer = {
  url: string;
  dataDir: string;
  output: () => string;
  /** Sends `signal` (SIGTERM: a clean shutdown) and resolves with the exit code once the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Kills the server with SIGKILL, as a crash or the OOM killer would, and waits for it to be gone. */
  crash(): Promise<void>;
};

/** Each running server's unreported errors: what it logged under SERVER_ERROR_MARK, or its crash. */
const unreported = new Set<() => string | null>();

/**
 * Server errors logged since the last call by any server a test started. The setup file
 * (fail-on-server-error.ts) calls it after each test, so the test whose request caused a 500 or a
 * crash fails, even though its assertions may only have seen a status code or a lost connection.
 */
export function takeServerErrors(): string[] {
  return [...unreported].map((take) => take()).filter((report): report is string => report !== null);
}

/**
 * The settings of a server that a test file's describes share: every test posts from 127.0.0.1, so
 * the per-address limits (which guard against the world, and have tests of their own) are raised.
 */
export const SHARED_SERVER_ENV = {
  ENGINEERING_INBOX: "engineering@factory.test",
  INTAKE_RATE_LIMIT: "1000",
  MAILS_PER_IP_PER_HOUR: "1000",
};

/** A free TCP port, so the server's PUBLIC_URL (used in e-mailed links) is known before it starts. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * The real server (server.ts with the built Remix app) in its own process, on a fresh data
 * directory (or `dataDir`, to restart on what an earlier server left): what `npm start` runs, with
 * the test's environment.
 */
export async function startAppServer(
  env: Record<string, string> = {},
  options: { dataDir?: string } = {},
): Promise<AppServer> {
  if (!fs.existsSync(path.join(repoRoot, "build/index.js"))) {
    throw new Error("build/index.js is missing: run `npm run build` first (npm test does).");
  }
  const dataDir = options.dataDir ?? tempDir("app");
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: url,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  // "close", not "exit": only then has all the output been read.
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
  let stopping = false;
  let checkedUpTo = 0;
  let crash: string | null = null;
  child.once("exit", (code) => {
    if (!stopping && code) crash = `the server exited with code ${code}`;
  });
  const takeErrors = () => {
    // Back by the mark's length, in case a chunk boundary cut it in two at the last check.
    const at = output.indexOf(SERVER_ERROR_MARK, Math.max(0, checkedUpTo - SERVER_ERROR_MARK.length + 1));
    checkedUpTo = output.length;
    const report = [at >= 0 ? output.slice(at, at + 4000) : null, crash].filter(Boolean).join("\n");
    crash = null;
    return report ? `${url}: ${report}` : null;
  };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 30 s:\n${output}`)), 30_000);
    const onData = () => {
      if (output.includes("listening on")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code}:\n${output}`));
    });
  });
  unreported.add(takeErrors);
  const server: AppServer = {
    url,
    dataDir,
    output: () => output,
    stop: async (signal = "SIGTERM") => {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await closed;
      unreported.delete(takeErrors);
      const report = takeErrors();
      if (report) throw new Error(`the server logged an error after the last test's check:\n${report}`);
      return child.exitCode;
    },
    crash: async () => {
      await server.stop("SIGKILL");
    },
  };
  return server;
}

/** Stops servers (`stop`) and proxies (`close`) in the order given, skipping any that never started. */
export async function stopAll(...parts: ({ stop(): Promise<unknown> } | { close(): Promise<void> } | undefined)[]) {
  for (const part of parts) await (part && ("stop" in part ? part.stop() : part.close()));
}
