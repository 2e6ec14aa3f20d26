import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");
const SCANNED = ["app/server", "app/routes"];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Every module specifier a file imports or re-exports, statically or dynamically. */
function specifiers(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/(?:\bfrom|\bimport|\bimport\s*\(|\brequire\s*\()\s*["']([^"']+)["']/g))
    found.push(match[1]!);
  return found;
}

/** The database's own modules: only db/queries (and db/client, for the connection and transactions) may use them. */
function reachesPastQueries(file: string, specifier: string): boolean {
  if (specifier === "drizzle-orm" || specifier.startsWith("drizzle-orm/")) return true;
  if (!specifier.startsWith(".")) return false;
  return path.resolve(path.dirname(file), specifier) === path.join(ROOT, "db/schema");
}

describe("db/queries is the only door to the database", () => {
  it("finds the files it checks", () => {
    const files = SCANNED.flatMap((dir) => sourceFiles(path.join(ROOT, dir)));
    expect(files.length).toBeGreaterThan(50);
    expect(files.some((f) => f.endsWith("review.server.ts"))).toBe(true);
  });

  it("recognises the imports it forbids", () => {
    const file = path.join(ROOT, "app/server/x.server.ts");
    const source = `import { eq } from "drizzle-orm";\nimport type { Inquiry } from "../../db/schema";\nexport * from "drizzle-orm/sqlite-core";`;
    expect(specifiers(source).filter((s) => reachesPastQueries(file, s))).toEqual([
      "drizzle-orm",
      "../../db/schema",
      "drizzle-orm/sqlite-core",
    ]);
    expect(reachesPastQueries(file, "../../db/queries/inquiries")).toBe(false);
  });

  it.each(SCANNED)("no file under %s imports drizzle-orm or db/schema", (dir) => {
    const offending = sourceFiles(path.join(ROOT, dir)).flatMap((file) =>
      specifiers(fs.readFileSync(file, "utf8"))
        .filter((s) => reachesPastQueries(file, s))
        .map(
          (s) =>
            `${path.relative(ROOT, file)} imports ${s}: add a named function (or a type re-export) to db/queries/ instead`,
        ),
    );
    expect(offending).toEqual([]);
  });
});

describe("every browser test checks accessibility", () => {
  it("imports test and expect from tests/e2e/axe.ts, whose fixture runs axe on each page state", () => {
    const specs = sourceFiles(path.join(ROOT, "tests/e2e")).filter((f) => f.endsWith(".spec.ts"));
    expect(specs.length).toBeGreaterThan(10);
    const unchecked = specs
      .filter((file) => !/import \{ expect,(?: [\w, ]+,)? test \} from "\.\/axe";/.test(fs.readFileSync(file, "utf8")))
      .map((file) => `${path.relative(ROOT, file)}: import { expect, test } from "./axe"`);
    expect(unchecked).toEqual([]);
  });
});

describe("a form's refusal that is about no one field", () => {
  const BLOCK = /<div className="alert" role="alert" id=\{form\.errorId\}>/;
  const SHARED = path.join(ROOT, "app/components/form-alert.tsx");

  it("is written once, in FormAlert, which the forms render instead of their own copy", () => {
    expect(fs.readFileSync(SHARED, "utf8")).toMatch(BLOCK);
    const copies = ["app/components", "app/routes"]
      .flatMap((dir) => sourceFiles(path.join(ROOT, dir)))
      .filter((file) => file !== SHARED && BLOCK.test(fs.readFileSync(file, "utf8")))
      .map((file) => `${path.relative(ROOT, file)}: render <FormAlert form={form} /> instead`);
    expect(copies).toEqual([]);
  });
});
