import path from "node:path";
import { defineConfig } from "vitest/config";

const runDir = path.resolve("tests/.tmp", `run-${process.pid}`);
process.env.TEST_RUN_DIR = runDir;

export default defineConfig({
  resolve: { alias: { "~": path.resolve("app") } },
  test: {
    include: ["{app,db,workflows,emails,tests}/**/*.test.ts"],
    exclude: ["tests/e2e/**", "node_modules/**"],
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/fail-on-console-error.ts", "tests/support/fail-on-server-error.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Two files at a time even on two cores: most of a test's time is a server it waits on, so the
    // default (one fewer than the cores) leaves a core idle (docs/testing.md, Time).
    maxWorkers: 2,
    env: { TEST_RUN_DIR: runDir },
  },
});
