/**
 * The MIM material catalogue (docs/domain/facts.md 3.5). Densities are typical sintered values with
 * their source; they are editable defaults, used for mass = CAD volume x density. Per grade also
 * its shrinkage, the mechanical figures the notes give (each marked as the standard's minimum or as
 * a typical value, with its source) and the heat treatments it takes.
 */
import { HARDENING_ROUTES, heatTreatmentWords, recogniseHeatTreatments, type HeatTreatment } from "./treatments";

export type MaterialFamily = "stainless" | "low-alloy" | "soft-magnetic" | "titanium" | "tool-steel" | "other";

export type Material = {
  id: string;
  label: string;
  family: MaterialFamily;
  /** Typical sintered density, g/cm3; null where no source gives one. */
  densityGcm3: number | null;
  densitySource: string;
  /** Linear shrinkage in debinding and sintering: the mould is cut oversize by 1 / (1 - s). */
  shrinkage: Shrinkage;
  /** Mechanical figures per condition; empty where the notes give none (never invented). */
  properties: readonly GradeProperties[];
  /** The heat treatments the grade takes, with why; null where the notes say nothing (not judged). */
  heatTreatments: { ids: readonly HeatTreatment[]; source: string } | null;
};

/**
 * "mpif35_minimum": MPIF Standard 35's minimum as quoted by a public source (the standard itself
 * is paywalled); "published_minimum": a supplier's "at least" figure; "typical": a typical or
 * reported value, not a guaranteed minimum.
 */
export type FigureBasis = "mpif35_minimum" | "published_minimum" | "typical";
export type Figure = { value: number; basis: FigureBasis; source: string };
export type HardnessFigure = {
  min: number;
  max?: number;
  scale: "HV10" | "HRC" | "HRB";
  basis: FigureBasis;
  source: string;
};

/** MPIF 35's property set for one condition ("as sintered", "H900"); any field may be unknown. */
export type GradeProperties = {
  condition: string;
  densityGcm3?: Figure;
  /** 0.2 % offset yield strength. */
  yieldMpa?: Figure;
  tensileMpa?: Figure;
  elongationPercent?: Figure;
  hardness?: HardnessFigure;
};

export type Shrinkage = { percent: number; rangePercent: [number, number]; source: string };

/** No grade-specific shrinkage is in the notes: every grade starts from the general figure. */
export const TYPICAL_SHRINKAGE: Shrinkage = {
  percent: 20,
  rangePercent: [15, 25],
  source: "docs/domain/facts.md 3.3: about 20 % [MIMA], 15-25 % depending on alloy [MIMSUP]; no per-grade figure",
};

/** How much larger the mould cavity is than the part: 1 / (1 - s), about 1.25 for 20 % (docs/domain/facts.md 3.3). */
export function oversizeFactor(shrinkage: Shrinkage): number {
  return 1 / (1 - shrinkage.percent / 100);
}

const ZCMIM_316L = "ZCMIM, quoted in docs/domain/facts.md 3.5";
const HEAT = {
  austenitic: {
    ids: ["solution_anneal", "stress_relief", "hip"],
    source:
      "austenitic: not hardenable by heat treatment (docs/domain/facts.md 3.6 lists hardening only for 17-4 PH, 420/440 and low-alloy)",
  },
  precipitation: {
    ids: ["solution_anneal", "h_condition", "ageing", "stress_relief", "hip"],
    source: "solution + ageing, H900/H1100 (docs/domain/facts.md 3.5, 3.6 [PIMI-17-4] [OPTIMIM])",
  },
  martensitic: {
    ids: ["quench_temper", "stress_relief", "hip"],
    source: "hardening for 420/440 (docs/domain/facts.md 3.6 [OPTIMIM])",
  },
  lowAlloy: {
    ids: ["quench_temper", "case_hardening", "stress_relief", "hip"],
    source: "Q&T or case hardening (docs/domain/facts.md 3.5, 3.6 [OPTIMIM])",
  },
  softMagnetic: {
    ids: ["magnetic_anneal", "stress_relief", "hip"],
    source: "magnetic anneal after stress-inducing operations (docs/domain/facts.md 3.2, 3.6 [A904])",
  },
  toolSteel: {
    ids: ["quench_temper", "stress_relief", "hip"],
    source: "tool steels are used hardened and tempered (general metallurgy; not in the notes)",
  },
} satisfies Record<string, Material["heatTreatments"]>;

export const MATERIAL_FAMILIES: Record<MaterialFamily, string> = {
  stainless: "Stainless steels",
  "low-alloy": "Low-alloy steels",
  "soft-magnetic": "Soft magnetic alloys",
  titanium: "Titanium alloys",
  "tool-steel": "Tool steels",
  other: "Other alloys",
};

/** Only the catalogue's own fields: shrinkage defaults to the typical figure, properties to none. */
type Entry = Omit<Material, "shrinkage" | "properties"> & Partial<Pick<Material, "shrinkage" | "properties">>;
const entry = (e: Entry): Material => ({ shrinkage: TYPICAL_SHRINKAGE, properties: [], ...e });

export const MATERIALS: readonly Material[] = [
  entry({
    id: "mim-316l",
    label: "MIM-316L",
    family: "stainless",
    densityGcm3: 7.85,
    densitySource: "ZCMIM (>= 7.85)",
    properties: [
      {
        condition: "as sintered",
        densityGcm3: { value: 7.85, basis: "published_minimum", source: ZCMIM_316L },
        yieldMpa: { value: 140, basis: "mpif35_minimum", source: ZCMIM_316L },
        tensileMpa: { value: 450, basis: "mpif35_minimum", source: ZCMIM_316L },
        elongationPercent: { value: 40, basis: "mpif35_minimum", source: ZCMIM_316L },
        hardness: { min: 100, max: 150, scale: "HV10", basis: "typical", source: ZCMIM_316L },
      },
    ],
    heatTreatments: HEAT.austenitic,
  }),
  entry({
    id: "mim-17-4ph",
    label: "MIM-17-4 PH",
    family: "stainless",
    densityGcm3: 7.65,
    densitySource: "PIM International (> 7.65)",
    properties: [
      {
        // An MPIF award part's reported figures: typical of one part, not the standard's minimum.
        condition: "MPIF award part (condition not stated)",
        densityGcm3: {
          value: 7.65,
          basis: "typical",
          source: "PIM International [PIMI-MED], docs/domain/facts.md 3.5",
        },
        yieldMpa: { value: 730, basis: "typical", source: "PIM International [PIMI-MED], docs/domain/facts.md 3.5" },
        tensileMpa: { value: 900, basis: "typical", source: "PIM International [PIMI-MED], docs/domain/facts.md 3.5" },
        hardness: {
          min: 25,
          scale: "HRC",
          basis: "typical",
          source: "PIM International [PIMI-MED], docs/domain/facts.md 3.5",
        },
      },
    ],
    heatTreatments: HEAT.precipitation,
  }),
  entry({
    id: "mim-420",
    label: "MIM-420",
    family: "stainless",
    densityGcm3: 7.5,
    densitySource: "derived, ~97-98 % of wrought",
    heatTreatments: HEAT.martensitic,
  }),
  entry({
    id: "mim-440c",
    label: "MIM-440C",
    family: "stainless",
    densityGcm3: 7.5,
    densitySource: "unverified estimate",
    heatTreatments: HEAT.martensitic,
  }),
  entry({
    id: "mim-430l",
    label: "MIM-430L",
    family: "stainless",
    densityGcm3: 7.5,
    densitySource: "strleng MIM density list",
    heatTreatments: {
      ids: HEAT.softMagnetic.ids,
      source: "ferritic, used soft-magnetic (docs/domain/facts.md 3.5): not hardenable; magnetic anneal (3.6)",
    },
  }),
  entry({
    id: "mim-2200",
    label: "MIM-2200 (Fe-2Ni)",
    family: "low-alloy",
    densityGcm3: 7.6,
    densitySource: "strleng, low-alloy typical",
    heatTreatments: HEAT.lowAlloy,
  }),
  entry({
    id: "mim-2700",
    label: "MIM-2700 (Fe-7Ni)",
    family: "low-alloy",
    densityGcm3: 7.6,
    densitySource: "strleng, low-alloy typical",
    heatTreatments: HEAT.lowAlloy,
  }),
  entry({
    id: "mim-4605",
    label: "MIM-4605",
    family: "low-alloy",
    densityGcm3: 7.6,
    densitySource: "strleng, low-alloy typical",
    heatTreatments: HEAT.lowAlloy,
  }),
  entry({
    id: "mim-4140",
    label: "MIM-4140",
    family: "low-alloy",
    densityGcm3: 7.6,
    densitySource: "strleng, low-alloy typical",
    heatTreatments: HEAT.lowAlloy,
  }),
  entry({
    id: "mim-fe-50ni",
    label: "MIM-Fe-50Ni",
    family: "soft-magnetic",
    densityGcm3: 7.7,
    densitySource: "strleng MIM density list",
    heatTreatments: HEAT.softMagnetic,
  }),
  entry({
    id: "fe-3si",
    label: "Fe-3Si",
    family: "soft-magnetic",
    densityGcm3: 7.6,
    densitySource: "matmake, 4 % Si",
    heatTreatments: HEAT.softMagnetic,
  }),
  entry({
    id: "kovar-f15",
    label: "Kovar (F-15)",
    family: "soft-magnetic",
    densityGcm3: 8.0,
    densitySource: "strleng MIM density list",
    heatTreatments: null,
  }),
  entry({
    id: "ti-6al-4v",
    label: "Ti-6Al-4V (ASTM F2885)",
    family: "titanium",
    densityGcm3: 4.35,
    densitySource: "derived, 4.3-4.4",
    heatTreatments: {
      ids: ["hip", "stress_relief", "solution_anneal", "ageing"],
      source:
        "HIP to F2885 Type 1 (docs/domain/facts.md 3.1, 3.6); annealed or solution treated and aged (general metallurgy of Ti-6Al-4V)",
    },
  }),
  entry({
    id: "cp-ti",
    label: "CP titanium (ASTM F2989)",
    family: "titanium",
    densityGcm3: 4.5,
    densitySource: "unverified, wrought ~4.5",
    heatTreatments: null,
  }),
  entry({
    id: "h13",
    label: "H13 tool steel",
    family: "tool-steel",
    densityGcm3: null,
    densitySource: "no source in the domain notes: mass is not judged",
    heatTreatments: HEAT.toolSteel,
  }),
  entry({
    id: "m2",
    label: "M2 high-speed steel",
    family: "tool-steel",
    densityGcm3: null,
    densitySource: "no source in the domain notes: mass is not judged",
    heatTreatments: HEAT.toolSteel,
  }),
  entry({
    id: "w-heavy-alloy",
    label: "Tungsten heavy alloy (ASTM B777)",
    family: "other",
    densityGcm3: 17.5,
    densitySource: "ASTM B777 class 2 mid-band",
    heatTreatments: null,
  }),
  entry({
    id: "co-cr-mo",
    label: "Co-Cr-Mo (F75-type)",
    family: "other",
    densityGcm3: 8.2,
    densitySource: "unverified, 8.1-8.3",
    heatTreatments: null,
  }),
  entry({
    id: "mim-cu",
    label: "MIM-Cu (copper)",
    family: "other",
    densityGcm3: 8.8,
    densitySource: "derived: ~98 % (docs/domain/facts.md 3.1, density achieved) of wrought 8.96",
    heatTreatments: null,
  }),
];

/** The buyer does not know yet: engineering recommends a grade. */
export const RECOMMEND_MATERIAL = "recommend";

export const MATERIAL_IDS = [RECOMMEND_MATERIAL, ...MATERIALS.map((m) => m.id)] as const;

export function materialLabel(id: string): string {
  if (id === RECOMMEND_MATERIAL) return "Not sure: please recommend one";
  return MATERIALS.find((m) => m.id === id)?.label ?? id;
}

export function findMaterial(id: string): Material | undefined {
  return MATERIALS.find((m) => m.id === id);
}

export type HeatTreatmentFit =
  | { kind: "none" }
  /** Written, but naming no treatment the catalogue knows. */
  | { kind: "unrecognised"; text: string }
  /** A grade whose treatments the notes do not give, or no grade chosen yet. */
  | { kind: "unknown_grade"; treatments: string[]; gradesThatTake: string[] }
  | { kind: "suits"; treatments: string[] }
  | { kind: "unsuitable"; unsuitable: string[]; takes: string[]; gradesThatTake: string[] };

/** "H900 (17-4 PH ageing condition (H900-H1150))": the buyer's words and what they name. */
const named = (f: { id: HeatTreatment; words: string }) => `${f.words} (${heatTreatmentWords(f.id)})`;

function takes(m: Material, id: HeatTreatment): boolean {
  const ids = m.heatTreatments?.ids ?? [];
  return id === "hardening" ? HARDENING_ROUTES.some((r) => ids.includes(r)) : ids.includes(id);
}

/** Whether the heat treatment the buyer asked for suits the grade (a 316L part cannot take H900). */
export function heatTreatmentFit(materialId: string, heatTreatment: string | null | undefined): HeatTreatmentFit {
  const { found, unrecognised } = recogniseHeatTreatments(heatTreatment);
  if (unrecognised) return { kind: "unrecognised", text: (heatTreatment ?? "").trim() };
  if (found.length === 0) return { kind: "none" };
  const material = findMaterial(materialId);
  const gradesFor = (ids: HeatTreatment[]) =>
    MATERIALS.filter((m) => m.heatTreatments && ids.every((id) => takes(m, id))).map((m) => m.label);
  if (!material?.heatTreatments)
    return { kind: "unknown_grade", treatments: found.map(named), gradesThatTake: gradesFor(found.map((f) => f.id)) };
  const misfits = found.filter((f) => !takes(material, f.id));
  if (misfits.length === 0) return { kind: "suits", treatments: found.map(named) };
  return {
    kind: "unsuitable",
    unsuitable: misfits.map(named),
    takes: material.heatTreatments.ids.map((id) => heatTreatmentWords(id)),
    gradesThatTake: gradesFor(misfits.map((f) => f.id)),
  };
}
