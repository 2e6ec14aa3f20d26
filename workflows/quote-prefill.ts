/**
 * What a new quote opens with, from what the review recorded: the cost model's inputs (material,
 * volume, application, the measured model, gate 3's sizing and operations) and the review's
 * decisions as assumptions in plain words. Pure; stored payloads are read with zod, so an old or
 * partial record gives fewer assumptions, never a crash.
 */
import { z } from "zod";
import { defaultQuantityBreaks, type CostModelInput, type PartInput } from "./cost-model";
import { gate3Choices, measuredPart } from "./quote-inputs";
import {
  INSPECTION_ITEMS,
  labelOf,
  PROCESS_STAGES,
  RISK_LEVELS,
  SECONDARY_OPERATIONS,
  SIZING_REQUIREMENTS,
} from "./review-domain";
import { readGate3Decision } from "./sizing-decision";

const metrics = z.object({
  volumeMm3: z.number().positive(),
  sizeMm: z.tuple([z.number(), z.number(), z.number()]),
  watertight: z.boolean(),
});

/**
 * A name typed as a heading ("Assembly surface") as it reads inside a sentence; acronyms and codes
 * ("ID bore", "A-datum face") keep their capitals.
 */
function midSentence(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

/** The review's gate-3 decision as the quote's stated assumptions. */
export function quoteAssumptions(gate3Payload: unknown): string[] {
  const d = readGate3Decision(gate3Payload);
  if (!d) return [];
  const lines: string[] = [];
  if (d.sizingRequired) {
    const features = d.sizingFeatures.length > 0 ? d.sizingFeatures : [{ feature: "", requirement: "", reason: "" }];
    for (const f of features) {
      const requirement = labelOf(SIZING_REQUIREMENTS, f.requirement).toLowerCase();
      const feature = midSentence(f.feature.trim() || "the specified feature").replace(/^the /, "");
      lines.push(`Post-sintering sizing of the ${feature} for ${requirement}.`);
    }
    lines.push(
      d.secondary.length > 0
        ? "As-sintered tolerances elsewhere, except where a secondary operation below applies."
        : "As-sintered tolerances elsewhere.",
    );
  } else {
    lines.push(
      d.secondary.length > 0
        ? "As-sintered tolerances, without post-sintering sizing, except where a secondary operation below applies."
        : "As-sintered tolerances throughout, without post-sintering sizing.",
    );
  }
  for (const op of d.secondary) {
    const reason = d.secondaryReasons[op]?.trim();
    lines.push(`${labelOf(SECONDARY_OPERATIONS, op)}${reason ? `: ${reason}` : ""}.`);
  }
  if (d.inspection.length > 0)
    lines.push(
      `Inspection: ${d.inspection.map((i, n) => (n === 0 ? labelOf(INSPECTION_ITEMS, i) : labelOf(INSPECTION_ITEMS, i).toLowerCase())).join(", ")}.`,
    );
  return lines;
}

const stageRiskNotes = z.object({
  stages: z.record(
    z.object({
      level: z.enum(RISK_LEVELS.map((l) => l.id) as ["low", "medium", "high"]),
      notes: z.string().default(""),
    }),
  ),
});

/**
 * Gate 2's stage-risk notes as assumptions the preparer may add to the quote, in process order:
 * one line each ("Sintering: long arm supported on a setter."), since the builder keeps one
 * assumption per line, with the stage's id (what the builder's form posts). Stages without notes
 * offer nothing.
 */
export function stageRiskAssumptions(stageRiskPayload: unknown): { stage: string; text: string }[] {
  const parsed = stageRiskNotes.safeParse(stageRiskPayload);
  if (!parsed.success) return [];
  return PROCESS_STAGES.flatMap((s) => {
    const notes = parsed.data.stages[s.id]?.notes.replace(/\s*[\r\n]+\s*/g, "; ").trim() ?? "";
    if (!notes) return [];
    return [{ stage: s.id, text: `${s.name}: ${notes}${/[.!?]$/.test(notes) ? "" : "."}` }];
  });
}

/** The part as measured by the first usable model analysis, or null when mass must be entered. */
export function measuredFrom(analyses: readonly { metrics: unknown }[]): PartInput | null {
  for (const a of analyses) {
    const parsed = metrics.safeParse(a.metrics);
    if (parsed.success) return measuredPart(parsed.data);
  }
  return null;
}

/**
 * The cost model's inputs for a new quote. `part` is null when nothing was measured: the builder
 * then asks for the sintered mass and the footprint.
 */
export function prefillInputs(source: {
  material: string;
  annualVolume: number;
  application: string | null;
  gate3Payload: unknown;
  part: PartInput | null;
}): { inputs: Omit<CostModelInput, "part">; part: PartInput | null } {
  const choices = gate3Choices(source.gate3Payload) ?? { sizing: false, operations: [] };
  return {
    inputs: {
      materialId: source.material,
      annualVolume: source.annualVolume,
      application: source.application,
      sizing: choices.sizing,
      operations: choices.operations,
      quantities: defaultQuantityBreaks(source.annualVolume),
    },
    part: source.part,
  };
}
