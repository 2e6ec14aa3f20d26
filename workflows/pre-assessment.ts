/**
 * The automatic MIM screen: measurements (when a model could be measured) and the inquiry's own
 * answers become a red / amber / green flag with reasons and a suggested suitability. It suggests;
 * the engineer decides. Thresholds are the rule-of-thumb defaults of docs/domain/facts.md (3.1,
 * 3.2, 3.7), kept in one settings object so a factory can tune them.
 */
import { heatTreatmentFit, materialLabel, MATERIALS, RECOMMEND_MATERIAL } from "./materials";
import { formatMass, toleranceParts } from "./numbers";
import { sizeBandToleranceMm, type CriticalDimension } from "./tolerances";
import type { LengthUnit, ModelUnit } from "./model-metrics";
import type { NumberRange, SettingField } from "./number-range";

export type Flag = "red" | "amber" | "green";

export type PreAssessmentSettings = {
  /** Mass (g) above which MIM is out (red) or stretched (amber). docs/domain/facts.md 3.1, 3.7. */
  massRedG: number;
  massAmberG: number;
  /** Mass (g) below the sweet spot (amber) and below what the process makes at all (red). docs/domain/facts.md 3.1. */
  massMinAmberG: number;
  massMinRedG: number;
  /** Largest dimension (mm). */
  largestRedMm: number;
  largestAmberMm: number;
  /** Wall thickness (mm): thinner distorts, thicker will not debind (judged on the 95th percentile). */
  wallMinAmberMm: number;
  wallMaxAmberMm: number;
  wallMaxRedMm: number;
  /** Parts per year below which tooling does not pay back. */
  volumeRed: number;
  volumeAmber: number;
  volumeGreen: number;
  /** As-sintered capability above the size-band table (60 mm), as % of the dimension (docs/domain/facts.md 3.2). */
  asSinteredPercent: number;
  /** Sizing improves a dimension by about this factor at best (PM data, a direction for MIM). */
  sizingGain: number;
  /** Best case of a tightly controlled process, kept by sorting: % of the dimension, and absolute mm. */
  bestCasePercent: number;
  bestCaseMm: number;
  /** As-sintered flatness, % of the longest dimension. */
  flatnessPercent: number;
  /** As-sintered roundness, % of the diameter (or of the longest dimension when no diameter is given). */
  roundnessPercent: number;
  /** Parts per year below which a complex part is better printed than machined (with volumeRed: CNC). */
  volumeVeryLow: number;
  /** A flat plate: thickness at most this share of the next dimension... */
  flatPlateThicknessRatio: number;
  /** ...and walls even within this ratio (95th / 5th percentile): blank or stamp it from sheet. */
  flatPlateWallSpread: number;
  /** Walls uneven (amber) above this ratio of thickest section to thinnest wall (95th / 5th percentile). */
  wallUniformityAmber: number;
  /** An unsupported span on the setter longer than this (mm) needs a support or a custom setter (amber). */
  spanAmberMm: number;
  /** Undercut regions (slides or side cores) from which tooling cost is flagged (amber). */
  slidesAmber: number;
};

export const PRE_ASSESSMENT_SETTINGS: PreAssessmentSettings = {
  massRedG: 400,
  massAmberG: 100,
  massMinAmberG: 0.1,
  massMinRedG: 0.003,
  largestRedMm: 150,
  largestAmberMm: 100,
  wallMinAmberMm: 0.2,
  wallMaxAmberMm: 8,
  wallMaxRedMm: 12.5,
  volumeRed: 1000,
  volumeAmber: 5000,
  volumeGreen: 10000,
  // The conservative commercial table's 0.5 %: the 0.3 % typical figure falls below the 60 mm band.
  asSinteredPercent: 0.5,
  sizingGain: 0.5,
  bestCasePercent: 0.05,
  bestCaseMm: 0.04,
  flatnessPercent: 0.5,
  // The notes give no roundness figure: metalgoods' 0.5 % for straightness, parallelism and flatness
  // (docs/domain/facts.md 3.2), the nearest geometric tolerance, until a factory sets its own.
  roundnessPercent: 0.5,
  // No published figures for these three: project defaults, to be tuned in the settings. Metal AM
  // suits prototypes and very low volume, stamping flat sheet of constant thickness (docs/domain/facts.md 3.7).
  volumeVeryLow: 100,
  flatPlateThicknessRatio: 0.1,
  flatPlateWallSpread: 1.5,
  // docs/domain/facts.md 3.1 and 3.7 ask for even walls and flag steep thickness transitions and
  // cantilevers or long spans without giving figures: 5 and 20 mm are our defaults. One slide
  // already adds a moving part to the mould (3.8, injection: undercuts and side actions).
  wallUniformityAmber: 5,
  spanAmberMm: 20,
  slidesAmber: 1,
};

/** As-sintered capability of a dimension under these settings (the size-band table, then a %). */
export function asSinteredToleranceMm(nominalMm: number, settings = PRE_ASSESSMENT_SETTINGS): number {
  return sizeBandToleranceMm(nominalMm, settings.asSinteredPercent);
}

export type ToleranceRoute = "as_sintered" | "sizing" | "coining" | "sorting" | "machining";

export const ROUTE_LABELS: Record<ToleranceRoute, string> = {
  as_sintered: "As-sintered",
  sizing: "Post-sintering sizing",
  coining: "Coining",
  sorting: "100 % sorting",
  machining: "Machining",
};

export type RoutedDimension = {
  label: string;
  nominalMm: number;
  /** ± for a dimension; a zone width for flatness. */
  toleranceMm: number;
  /** The decimals the buyer wrote the dimension with, to show it as written. */
  decimals?: number;
  kind: "dimension" | "flatness" | "roundness";
  capabilityMm: number;
  route: ToleranceRoute;
  reason: string;
};

const mm = (v: number) => `±${Number(v.toFixed(3))} mm`;

/** Where a critical dimension's tolerance can be held: sintering alone, sizing, sorting or machining. */
export function routeTolerance(d: CriticalDimension, settings = PRE_ASSESSMENT_SETTINGS): RoutedDimension {
  const capability = asSinteredToleranceMm(d.nominalMm, settings);
  const base = {
    label: d.label,
    nominalMm: d.nominalMm,
    toleranceMm: d.toleranceMm,
    decimals: d.decimals,
    kind: "dimension" as const,
    capabilityMm: capability,
  };
  if (d.toleranceMm >= capability) {
    return {
      ...base,
      route: "as_sintered",
      reason: `${mm(d.toleranceMm)} is within the as-sintered ${mm(capability)} for ${toleranceParts(d.nominalMm, d.toleranceMm, d.decimals)[0]} mm.`,
    };
  }
  if (d.toleranceMm >= capability * settings.sizingGain) {
    return {
      ...base,
      route: "sizing",
      reason: `${mm(d.toleranceMm)} is tighter than as-sintered ${mm(capability)}; sizing can recover about half of that.`,
    };
  }
  const bestCase = Math.max((d.nominalMm * settings.bestCasePercent) / 100, settings.bestCaseMm);
  if (d.toleranceMm >= bestCase) {
    return {
      ...base,
      route: "sorting",
      reason: `${mm(d.toleranceMm)} is beyond sizing but within the process's best case ${mm(bestCase)}: sort 100 % (lower yield), or machine.`,
    };
  }
  return {
    ...base,
    route: "machining",
    reason: `${mm(d.toleranceMm)} is beyond anything sintering holds (best case ${mm(bestCase)}): machine or grind this feature.`,
  };
}

/**
 * Flatness against as-sintered capability (0.5 % of the longest dimension). A plain sizing press
 * recovers part of it; beyond that, coining's higher pressure in its own die flattens further
 * (and densifies the surface), or the face is ground.
 */
export function routeFlatness(
  flatnessMm: number,
  longestMm: number,
  settings = PRE_ASSESSMENT_SETTINGS,
): RoutedDimension {
  const capability = (longestMm * settings.flatnessPercent) / 100;
  const base = {
    label: "Flatness",
    nominalMm: Number(longestMm.toFixed(1)),
    toleranceMm: flatnessMm,
    kind: "flatness" as const,
    capabilityMm: capability,
  };
  const within = `${flatnessMm} mm against the as-sintered ${capability.toFixed(2)} mm (${settings.flatnessPercent} % of the longest dimension)`;
  if (flatnessMm >= capability) return { ...base, route: "as_sintered", reason: `${within}: holds as sintered.` };
  if (flatnessMm >= capability * settings.sizingGain)
    return { ...base, route: "sizing", reason: `${within}: plan post-sintering sizing.` };
  return {
    ...base,
    route: "coining",
    reason: `${within} is beyond plain sizing: plan coining in its own die, or grinding.`,
  };
}

/** Labels that name a diameter ("Bore Ø4", "OD", "pin"): roundness is weighed against these. */
const DIAMETER = /[Øø⌀]|\bdia(meter)?\b|\bbore\b|\b[OI]D\b|\bshaft\b|\bpin\b|\bhole\b/i;

/**
 * The diameter roundness is weighed against: the smallest critical dimension that names a diameter
 * (the strictest), else the longest dimension of the model, else none.
 */
export function roundnessBasis(
  criticalDimensions: readonly CriticalDimension[],
  longestMm: number | null,
): { diameterMm: number; from: string } | null {
  const diameters = criticalDimensions.filter((d) => DIAMETER.test(d.label)).sort((a, b) => a.nominalMm - b.nominalMm);
  if (diameters[0]) return { diameterMm: diameters[0].nominalMm, from: `the ${diameters[0].label} diameter` };
  return longestMm === null ? null : { diameterMm: longestMm, from: "the longest dimension (no diameter was given)" };
}

/**
 * Roundness against as-sintered capability. A sizing ring or pin recovers part of it; beyond that
 * the feature is reamed, honed or ground (docs/domain/facts.md 3.2: critical interfaces go to machining).
 */
export function routeRoundness(
  roundnessMm: number,
  basis: { diameterMm: number; from: string },
  settings = PRE_ASSESSMENT_SETTINGS,
): RoutedDimension {
  const capability = (basis.diameterMm * settings.roundnessPercent) / 100;
  const base = {
    label: "Roundness",
    nominalMm: Number(basis.diameterMm.toFixed(1)),
    toleranceMm: roundnessMm,
    kind: "roundness" as const,
    capabilityMm: capability,
  };
  const within = `${roundnessMm} mm against the as-sintered ${capability.toFixed(2)} mm (${settings.roundnessPercent} % of ${basis.from}, ${base.nominalMm} mm)`;
  if (roundnessMm >= capability) return { ...base, route: "as_sintered", reason: `${within}: holds as sintered.` };
  if (roundnessMm >= capability * settings.sizingGain)
    return { ...base, route: "sizing", reason: `${within}: plan post-sintering sizing.` };
  return { ...base, route: "machining", reason: `${within} is beyond sizing: ream, hone or grind the feature.` };
}

/**
 * An STL carries no unit: outside this range of largest dimensions the unit was probably wrong
 * (an inch model read as millimetres is 25.4 times too small). Both the screen and the model cards
 * ask the reader to check the unit.
 */
export const STL_PLAUSIBLE_MM = { min: 2, max: 1000 } as const;

const UNIT_NAMES: Record<LengthUnit, string> = { mm: "millimetres", cm: "centimetres", in: "inches" };

/** How the model's unit was known, in words: shown beside the measurements. */
export function describeUnit(unit: ModelUnit): string {
  if (unit.source === "file") return "units from the file";
  if (unit.source === "buyer") return `STL in ${UNIT_NAMES[unit.unit]}, as chosen on the form`;
  return "STL has no units: read as millimetres (the buyer did not state a unit)";
}

/** True when a unit-less model's size suggests the unit is wrong. */
export function unitInDoubt(unit: ModelUnit, largestMm: number): boolean {
  return unit.source !== "file" && (largestMm < STL_PLAUSIBLE_MM.min || largestMm > STL_PLAUSIBLE_MM.max);
}

/** Where a point sits in the bounding box, in words: "x 12.0, y 3.5, z 4.0 mm (high x, low y, mid z)". */
export function describeLocation(
  at: [number, number, number],
  minMm: [number, number, number],
  sizeMm: [number, number, number],
): string {
  const third = (v: number, axis: number) => {
    const f = sizeMm[axis]! > 0 ? (v - minMm[axis]!) / sizeMm[axis]! : 0.5;
    return f < 1 / 3 ? "low" : f > 2 / 3 ? "high" : "mid";
  };
  const axes = ["x", "y", "z"];
  return `x ${at[0].toFixed(1)}, y ${at[1].toFixed(1)}, z ${at[2].toFixed(1)} mm (${axes.map((a, i) => `${third(at[i]!, i)} ${a}`).join(", ")} of the bounding box)`;
}

export type Measurements = {
  /** Bounding box edge lengths, mm. */
  sizeMm: [number, number, number];
  volumeMm3: number;
  /** An open mesh has no trustworthy volume or walls: mass and walls are then not judged. */
  watertight: boolean;
  unit: ModelUnit;
  /**
   * Wall thickness, when measured: thin walls by the 5th percentile, thick sections by the 95th
   * (null for a model measured before it was recorded) and where the thickest one is.
   */
  wall?: {
    p5Mm: number;
    medianMm: number;
    p95Mm: number | null;
    thickestAt: string | null;
    /** Thickest section over thinnest wall (95th / 5th percentile); absent on older measurements. */
    uniformity?: number | null;
  } | null;
  /**
   * The analysis's geometry features; null for a model measured before they were recorded (said as
   * not judged); absent where the caller has none to give.
   */
  geometry?: ScreenGeometry | null;
};

export type ScreenGeometry = {
  bodies: number;
  internalVoids: number;
  internalVoidMm3: number;
  /** Undercut regions needing slides, and the pull axis they were found against (null: not found). */
  slides: number | null;
  pullAxis: string | null;
  /** The longest span with nothing under it when the part rests on its largest flat face, mm. */
  longestSpanMm: number;
};

export type PreAssessmentInput = {
  measurements: Measurements | null;
  /** Why there are no measurements (no model sent, still measuring, unreadable), said as "not judged". */
  unmeasuredReason?: string;
  material: string;
  annualVolume: number;
  criticalDimensions: CriticalDimension[];
  flatnessMm: number | null;
  /** The buyer's roundness requirement, mm (absent on inputs built before it was screened). */
  roundnessMm?: number | null;
  /** The buyer's heat-treatment answer, free text ("H900"): checked against the grade. */
  heatTreatment?: string | null;
};

export type Reason = { flag: Flag; text: string };

export type PreAssessment = {
  flag: Flag;
  reasons: Reason[];
  /** What the screen could not judge, and why: the screen is never green while this is not empty. */
  notJudged: string[];
  suggestion: "suitable" | "suitable_with_conditions" | "not_suitable";
  massG: number | null;
  routes: RoutedDimension[];
  /** Secondary routes the tolerances call for, to pre-fill the sizing gate as suggestions. */
  suggestsSizing: boolean;
  suggestsMachining: boolean;
  /** The heat treatment asked for that the grade cannot take, in words (null when none or it suits). */
  heatTreatmentMismatch: string | null;
};

/** Die-casting metals, named in the material answer: never MIM candidates (docs/domain/facts.md 3.5). */
export const NON_MIM_METALS = /\b(al|alu|aluminium|aluminum|zinc|zn|zamak|magnesium|mg)\b/i;

/** Why a material gives no mass estimate (no density known, or none chosen yet), or null when it gives one. */
export function noDensityReason(material: string): string | null {
  if ((MATERIALS.find((m) => m.id === material)?.densityGcm3 ?? null) !== null) return null;
  if (material === RECOMMEND_MATERIAL) return "no material chosen yet (the buyer asked for a recommendation)";
  return `no density for ${materialLabel(material)}`;
}

/** The screen itself: every rule adds a reason or says what it could not judge; the worst flag wins. */
export function preAssess(input: PreAssessmentInput, settings = PRE_ASSESSMENT_SETTINGS): PreAssessment {
  const reasons: Reason[] = [];
  const notJudged: string[] = [];
  const add = (flag: Flag, text: string) => reasons.push({ flag, text });
  const density = MATERIALS.find((m) => m.id === input.material)?.densityGcm3 ?? null;

  if (NON_MIM_METALS.test(input.material))
    add("red", "Aluminium, zinc and magnesium are not MIM metals: die casting suits them.");

  let massG: number | null = null;
  let longestMm: number | null = null;
  const m = input.measurements;
  if (!m) {
    notJudged.push(`Size, mass and walls not judged: ${input.unmeasuredReason ?? "no 3D model has been measured"}.`);
  } else if (unitInDoubt(m.unit, Math.max(...m.sizeMm))) {
    const largest = Math.max(...m.sizeMm);
    add(
      "amber",
      `Check the unit: the STL's largest dimension reads ${Number(largest.toPrecision(3))} mm (${describeUnit(m.unit)}), outside the ${STL_PLAUSIBLE_MM.min}-${STL_PLAUSIBLE_MM.max.toLocaleString("en-US")} mm expected of a part. Ask the buyer which unit the model is in.`,
    );
    notJudged.push("Size, mass and walls not judged: the STL's unit is in doubt.");
  } else {
    const largest = Math.max(...m.sizeMm);
    longestMm = largest;
    if (largest > settings.largestRedMm)
      add("red", `Largest dimension ${largest.toFixed(1)} mm is above the ${settings.largestRedMm} mm MIM envelope.`);
    else if (largest > settings.largestAmberMm)
      add("amber", `Largest dimension ${largest.toFixed(1)} mm is above the typical ${settings.largestAmberMm} mm.`);
    else add("green", `Largest dimension ${largest.toFixed(1)} mm fits the MIM envelope.`);

    if (!m.watertight) {
      notJudged.push(
        "Mass and walls not judged: the mesh is open (not watertight), so its volume and wall thickness cannot be trusted. Ask for a closed solid (STEP).",
      );
    } else {
      if (density === null) notJudged.push(`Mass not judged: ${noDensityReason(input.material)}.`);
      else {
        massG = (m.volumeMm3 / 1000) * density;
        const g = formatMass(massG);
        if (massG > settings.massRedG) add("red", `Estimated mass ${g} is above the ${settings.massRedG} g MIM limit.`);
        else if (massG > settings.massAmberG)
          add("amber", `Estimated mass ${g} is above the ${settings.massAmberG} g sweet spot.`);
        else if (massG < settings.massMinRedG)
          add("red", `Estimated mass ${g} is below the ${settings.massMinRedG} g that MIM makes at all.`);
        else if (massG < settings.massMinAmberG)
          add(
            "amber",
            `Estimated mass ${g} is below the ${settings.massMinAmberG} g sweet spot: micro-MIM, check the factory makes parts this small.`,
          );
        else add("green", `Estimated mass ${g} is in the MIM range.`);
      }
      if (!m.wall) notJudged.push("Walls not judged: the wall thickness could not be measured on this model.");
      else {
        const { p5Mm, medianMm, p95Mm, thickestAt } = m.wall;
        const where = thickestAt ? `, the thickest around ${thickestAt}` : "";
        if (p95Mm === null)
          notJudged.push("Thick sections not judged: this model was measured before thick sections were recorded.");
        else if (p95Mm > settings.wallMaxRedMm)
          add("red", `Sections up to ${p95Mm.toFixed(1)} mm thick (95th percentile${where}) are too thick to debind.`);
        else if (p95Mm > settings.wallMaxAmberMm)
          add(
            "amber",
            `Sections up to ${p95Mm.toFixed(1)} mm thick (95th percentile${where}) are thick for MIM: core them out.`,
          );
        if (p5Mm < settings.wallMinAmberMm)
          add("amber", `The thinnest walls (5th percentile ${p5Mm.toFixed(2)} mm) risk distortion.`);
        const uniformity = m.wall.uniformity ?? null;
        if (uniformity !== null) {
          if (uniformity > settings.wallUniformityAmber)
            add(
              "amber",
              `Walls are uneven: the thickest sections are ${uniformity.toFixed(1)} times the thinnest walls (above ${settings.wallUniformityAmber}); uneven sections shrink unevenly and distort.`,
            );
        } else if (p5Mm > 0 && medianMm / p5Mm > 4)
          add("amber", `Wall thickness is uneven (median ${medianMm.toFixed(1)} mm vs ${p5Mm.toFixed(2)} mm).`);
      }
      if (m.geometry) screenGeometry(m.geometry, add, settings);
      else if (m.geometry === null)
        notJudged.push("Voids, bodies, undercuts and spans not judged: this model's geometry was not analysed.");
    }
  }

  if (input.annualVolume < settings.volumeRed)
    add(
      "red",
      `${input.annualVolume.toLocaleString("en-US")} parts a year is below where MIM tooling pays back (${settings.volumeRed.toLocaleString("en-US")}).`,
    );
  else if (input.annualVolume < settings.volumeAmber)
    add(
      "amber",
      `${input.annualVolume.toLocaleString("en-US")} parts a year is low for MIM (economic from about ${settings.volumeAmber.toLocaleString("en-US")}).`,
    );
  else if (input.annualVolume >= settings.volumeGreen)
    add("green", `${input.annualVolume.toLocaleString("en-US")} parts a year suits MIM tooling.`);

  const routes: RoutedDimension[] = input.criticalDimensions.map((d) => routeTolerance(d, settings));
  for (const r of routes.filter((r) => r.route !== "as_sintered")) add("amber", `${r.label}: ${r.reason}`);

  let suggestsSizing = routes.some((r) => r.route === "sizing");
  let suggestsMachining = routes.some((r) => r.route === "machining");
  if (input.flatnessMm !== null) {
    if (longestMm === null)
      notJudged.push("Flatness not judged: it is weighed against the longest dimension, which no model gave.");
    else {
      const flatness = routeFlatness(input.flatnessMm, longestMm, settings);
      routes.push(flatness);
      if (flatness.route !== "as_sintered") {
        suggestsSizing = true;
        add("amber", `Flatness: ${flatness.reason}`);
      }
    }
  }
  if (input.roundnessMm != null) {
    const basis = roundnessBasis(input.criticalDimensions, longestMm);
    if (basis === null)
      notJudged.push(
        "Roundness not judged: it is weighed against a diameter or the longest dimension, and neither is known.",
      );
    else {
      const roundness = routeRoundness(input.roundnessMm, basis, settings);
      routes.push(roundness);
      if (roundness.route === "sizing") suggestsSizing = true;
      if (roundness.route === "machining") suggestsMachining = true;
      if (roundness.route !== "as_sintered") add("amber", `Roundness: ${roundness.reason}`);
    }
  }
  const heatTreatmentMismatch = screenHeatTreatment(input, add, notJudged);

  const flag: Flag = reasons.some((r) => r.flag === "red")
    ? "red"
    : reasons.some((r) => r.flag === "amber") || notJudged.length > 0
      ? "amber"
      : "green";
  const suggestion = flag === "red" ? "not_suitable" : flag === "amber" ? "suitable_with_conditions" : "suitable";
  return {
    flag,
    reasons,
    notJudged,
    suggestion,
    massG,
    routes,
    suggestsSizing,
    suggestsMachining,
    heatTreatmentMismatch,
  };
}

/** The geometry features as rules: what cannot be moulded, and what costs tooling or sintering support. */
function screenGeometry(g: ScreenGeometry, add: (flag: Flag, text: string) => void, settings: PreAssessmentSettings) {
  // Amber, as docs/domain/facts.md 3.7 lists it: the part may be redesigned or made in pieces and joined.
  if (g.internalVoids > 0)
    add(
      "amber",
      `${g.internalVoids === 1 ? "A closed internal void" : `${g.internalVoids} closed internal voids`} (${Number(g.internalVoidMm3.toPrecision(3))} mm³): a closed void cannot be moulded in one piece, as no core can be pulled out of it, and it traps binder in debinding (docs/domain/facts.md 3.7, 3.8).`,
    );
  if (g.bodies > 1)
    add(
      "amber",
      `The model holds ${g.bodies} separate bodies: an assembly or several parts. Ask which is the part, or quote each on its own.`,
    );
  if (g.slides !== null && g.slides >= settings.slidesAmber)
    add(
      "amber",
      `${g.slides === 1 ? "1 undercut region needs a slide" : `${g.slides} undercut regions need slides`} or side cores (opening along ${g.pullAxis ?? "the best axis"}): each adds tooling cost.`,
    );
  if (g.longestSpanMm > settings.spanAmberMm)
    add(
      "amber",
      `A span of ${g.longestSpanMm.toFixed(1)} mm has nothing under it when the part rests on its largest flat face (above ${settings.spanAmberMm} mm): it sags in sintering without a support or custom setter (docs/domain/facts.md 3.1).`,
    );
}

/** The buyer's heat treatment against the grade: a treatment the grade cannot take is a question for the buyer. */
function screenHeatTreatment(
  input: PreAssessmentInput,
  add: (flag: Flag, text: string) => void,
  notJudged: string[],
): string | null {
  const fit = heatTreatmentFit(input.material, input.heatTreatment);
  const grade = materialLabel(input.material);
  const list = (items: string[]) => items.join(", ");
  switch (fit.kind) {
    case "none":
      return null;
    case "unrecognised":
      notJudged.push(
        `Heat treatment "${fit.text}" not judged: the screen does not recognise it; check it suits ${grade}.`,
      );
      return null;
    case "unknown_grade":
      if (input.material === RECOMMEND_MATERIAL) {
        if (fit.gradesThatTake.length > 0)
          add("green", `The heat treatment asked, ${list(fit.treatments)}, points to: ${list(fit.gradesThatTake)}.`);
      } else notJudged.push(`Heat treatment not judged: the domain notes list no heat treatments for ${grade}.`);
      return null;
    case "suits":
      add("green", `Heat treatment ${list(fit.treatments)} suits ${grade}.`);
      return null;
    case "unsuitable": {
      const text = `Heat treatment ${list(fit.unsuitable)} does not suit ${grade}, which takes ${list(fit.takes)}.${fit.gradesThatTake.length > 0 ? ` Grades that take it: ${list(fit.gradesThatTake)}.` : ""} Ask the buyer which grade or treatment they mean.`;
      add("amber", text);
      return text;
    }
  }
}

// Ranges wide enough for any factory's screen, finite so that no figure switches a check off.
const MASS_G: NumberRange = { min: 0.001, max: 10_000 };
const LENGTH_MM: NumberRange = { min: 1, max: 2_000 };
const WALL_MM: NumberRange = { min: 0.01, max: 100 };
const VOLUME: NumberRange = { min: 1, max: 1_000_000_000 };
const PERCENT: NumberRange = { min: 0.001, max: 10 };
const RATIO: NumberRange = { min: 1, max: 100 };

/** How each threshold is named, measured and bounded on the settings page. */
export const PRE_ASSESSMENT_FIELDS: readonly SettingField<keyof PreAssessmentSettings>[] = [
  { key: "massAmberG", label: "Mass above which MIM is stretched (amber)", unit: "g", range: MASS_G },
  { key: "massRedG", label: "Mass above which MIM is out (red)", unit: "g", range: MASS_G },
  { key: "massMinAmberG", label: "Mass below the MIM sweet spot (amber)", unit: "g", range: MASS_G },
  { key: "massMinRedG", label: "Mass below what MIM makes at all (red)", unit: "g", range: MASS_G },
  {
    key: "largestAmberMm",
    label: "Largest dimension above the typical envelope (amber)",
    unit: "mm",
    range: LENGTH_MM,
  },
  { key: "largestRedMm", label: "Largest dimension above the MIM envelope (red)", unit: "mm", range: LENGTH_MM },
  { key: "wallMinAmberMm", label: "Thinnest wall before distortion risk (amber)", unit: "mm", range: WALL_MM },
  { key: "wallMaxAmberMm", label: "Thick sections to core out, 95th percentile (amber)", unit: "mm", range: WALL_MM },
  { key: "wallMaxRedMm", label: "Sections too thick to debind, 95th percentile (red)", unit: "mm", range: WALL_MM },
  {
    key: "volumeRed",
    label: "Annual volume below which tooling does not pay (red)",
    unit: "parts/year",
    range: VOLUME,
  },
  { key: "volumeAmber", label: "Annual volume below the economic range (amber)", unit: "parts/year", range: VOLUME },
  { key: "volumeGreen", label: "Annual volume that suits MIM tooling (green)", unit: "parts/year", range: VOLUME },
  {
    key: "asSinteredPercent",
    label: "As-sintered tolerance above 60 mm (never below the 60 mm band)",
    unit: "% of the dimension",
    range: PERCENT,
  },
  {
    key: "sizingGain",
    label: "Share of the as-sintered tolerance sizing reaches",
    unit: "factor (0-1)",
    range: { min: 0.01, max: 1 },
  },
  { key: "bestCasePercent", label: "Best-case tolerance with sorting", unit: "% of the dimension", range: PERCENT },
  {
    key: "bestCaseMm",
    label: "Best-case tolerance with sorting, absolute",
    unit: "mm",
    range: { min: 0.001, max: 10 },
  },
  { key: "flatnessPercent", label: "As-sintered flatness", unit: "% of the longest dimension", range: PERCENT },
  { key: "roundnessPercent", label: "As-sintered roundness", unit: "% of the diameter", range: PERCENT },
  {
    key: "volumeVeryLow",
    label: "Annual volume below which a complex part is better printed",
    unit: "parts/year",
    range: VOLUME,
  },
  {
    key: "flatPlateThicknessRatio",
    label: "Flat plate: thickness at most this share of its width (stamping suits it)",
    unit: "factor (0-1)",
    range: { min: 0.001, max: 1 },
  },
  {
    key: "flatPlateWallSpread",
    label: "Flat plate: walls even within (thickest / thinnest)",
    unit: "ratio",
    range: RATIO,
  },
  {
    key: "wallUniformityAmber",
    label: "Uneven walls above (thickest section / thinnest wall)",
    unit: "ratio",
    range: RATIO,
  },
  {
    key: "spanAmberMm",
    label: "Unsupported span in sintering needing a support (amber)",
    unit: "mm",
    range: LENGTH_MM,
  },
  {
    key: "slidesAmber",
    label: "Slides (undercut regions) flagged for tooling cost (amber)",
    unit: "slides",
    range: { min: 1, max: 20, integer: true },
  },
];
