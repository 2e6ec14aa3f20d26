import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

/**
 * The script a buyer's browser loads for each public page, read from the build's manifest (the
 * entry, the root and the route with their shared chunks), raw and gzip-compressed, and beside it
 * what one language's page messages weigh in the root loader's data. Sizes, not timings: run after
 * `remix build`.
 */
const BUILD = path.resolve("public/build");
const PAGES = [
  "routes/_index",
  "routes/rfq.new",
  "routes/rfq.received",
  "routes/status.$token",
  "routes/status.$token_.quote",
];

type Entry = { module: string; imports?: string[] };
const manifestFile = fs.readdirSync(BUILD).find((f) => /^manifest-.*\.js$/.test(f));
if (!manifestFile) throw new Error(`No manifest in ${BUILD}: run \`npx remix build\` first.`);
const manifest = JSON.parse(
  fs
    .readFileSync(path.join(BUILD, manifestFile), "utf8")
    .replace(/^window\.__remixManifest=/, "")
    .replace(/;$/, ""),
) as { entry: Entry; routes: Record<string, Entry> };

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
function weigh(files: string[]): { raw: number; gzip: number } {
  const bodies = files.map((f) => fs.readFileSync(path.join(BUILD, f.replace(/^\/build\//, ""))));
  return {
    raw: bodies.reduce((sum, b) => sum + b.length, 0),
    gzip: bodies.reduce((sum, b) => sum + zlib.gzipSync(b, { level: 9 }).length, 0),
  };
}

console.log("page | script raw | script gzip");
for (const id of PAGES) {
  const route = manifest.routes[id];
  if (!route) continue;
  const files = new Set<string>();
  for (const entry of [manifest.entry, manifest.routes.root, route]) {
    if (!entry) continue;
    files.add(entry.module);
    for (const file of entry.imports ?? []) files.add(file);
  }
  const { raw, gzip } = weigh([...files]);
  console.log(`${id} | ${kib(raw)} | ${kib(gzip)}`);
}

const LOCALES = path.resolve("app/locales");
if (fs.existsSync(LOCALES)) {
  console.log("\nlanguage | page messages raw | gzip (in the root loader's data, one language per page)");
  for (const language of fs.readdirSync(LOCALES)) {
    const files = fs.readdirSync(path.join(LOCALES, language)).filter((f) => !["email.json", "pdf.json"].includes(f));
    const body = Buffer.from(
      JSON.stringify(files.map((f) => JSON.parse(fs.readFileSync(path.join(LOCALES, language, f), "utf8")))),
    );
    console.log(`${language} | ${kib(body.length)} | ${kib(zlib.gzipSync(body, { level: 9 }).length)}`);
  }
}
