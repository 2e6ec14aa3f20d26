import path from "node:path";

export const repoRoot = path.resolve(import.meta.dirname, "../..");
// One directory per test run (vitest.config.ts names it), so two runs at once do not clear each other's files.
export const tmpRoot = process.env.TEST_RUN_DIR ?? path.join(repoRoot, "tests/.tmp/run");
export const templateDbFile = path.join(tmpRoot, "template.sqlite");
export const fixturesDir = path.join(repoRoot, "tests/fixtures");
