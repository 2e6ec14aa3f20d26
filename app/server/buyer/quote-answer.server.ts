/**
 * The buyer's side of a sent quotation, reached through the status token: the page's data, the
 * first view, and the answers (accept, decline, a question, a request for an update). Every answer
 * re-checks the version and the inquiry inside its transaction, together with the inquiry's move,
 * the timeline and the e-mail to sales, so a direct or repeated post cannot answer twice.
 */
import { parseWithZod } from "@conform-to/zod";
import type { SubmissionResult } from "@conform-to/react";
import { writeTransaction, type Db } from "../../../db/client";
import { appendEvent } from "../../../db/queries/inquiries";
import { listSentQuotes, markQuoteViewed, updateQuote } from "../../../db/queries/quotes";
import { findUserById } from "../../../db/queries/users";
import type { Inquiry } from "../../../db/queries/inquiries";
import type { Quote } from "../../../db/queries/quotes";
import { renderEmail, type QuoteAnswerData } from "../../../emails";
import type { SummaryRow } from "../../../emails/layout";
import { answerRefusal, declineReasonLabel } from "../../../workflows/quote-answer";
import type { QuoteDocument } from "../../../workflows/quote-document";
import { quoteFigures } from "../../../workflows/quote-document-text";
import {
  acceptForm,
  declineForm,
  QUOTE_ANSWER_INTENTS,
  quoteQuestionForm,
  updateRequestForm,
  type QuoteAnswerIntent,
} from "~/forms/quote-answer";
import { formatDateTimeIn, formatNumberIn } from "~/i18n/format";
import type { Language } from "~/i18n/languages";
import { formatDateTime } from "~/utils/format";
import { enqueueEmail } from "../mail/outbox.server";
import { quoteDocumentOf } from "../quotes/quote-sending.server";
import { applyReviewEvent, BUYER, findInquiry } from "../review/review.server";
import { salesRecipients } from "../quotes/sales-recipients.server";
import { Refused } from "../refused.server";
import type { Services } from "../service-types";
import {
  buyerWords,
  formatDayIn,
  inquiryLanguage,
  refusalWords,
  waitWords,
  type BuyerWords,
} from "./status-words.server";

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** A sent version as the buyer's page shows it: the document its PDF printed, and where it stands. */
function versionView(db: Db, services: Services, inquiry: Inquiry, quote: Quote, words: BuyerWords, now: Date) {
  const sender = quote.sentBy ? findUserById(db, quote.sentBy) : undefined;
  const made = quoteDocumentOf(
    db,
    inquiry,
    quote,
    { name: sender?.name ?? "Sales", email: sender?.email ?? services.config.mail.salesInbox },
    quote.sentAt!,
  );
  // The stored validity is the one that holds (the document recomputes it from the send).
  const document: QuoteDocument | null = made.ok
    ? { ...made.document, validUntil: quote.validUntil ? isoDay(quote.validUntil) : made.document.validUntil }
    : null;
  const refusal = answerRefusal(quote, inquiry.state, now);
  return {
    version: quote.version,
    status: quote.status,
    sentAt: formatDateTimeIn(words.language, quote.sentAt!),
    validUntil: quote.validUntil ? formatDayIn(words.language, isoDay(quote.validUntil)) : null,
    document,
    /** The document's numbers and dates in the buyer's locale, formatted here so the page hydrates as sent. */
    figures: document ? quoteFigures(document) : null,
    refusal: refusal ? refusalWords(words, refusal) : null,
    answer: buyerAnswerOf(words, quote),
  };
}

/** What a version offers the buyer to choose from when accepting. */
function choicesOf(quote: Quote) {
  return { cavities: quote.prices.options.map((o) => o.cavities), quantities: [...quote.quantities] };
}

/** The buyer's answer to a version, in the buyer's words for their quotation page. */
function buyerAnswerOf({ t, language }: BuyerWords, quote: Quote) {
  if (quote.answeredAt === null) return null;
  const date = formatDateTimeIn(language, quote.answeredAt);
  if (quote.status === "accepted" || quote.acceptedCavities !== null)
    return {
      title: t("status:answer.accepted", { date }),
      rows: [
        { label: t("status:answer.tool"), value: t("status:answer.cavities", { count: quote.acceptedCavities ?? 0 }) },
        {
          label: t("status:answer.quantity"),
          value: t("status:answer.pieces", { quantity: formatNumberIn(language, quote.acceptedQuantity ?? 0) }),
        },
        { label: t("status:answer.purchaseOrder"), value: quote.poReference ?? "" },
        { label: t("status:answer.acceptedBy"), value: quote.buyerName ?? "" },
      ],
    };
  return {
    title: t("status:answer.declined", { date }),
    rows: [
      { label: t("status:answer.reason"), value: t(`status:declineReason.${quote.declineReason ?? "other"}`) },
      ...(quote.declineText ? [{ label: t("status:answer.inYourWords"), value: quote.declineText }] : []),
    ],
  };
}

/** The buyer's answer to a version in words, for the quote builder (staff read English). */
export function answerOf(quote: Quote): { title: string; rows: { label: string; value: string }[] } | null {
  if (quote.answeredAt === null) return null;
  const at = formatDateTime(quote.answeredAt);
  if (quote.status === "accepted" || quote.acceptedCavities !== null)
    return {
      title: `Accepted on ${at}`,
      rows: [
        { label: "Tool", value: `${quote.acceptedCavities}-cavity mould` },
        { label: "Quantity", value: `${(quote.acceptedQuantity ?? 0).toLocaleString("en-GB")} pcs` },
        { label: "Purchase order", value: quote.poReference ?? "" },
        { label: "Accepted by", value: quote.buyerName ?? "" },
      ],
    };
  return {
    title: `Declined on ${at}`,
    rows: [
      { label: "Reason", value: declineReasonLabel(quote.declineReason ?? "") },
      ...(quote.declineText ? [{ label: "In their words", value: quote.declineText }] : []),
    ],
  };
}

/** What the quote builder shows of each sent version: when the buyer first opened it, and their answer. */
export function buyerSideOf(quotes: Quote[]) {
  return quotes
    .filter((q) => q.sentAt !== null)
    .map((q) => ({
      version: q.version,
      status: q.status,
      firstViewedAt: q.firstViewedAt ? formatDateTime(q.firstViewedAt) : null,
      answer: answerOf(q),
    }));
}

/**
 * The quotation page of the inquiry a status token opens: the latest sent version with its
 * document, and earlier ones as history. Opening it records the buyer's first look at the latest.
 */
export function buyerQuotePage(services: Services, inquiry: Inquiry, language: Language, now = new Date()) {
  const sent = listSentQuotes(services.db, inquiry.id);
  const latest = sent[0];
  if (!latest) return null;
  if (latest.firstViewedAt === null) recordFirstView(services, inquiry, latest, now);
  const words = buyerWords(language);
  return {
    current: {
      ...versionView(services.db, services, inquiry, latest, words, now),
      choices: {
        ...choicesOf(latest),
        quantityLabels: latest.quantities.map((q) =>
          words.t("status:answer.pieces", { quantity: formatNumberIn(language, q) }),
        ),
      },
    },
    history: sent.slice(1).map((q) => ({
      version: q.version,
      status: q.status,
      line: words.t("status:quote.historyLine", {
        version: q.version,
        date: formatDateTimeIn(language, q.sentAt!),
        outcome: words.t("status:quote.outcome", { status: q.status }),
      }),
    })),
  };
}

function recordFirstView(services: Services, inquiry: Inquiry, quote: Quote, now: Date) {
  const viewed = writeTransaction(services.db, (tx) => {
    if (!markQuoteViewed(tx, quote.id, now)) return false;
    appendEvent(tx, {
      inquiryId: inquiry.id,
      type: "quote_viewed",
      actor: "buyer",
      payload: { version: quote.version },
      createdAt: now,
    });
    return true;
  });
  if (viewed) services.live.publish(inquiry.id, "quote");
}

/** The frozen PDF of a sent version of the inquiry, or null: drafts and other inquiries' quotes have none here. */
export async function openSentQuotePdf(services: Services, inquiry: Inquiry, version: number) {
  const quote = listSentQuotes(services.db, inquiry.id).find((q) => q.version === version);
  if (!quote?.pdfKey) return null;
  const stored = await services.storage.get(quote.pdfKey);
  return { name: `${inquiry.reference}-v${quote.version}.pdf`, ...stored };
}

export type QuoteAnswerOutcome =
  | { ok: true; intent: QuoteAnswerIntent }
  | { ok: false; status: number; intent: QuoteAnswerIntent | null; result: SubmissionResult<string[]> };

const SCHEMAS = {
  decline: declineForm,
  question: quoteQuestionForm,
  update: updateRequestForm,
} as const;

/**
 * A post from the quotation page. The form is checked against the version it names (the accept
 * form only offers that version's options and quantities), then the answer is written; a refusal
 * comes back as the form's error with what the buyer typed kept.
 */
export async function handleQuoteAnswer(
  services: Services,
  inquiry: Inquiry,
  form: FormData,
  clientIp: string,
  now = new Date(),
): Promise<QuoteAnswerOutcome> {
  const words = buyerWords(inquiryLanguage(inquiry));
  const { t } = words;
  const intent = QUOTE_ANSWER_INTENTS.find((i) => i === form.get("intent")) ?? null;
  const version = Number(form.get("version"));
  const quote = listSentQuotes(services.db, inquiry.id).find((q) => q.version === version);
  const submission =
    intent === "accept"
      ? parseWithZod(form, { schema: acceptForm(quote ? choicesOf(quote) : { cavities: [], quantities: [] }, t) })
      : parseWithZod(form, { schema: SCHEMAS[intent ?? "update"](t) });
  const refuse = (status: number, message: string) => ({
    ok: false as const,
    status,
    intent,
    result: submission.reply({ formErrors: [message] }),
  });
  if (!intent) return refuse(400, t("status:refusal.unknownAction"));
  if (!quote) return refuse(404, t("status:refusal.notOurs"));
  const limit = await services.rateLimits.consume("statusPosts", clientIp);
  if (!limit.ok)
    return refuse(429, t("status:errors.tooManyPosts", { wait: waitWords(words, limit.retryAfterSeconds) }));
  if (submission.status !== "success") return { ok: false, status: 400, intent, result: submission.reply() };
  const value = submission.value;
  try {
    writeTransaction(services.db, (tx) => {
      const current = findInquiry(tx, inquiry.id)!;
      const fresh = listSentQuotes(tx, inquiry.id).find((q) => q.id === quote.id)!;
      const notify = (answer: QuoteAnswerData["answer"], details: SummaryRow[], message: string) =>
        notifySales(tx, services, current, fresh, answer, details, message, now);
      switch (value.intent) {
        case "accept": {
          const refusal = answerRefusal(fresh, current.state, now);
          if (refusal) throw new Refused(409, refusalWords(words, refusal));
          const details: SummaryRow[] = [
            { label: "Tool", value: `${value.cavities}-cavity mould` },
            { label: "Quantity", value: `${value.quantity.toLocaleString("en-GB")} pcs` },
            { label: "Purchase order", value: value.poReference },
            { label: "Accepted by", value: value.buyerName },
          ];
          settle(
            tx,
            fresh,
            now,
            {
              status: "accepted",
              acceptedCavities: value.cavities,
              acceptedQuantity: value.quantity,
              poReference: value.poReference,
              buyerName: value.buyerName,
            },
            words,
          );
          move(
            services,
            current,
            { type: "ACCEPT_QUOTE" },
            `Version ${fresh.version} accepted: ${summary(details)}`,
            now,
            words,
          );
          notify("accepted", details, "");
          return;
        }
        case "decline": {
          const refusal = answerRefusal(fresh, current.state, now);
          if (refusal) throw new Refused(409, refusalWords(words, refusal));
          const label = declineReasonLabel(value.reason);
          settle(
            tx,
            fresh,
            now,
            { status: "declined", declineReason: value.reason, declineText: value.text || null },
            words,
          );
          const reason = `Version ${fresh.version} declined: ${label}${value.text ? `. ${value.text}` : ""}`;
          move(services, current, { type: "DECLINE_QUOTE", reason }, reason, now, words);
          notify("declined", [{ label: "Reason", value: label }], value.text);
          return;
        }
        case "question":
          appendEvent(tx, {
            inquiryId: current.id,
            type: "quote_question",
            actor: "buyer",
            payload: { version: fresh.version, text: value.text },
            createdAt: now,
          });
          notify("question", [], value.text);
          return;
        case "update": {
          // Only a version that can no longer be answered calls for an update; an open one is answered.
          if (answerRefusal(fresh, current.state, now) === null)
            throw new Refused(409, t("status:refusal.stillOpen", { version: fresh.version }));
          appendEvent(tx, {
            inquiryId: current.id,
            type: "quote_update_request",
            actor: "buyer",
            payload: { version: fresh.version, text: value.text },
            createdAt: now,
          });
          notify("update-request", [], value.text);
          return;
        }
      }
    });
  } catch (error) {
    if (error instanceof Refused) return refuse(error.status, error.message);
    throw error;
  }
  services.outbox.nudge();
  services.live.publish(inquiry.id, "quote");
  return { ok: true, intent };
}

const summary = (rows: SummaryRow[]) => rows.map((r) => `${r.label.toLowerCase()} ${String(r.value)}`).join(", ");

/** The answer on the version, only while it is still "sent": of two concurrent answers one wins. */
function settle(tx: Db, quote: Quote, now: Date, values: Parameters<typeof updateQuote>[4], { t }: BuyerWords) {
  if (!updateQuote(tx, quote.id, quote.rowVersion, ["sent"], { ...values, answeredAt: now, updatedAt: now }))
    throw new Refused(409, t("status:refusal.justAnswered"));
}

/**
 * The inquiry's move, inside the answer's transaction: a refusal rolls the answer back too. The
 * answer was checked against the inquiry's state first, so a refusal here means it moved meanwhile:
 * the buyer is told so in their words, not with the workflow's (staff) wording.
 */
function move(
  services: Services,
  inquiry: Inquiry,
  event: { type: "ACCEPT_QUOTE" } | { type: "DECLINE_QUOTE"; reason: string },
  reason: string,
  now: Date,
  { t }: BuyerWords,
) {
  const result = applyReviewEvent(services, BUYER, inquiry.id, inquiry.version, event, { reason }, now);
  if (!result.ok) throw new Refused(result.status === 404 ? 404 : 409, t("status:refusal.changed"));
}

function notifySales(
  tx: Db,
  services: Services,
  inquiry: Inquiry,
  quote: Quote,
  answer: QuoteAnswerData["answer"],
  details: SummaryRow[],
  message: string,
  now: Date,
) {
  const email = renderEmail({
    kind: "quote-answer",
    data: {
      answer,
      reference: inquiry.reference,
      version: quote.version,
      partName: inquiry.partName,
      company: inquiry.company,
      contactName: inquiry.contactName,
      details,
      message,
      quoteBuilderUrl: `${services.config.publicUrl}/review/${inquiry.id}/quote`,
    },
  });
  enqueueEmail(
    tx,
    {
      kind: `quote-${answer}`,
      inquiryId: inquiry.id,
      to: salesRecipients(tx, services.config, quote).join(", "),
      ...email,
    },
    now,
  );
}
