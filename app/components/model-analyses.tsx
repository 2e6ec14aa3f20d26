import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatMass } from "../../workflows/numbers";
import type { AnalysisReasonKind } from "../../db/queries/analyses";
import type { ModelUnit } from "../../workflows/model-metrics";
import { Ltr } from "./ltr";
import { ModelHighlights } from "./model-viewer";

type Vec3 = [number, number, number];

/**
 * The geometry features of a measured model, for the page and the screen's rules: lengths in mm,
 * areas in mm², volumes in mm³, shares from 0 to 1, `where` in words and model coordinates.
 */
export type GeometryView = {
  /** Separate solid bodies (disconnected shells). */
  bodies: number;
  /** Closed cavities inside the material, and their total volume. */
  internalVoids: number;
  internalVoidMm3: number;
  /** Thickest over thinnest wall (95th percentile section over 5th percentile wall); null before it was recorded. */
  wallUniformity: number | null;
  /** The largest flat faces (each at least 5 % of the surface), largest first; `projectedShare` of the outline along its normal. */
  flatFaces: { areaMm2: number; projectedShare: number; facing: string; where: string }[];
  /** Which way the largest flat face, the one the part sinters on, faces ("−z"). */
  setterFacing: string | null;
  /** Downward faces with nothing under them when sintered on that face, longest first; `heightMm` above the setter. */
  spans: { spanMm: number; heightMm: number; where: string }[];
  longestSpanMm: number;
  /** The best pull axis ("z", or a direction vector) and the undercuts left on it: each region a likely slide. */
  pullAxis: string | null;
  slides: number | null;
  undercutAreaMm2: number | null;
  undercuts: { areaMm2: number; min: Vec3; max: Vec3; where: string }[];
};

export type ModelAnalysisView = {
  fileId: string;
  name: string;
  status: "pending" | "running" | "done" | "no_analysis" | "failed";
  /** Why there is no analysis: the technical reason for staff; the buyer's page puts it in the buyer's words. */
  reason: string | null;
  reasonKind: AnalysisReasonKind | null;
  sizeMm: [number, number, number] | null;
  /** The figures both pages show, in the page's language: "12.5 × 3.0 × 2.0 mm", "1.23 cm³", the largest dimension. */
  figures: { size: string; volume: string; largest: string } | null;
  volumeMm3: number | null;
  areaMm2: number | null;
  /** How the length unit was known (from the file, chosen by the buyer, or assumed), worded on the page. */
  unit: ModelUnit | null;
  /** A unit-less STL whose size suggests the wrong unit. */
  checkUnit: boolean;
  massG: number | null;
  /** Why there is no mass estimate, when there is none. */
  massNote: string | null;
  wall: { p5Mm: number; medianMm: number; p95Mm: number | null; thickest: string | null } | null;
  geometry: GeometryView | null;
  watertight: boolean | null;
  triangles: number | null;
  previewUrl: string | null;
};

const NO_HIGHLIGHTS: GeometryView["undercuts"] = [];

const n = (v: number, digits = 1) =>
  v.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Each model's measurements (or why there are none), with its 3D preview when `viewer` renders one. */
export function ModelAnalyses({
  models,
  viewer,
  detailed,
}: {
  models: ModelAnalysisView[];
  viewer: (m: ModelAnalysisView) => ReactNode;
  detailed: boolean;
}) {
  // The card's frame reads in the buyer's language on the status page; staff get the English messages.
  const { t } = useTranslation("status");
  const { t: intake } = useTranslation("intake");
  if (models.length === 0) return null;
  return (
    <div className="models">
      {models.map((m) => (
        <article key={m.fileId} className="model-card" aria-label={t("models.card", { name: m.name })}>
          <h3>
            {m.name}{" "}
            <span
              className={`badge badge-${m.status === "done" ? "decided" : m.status === "pending" || m.status === "running" ? "current" : "waiting"}`}
            >
              {t("models.status", { status: m.status })}
            </span>
          </h3>
          {m.status === "done" && m.figures ? (
            <>
              {/* The undercuts are the engineer's: the buyer's status page shows the part as it is. */}
              <ModelHighlights.Provider value={(detailed && m.geometry?.undercuts) || NO_HIGHLIGHTS}>
                {viewer(m)}
              </ModelHighlights.Provider>
              {m.checkUnit ? (
                <p className="notice warning" role="note">
                  {t("models.checkUnit", { size: m.figures.largest, field: intake("files.stlUnit") })}
                </p>
              ) : null}
              <dl className="summary">
                <div>
                  <dt>{t("models.boundingBox")}</dt>
                  <dd>
                    <Ltr>{m.figures.size}</Ltr>{" "}
                    {m.unit ? (
                      <span className="muted">({t("models.unit", { source: m.unit.source, unit: m.unit.unit })})</span>
                    ) : null}
                  </dd>
                </div>
                <div>
                  <dt>{t("models.volume")}</dt>
                  <dd>{m.figures.volume}</dd>
                </div>
                {detailed ? (
                  <>
                    <div>
                      <dt>Surface area</dt>
                      <dd>{n(m.areaMm2! / 100, 1)} cm²</dd>
                    </div>
                    <div>
                      <dt>Estimated mass</dt>
                      <dd>{m.massG === null ? m.massNote : formatMass(m.massG)}</dd>
                    </div>
                    <div>
                      <dt>Wall thickness</dt>
                      <dd>
                        {m.wall
                          ? `5th percentile ${n(m.wall.p5Mm, 2)} mm, median ${n(m.wall.medianMm, 2)} mm${m.wall.p95Mm === null ? "" : `, 95th percentile ${n(m.wall.p95Mm, 2)} mm`}${m.wall.thickest ? `; thickest section ${m.wall.thickest}` : ""}`
                          : m.watertight === false
                            ? "not judged: the mesh is open"
                            : "not measured"}
                      </dd>
                    </div>
                    {m.geometry ? <GeometryFacts g={m.geometry} /> : null}
                    <div>
                      <dt>Mesh</dt>
                      <dd>
                        {m.triangles?.toLocaleString("en-US")} triangles,{" "}
                        {m.watertight
                          ? "watertight"
                          : "not watertight (open): volume is approximate, mass and walls are not judged"}
                      </dd>
                    </div>
                  </>
                ) : null}
              </dl>
            </>
          ) : m.reason ? (
            <p className="muted">{m.reason}</p>
          ) : null}
        </article>
      ))}
    </div>
  );
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** The geometry features in plain words, one line each. */
function GeometryFacts({ g }: { g: GeometryView }) {
  const [largest] = g.flatFaces;
  const [longest] = g.spans;
  return (
    <>
      {g.wallUniformity === null ? null : (
        <div>
          <dt>Wall uniformity</dt>
          <dd>thickest section {n(g.wallUniformity, 1)} × the thinnest wall</dd>
        </div>
      )}
      <div>
        <dt>Bodies and voids</dt>
        <dd>
          {g.bodies === 1 ? "1 body" : `${g.bodies} separate bodies`},{" "}
          {g.internalVoids === 0
            ? "no internal void"
            : `${plural(g.internalVoids, "internal void")} (${n(g.internalVoidMm3, 1)} mm³ closed inside the material)`}
        </dd>
      </div>
      <div>
        <dt>Undercuts</dt>
        <dd>
          {g.slides === null
            ? "not judged"
            : g.slides === 0
              ? `none: the part opens along ${g.pullAxis}`
              : `${plural(g.slides, "likely slide")} pulling along ${g.pullAxis} (${n(g.undercutAreaMm2!, 0)} mm² undercut): ${g.undercuts.map((u) => `${n(u.areaMm2, 0)} mm² around ${u.where}`).join("; ")}`}
        </dd>
      </div>
      <div>
        <dt>Large flat faces</dt>
        <dd>
          {largest
            ? g.flatFaces
                .map(
                  (f) =>
                    `${n(f.areaMm2, 0)} mm² facing ${f.facing} (${Math.round(f.projectedShare * 100)} % of the outline)`,
                )
                .join("; ")
            : "none over 5 % of the surface"}
        </dd>
      </div>
      <div>
        <dt>Unsupported spans</dt>
        <dd>
          {longest
            ? `lying on the face toward ${g.setterFacing}: ${g.spans
                .map((s) => `${n(s.spanMm, 1)} mm long, ${n(s.heightMm, 1)} mm above the setter, around ${s.where}`)
                .join("; ")}`
            : g.setterFacing
              ? `none lying on the face toward ${g.setterFacing}`
              : "not judged"}
        </dd>
      </div>
    </>
  );
}
