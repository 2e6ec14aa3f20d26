/**
 * The buyer's status and quotation pages in the buyer's language: the workflow's data (where the
 * inquiry stands, the timeline, why a quotation cannot be answered, what the buyer sent) worded
 * with the status messages, and numbers and dates through Intl. Staff pages keep their English.
 */
import { retryMinutes } from "../rate-limit.server";
import type { TFunction } from "i18next";
import type { AnalysisReasonKind } from "../../../db/queries/analyses";
import type { Inquiry } from "../../../db/queries/inquiries";
import { RECOMMEND_MATERIAL } from "../../../workflows/materials";
import { formatCriticalDimension } from "../../../workflows/tolerances";
import type { BuyerLine } from "../../../workflows/timeline";
import type { AnswerRefusal } from "../../../workflows/quote-answer";
import { buyerPhase } from "../../../workflows/inquiry";
import { ltr } from "~/i18n/bidi";
import { materialName } from "~/i18n/material-name";
import { formatDateIn, formatMoneyIn, formatNumberIn } from "~/i18n/format";
import { languageInfo, type Language } from "~/i18n/languages";
import { translatorFor } from "../i18n/i18n.server";

/** The language an inquiry's pages, e-mails and quotations speak: the one stored with it. */
export function inquiryLanguage(inquiry: Pick<Inquiry, "locale">): Language {
  return languageInfo(inquiry.locale).code;
}

/** The buyer's words and Intl formats for one language. */
export type BuyerWords = { language: Language; t: TFunction };

export function buyerWords(language: Language): BuyerWords {
  return { language, t: translatorFor(language) };
}

/** "2026-11-20" (a stored calendar day) as the buyer's calendar writes it. */
export function formatDayIn(language: Language, isoDay: string): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoDay : formatDateIn(language, date);
}

export function stateWords({ t }: BuyerWords, state: string) {
  return { label: t(`status:phase.${buyerPhase(state)}`), text: t(`status:stateText.${state}`, { defaultValue: "" }) };
}

/**
 * One line of the buyer's timeline; file names and the buyer's own words stay as written. An
 * expiry names the version that lapsed and its last valid day, when `lapsed` is known.
 */
export function buyerLineWords(
  { t, language }: BuyerWords,
  line: BuyerLine,
  lapsed?: { version: number; validUntil: Date },
): { title: string; detail: string } {
  const list = (names: string[]) => names.map(ltr).join(", ");
  const files = (names: string[]) => t("status:timeline.files", { count: names.length, names: list(names) });
  switch (line.kind) {
    case "phase":
      return {
        title: t(`status:phase.${line.phase}`),
        detail:
          line.phase === "expired" && lapsed
            ? t("status:timeline.expired", {
                version: lapsed.version,
                date: formatDateIn(language, lapsed.validUntil),
              })
            : "",
      };
    case "submitted":
      return { title: t("status:timeline.submitted"), detail: files(line.files) };
    case "files_added":
      return { title: t("status:timeline.filesAdded"), detail: files(line.files) };
    case "question":
      return { title: t("status:timeline.question"), detail: line.text };
    case "answer":
      return {
        title: t("status:timeline.answer"),
        detail: [line.text, line.files.length > 0 ? t("status:timeline.answerFiles", { names: list(line.files) }) : ""]
          .filter(Boolean)
          .join(" · "),
      };
    case "quote_question":
      return { title: t("status:timeline.quoteQuestion", { version: line.version }), detail: line.text };
    case "quote_update_request":
      return { title: t("status:timeline.updateRequest"), detail: line.text };
  }
}

/**
 * Why a model has no measurements, in the buyer's words: what happened and what, if anything, the
 * buyer can do. The technical reason stays on the staff page. Null while it is measured or once it is.
 */
export function analysisNoteWords(
  { t }: BuyerWords,
  model: { status: string; reasonKind: AnalysisReasonKind | null },
): string | null {
  if (model.status === "failed") return t("status:models.reason", { kind: "crashed" });
  if (model.status !== "no_analysis") return null;
  return t("status:models.reason", { kind: model.reasonKind ?? "unknown" });
}

/** Why the buyer cannot answer a version, in their words. */
export function refusalWords({ t, language }: BuyerWords, refusal: AnswerRefusal): string {
  switch (refusal.kind) {
    case "not_sent":
      return t("status:refusal.notSent", { version: refusal.version });
    case "superseded":
    case "accepted":
    case "declined":
      return t(`status:refusal.${refusal.kind}`, { version: refusal.version });
    case "expired":
      return refusal.expiredOn
        ? t("status:refusal.expired", { version: refusal.version, date: formatDayIn(language, refusal.expiredOn) })
        : t("status:refusal.expiredUndated", { version: refusal.version });
    case "closed":
      return t("status:refusal.closed", { state: t(`status:phase.${refusal.phase}`) });
  }
}

/** "in 5 minutes" for a rate limit's wait. */
export function waitWords({ t }: BuyerWords, retryAfterSeconds: number): string {
  return t("status:errors.minutes", { count: retryMinutes({ retryAfterSeconds }) });
}

/**
 * A summary row; `ltr` marks values that read left to right in every language (part numbers,
 * revisions, tolerances, alloys, e-mail addresses), isolated on the page.
 */
export type BuyerSummaryRow = { label: string; value: string; ltr?: boolean };

/** What the buyer sent, in their language; empty optional answers are left out. */
export function buyerSummaryRows({ t, language }: BuyerWords, inquiry: Inquiry): BuyerSummaryRow[] {
  const label = (key: string) => t(`status:summary.${key}`);
  const material = materialName(t, inquiry.material);
  const yesNo = (v: boolean) => label(v ? "yes" : "no");
  const mm = (v: number | null) => (v === null ? null : `${formatNumberIn(language, v)} mm`);
  const rows: [string, string | null | undefined, boolean?][] = [
    ["company", inquiry.company],
    ["contact", inquiry.contactName],
    ["email", inquiry.email, true],
    ["phone", inquiry.phone, true],
    ["country", inquiry.country],
    ["language", languageInfo(inquiry.locale).label],
    ["part", inquiry.partName],
    ["partNumber", inquiry.partNumber, true],
    ["revision", inquiry.revision, true],
    inquiry.material === RECOMMEND_MATERIAL
      ? ["material", label("recommendMaterial")]
      : ["material", material.text, material.designation],
    ["volume", t("status:summary.volumeValue", { volume: formatNumberIn(language, inquiry.annualVolume) })],
    ["application", inquiry.application],
    ["generalTolerance", inquiry.generalTolerance, true],
    ["criticalDimensions", inquiry.criticalDimensions.map(formatCriticalDimension).join("\n"), true],
    ["flatness", mm(inquiry.flatnessMm), true],
    ["roundness", mm(inquiry.roundnessMm), true],
    ["surfaceTreatment", inquiry.surfaceTreatment],
    ["heatTreatment", inquiry.heatTreatment],
    [
      "targetPrice",
      inquiry.targetPrice === null
        ? null
        : inquiry.currency
          ? formatMoneyIn(language, inquiry.targetPrice, inquiry.currency)
          : formatNumberIn(language, inquiry.targetPrice),
    ],
    ["samplesBy", inquiry.samplesNeededBy ? formatDayIn(language, inquiry.samplesNeededBy) : null],
    ["nda", yesNo(inquiry.ndaRequired)],
    ["exportControlled", yesNo(inquiry.exportControlled)],
    ["notes", inquiry.notes],
  ];
  return rows
    .filter((row): row is [string, string, boolean?] => row[1] !== null && row[1] !== undefined && row[1] !== "")
    .map(([key, value, ltr]) => ({ label: label(key), value, ...(ltr ? { ltr } : {}) }));
}
