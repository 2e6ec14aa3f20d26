import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

/**
 * The real server (server.ts with the built app) on a free port and its own data directory; `appDir`
 * runs another checkout's build, e.g. to measure the code before a change.
 */
export async function startServer(
  dataDir: string,
  env: Record<string, string> = {},
  appDir = root,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: appDir,
    env: { PATH: process.env.PATH, NODE_ENV: "production", DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (chunk) => {
      output += chunk;
      const found = output.match(/listening on http:\/\/localhost:(\d+)/);
      if (found) resolve(found[1]!);
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  child.stdout!.resume();
  return { child, url: `http://127.0.0.1:${port}` };
}

/** Stops a server or worker process with SIGTERM (a clean shutdown) and waits until it is gone. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/** The password the benches give the staff account they create. */
export const BENCH_PASSWORD = "bench password, not a secret";

/** Signs in through the real login form; returns the session cookie to send with each request. */
export async function signIn(url: string, email: string): Promise<string> {
  const response = await fetch(`${url}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password: BENCH_PASSWORD }),
    redirect: "manual",
  });
  if (response.status !== 302) throw new Error(`sign-in answered HTTP ${response.status}`);
  return response.headers.get("set-cookie")!.split(";")[0]!;
}
