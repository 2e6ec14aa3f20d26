import type { AnalysisMetrics, ModelAnalysisRow } from "../../../db/queries/analyses";
import { formatNumberIn } from "~/i18n/format";
import type { Language } from "~/i18n/languages";
import type { StoredFile } from "../../../db/queries/files";
import { MATERIALS } from "../../../workflows/materials";
import { describeLocation, noDensityReason, unitInDoubt } from "../../../workflows/pre-assessment";
import type { GeometryView, ModelAnalysisView } from "~/components/model-analyses";
import type { ModelUnit, StoredModelMetrics, Vec3 } from "../../../workflows/model-metrics";

const isModel = (metrics: AnalysisMetrics): metrics is StoredModelMetrics => "sizeMm" in metrics;

/** A finished analysis's model measurements; null while pending, on failure, and for a drawing (its row stores none). */
export function modelMetrics(analysis: ModelAnalysisRow | undefined): StoredModelMetrics | null {
  const metrics = analysis?.status === "done" ? analysis.metrics : null;
  return metrics && isModel(metrics) ? metrics : null;
}

/** Why a measured model has no mass estimate, or null when it has one. */
function massNotJudged(m: StoredModelMetrics, material: string): string | null {
  if (!m.watertight) return "not judged: the mesh is open, so its volume is approximate";
  const noDensity = noDensityReason(material);
  return noDensity === null ? null : `not judged: ${noDensity}`;
}

/** Where a stored model's unit came from; rows measured before units were recorded were STL in mm or converted by OpenCascade. */
export function storedUnit(m: StoredModelMetrics): ModelUnit {
  return m.unit ?? { unit: "mm", source: m.source.startsWith("STL") ? "assumed" : "file" };
}

/** A direction in plain words: "+z" for an axis, the rounded vector otherwise. */
function describeDirection(v: Vec3): string {
  const axis = v.findIndex((x) => Math.abs(x) > 0.999);
  if (axis >= 0) return `${v[axis]! > 0 ? "+" : "−"}${"xyz"[axis]}`;
  return `(${v.map((x) => x.toFixed(2)).join(", ")})`;
}

/** The geometry features of a model measured since they were recorded (null before, or for an open mesh). */
export function geometryView(m: StoredModelMetrics): GeometryView | null {
  const f = m.features;
  if (!f) return null;
  const where = (at: Vec3) => describeLocation(at, m.minMm, m.sizeMm);
  const pull = f.undercuts ? describeDirection(f.undercuts.pullAxis) : null;
  return {
    bodies: f.bodies,
    internalVoids: f.voids.count,
    internalVoidMm3: f.voids.volumeMm3,
    wallUniformity: m.wall?.uniformity ?? null,
    flatFaces: f.flatFaces.map((face) => ({
      areaMm2: face.areaMm2,
      projectedShare: face.projectedShare,
      facing: describeDirection(face.normal),
      where: where(face.at),
    })),
    setterFacing: f.sintering ? describeDirection(f.sintering.setterNormal) : null,
    spans: (f.sintering?.spans ?? []).map((span) => ({
      spanMm: span.spanMm,
      heightMm: span.heightMm,
      where: where(span.at),
    })),
    longestSpanMm: f.sintering?.spans[0]?.spanMm ?? 0,
    pullAxis: pull && pull.replace(/^[+−]/, ""),
    slides: f.undercuts?.slides ?? null,
    undercutAreaMm2: f.undercuts?.areaMm2 ?? null,
    undercuts: (f.undercuts?.regions ?? []).map((r) => ({
      areaMm2: r.areaMm2,
      min: r.min,
      max: r.max,
      where: where(r.at),
    })),
  };
}

/**
 * The size, volume and largest dimension as `language` writes numbers ("12,5 × 3,0 × 2,0 mm"):
 * formatted here, so the page hydrates as the server wrote it.
 */
function modelFigures(language: Language, m: StoredModelMetrics): ModelAnalysisView["figures"] {
  const n = (value: number, digits: number) =>
    formatNumberIn(language, value, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return {
    size: `${m.sizeMm.map((v) => n(v, 1)).join(" × ")} mm`,
    volume: `${n(m.volumeMm3 / 1000, 2)} cm³`,
    largest: n(Math.max(...m.sizeMm), 2),
  };
}

/**
 * The page's view of each model file's analysis; `previewUrl` says where its glTF is served. The
 * figures the buyer sees are in `language` (staff pages are English).
 */
export function modelAnalysisViews(
  files: StoredFile[],
  analyses: ModelAnalysisRow[],
  material: string,
  previewUrl: (fileId: string) => string,
  language: Language = "en",
): ModelAnalysisView[] {
  const density = MATERIALS.find((m) => m.id === material)?.densityGcm3 ?? null;
  return files
    .filter((f) => f.kind === "model")
    .map((f) => {
      const a = analyses.find((x) => x.fileId === f.id);
      const m = modelMetrics(a);
      const unit = m ? storedUnit(m) : null;
      const massNote = m ? massNotJudged(m, material) : null;
      return {
        fileId: f.id,
        name: f.originalName,
        status: a?.status ?? "pending",
        reason: a?.reason ?? null,
        reasonKind: a?.reasonKind ?? null,
        sizeMm: m?.sizeMm ?? null,
        figures: m ? modelFigures(language, m) : null,
        volumeMm3: m?.volumeMm3 ?? null,
        areaMm2: m?.areaMm2 ?? null,
        unit,
        checkUnit: m && unit ? unitInDoubt(unit, Math.max(...m.sizeMm)) : false,
        massG: m && massNote === null ? (m.volumeMm3 / 1000) * density! : null,
        massNote,
        wall: m?.wall
          ? {
              p5Mm: m.wall.p5Mm,
              medianMm: m.wall.medianMm,
              p95Mm: m.wall.p95Mm ?? null,
              thickest: m.wall.thickest
                ? `${m.wall.thickest.mm.toFixed(1)} mm around ${describeLocation(m.wall.thickest.at, m.minMm, m.sizeMm)}`
                : null,
            }
          : null,
        geometry: m ? geometryView(m) : null,
        watertight: m?.watertight ?? null,
        triangles: m?.triangles ?? null,
        previewUrl: a?.previewKey ? previewUrl(f.id) : null,
      };
    });
}

/** The drawing thumbnail of each file that has one rendered. */
export function thumbnailUrls(
  analyses: ModelAnalysisRow[],
  files: StoredFile[],
  previewUrl: (fileId: string) => string,
): Map<string, string> {
  const pdfs = new Set(files.filter((f) => f.format === "pdf").map((f) => f.id));
  return new Map(
    analyses
      .filter((a) => pdfs.has(a.fileId) && a.status === "done" && a.previewKey)
      .map((a) => [a.fileId, previewUrl(a.fileId)]),
  );
}
