import type { Inquiry } from "../../db/schema";
import { materialLabel } from "../../workflows/materials";
import { formatCriticalDimension } from "../../workflows/tolerances";
import { LANGUAGES } from "~/i18n/languages";

export type SummaryRow = { label: string; value: string };

const yesNo = (v: boolean) => (v ? "Yes" : "No");

/** What the buyer sent, as label/value rows; empty optional answers are left out. */
export function inquirySummaryRows(inquiry: Inquiry): SummaryRow[] {
  const rows: [string, string | number | null | undefined][] = [
    ["Company", inquiry.company],
    ["Contact", inquiry.contactName],
    ["E-mail", inquiry.email],
    ["Phone", inquiry.phone],
    ["Country", inquiry.country],
    ["Language", LANGUAGES.find((l) => l.code === inquiry.locale)?.label ?? inquiry.locale],
    [
      "Part",
      [inquiry.partName, inquiry.partNumber, inquiry.revision && `rev. ${inquiry.revision}`].filter(Boolean).join(", "),
    ],
    ["Material", materialLabel(inquiry.material)],
    ["Annual volume", `${inquiry.annualVolume.toLocaleString("en-US")} parts per year`],
    ["Application environment", inquiry.application],
    ["General tolerance", inquiry.generalTolerance],
    ["Critical dimensions", inquiry.criticalDimensions.map(formatCriticalDimension).join("\n")],
    ["Flatness", inquiry.flatnessMm === null ? null : `${inquiry.flatnessMm} mm`],
    ["Roundness", inquiry.roundnessMm === null ? null : `${inquiry.roundnessMm} mm`],
    ["Surface treatment", inquiry.surfaceTreatment],
    ["Heat treatment", inquiry.heatTreatment],
    ["Target price", inquiry.targetPrice === null ? null : `${inquiry.targetPrice} ${inquiry.currency ?? ""}`.trim()],
    ["Samples needed by", inquiry.samplesNeededBy],
    ["NDA required", yesNo(inquiry.ndaRequired)],
    ["Export-controlled data", yesNo(inquiry.exportControlled)],
    ["Notes", inquiry.notes],
  ];
  return rows
    .filter(([, value]) => value !== null && value !== undefined && value !== "")
    .map(([label, value]) => ({ label, value: String(value) }));
}
