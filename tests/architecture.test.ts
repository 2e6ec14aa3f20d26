import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
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

/** The application's own modules: what the server and the pages are built from (tests excluded). */
const APPLICATION = ["app", "db", "workflows", "emails"];

/**
 * Which of our modules each module imports: every static import and re-export, `import type`
 * included, resolved as TypeScript resolves them (the `~/` alias too). A type-only loop is still a
 * loop: the modules cannot be read, moved or split one at a time.
 */
function importGraph(files: string[]): Map<string, string[]> {
  const { config } = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
  const known = new Set(files);
  return new Map(
    files.map((file) => {
      const imported = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, false).importedFiles;
      const targets = imported.flatMap(({ fileName }) => {
        const resolved = ts.resolveModuleName(fileName, file, options, ts.sys).resolvedModule?.resolvedFileName;
        return resolved && known.has(resolved) ? [resolved] : [];
      });
      return [file, [...new Set(targets)]];
    }),
  );
}

/** The import loops of a graph: its strongly connected components of two or more modules, or one importing itself. */
function importCycles(graph: Map<string, string[]>): string[][] {
  const order = new Map<string, number>();
  const lowest = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    order.set(node, order.size);
    lowest.set(node, order.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!order.has(next)) {
        visit(next);
        lowest.set(node, Math.min(lowest.get(node)!, lowest.get(next)!));
      } else if (onStack.has(next)) lowest.set(node, Math.min(lowest.get(node)!, order.get(next)!));
    }
    if (lowest.get(node) !== order.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || graph.get(node)!.includes(node)) cycles.push(component.sort());
  };
  for (const node of graph.keys()) if (!order.has(node)) visit(node);
  return cycles;
}

describe("no import cycles", () => {
  const files = APPLICATION.flatMap((dir) => sourceFiles(path.join(ROOT, dir))).filter(
    (file) => !/\.test\.tsx?$/.test(file),
  );
  const graph = importGraph(files);

  it("reads every import: runtime, type-only, re-exports and the ~/ alias", () => {
    expect(files.length).toBeGreaterThan(150);
    const at = (file: string) => path.join(ROOT, file);
    // A type-only import through the alias, and one relative.
    expect(graph.get(at("app/server/service-types.ts"))).toContain(at("app/server/mail/outbox.server.ts"));
    expect(graph.get(at("db/schema.ts"))).toContain(at("workflows/model-metrics.ts"));
  });

  it("finds a loop when there is one, however long, and only then", () => {
    const loop = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a", "d"]],
      ["d", []],
      ["e", ["e"]],
    ]);
    expect(importCycles(loop)).toEqual([["a", "b", "c"], ["e"]]);
    expect(
      importCycles(
        new Map([
          ["a", ["b"]],
          ["b", []],
        ]),
      ),
    ).toEqual([]);
  });

  it("none among the application's modules: shared types go to a types-only module or workflows/", () => {
    const loops = importCycles(graph).map(
      (component) =>
        `${component.length} modules import each other: ` +
        component
          .map((file) => {
            const inLoop = graph.get(file)!.filter((target) => component.includes(target));
            return `${path.relative(ROOT, file)} -> ${inLoop.map((t) => path.relative(ROOT, t)).join(", ")}`;
          })
          .join("; "),
    );
    expect(loops).toEqual([]);
  });
});
