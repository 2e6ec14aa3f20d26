/**
 * Gate 3's decision as typed data: several sizing features, each with its requirement and reason,
 * the secondary operations with the drawing requirement behind each, and the inspection plan. Also
 * what the gate opens with: operations from the buyer's heat and surface treatment answers, and
 * sizing features from the screen's tolerance routes. Pure.
 */
import { z } from "zod";
import { findMaterial } from "./materials";
import type { RoutedDimension } from "./pre-assessment";
import {
  INSPECTION_ITEMS,
  SECONDARY_OPERATIONS,
  SIZING_REQUIREMENTS,
  type SecondaryOperation,
  type SizingFeature,
  type SizingRequirement,
} from "./review-domain";
import {
  heatTreatmentWords,
  recogniseHeatTreatments,
  recogniseSurfaceTreatments,
  type HeatTreatment,
} from "./treatments";

const ids = <T extends { id: string }>(list: readonly T[]) => list.map((item) => item.id) as [T["id"], ...T["id"][]];

export const sizingFeatureSchema = z.object({
  feature: z.string().trim().min(1, 'Name the feature to size, e.g. "assembly surface A".').max(300),
  requirement: z.enum(ids(SIZING_REQUIREMENTS), {
    errorMap: () => ({ message: "Choose the requirement sizing is for." }),
  }),
  reason: z.string().trim().min(1, "Give the reason sintering alone will not hold it.").max(4000),
});

export type Gate3Decision = {
  sizingRequired: boolean;
  sizingFeatures: SizingFeature[];
  secondary: SecondaryOperation[];
  secondaryReasons: Partial<Record<SecondaryOperation, string>>;
  inspection: string[];
  inspectionNotes: string;
};

/**
 * A stored payload in either shape: the first one held a single sizingRequirement / sizingFeature /
 * sizingReason; the current one a sizingFeatures list. Unknown operation or inspection ids (from
 * a later catalogue) are dropped rather than failing the whole decision.
 */
const storedGate3 = z.object({
  sizingRequired: z.enum(["yes", "no"]),
  sizingFeatures: z.array(z.unknown()).optional(),
  sizingRequirement: z.string().optional(),
  sizingFeature: z.string().optional(),
  sizingReason: z.string().optional(),
  secondary: z.array(z.string()).default([]),
  secondaryReasons: z.record(z.string()).default({}),
  inspection: z.array(z.string()).default([]),
  inspectionNotes: z.string().default(""),
});

const OPERATION_IDS = new Set<string>(SECONDARY_OPERATIONS.map((o) => o.id));
const INSPECTION_IDS = new Set<string>(INSPECTION_ITEMS.map((i) => i.id));
const REQUIREMENT_IDS = new Set<string>(SIZING_REQUIREMENTS.map((r) => r.id));

/** Gate 3's stored payload as a decision, or null when it holds none. */
export function readGate3Decision(payload: unknown): Gate3Decision | null {
  const parsed = storedGate3.safeParse(payload);
  if (!parsed.success) return null;
  const d = parsed.data;
  const features: SizingFeature[] = d.sizingFeatures
    ? d.sizingFeatures.flatMap((f) => {
        const one = sizingFeatureSchema.safeParse(f);
        return one.success ? [one.data] : [];
      })
    : d.sizingRequirement && REQUIREMENT_IDS.has(d.sizingRequirement)
      ? [
          {
            feature: d.sizingFeature ?? "",
            requirement: d.sizingRequirement as SizingRequirement,
            reason: d.sizingReason ?? "",
          },
        ]
      : [];
  const secondary = d.secondary.filter((op): op is SecondaryOperation => OPERATION_IDS.has(op));
  return {
    sizingRequired: d.sizingRequired === "yes",
    sizingFeatures: d.sizingRequired === "yes" ? features : [],
    secondary,
    secondaryReasons: Object.fromEntries(secondary.map((op) => [op, d.secondaryReasons[op] ?? ""])),
    inspection: d.inspection.filter((i) => INSPECTION_IDS.has(i)),
    inspectionNotes: d.inspectionNotes,
  };
}

/**
 * The payload to store. It also carries the first feature in the first shape's fields, so readers
 * written for one feature (the decision summary, older quotes' assumptions) still read it.
 */
export function gate3Payload(decision: Gate3Decision): Record<string, unknown> {
  const first = decision.sizingFeatures[0];
  return {
    sizingRequired: decision.sizingRequired ? "yes" : "no",
    sizingFeatures: decision.sizingFeatures,
    sizingRequirement: first?.requirement,
    sizingFeature: first?.feature ?? "",
    sizingReason: first?.reason ?? "",
    secondary: decision.secondary,
    secondaryReasons: decision.secondaryReasons,
    inspection: decision.inspection,
    inspectionNotes: decision.inspectionNotes,
  };
}

export type SuggestedOperation = { id: SecondaryOperation; reason: string };

const HEAT_OPERATION: Record<HeatTreatment, SecondaryOperation> = {
  solution_anneal: "heat_treatment",
  h_condition: "heat_treatment",
  ageing: "heat_treatment",
  quench_temper: "heat_treatment",
  case_hardening: "heat_treatment",
  hardening: "heat_treatment",
  stress_relief: "heat_treatment",
  magnetic_anneal: "magnetic_annealing",
  hip: "hip",
};

export type Gate3Prefill = {
  material: string;
  heatTreatment: string | null | undefined;
  surfaceTreatment: string | null | undefined;
  /** The screen's tolerance routes (pre-assessment.ts), when it ran. */
  routes?: readonly RoutedDimension[];
};

/**
 * The operations the buyer's answers and the screen call for, each with the reason to show the
 * engineer, who confirms or removes them. One entry per operation: reasons for the same operation
 * are joined.
 */
export function suggestOperations(input: Gate3Prefill): SuggestedOperation[] {
  const reasons = new Map<SecondaryOperation, string[]>();
  const add = (id: SecondaryOperation, reason: string) => reasons.set(id, [...(reasons.get(id) ?? []), reason]);

  for (const t of recogniseHeatTreatments(input.heatTreatment).found)
    add(HEAT_OPERATION[t.id], `The buyer asks for ${t.words} (${heatTreatmentWords(t.id)}).`);
  for (const t of recogniseSurfaceTreatments(input.surfaceTreatment).found)
    add(t.id, `The buyer asks for "${t.words}" as the surface treatment.`);

  const routes = input.routes ?? [];
  for (const r of routes) {
    if (r.route === "coining") add("coining", `${r.label}: ${r.reason}`);
    if (r.route === "sorting") add("sorting_100", `${r.label}: ${r.reason}`);
    if (r.route === "machining") add("cnc_machining", `${r.label}: ${r.reason}`);
  }
  const stressed = routes.some((r) => r.route !== "as_sintered");
  if (stressed && findMaterial(input.material)?.family === "soft-magnetic" && !reasons.has("magnetic_annealing"))
    add(
      "magnetic_annealing",
      "Soft-magnetic grade: re-anneal after sizing or machining to restore its magnetic properties (ASTM A904, docs/domain/facts.md 3.2).",
    );
  if (reasons.has("heat_treatment") && routes.some((r) => r.route === "machining"))
    add("heat_treatment", "Machine the critical dimensions after heat treatment (docs/domain/facts.md 3.2 [VETAMAS]).");

  return SECONDARY_OPERATIONS.filter((o) => reasons.has(o.id)).map((o) => ({
    id: o.id,
    reason: reasons.get(o.id)!.join(" "),
  }));
}

const ROUTE_REQUIREMENT: Record<RoutedDimension["kind"], SizingRequirement> = {
  dimension: "local_dimension",
  flatness: "flatness",
  roundness: "roundness",
};

/** A sizing feature for each tolerance the screen routed to sizing, with the screen's reason. */
export function suggestSizingFeatures(routes: readonly RoutedDimension[]): SizingFeature[] {
  return routes
    .filter((r) => r.route === "sizing")
    .map((r) => ({ feature: r.label, requirement: ROUTE_REQUIREMENT[r.kind], reason: r.reason }));
}

/** What gate 3 opens with, before the engineer changes anything. */
export function prefillGate3(input: Gate3Prefill): Gate3Decision {
  const operations = suggestOperations(input);
  const sizingFeatures = suggestSizingFeatures(input.routes ?? []);
  return {
    sizingRequired: sizingFeatures.length > 0,
    sizingFeatures,
    secondary: operations.map((o) => o.id),
    secondaryReasons: Object.fromEntries(operations.map((o) => [o.id, o.reason])),
    inspection: [],
    inspectionNotes: "",
  };
}
