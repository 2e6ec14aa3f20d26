import { formatDateTime } from "~/utils/format";
import { inquirySummaryRows } from "~/utils/inquiry-summary";
import { listInquiryEvents, listInquiryFiles, listModelAnalyses, listQuestions } from "../../db/queries/inquiries";
import { listSentQuotes } from "../../db/queries/quotes";
import { stateBuyerLabel, stateBuyerText } from "../../workflows/inquiry";
import { buyerTimeline } from "../../workflows/timeline";
import { modelAnalysisViews, thumbnailUrls } from "./cad/views.server";
import { toPublicFile } from "./intake.server";
import type { Services } from "./services.server";
import { ndaBuyerLine } from "./nda.server";
import { getInquiryByToken } from "./status.server";

/**
 * What the buyer's status page shows, or null when the link opens no inquiry. Read here rather
 * than in the route, so the page's browser script carries no database or workflow code.
 */
export function statusPageData(services: Services, token: string) {
  const inquiry = getInquiryByToken(services, token);
  if (!inquiry) return null;
  const { maxFileBytes, maxFiles, maxRequestBytes } = services.config.limits;
  const questions = listQuestions(services.db, inquiry.id);
  const files = listInquiryFiles(services.db, inquiry.id);
  const analyses = listModelAnalyses(services.db, inquiry.id);
  const previewUrl = (fileId: string) => `/status/${token}/files/${fileId}/preview`;
  const thumbnails = thumbnailUrls(analyses, files, previewUrl);
  const open = inquiry.state === "awaiting_buyer" ? questions.find((q) => q.answeredAt === null) : undefined;
  const quote = listSentQuotes(services.db, inquiry.id)[0];
  return {
    quoteVersion: quote?.version ?? null,
    reference: inquiry.reference,
    partName: inquiry.partName,
    stateLabel: stateBuyerLabel(inquiry.state),
    stateText: stateBuyerText(inquiry.state),
    nda: ndaBuyerLine(services, inquiry),
    submittedAt: formatDateTime(inquiry.createdAt),
    summary: inquirySummaryRows(inquiry),
    openQuestion: open
      ? { id: open.id, text: open.text, wantsRevision: open.wantsRevision, askedAt: formatDateTime(open.askedAt) }
      : null,
    answered: questions
      .filter((q) => q.answeredAt !== null)
      .map((q) => ({ id: q.id, text: q.text, answer: q.answer ?? "" })),
    files: files.map((f) => ({
      ...toPublicFile(f),
      uploadedAt: formatDateTime(f.uploadedAt),
      thumbnailUrl: thumbnails.get(f.id) ?? null,
    })),
    models: modelAnalysisViews(files, analyses, inquiry.material, previewUrl),
    events: buyerTimeline(listInquiryEvents(services.db, inquiry.id)).map((e) => ({
      id: e.id,
      at: formatDateTime(e.createdAt),
      title: e.title,
      detail: e.detail,
    })),
    limits: { maxFileBytes, maxFiles, maxRequestBytes },
  };
}
