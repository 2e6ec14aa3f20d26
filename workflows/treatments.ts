/**
 * The buyer's heat-treatment and surface-treatment answers are free text ("H900", "passivate per
 * ASTM A967"). This module recognises the treatments named in them, so the screen can check a heat
 * treatment against the grade and gate 3 can pre-fill its operations. Pure; catalogue from
 * docs/domain/facts.md 3.2 and 3.6.
 */

export const HEAT_TREATMENTS = [
  { id: "solution_anneal", label: "Solution annealing" },
  { id: "h_condition", label: "17-4 PH ageing condition (H900-H1150)" },
  { id: "ageing", label: "Precipitation hardening (ageing)" },
  { id: "quench_temper", label: "Hardening and tempering (quench and temper)" },
  { id: "case_hardening", label: "Case hardening (carburising)" },
  { id: "hardening", label: "Hardening, route not named" },
  { id: "magnetic_anneal", label: "Magnetic annealing" },
  { id: "stress_relief", label: "Stress relieving or annealing" },
  { id: "hip", label: "Hot isostatic pressing (HIP)" },
] as const;
export type HeatTreatment = (typeof HEAT_TREATMENTS)[number]["id"];

/** A hardness asked for without a route is met by any route the grade takes. */
export const HARDENING_ROUTES: readonly HeatTreatment[] = ["h_condition", "ageing", "quench_temper", "case_hardening"];

type Rule<T extends string> = { id: T; pattern: RegExp; unless?: readonly T[] };

// Most specific first: a generic word ("anneal", "harden") only counts when no named route matched.
const HEAT_RULES: readonly Rule<HeatTreatment>[] = [
  { id: "solution_anneal", pattern: /\bsolution[- ]?(anneal|treat)|\bcondition a\b/i },
  { id: "h_condition", pattern: /\bH\s?-?(900|925|1025|1075|1100|1150)M?\b/i },
  { id: "ageing", pattern: /\bage(d|ing)?\b|\baging\b|precipitation/i },
  { id: "quench_temper", pattern: /quench|temper|\bQ\s?&\s?T\b|through[- ]harden/i },
  { id: "case_hardening", pattern: /case[- ]harden|carburi[sz]|carbonitrid/i },
  { id: "magnetic_anneal", pattern: /magnetic(ally)?[- ]anneal|anneal\w*\s+for\s+magnetic/i },
  { id: "hip", pattern: /\bHIP(ped)?\b|\b[Hh]ot [Ii]sostatic/ },
  { id: "stress_relief", pattern: /stress[- ]reliev|\banneal/i, unless: ["solution_anneal", "magnetic_anneal"] },
  { id: "hardening", pattern: /\bharden|\bHRC\b|\bhardness\b/i, unless: HARDENING_ROUTES },
];

/** Surface answers as gate 3's operations (the ids of SECONDARY_OPERATIONS in review-domain.ts). */
export type SurfaceOperation =
  "passivation" | "polishing" | "plating" | "pvd" | "coating" | "blasting" | "tumbling" | "laser_marking";

const SURFACE_RULES: readonly Rule<SurfaceOperation>[] = [
  { id: "passivation", pattern: /passivat/i },
  { id: "polishing", pattern: /polish|mirror|buff/i },
  { id: "plating", pattern: /plat(ed|ing|e)\b|electroless|nickel|chrom(e|ium)|\bzinc\b|galvani/i },
  { id: "pvd", pattern: /\bPVD\b|physical vapou?r|\bDLC\b|\bTiN\b/i },
  { id: "coating", pattern: /paint|powder[- ]coat|e-?coat|black oxide|anodi[sz]|\bcoat(ed|ing)?\b/i, unless: ["pvd"] },
  { id: "blasting", pattern: /blast|\bbead|shot[- ]peen/i },
  { id: "tumbling", pattern: /tumbl|vibratory|deburr/i },
  { id: "laser_marking", pattern: /laser[- ]?mark|engrav/i },
];

/** "None", "n/a", "-", "as sintered": the buyer asks for no treatment. */
const NOTHING = /^\s*(none|no|nil|n\/?a|not (required|needed|applicable)|-+|as[- ]sintered)\s*\.?\s*$/i;

export type Recognised<T extends string> = {
  /** Each treatment named, with the words that named it ("H900"). */
  found: { id: T; words: string }[];
  /** Something was written that names none of the known treatments. */
  unrecognised: boolean;
};

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** A match widened to the words it sits in: "passivat" shows as the buyer's "Passivation". */
function wholeWords(text: string, start: number, end: number): string {
  while (start > 0 && WORD_CHAR.test(text[start - 1]!)) start -= 1;
  while (end < text.length && WORD_CHAR.test(text[end]!)) end += 1;
  return text.slice(start, end);
}

function recognise<T extends string>(text: string | null | undefined, rules: readonly Rule<T>[]): Recognised<T> {
  const answer = (text ?? "").trim();
  if (answer === "" || NOTHING.test(answer)) return { found: [], unrecognised: false };
  const found: { id: T; words: string }[] = [];
  for (const rule of rules) {
    const match = rule.pattern.exec(answer);
    if (!match) continue;
    if (rule.unless?.some((id) => found.some((f) => f.id === id))) continue;
    found.push({ id: rule.id, words: wholeWords(answer, match.index, match.index + match[0].length) });
  }
  return { found, unrecognised: found.length === 0 };
}

export function recogniseHeatTreatments(text: string | null | undefined): Recognised<HeatTreatment> {
  return recognise(text, HEAT_RULES);
}

export function recogniseSurfaceTreatments(text: string | null | undefined): Recognised<SurfaceOperation> {
  return recognise(text, SURFACE_RULES);
}

export function heatTreatmentLabel(id: HeatTreatment): string {
  return HEAT_TREATMENTS.find((t) => t.id === id)?.label ?? id;
}

/** The label inside a sentence: "hot isostatic pressing (HIP)", while "17-4 PH ..." keeps its capitals. */
export function heatTreatmentWords(id: HeatTreatment): string {
  const label = heatTreatmentLabel(id);
  return /^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label;
}
