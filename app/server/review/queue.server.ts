import type { Db } from "../../../db/client";
import { EXPIRING_WITHIN_MS, isOverdue, listScreenInputs, type QueueRow } from "../../../db/queries/queue";
import { gateLabel, gateOf, stateLabel } from "../../../workflows/inquiry";
import { materialLabel } from "../../../workflows/materials";
import type { Flag } from "../../../workflows/pre-assessment";
import { declineReasonLabel } from "../../../workflows/quote-answer";
import { formatDuration, formatPrice } from "~/utils/format";
import { inquiryPreAssessment } from "./workspace.server";
import type { Settings } from "../factory/settings.server";

const day = (date: Date) => date.toISOString().slice(0, 10);

export type QuotationCell = { text: string; detail: string | null; expiring: boolean };

/** The row's quotation in a few words: its validity while the buyer holds it, or the buyer's answer. */
function quotationCell(row: QueueRow, now: Date): QuotationCell {
  const none = { text: "–", detail: null, expiring: false };
  if (row.quoteVersion === null) return none;
  const v = `v${row.quoteVersion}`;
  switch (row.state) {
    case "quoted": {
      const until = row.quoteValidUntil;
      if (!until) return none;
      return {
        text: `${v}, valid until ${day(until)}`,
        detail: null,
        expiring: until.getTime() - now.getTime() <= EXPIRING_WITHIN_MS,
      };
    }
    case "won":
      return { text: `${v} accepted`, detail: null, expiring: false };
    case "lost":
      return {
        text: `${v} declined: ${row.declineReason ? declineReasonLabel(row.declineReason) : "no reason given"}`,
        detail: row.declineText || null,
        expiring: false,
      };
    case "expired":
      return {
        text: `${v} expired${row.quoteValidUntil ? ` after ${day(row.quoteValidUntil)}` : ""}`,
        detail: null,
        expiring: false,
      };
    default:
      return none;
  }
}

const FLAG_LABELS: Record<Flag, string> = { red: "Red", amber: "Amber", green: "Green" };

/**
 * A page of queue rows as the table shows them, each with the screen the workspace would show
 * (judged on the answers alone while no model is measured).
 */
export function queueRowViews(db: Db, rows: QueueRow[], now: Date, settings: Settings) {
  const screenInputs = listScreenInputs(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => {
    const gate = gateOf(row.state);
    const inputs = screenInputs.get(row.id)!;
    const { screen, measured } = inquiryPreAssessment(row, inputs.files, inputs.analyses, settings.preAssessment);
    return {
      id: row.id,
      reference: row.reference,
      company: row.company,
      partName: row.partName,
      partNumber: row.partNumber,
      material: materialLabel(row.material),
      annualVolume: row.annualVolume.toLocaleString("en-US"),
      screen: { flag: screen.flag, label: FLAG_LABELS[screen.flag], measured },
      targetPrice: row.targetPrice === null ? null : formatPrice(row.targetPrice, row.currency),
      samplesBy: row.samplesNeededBy,
      state: stateLabel(row.state),
      gate: gate ? gateLabel(gate) : null,
      assignee: row.assigneeName,
      age: formatDuration(now.getTime() - row.createdAt.getTime()),
      inState: formatDuration(now.getTime() - row.stateChangedAt.getTime()),
      nda: row.ndaRequired,
      exportControlled: row.exportControlled,
      overdue: isOverdue(row, now, settings.queue),
      quotation: quotationCell(row, now),
    };
  });
}

export type QueueRowView = ReturnType<typeof queueRowViews>[number];
