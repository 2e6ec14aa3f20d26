/**
 * What the cost model needs from what the review already recorded: gate 3's stored decision (sizing
 * yes/no, the chosen secondary operations) and a measured model. Stored payloads are read with zod,
 * so a decision recorded before a field existed reads as "not decided" rather than as a crash.
 */
import { z } from "zod";
import type { PartInput } from "./cost-model";
import { SECONDARY_OPERATIONS, type SecondaryOperation } from "./review-domain";

const operationIds = SECONDARY_OPERATIONS.map((o) => o.id) as [SecondaryOperation, ...SecondaryOperation[]];

const gate3Payload = z.object({
  sizingRequired: z.enum(["yes", "no"]),
  secondary: z.array(z.enum(operationIds)).default([]),
});

/** Sizing and operations from the sizing_secondary gate's payload, or null when it holds no such decision. */
export function gate3Choices(payload: unknown): { sizing: boolean; operations: SecondaryOperation[] } | null {
  const parsed = gate3Payload.safeParse(payload);
  if (!parsed.success) return null;
  return { sizing: parsed.data.sizingRequired === "yes", operations: parsed.data.secondary };
}

/** A measured model (as the pre-assessment's Measurements or the stored metrics shape it) as the part to price. */
export function measuredPart(m: {
  volumeMm3: number;
  sizeMm: readonly [number, number, number];
  watertight: boolean;
}): PartInput {
  return { kind: "measured", volumeMm3: m.volumeMm3, sizeMm: m.sizeMm, watertight: m.watertight };
}
