/**
 * Where an engineer's gate decision departs from what the automatic screen suggested: the screen
 * only suggests, and a reader of the decision should see at once that it was overruled, and what
 * it had said.
 */
import type { Gate, SuitabilityOutcome } from "./inquiry";
import type { Flag } from "./pre-assessment";
import { SUITABILITY_OUTCOME_LABELS } from "./review-domain";

/** What the screen suggests for the sizing gate, from the current measurements and answers. */
export type SizingScreen = { suggestsSizing: boolean; suggestsMachining: boolean };

const str = (v: unknown) => (typeof v === "string" ? v : "");
const list = (v: unknown) => (Array.isArray(v) ? (v as unknown[]) : []);

/**
 * The screen's suggestion a decision overrides, worded for "Overrides the screen: …", or null when
 * the decision follows it. Gate 1 compares with the screen as recorded with the decision; gate 3 with
 * the screen's current sizing and machining routes (its form starts from them). The screen suggests
 * nothing per stage, so a stage-risk decision overrides nothing.
 */
export function screenOverride(gate: Gate, payload: Record<string, unknown>, sizing: SizingScreen): string | null {
  if (gate === "suitability") {
    const screen = payload.preAssessment as { flag: Flag; suggested: SuitabilityOutcome; followed: boolean } | null;
    if (!screen || screen.followed) return null;
    return `${screen.flag.toUpperCase()}, suggesting “${SUITABILITY_OUTCOME_LABELS[screen.suggested]}”`;
  }
  if (gate === "sizing_secondary") {
    // Only what the engineer left out: sizing the screen did not ask for may come from the drawing.
    const left = [
      sizing.suggestsSizing && str(payload.sizingRequired) !== "yes" ? "post-sintering sizing" : null,
      sizing.suggestsMachining && !list(payload.secondary).includes("cnc_machining") ? "CNC machining" : null,
    ].filter((s) => s !== null);
    return left.length > 0 ? `suggesting ${left.join(" and ")} for the tolerances` : null;
  }
  return null;
}
