/**
 * The engineering review's domain as data (docs/domain/review.md, from the seed process page): the
 * suitability criteria, the eight process stages with their control points, risks and review
 * focus, and the sizing / secondary-operation / inspection catalogues of the third gate.
 */
import type { SuitabilityOutcome } from "./inquiry";

// ---- Gate 1: suitability -------------------------------------------------------------------

export type SuitabilityCriterion = { id: string; label: string; favours: "mim" | "other" };

/** Ticked when they apply to the part; "favours" says which way each one argues. */
export const SUITABILITY_CRITERIA: readonly SuitabilityCriterion[] = [
  { id: "small_medium_size", label: "Small or medium-sized metal part", favours: "mim" },
  { id: "complex_geometry", label: "Complex geometry", favours: "mim" },
  { id: "thin_features", label: "Thin features (walls, ribs, edges)", favours: "mim" },
  { id: "internal_details", label: "Internal details", favours: "mim" },
  { id: "undercuts", label: "Undercuts", favours: "mim" },
  { id: "high_volume", label: "High-volume demand", favours: "mim" },
  { id: "high_cnc_cost", label: "High machining cost by CNC", favours: "mim" },
  { id: "simple_shape", label: "Simple shape", favours: "other" },
  { id: "very_low_quantity", label: "Very low quantity", favours: "other" },
  { id: "loose_tolerance", label: "Loose tolerance only", favours: "other" },
  { id: "cheaper_other_process", label: "Can be stamped, cast or machined cheaply", favours: "other" },
];

export const SUITABILITY_OUTCOME_LABELS: Record<SuitabilityOutcome, string> = {
  suitable: "Suitable for MIM",
  suitable_with_conditions: "Suitable with conditions",
  not_suitable: "Not suitable: recommend another process",
  feedback_only: "Technical feedback without a price",
};

export const ALTERNATIVE_PROCESSES = [
  { id: "cnc_machining", label: "CNC machining" },
  { id: "fine_blanking", label: "Fine blanking" },
  { id: "investment_casting", label: "Investment casting" },
  { id: "die_casting", label: "Die casting" },
  { id: "press_and_sinter", label: "Conventional press-and-sinter powder metallurgy" },
  { id: "metal_3d_printing", label: "Metal 3D printing" },
  { id: "stamping", label: "Stamping" },
] as const;
export type AlternativeProcess = (typeof ALTERNATIVE_PROCESSES)[number]["id"];

// ---- Gate 2: risk by process stage ---------------------------------------------------------

export const RISK_LEVELS = [
  { id: "low", label: "Low" },
  { id: "medium", label: "Medium" },
  { id: "high", label: "High" },
] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number]["id"];

export type ProcessStage = {
  id: string;
  order: number;
  name: string;
  controlPoints: readonly string[];
  risks: readonly string[];
  reviewFocus: string;
  /** The review focus as separate points, each recorded in the stage's assessment. */
  focusPoints: readonly string[];
};

/** Comma-separated, except inside parentheses: "debinding route (solvent, catalytic, ...)" is one item. */
const list = (items: string) => items.split(/, (?![^()]*\))/);

const stage = (
  order: number,
  id: string,
  name: string,
  controlPoints: string,
  risks: string,
  reviewFocus: string,
): ProcessStage => ({
  id,
  order,
  name,
  controlPoints: list(controlPoints),
  risks: list(risks),
  reviewFocus,
  focusPoints: list(reviewFocus),
});

/** The seed's "Process Control Points" table, one entry per stage, in process order. */
export const PROCESS_STAGES: readonly ProcessStage[] = [
  stage(
    1,
    "feedstock",
    "Feedstock preparation",
    "powder chemistry, particle size, binder system, solid loading, homogeneity",
    "unstable flow, inconsistent shrinkage, density variation",
    "material choice, feedstock stability, supplier experience",
  ),
  stage(
    2,
    "injection",
    "Injection molding",
    "gate position, filling balance, packing pressure, ejection, mold temperature",
    "short shot, weld line, sink mark, internal stress, deformation",
    "DFM review, gate strategy, mold design",
  ),
  stage(
    3,
    "green_handling",
    "Green part handling",
    "degating method, trimming force, fixture support, tray loading direction",
    "cracks, chipped corners, gate marks, tray dents, support marks",
    "handling method, green strength, part protection",
  ),
  stage(
    4,
    "debinding",
    "Debinding",
    "debinding route (solvent, catalytic, thermal, combined), temperature profile, part support",
    "cracking, blistering, slumping, incomplete binder removal, contamination",
    "binder system compatibility, furnace loading",
  ),
  stage(
    5,
    "sintering",
    "Sintering",
    "atmosphere, temperature curve, shrinkage control, support design, batch loading",
    "distortion, poor density, abnormal shrinkage, surface contamination",
    "sintering fixture, shrinkage compensation, tolerance strategy",
  ),
  stage(
    6,
    "sizing",
    "Post-sintering sizing",
    "correction tool design, sizing allowance, press force, datum selection",
    "over-correction, surface marks, local stress, unstable dimensions",
    "critical dimensions, flatness, roundness, assembly fit",
  ),
  stage(
    7,
    "secondary",
    "Secondary operations",
    "machining allowance, heat treatment, coating, polishing, tapping, cleaning",
    "cost increase, tolerance shift, surface damage, delayed delivery",
    "whether the drawing really requires the operation",
  ),
  stage(
    8,
    "inspection",
    "Final inspection & traceability",
    "dimensional inspection, appearance, density, hardness, functional checks",
    "hidden quality variation, repeatability problems",
    "inspection plan, reporting, traceability",
  ),
];

export type StageAssessment = {
  level: RiskLevel;
  checked: string[];
  notes: string;
  /**
   * What the reviewer found on each point of the stage's review focus, keyed by the point
   * ("gate strategy": "gate on the back face, away from datum A"). Absent in decisions recorded
   * before it existed.
   */
  focus?: Record<string, string>;
  /** The ids of the stage's checklist items (stage-checklist.ts) the reviewer has checked. */
  checklist?: string[];
};

/**
 * The overall risk is the highest stage level: one high-risk stage is enough to need a plan
 * before quoting, however calm the others are.
 */
export function overallRisk(assessments: Partial<Record<string, StageAssessment>>): {
  level: RiskLevel | null;
  highStages: string[];
  assessed: number;
  complete: boolean;
} {
  const rank: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2 };
  let level: RiskLevel | null = null;
  const highStages: string[] = [];
  let assessed = 0;
  for (const s of PROCESS_STAGES) {
    const a = assessments[s.id];
    if (!a) continue;
    assessed += 1;
    if (a.level === "high") highStages.push(s.name);
    if (level === null || rank[a.level] > rank[level]) level = a.level;
  }
  return { level, highStages, assessed, complete: assessed === PROCESS_STAGES.length };
}

// ---- Gate 3: sizing, secondary operations, inspection ----------------------------------------

/** Why a feature needs post-sintering sizing: what sintering alone does not hold. */
export const SIZING_REQUIREMENTS = [
  { id: "flatness", label: "Flatness" },
  { id: "roundness", label: "Roundness" },
  { id: "local_dimension", label: "Local dimension" },
  { id: "assembly_fit", label: "Assembly fit" },
] as const;
export type SizingRequirement = (typeof SIZING_REQUIREMENTS)[number]["id"];

/**
 * Each is chosen only when the drawing or function requires it: each adds cost, lead time and risk.
 * Ids are stored in decisions and rate keys: add new ones, never rename. Catalogue: docs/domain/facts.md 3.6.
 */
export const SECONDARY_OPERATIONS = [
  { id: "cnc_machining", label: "CNC machining of critical surfaces" },
  { id: "tapping", label: "Tapping" },
  { id: "reaming", label: "Reaming" },
  { id: "heat_treatment", label: "Heat treatment" },
  { id: "passivation", label: "Passivation" },
  { id: "polishing", label: "Polishing" },
  { id: "coating", label: "Coating" },
  { id: "plating", label: "Plating" },
  { id: "tumbling", label: "Tumbling" },
  { id: "laser_marking", label: "Laser marking" },
  // Higher pressure than sizing, in its own die: also raises density (docs/domain/facts.md 3.2 [FINEMIM]).
  { id: "coining", label: "Coining" },
  { id: "grinding", label: "Grinding" },
  // Tolerances beyond the process's best case are kept by sorting, at about 80 % yield (3.2 [PIMI-TOL]).
  { id: "sorting_100", label: "100 % sorting" },
  // Fe-Ni and Fe-Si parts after sizing or machining (3.2, 3.6 [A904]).
  { id: "magnetic_annealing", label: "Magnetic annealing" },
  // Densification to about 100 % (F2885 Type 1; 3.1, 3.6).
  { id: "hip", label: "Hot isostatic pressing (HIP)" },
  { id: "blasting", label: "Bead or shot blasting" },
  { id: "pvd", label: "PVD coating" },
] as const;
export type SecondaryOperation = (typeof SECONDARY_OPERATIONS)[number]["id"];

export const INSPECTION_ITEMS = [
  { id: "dimensions", label: "Dimensions" },
  { id: "appearance", label: "Appearance" },
  { id: "density", label: "Density" },
  { id: "hardness", label: "Hardness" },
  { id: "mechanical", label: "Mechanical performance" },
  { id: "surface", label: "Surface condition" },
  { id: "special", label: "Special customer requirements" },
] as const;
export type InspectionItem = (typeof INSPECTION_ITEMS)[number]["id"];

/** One feature to size, what sintering alone does not hold on it, and why (gate 3). */
export type SizingFeature = { feature: string; requirement: SizingRequirement; reason: string };

export function labelOf(list: readonly { id: string; label: string }[], id: string): string {
  return list.find((item) => item.id === id)?.label ?? id;
}
