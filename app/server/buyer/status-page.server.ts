import { formatDateTimeIn } from "~/i18n/format";
import type { Language } from "~/i18n/languages";
import { formatBytes } from "~/utils/format";
import { listInquiryEvents, listInquiryFiles, listModelAnalyses, listQuestions } from "../../../db/queries/inquiries";
import { listSentQuotes } from "../../../db/queries/quotes";
import { buyerTimeline } from "../../../workflows/timeline";
import { modelAnalysisViews, thumbnailUrls } from "../cad/views.server";
import { toPublicFile } from "./intake.server";
import type { Services } from "../service-types";
import { ndaBuyerLine } from "../review/nda.server";
import type { Inquiry } from "../../../db/queries/inquiries";
import { analysisNoteWords, buyerLineWords, buyerSummaryRows, buyerWords, stateWords } from "./status-words.server";

/**
 * What the buyer's status page shows of the inquiry its link `token` opens, in the page's language.
 * Read here rather than in the route, so the page's browser script carries no database or workflow
 * code; dates and numbers are formatted here, so the page hydrates as the server wrote it.
 */
export function statusPageData(services: Services, inquiry: Inquiry, token: string, language: Language) {
  const words = buyerWords(language);
  const { t } = words;
  const at = (date: Date) => formatDateTimeIn(language, date);
  const { maxFileBytes, maxFiles, maxRequestBytes } = services.config.limits;
  const questions = listQuestions(services.db, inquiry.id);
  const files = listInquiryFiles(services.db, inquiry.id);
  const analyses = listModelAnalyses(services.db, inquiry.id);
  const previewUrl = (fileId: string) => `/status/${token}/files/${fileId}/preview`;
  const thumbnails = thumbnailUrls(analyses, files, previewUrl);
  const open = inquiry.state === "awaiting_buyer" ? questions.find((q) => q.answeredAt === null) : undefined;
  const sentQuotes = listSentQuotes(services.db, inquiry.id);
  const quote = sentQuotes[0];
  return {
    quoteVersion: quote?.version ?? null,
    reference: inquiry.reference,
    partName: inquiry.partName,
    state: stateWords(words, inquiry.state),
    nda: ndaBuyerLine(services, inquiry, words),
    submittedAt: at(inquiry.createdAt),
    summary: buyerSummaryRows(words, inquiry),
    openQuestion: open
      ? { id: open.id, text: open.text, wantsRevision: open.wantsRevision, askedAt: at(open.askedAt) }
      : null,
    answered: questions
      .filter((q) => q.answeredAt !== null)
      .map((q) => ({ id: q.id, text: q.text, answer: q.answer ?? "" })),
    files: files.map((f) => ({
      ...toPublicFile(f),
      size: formatBytes(f.size, language),
      uploadedAt: at(f.uploadedAt),
      thumbnailUrl: thumbnails.get(f.id) ?? null,
    })),
    // The buyer's card shows the part's size and volume; the engineers' readings (mass, walls,
    // undercuts, mesh) are the review's and stay on staff pages, out of the page's data too.
    models: modelAnalysisViews(files, analyses, inquiry.material, previewUrl, language).map((m) => ({
      ...m,
      reason: analysisNoteWords(words, m),
      areaMm2: null,
      massG: null,
      massNote: null,
      wall: null,
      geometry: null,
      watertight: null,
      triangles: null,
    })),
    events: buyerTimeline(listInquiryEvents(services.db, inquiry.id)).map((e) => ({
      id: e.id,
      at: at(e.createdAt),
      ...buyerLineWords(words, e.line, lapsedBefore(sentQuotes, e.createdAt)),
    })),
    limits: { maxFileBytes, maxFiles, maxRequestBytes },
    limitsText: t("status:limits", { count: maxFiles, size: formatBytes(maxFileBytes, language) }),
  };
}

/** The version whose validity ran out last before `at`: what an expiry on the timeline refers to. */
function lapsedBefore(quotes: { version: number; validUntil: Date | null }[], at: Date) {
  const lapsed = quotes
    .filter((q) => q.validUntil !== null && q.validUntil.getTime() <= at.getTime())
    .sort((a, b) => b.validUntil!.getTime() - a.validUntil!.getTime())[0];
  return lapsed ? { version: lapsed.version, validUntil: lapsed.validUntil! } : undefined;
}
