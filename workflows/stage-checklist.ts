/**
 * Gate 2 beyond the seed table: the reviewer's prompts of docs/domain/facts.md 3.8 as checklist
 * items per process stage, each with its source anchors, and which of them apply to a given inquiry
 * (the titanium oxygen limit only for titanium grades, the hydrogen atmosphere only for tungsten
 * alloys). Item ids are stored in decisions: add new ones, never rename.
 */
import { z } from "zod";
import { findMaterial, type MaterialFamily } from "./materials";
import { PROCESS_STAGES, RISK_LEVELS, type RiskLevel, type StageAssessment } from "./review-domain";
import { recogniseHeatTreatments, recogniseSurfaceTreatments } from "./treatments";

export type ChecklistItem = {
  id: string;
  /** A PROCESS_STAGES id. */
  stage: string;
  label: string;
  /** docs/domain/facts.md's source anchors for the prompt. */
  source: string;
  /** Absent: applies to every inquiry. */
  appliesWhen?:
    | { families: readonly MaterialFamily[] }
    | { materials: readonly string[] }
    | { asked: "heat_treatment" | "surface_treatment" };
};

export const STAGE_CHECKLIST: readonly ChecklistItem[] = [
  {
    id: "feedstock_available",
    stage: "feedstock",
    label: "The alloy is available as MIM feedstock; a custom powder is priced with its cost and lead time",
    source: "docs/domain/facts.md 3.8 [HWOEM]",
  },
  {
    id: "titanium_oxygen",
    stage: "feedstock",
    label: "Titanium: oxygen held at or below 0.20 % (each +0.1 % O costs about 0.5-1 % density)",
    source: "docs/domain/facts.md 3.5, 3.8 [BRM-CHEM]",
    appliesWhen: { families: ["titanium"] },
  },
  {
    id: "powder_cost_vs_mass",
    stage: "feedstock",
    label: "Powder cost weighed against the part's mass",
    source: "docs/domain/facts.md 3.8 [PIMI-TOL]",
  },
  {
    id: "wall_and_flow",
    stage: "injection",
    label: "Wall range and uniformity, and flow length",
    source: "docs/domain/facts.md 3.8 [OPTIMIM] [ALFA]",
  },
  {
    id: "gate_location",
    stage: "injection",
    label: "Gate location away from cosmetic and critical (CTQ) faces",
    source: "docs/domain/facts.md 3.1, 3.8 [ALFA] [OPTIMIM]",
  },
  {
    id: "knit_lines",
    stage: "injection",
    label: "Knit (weld) lines away from loaded, sealing and cosmetic features",
    source: "docs/domain/facts.md 3.8 [OPTIMIM]",
  },
  {
    id: "side_actions",
    stage: "injection",
    label: "Undercuts and the side actions (slides) they need; cavity count",
    source: "docs/domain/facts.md 3.8 [APP]",
  },
  {
    id: "parting_ejector_marks",
    stage: "injection",
    label: "Parting line and ejector witness marks away from tight tolerances and cosmetic faces",
    source: "docs/domain/facts.md 3.1, 3.2, 3.8 [ALFA]",
  },
  {
    id: "fragile_features",
    stage: "green_handling",
    label: "Fragile thin features and cantilevers: robot or manual handling, tray support",
    source: "docs/domain/facts.md 3.8 [POLLEN] [VETAMAS]",
  },
  {
    id: "green_machining",
    stage: "green_handling",
    label: "No green machining planned, or its risk accepted (low green strength)",
    source: "docs/domain/facts.md 3.2, 3.8 [POLLEN]",
  },
  {
    id: "thick_sections",
    stage: "debinding",
    label: "Sections over 6-12.5 mm and the debinding path length",
    source: "docs/domain/facts.md 3.8 [MDDI] [TAPES]",
  },
  {
    id: "closed_voids",
    stage: "debinding",
    label: "Closed voids or pockets that trap binder",
    source: "docs/domain/facts.md 3.8 [VETAMAS]",
  },
  {
    id: "setter_support",
    stage: "sintering",
    label: "A flat face to set the part on; cantilevers and long spans need custom setters",
    source: "docs/domain/facts.md 3.1, 3.8 [MIMA]",
  },
  {
    id: "shrinkage_distortion",
    stage: "sintering",
    label: "About 15-20 % shrinkage: distortion and sag from gravity, asymmetric mass",
    source: "docs/domain/facts.md 3.3, 3.8 [MIMA] [PIMI-TOL] [W-MIM]",
  },
  {
    id: "hydrogen_atmosphere",
    stage: "sintering",
    label: "Tungsten alloy: sintered in a hydrogen atmosphere",
    source: "docs/domain/facts.md 3.8 [W-MIM]",
    appliesWhen: { materials: ["w-heavy-alloy"] },
  },
  {
    id: "sizing_route",
    stage: "sizing",
    label:
      "CTQs tighter than the size-band table and flatness under 0.5 % of the longest dimension: sizing, coining or machining chosen",
    source: "docs/domain/facts.md 3.2, 3.8 [METALGOODS] [FINEMIM]",
  },
  {
    id: "heat_treatment_distortion",
    stage: "secondary",
    label: "Heat treatment: distortion allowed for; critical dimensions machined after it",
    source: "docs/domain/facts.md 3.2, 3.8 [VETAMAS]",
    appliesWhen: { asked: "heat_treatment" },
  },
  {
    id: "magnetic_reanneal",
    stage: "secondary",
    label: "Soft-magnetic grade: re-annealed after sizing or machining",
    source: "docs/domain/facts.md 3.2, 3.8 [A904]",
    appliesWhen: { families: ["soft-magnetic"] },
  },
  {
    id: "machining_stock",
    stage: "secondary",
    label: "Machining stock planned on the faces to be machined",
    source: "docs/domain/facts.md 3.2, 3.8 [VETAMAS] [MDDI]",
  },
  {
    id: "surface_finish",
    stage: "secondary",
    label: "Plating, passivation, PVD or polishing: its effect on dimensions and the cosmetic faces",
    source: "docs/domain/facts.md 3.8 [OPTIMIM]",
    appliesWhen: { asked: "surface_treatment" },
  },
  {
    id: "ctq_measurement",
    stage: "inspection",
    label: "How each CTQ is measured (CMM, optical, 3D scan)",
    source: "docs/domain/facts.md 3.8 [XT-QC] [XT-INSP]",
  },
  {
    id: "density_hardness",
    stage: "inspection",
    label: "Density and hardness checks",
    source: "docs/domain/facts.md 3.8 [XT-QC]",
  },
  {
    id: "first_article",
    stage: "inspection",
    label: "First article inspection, PPAP level or certificate of conformance agreed with the buyer",
    source: "docs/domain/facts.md 3.4, 3.8 [PTONLINE]; docs/domain/quoting.md 4 (PPAP level 3 default, AS9102)",
  },
  {
    id: "sampling_plan",
    stage: "inspection",
    label: "Sampling plan (ISO 2859) and lot identification for traceability",
    source: "docs/domain/facts.md 3.8 [HUBS-INSP] [XT-INSP]",
  },
];

export type ChecklistContext = {
  material: string;
  heatTreatment?: string | null;
  surfaceTreatment?: string | null;
};

function applies(item: ChecklistItem, context: ChecklistContext): boolean {
  const when = item.appliesWhen;
  if (!when) return true;
  if ("families" in when) {
    const family = findMaterial(context.material)?.family;
    return family !== undefined && when.families.includes(family);
  }
  if ("materials" in when) return when.materials.includes(context.material);
  const recognised =
    when.asked === "heat_treatment"
      ? recogniseHeatTreatments(context.heatTreatment)
      : recogniseSurfaceTreatments(context.surfaceTreatment);
  // Unrecognised text is still a treatment asked for: the reviewer should weigh it.
  return recognised.found.length > 0 || recognised.unrecognised;
}

/** The checklist items that apply to this inquiry, grouped by stage in process order. */
export function applicableChecklist(context: ChecklistContext): Record<string, ChecklistItem[]> {
  return Object.fromEntries(
    PROCESS_STAGES.map((s) => [s.id, STAGE_CHECKLIST.filter((i) => i.stage === s.id && applies(i, context))]),
  );
}

/** The applicable items a stage's assessment has not checked yet (the UI marks them, it does not block). */
export function uncheckedItems(
  stageId: string,
  assessment: Pick<StageAssessment, "checklist"> | undefined,
  context: ChecklistContext,
): ChecklistItem[] {
  const checked = new Set(assessment?.checklist ?? []);
  return (applicableChecklist(context)[stageId] ?? []).filter((i) => !checked.has(i.id));
}

const storedStage = z.object({
  level: z.enum(RISK_LEVELS.map((l) => l.id) as [RiskLevel, ...RiskLevel[]]),
  checked: z.array(z.string()).default([]),
  notes: z.string().default(""),
  focus: z.record(z.string()).optional(),
  checklist: z.array(z.string()).optional(),
});

/**
 * Gate 2's stored payload as assessments per stage, or null when it holds none. Decisions recorded
 * before the review focus and the checklist existed read without them; focus points and checklist
 * ids that do not belong to the stage are dropped, so the same reader can sanitise a form's input.
 */
export function readStageAssessments(payload: unknown): Record<string, StageAssessment> | null {
  const parsed = z.object({ stages: z.record(z.unknown()) }).safeParse(payload);
  if (!parsed.success) return null;
  const stages: Record<string, StageAssessment> = {};
  for (const s of PROCESS_STAGES) {
    const one = storedStage.safeParse(parsed.data.stages[s.id]);
    if (!one.success) continue;
    const { focus, checklist, ...rest } = one.data;
    const items = new Set(STAGE_CHECKLIST.filter((i) => i.stage === s.id).map((i) => i.id));
    stages[s.id] = {
      ...rest,
      ...(focus && {
        focus: Object.fromEntries(Object.entries(focus).filter(([point]) => s.focusPoints.includes(point))),
      }),
      ...(checklist && { checklist: checklist.filter((id) => items.has(id)) }),
    };
  }
  return stages;
}
