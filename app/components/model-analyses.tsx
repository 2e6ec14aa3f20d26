import type { ReactNode } from "react";
import { formatMass } from "../../workflows/numbers";

export type ModelAnalysisView = {
  fileId: string;
  name: string;
  status: "pending" | "running" | "done" | "no_analysis" | "failed";
  reason: string | null;
  sizeMm: [number, number, number] | null;
  volumeMm3: number | null;
  areaMm2: number | null;
  /** How the length unit was known ("STL in inches, as chosen on the form"). */
  unitNote: string | null;
  /** A unit-less STL whose size suggests the wrong unit. */
  checkUnit: boolean;
  massG: number | null;
  /** Why there is no mass estimate, when there is none. */
  massNote: string | null;
  wall: { p5Mm: number; medianMm: number; p95Mm: number | null; thickest: string | null } | null;
  watertight: boolean | null;
  triangles: number | null;
  previewUrl: string | null;
};

const STATUS: Record<ModelAnalysisView["status"], string> = {
  pending: "Waiting to be measured…",
  running: "Being measured…",
  done: "Measured",
  no_analysis: "No analysis",
  failed: "Analysis failed",
};

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
  if (models.length === 0) return null;
  return (
    <div className="models">
      {models.map((m) => (
        <article key={m.fileId} className="model-card" aria-label={`3D model ${m.name}`}>
          <h3>
            {m.name}{" "}
            <span
              className={`badge badge-${m.status === "done" ? "decided" : m.status === "pending" || m.status === "running" ? "current" : "waiting"}`}
            >
              {STATUS[m.status]}
            </span>
          </h3>
          {m.status === "done" && m.sizeMm ? (
            <>
              {viewer(m)}
              {m.checkUnit ? (
                <p className="notice warning" role="note">
                  Check the unit: the largest dimension reads {n(Math.max(...m.sizeMm), 2)} mm, which is unusual for a
                  part. STL files carry no unit; if this model was drawn in inches or centimetres, send it again and
                  choose its unit under “Unit of STL models”.
                </p>
              ) : null}
              <dl className="summary">
                <div>
                  <dt>Bounding box</dt>
                  <dd>
                    {n(m.sizeMm[0])} × {n(m.sizeMm[1])} × {n(m.sizeMm[2])} mm{" "}
                    {m.unitNote ? <span className="muted">({m.unitNote})</span> : null}
                  </dd>
                </div>
                <div>
                  <dt>Volume</dt>
                  <dd>{n(m.volumeMm3! / 1000, 2)} cm³</dd>
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
