import path from "node:path";

export const repoRoot = path.resolve(import.meta.dirname, "../..");
export const tmpRoot = path.join(repoRoot, "tests/.tmp");
export const templateDbFile = path.join(tmpRoot, "template.sqlite");
export const fixturesDir = path.join(repoRoot, "tests/fixtures");
