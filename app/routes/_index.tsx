import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";

export const meta: MetaFunction = () => [{ title: "Send a part for MIM review" }];

export default function Index() {
  return (
    <section className="panel hero">
      <h1>Is your part a good fit for metal injection molding?</h1>
      <p>
        Send us the drawing or 3D model, the material and the yearly volume. Our engineers check MIM suitability, review
        the risks at every process stage and the post-sintering operations, and send you a quotation. You follow every
        step through a private status link.
      </p>
      <ol className="steps">
        <li>Send the part (drawings, models, volume, tolerances).</li>
        <li>Engineering review: suitability, process risks, sizing and secondary operations.</li>
        <li>Quotation, with questions answered on your status page.</li>
      </ol>
      <p>
        <Link className="button primary" to="/rfq/new">
          Request a quote
        </Link>
      </p>
    </section>
  );
}
