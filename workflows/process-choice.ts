/**
 * Gate 1's second opinions: which process suits a part better than MIM (for a red screen, so the
 * decline names the alternative and why), and whether the suitability criteria the engineer ticked
 * agree with the outcome chosen. Rules of thumb from docs/domain/facts.md 3.7; thresholds from the
 * screen's editable settings. Pure.
 */
import type { SuitabilityOutcome } from "./inquiry";
import {
  NON_MIM_METALS,
  PRE_ASSESSMENT_SETTINGS,
  type Measurements,
  type PreAssessmentSettings,
} from "./pre-assessment";
import { ALTERNATIVE_PROCESSES, labelOf, SUITABILITY_CRITERIA, type AlternativeProcess } from "./review-domain";
import type { CriticalDimension } from "./tolerances";

export type ProcessSuggestion = { process: AlternativeProcess; label: string; reason: string; source: string };

export type ProcessChoiceInput = {
  material: string;
  annualVolume: number;
  measurements: Measurements | null;
  /** The screen's estimated mass, g (null when not judged). */
  massG: number | null;
  criticalDimensions: readonly CriticalDimension[];
  /** Gate 1 criteria ticked so far: "complex_geometry", "internal_details" and "undercuts" mark a complex part. */
  criteria?: readonly string[];
};

export const COMPLEXITY = ["complex_geometry", "internal_details", "undercuts"];

/**
 * A plate of constant thickness: the smallest box edge is thin against the next one, and the
 * measured walls are even and about that thick. Walls must have been measured: a thin bounding box
 * alone also fits a thin but complex part.
 */
export function isFlatPlate(m: Measurements | null, settings = PRE_ASSESSMENT_SETTINGS): boolean {
  if (!m?.watertight || !m.wall || m.wall.p95Mm === null || m.wall.p5Mm <= 0) return false;
  const [thickness, width] = [...m.sizeMm].sort((a, b) => a - b) as [number, number, number];
  if (width <= 0 || thickness / width > settings.flatPlateThicknessRatio) return false;
  const even = m.wall.p95Mm / m.wall.p5Mm <= settings.flatPlateWallSpread;
  const sheetThick = Math.abs(m.wall.medianMm - thickness) <= thickness * 0.25;
  return even && sheetThick;
}

const suggestion = (process: AlternativeProcess, reason: string, source: string): ProcessSuggestion => ({
  process,
  label: labelOf(ALTERNATIVE_PROCESSES, process),
  reason,
  source,
});

/**
 * The better process for a part MIM does not suit, or null when no rule names one. First rule
 * wins: the metal, then size, then volume (a die for stamping does not pay at low volume either),
 * then shape, then thick sections. Meant for a red screen; it answers for any.
 */
export function suggestProcess(
  input: ProcessChoiceInput,
  settings: PreAssessmentSettings = PRE_ASSESSMENT_SETTINGS,
): ProcessSuggestion | null {
  if (NON_MIM_METALS.test(input.material))
    return suggestion(
      "die_casting",
      "Aluminium, zinc and magnesium are die-casting metals, not MIM metals.",
      "docs/domain/facts.md 3.5, 3.7 [XT-DC] [INDOMIM]",
    );
  const m = input.measurements;
  const largest = m ? Math.max(...m.sizeMm) : null;
  const tooHeavy = input.massG !== null && input.massG > settings.massRedG;
  const tooLarge = largest !== null && largest > settings.largestRedMm;
  if (tooHeavy || tooLarge) {
    const size = [tooLarge ? `${largest!.toFixed(0)} mm long` : "", tooHeavy ? `${input.massG!.toFixed(0)} g` : ""];
    return suggestion(
      "investment_casting",
      `A part ${size.filter(Boolean).join(" and ")} is beyond MIM's envelope; investment casting makes larger, heavier parts.`,
      "docs/domain/facts.md 3.7 [SMITH-CF] [VETAMAS]",
    );
  }
  if (input.annualVolume < settings.volumeRed) {
    const complex = COMPLEXITY.some((c) => input.criteria?.includes(c));
    const volume = `${input.annualVolume.toLocaleString("en-US")} parts a year`;
    if (complex && input.annualVolume < settings.volumeVeryLow)
      return suggestion(
        "metal_3d_printing",
        `${volume} of a complex part: metal 3D printing makes it without a mould.`,
        "docs/domain/facts.md 3.4, 3.7 [XT-LOWVOL] [XT-AM]",
      );
    return suggestion(
      "cnc_machining",
      `${volume} does not pay back a MIM mould (from about ${settings.volumeRed.toLocaleString("en-US")}); CNC machining needs no tooling.`,
      "docs/domain/facts.md 3.4, 3.7 [XT-LOWVOL] [VETAMAS]",
    );
  }
  if (isFlatPlate(m, settings)) {
    const thickness = Math.min(...m!.sizeMm);
    // Fine blanking holds the sheared edges and tight tolerances that plain stamping does not.
    const tight = input.criticalDimensions.length > 0;
    return suggestion(
      tight ? "fine_blanking" : "stamping",
      `A flat plate of even ${thickness.toFixed(1)} mm thickness: ${tight ? "fine blanking (for its critical dimensions) or stamping" : "stamping or fine blanking"} cuts it from sheet at full density.`,
      "docs/domain/facts.md 3.7 [METALGOODS]",
    );
  }
  if (m?.wall?.p95Mm != null && m.wall.p95Mm > settings.wallMaxRedMm)
    return suggestion(
      "investment_casting",
      `Sections up to ${m.wall.p95Mm.toFixed(1)} mm thick will not debind; investment casting takes thick sections.`,
      "docs/domain/facts.md 3.1, 3.7 [SMITH-CF]",
    );
  return null;
}

/**
 * A warning when the ticked criteria argue against the outcome chosen, or null when they agree.
 * "Suitable" with an argument against MIM ticked wants conditions or an untick; "not suitable"
 * needs at least one argument against; "with conditions" needs at least one argument for.
 * Technical feedback without a price is not a verdict on MIM and is never questioned.
 */
export function criteriaWarning(criteria: readonly string[], outcome: SuitabilityOutcome): string | null {
  const ticked = SUITABILITY_CRITERIA.filter((c) => criteria.includes(c.id));
  const forMim = ticked.filter((c) => c.favours === "mim");
  const against = ticked.filter((c) => c.favours === "other");
  const names = (list: typeof ticked) => list.map((c) => `"${c.label}"`).join(", ");
  switch (outcome) {
    case "suitable":
      if (against.length > 0)
        return `You ticked ${names(against)}, which argue${against.length === 1 ? "s" : ""} against MIM, yet chose "suitable": choose "suitable with conditions" and state them, or untick ${against.length === 1 ? "it" : "them"}.`;
      if (forMim.length === 0) return 'You chose "suitable" without ticking any criterion that favours MIM.';
      return null;
    case "suitable_with_conditions":
      return forMim.length === 0 && against.length > 0
        ? `Every criterion you ticked (${names(against)}) argues against MIM, yet you chose "suitable with conditions".`
        : null;
    case "not_suitable":
      if (against.length === 0)
        return forMim.length > 0
          ? `Every criterion you ticked (${names(forMim)}) favours MIM, yet you chose "not suitable": tick what argues against it.`
          : 'You chose "not suitable" without ticking any criterion that argues against MIM.';
      return null;
    case "feedback_only":
      return null;
  }
}
