/**
 * The MIM material catalogue (mim-facts.md, 3.5). Densities are typical sintered values with their
 * source; they are editable defaults, used for mass = CAD volume x density.
 */
export type MaterialFamily = "stainless" | "low-alloy" | "soft-magnetic" | "titanium" | "tool-steel" | "other";

export type Material = {
  id: string;
  label: string;
  family: MaterialFamily;
  /** Typical sintered density, g/cm3; null where no source gives one. */
  densityGcm3: number | null;
  densitySource: string;
};

export const MATERIAL_FAMILIES: Record<MaterialFamily, string> = {
  stainless: "Stainless steels",
  "low-alloy": "Low-alloy steels",
  "soft-magnetic": "Soft magnetic alloys",
  titanium: "Titanium alloys",
  "tool-steel": "Tool steels",
  other: "Other alloys",
};

export const MATERIALS: readonly Material[] = [
  { id: "mim-316l", label: "MIM-316L", family: "stainless", densityGcm3: 7.85, densitySource: "ZCMIM (>= 7.85)" },
  {
    id: "mim-17-4ph",
    label: "MIM-17-4 PH",
    family: "stainless",
    densityGcm3: 7.65,
    densitySource: "PIM International (> 7.65)",
  },
  {
    id: "mim-420",
    label: "MIM-420",
    family: "stainless",
    densityGcm3: 7.5,
    densitySource: "derived, ~97-98 % of wrought",
  },
  { id: "mim-440c", label: "MIM-440C", family: "stainless", densityGcm3: 7.5, densitySource: "unverified estimate" },
  {
    id: "mim-430l",
    label: "MIM-430L",
    family: "stainless",
    densityGcm3: 7.5,
    densitySource: "strleng MIM density list",
  },
  {
    id: "mim-2200",
    label: "MIM-2200 (Fe-2Ni)",
    family: "low-alloy",
    densityGcm3: 7.6,
    densitySource: "strleng, low-alloy typical",
  },
  {
    id: "mim-2700",
    label: "MIM-2700 (Fe-7Ni)",
    family: "low-alloy",
    densityGcm3: 7.6,
    densitySource: "strleng, low-alloy typical",
  },
  {
    id: "mim-4605",
    label: "MIM-4605",
    family: "low-alloy",
    densityGcm3: 7.6,
    densitySource: "strleng, low-alloy typical",
  },
  {
    id: "mim-4140",
    label: "MIM-4140",
    family: "low-alloy",
    densityGcm3: 7.6,
    densitySource: "strleng, low-alloy typical",
  },
  {
    id: "mim-fe-50ni",
    label: "MIM-Fe-50Ni",
    family: "soft-magnetic",
    densityGcm3: 7.7,
    densitySource: "strleng MIM density list",
  },
  { id: "fe-3si", label: "Fe-3Si", family: "soft-magnetic", densityGcm3: 7.6, densitySource: "matmake, 4 % Si" },
  {
    id: "kovar-f15",
    label: "Kovar (F-15)",
    family: "soft-magnetic",
    densityGcm3: 8.0,
    densitySource: "strleng MIM density list",
  },
  {
    id: "ti-6al-4v",
    label: "Ti-6Al-4V (ASTM F2885)",
    family: "titanium",
    densityGcm3: 4.35,
    densitySource: "derived, 4.3-4.4",
  },
  {
    id: "cp-ti",
    label: "CP titanium (ASTM F2989)",
    family: "titanium",
    densityGcm3: 4.5,
    densitySource: "unverified, wrought ~4.5",
  },
  {
    id: "h13",
    label: "H13 tool steel",
    family: "tool-steel",
    densityGcm3: null,
    densitySource: "no source in the domain notes: mass is not judged",
  },
  {
    id: "m2",
    label: "M2 high-speed steel",
    family: "tool-steel",
    densityGcm3: null,
    densitySource: "no source in the domain notes: mass is not judged",
  },
  {
    id: "w-heavy-alloy",
    label: "Tungsten heavy alloy (ASTM B777)",
    family: "other",
    densityGcm3: 17.5,
    densitySource: "ASTM B777 class 2 mid-band",
  },
  {
    id: "co-cr-mo",
    label: "Co-Cr-Mo (F75-type)",
    family: "other",
    densityGcm3: 8.2,
    densitySource: "unverified, 8.1-8.3",
  },
  {
    id: "mim-cu",
    label: "MIM-Cu (copper)",
    family: "other",
    densityGcm3: 8.8,
    densitySource: "derived: ~98 % (mim-facts 3.1, density achieved) of wrought 8.96",
  },
];

/** The buyer does not know yet: engineering recommends a grade. */
export const RECOMMEND_MATERIAL = "recommend";

export const MATERIAL_IDS = [RECOMMEND_MATERIAL, ...MATERIALS.map((m) => m.id)] as const;

export function materialLabel(id: string): string {
  if (id === RECOMMEND_MATERIAL) return "Not sure: please recommend one";
  return MATERIALS.find((m) => m.id === id)?.label ?? id;
}
