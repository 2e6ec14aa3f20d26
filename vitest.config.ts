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
    env: { TEST_RUN_DIR: runDir },
  },
});
