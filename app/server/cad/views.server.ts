import type { ModelAnalysisRow, StoredFile } from "../../../db/schema";
import { MATERIALS } from "../../../workflows/materials";
import type { ModelAnalysisView } from "~/components/model-analyses";
import type { ModelMetrics } from "./analyse";

/** The page's view of each model file's analysis; `previewUrl` says where its glTF is served. */
export function modelAnalysisViews(
  files: StoredFile[],
  analyses: ModelAnalysisRow[],
  material: string,
  previewUrl: (fileId: string) => string,
): ModelAnalysisView[] {
  const density = MATERIALS.find((m) => m.id === material)?.densityGcm3 ?? null;
  return files
    .filter((f) => f.kind === "model")
    .map((f) => {
      const a = analyses.find((x) => x.fileId === f.id);
      const m = a?.status === "done" ? (a.metrics as unknown as ModelMetrics) : null;
      return {
        fileId: f.id,
        name: f.originalName,
        status: a?.status ?? "pending",
        reason: a?.reason ?? null,
        sizeMm: m?.sizeMm ?? null,
        volumeMm3: m?.volumeMm3 ?? null,
        areaMm2: m?.areaMm2 ?? null,
        massG: m && density !== null ? (m.volumeMm3 / 1000) * density : null,
        wall: m?.wall ? { p5Mm: m.wall.p5Mm, medianMm: m.wall.medianMm } : null,
        watertight: m?.watertight ?? null,
        triangles: m?.triangles ?? null,
        previewUrl: a?.previewKey ? previewUrl(f.id) : null,
      };
    });
}

/** The drawing thumbnail of each file that has one rendered. */
export function thumbnailUrls(analyses: ModelAnalysisRow[], files: StoredFile[], previewUrl: (fileId: string) => string): Map<string, string> {
  const pdfs = new Set(files.filter((f) => f.format === "pdf").map((f) => f.id));
  return new Map(analyses.filter((a) => pdfs.has(a.fileId) && a.status === "done" && a.previewKey).map((a) => [a.fileId, previewUrl(a.fileId)]));
}
