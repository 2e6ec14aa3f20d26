import { toleranceParts } from "../../../workflows/numbers";
import { ROUTE_LABELS, type PreAssessment } from "../../../workflows/pre-assessment";
import { SUITABILITY_OUTCOME_LABELS } from "../../../workflows/review-domain";

/** The automatic screen, shown as a suggestion with its reasons: the engineer decides. */
export function PreAssessmentPanel({ screen, measured }: { screen: PreAssessment; measured: boolean }) {
  return (
    <aside className={`pre-assessment flag-${screen.flag}`} aria-label="Automatic MIM screen">
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
        <table className="files">
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
