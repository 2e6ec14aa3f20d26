import { oversizeFactor, type Figure, type FigureBasis, type Material } from "../../../workflows/materials";
import { toleranceParts } from "../../../workflows/numbers";
import { ROUTE_LABELS, type PreAssessment } from "../../../workflows/pre-assessment";
import { SUITABILITY_OUTCOME_LABELS } from "../../../workflows/review-domain";

const BASIS: Record<FigureBasis, string> = {
  mpif35_minimum: "MPIF 35 minimum",
  published_minimum: "published minimum",
  typical: "typical",
};

const figure = (name: string, f: Figure | undefined, unit: string) =>
  f ? `${name} ${f.value}${unit} (${BASIS[f.basis]})` : null;

/** The grade's shrinkage and mould oversize, and its mechanical figures with what each figure is. */
function MaterialFacts({ material }: { material: Material }) {
  const { shrinkage } = material;
  return (
    <section className="material-facts" aria-label="Material facts">
      <p>
        <strong>{material.label}</strong>: shrinks about {shrinkage.percent} % ({shrinkage.rangePercent[0]}-
        {shrinkage.rangePercent[1]} %) in debinding and sintering, so the mould is cut{" "}
        {oversizeFactor(shrinkage).toFixed(2)} times oversize. <span className="muted">({shrinkage.source})</span>
      </p>
      {material.properties.length === 0 ? (
        <p className="muted">The domain notes give no mechanical figures for this grade.</p>
      ) : (
        <ul>
          {material.properties.map((p) => (
            <li key={p.condition}>
              {p.condition}:{" "}
              {[
                figure("density", p.densityGcm3, " g/cm³"),
                figure("yield", p.yieldMpa, " MPa"),
                figure("tensile", p.tensileMpa, " MPa"),
                figure("elongation", p.elongationPercent, " %"),
                p.hardness
                  ? `hardness ${p.hardness.min}${p.hardness.max ? `-${p.hardness.max}` : ""} ${p.hardness.scale} (${BASIS[p.hardness.basis]})`
                  : null,
              ]
                .filter(Boolean)
                .join(", ")}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The automatic screen, shown as a suggestion with its reasons: the engineer decides. */
export function PreAssessmentPanel({
  screen,
  measured,
  material,
}: {
  screen: PreAssessment;
  measured: boolean;
  /** The grade asked for, when the catalogue knows it. */
  material: Material | null;
}) {
  return (
    <aside className={`pre-assessment flag-${screen.flag}`} aria-label="Automatic MIM screen">
      {screen.heatTreatmentMismatch ? (
        <p className="notice warning" role="note" aria-label="Heat treatment mismatch">
          <strong>Heat treatment mismatch:</strong> {screen.heatTreatmentMismatch}
        </p>
      ) : null}
      <p>
        <strong>Automatic screen: {screen.flag.toUpperCase()}</strong>, suggesting “
        {SUITABILITY_OUTCOME_LABELS[screen.suggestion]}”.
        {measured ? null : " No model has been measured, so this rests on the buyer's answers alone."}
      </p>
      <ul>
        {screen.reasons.map((r) => (
          <li key={r.text} className={`flag-${r.flag}`}>
            {r.text}
          </li>
        ))}
      </ul>
      {material ? <MaterialFacts material={material} /> : null}
      {screen.notJudged.length > 0 ? (
        <section className="not-judged" aria-label="Not judged">
          <p>
            <strong>Not judged</strong>: the screen could not weigh these, so it is not green. Check them yourself.
          </p>
          <ul>
            {screen.notJudged.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {screen.routes.length > 0 ? (
        <table className="data">
          <caption>Tolerances against as-sintered capability</caption>
          <thead>
            <tr>
              <th scope="col">Dimension</th>
              <th scope="col">Required</th>
              <th scope="col">As-sintered</th>
              <th scope="col">Route</th>
            </tr>
          </thead>
          <tbody>
            {screen.routes.map((r) => {
              const [nominal, tolerance] =
                r.kind === "dimension"
                  ? toleranceParts(r.nominalMm, r.toleranceMm, r.decimals)
                  : [String(r.nominalMm), String(r.toleranceMm)];
              return (
                <tr key={r.label}>
                  <td>
                    {r.label} ({r.kind === "dimension" ? `${nominal} mm` : `over ${nominal} mm`})
                  </td>
                  <td>
                    {r.kind === "dimension" ? "±" : ""}
                    {tolerance} mm
                  </td>
                  <td>
                    {r.kind === "dimension" ? "±" : ""}
                    {Number(r.capabilityMm.toFixed(3))} mm
                  </td>
                  <td>{ROUTE_LABELS[r.route]}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </aside>
  );
}
