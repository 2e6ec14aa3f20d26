/** What the quote builder shows: the inquiry with what the review decided, the rates' state and every version. */
import { listQuotes } from "../../../db/queries/quotes";
import { measuredFrom, prefillInputs, quoteAssumptions, stageRiskAssumptions } from "../../../workflows/quote-prefill";
import { factoryProfile } from "../factory/factory.server";
import { getWorkspace } from "../review/workspace.server";
import type { Services } from "../service-types";
import { currentRates, ratesConfirmed } from "./rates.server";

/** What the quote builder opens with: the inquiry, the prefilled inputs and assumptions, and every version. */
export function quoteSources(services: Services, inquiryId: string) {
  const workspace = getWorkspace(services, inquiryId);
  if (!workspace) return null;
  const { inquiry, decisions, analyses } = workspace;
  const gate3 = decisions.find((d) => d.decision.gate === "sizing_secondary")?.decision.payload ?? null;
  const stageRisk = decisions.find((d) => d.decision.gate === "stage_risk")?.decision.payload ?? null;
  const prefill = prefillInputs({
    material: inquiry.material,
    annualVolume: inquiry.annualVolume,
    application: inquiry.application,
    gate3Payload: gate3,
    part: measuredFrom(analyses),
  });
  return {
    inquiry,
    prefill,
    assumptions: quoteAssumptions(gate3),
    stageRiskAssumptions: stageRiskAssumptions(stageRisk),
    ratesCurrency: currentRates(services.db).currency,
    quotes: listQuotes(services.db, inquiryId),
    ratesConfirmed: ratesConfirmed(services.db),
    factoryNamed: factoryProfile(services.db) !== null,
  };
}
