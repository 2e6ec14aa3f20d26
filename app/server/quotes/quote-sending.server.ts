/**
 * Sending a version to the buyer: what must hold first, the document it becomes, its PDF rendered
 * and stored, and the one transaction that freezes the version, moves the inquiry to quoted and
 * queues the buyer's e-mail with the PDF attached.
 */
import crypto from "node:crypto";
import { Readable } from "node:stream";
import type { Db } from "../../../db/client";
import { insertStatusLink, listInquiryFiles, type Inquiry } from "../../../db/queries/inquiries";
import { findQuote, latestQuote, supersedeSentQuotes, updateQuote, type Quote } from "../../../db/queries/quotes";
import { renderEmail } from "../../../emails";
import { isApproved, isInquiryState, transition, type WorkflowEvent } from "../../../workflows/inquiry";
import { unitPriceFormat } from "../../../workflows/quote-document";
import { quoteDocumentFor } from "../../../workflows/quote-to-document";
import type { StaffUser } from "../auth/auth.server";
import { userMay } from "../auth/permissions.server";
import { emailBrand, factoryProfile, pdfLogo } from "../factory/factory.server";
import { emailLanguage } from "../i18n/email-language.server";
import { enqueueEmail } from "../mail/outbox.server";
import { findInquiry } from "../review/review.server";
import { Refused } from "../refused.server";
import type { Services } from "../service-types";
import { createToken, hashToken } from "../tokens.server";
import { renderQuotePdf } from "./quote-pdf.server";
import { latestOf, moveInquiry, quoteWrite, STALE, type QuoteResult } from "./quote-write.server";
import { ratesConfirmed } from "./rates.server";

/**
 * Sending as the workflow judges it, from the version and the factory as they stand in `db`: the
 * rates confirmed, the factory profile filled in, and the approval when the version's own figures
 * call for one.
 */
function sendEvent(db: Db, quote: Quote) {
  return {
    type: "SEND_QUOTE",
    ratesConfirmed: ratesConfirmed(db),
    factoryNamed: factoryProfile(db) !== null,
    approvalNeeded: quote.approvalNeeded,
    approved: isApproved(quote),
  } as const satisfies WorkflowEvent;
}

/**
 * Everything that must hold before a version leaves the factory, checked on the server before
 * anything is rendered, and shown on the page as the reason it cannot be sent yet: the sender's
 * role, the latest version, the inquiry's state, and the workflow's conditions (`sendEvent`).
 */
export function sendRefusal(db: Db, user: StaffUser, inquiryId: string, quoteId: string): string | null {
  if (!userMay(user, "send")) return "Only sales or an admin sends a quotation.";
  const quote = findQuote(db, inquiryId, quoteId);
  if (!quote) return "No such quote for this inquiry.";
  if (latestQuote(db, inquiryId)?.id !== quote.id)
    return `Version ${quote.version} has been followed by a later version: send the latest one.`;
  const inquiry = findInquiry(db, inquiryId);
  if (!inquiry || !isInquiryState(inquiry.state)) return "No such inquiry.";
  const result = transition({ state: inquiry.state, returnTo: null }, sendEvent(db, quote));
  return result.ok ? null : result.message;
}

/**
 * A version as the document the buyer receives, issued by `preparedBy` at `issuedAt`: the files
 * are those the inquiry had then, so the page of a sent version shows what its PDF printed.
 */
export function quoteDocumentOf(
  db: Db,
  inquiry: Inquiry,
  quote: Quote,
  preparedBy: { name: string; email: string },
  issuedAt: Date,
) {
  const factory = factoryProfile(db);
  if (!factory) return { ok: false as const, problems: ["the factory profile is not filled in (/admin/factory)"] };
  return quoteDocumentFor({
    factory,
    inquiry,
    files: listInquiryFiles(db, inquiry.id)
      .filter((f) => f.uploadedAt.getTime() <= issuedAt.getTime())
      .map((f) => f.originalName),
    quote: { ...quote, amortiseOver: quote.inputs.amortiseOver ?? null },
    preparedBy,
    issuedAt,
  });
}

/**
 * Sends the latest version: renders its PDF from the version's own data, stores it, then in one
 * transaction re-checks what may have changed meanwhile (the page may be stale), freezes the row with the PDF's key and
 * SHA-256, moves the inquiry to quoted, supersedes earlier sent versions and queues the buyer's
 * e-mail with the PDF attached. If that transaction refuses, this attempt's PDF is removed again.
 */
export async function sendQuote(
  services: Services,
  user: StaffUser,
  inquiryId: string,
  quoteId: string,
  rowVersion: number,
  now = new Date(),
): Promise<QuoteResult> {
  const refused = sendRefusal(services.db, user, inquiryId, quoteId);
  if (refused) return { ok: false, status: 400, message: refused };
  const quote = findQuote(services.db, inquiryId, quoteId)!;
  if (quote.rowVersion !== rowVersion) return { ok: false, status: 409, message: STALE };
  const inquiry = findInquiry(services.db, inquiryId)!;
  const made = quoteDocumentOf(services.db, inquiry, quote, { name: user.name, email: user.email }, now);
  if (!made.ok)
    return {
      ok: false,
      status: 400,
      message: `This version cannot make a quote document: ${made.problems.join("; ")}.`,
    };
  const pdf = await renderQuotePdf(made.document, { logo: pdfLogo(services.db) });
  const sha256 = crypto.createHash("sha256").update(pdf).digest("hex");
  // A key of this attempt's own: a parallel send of the same version (a double-click) that loses
  // the race deletes its own PDF below, never the one the winner froze.
  const pdfKey = `quotes/${inquiryId}/${quote.id}-${crypto.randomUUID()}.pdf`;
  await services.storage.put(pdfKey, Readable.from([pdf]), { contentType: "application/pdf" });
  const result = quoteWrite(services, inquiryId, (tx) => {
    // Another send, a save or an admin's change may have come first: the version, the inquiry's
    // state and the workflow's conditions are judged again as they stand inside the write, and the
    // row is frozen only if it is still the one that was checked and rendered.
    const current = latestOf(tx, inquiryId, quoteId);
    moveInquiry(services, tx, user, inquiryId, sendEvent(tx, current), `Version ${current.version} sent`);
    const validUntil = new Date(`${made.document.validUntil}T23:59:59Z`);
    const sent = updateQuote(tx, current.id, rowVersion, ["draft", "approved"], {
      status: "sent",
      sentBy: user.id,
      sentAt: now,
      validUntil,
      pdfKey,
      pdfSha256: sha256,
      updatedAt: now,
    });
    if (!sent) throw new Refused(409, STALE);
    supersedeSentQuotes(tx, inquiryId, current.id, now);
    const token = createToken();
    insertStatusLink(tx, inquiryId, hashToken(token));
    const unitPrice = unitPriceFormat(made.document.locale, made.document.currency);
    const email = renderEmail({
      kind: "quote-sent",
      data: {
        reference: inquiry.reference,
        version: current.version,
        partName: inquiry.partName,
        contactName: inquiry.contactName,
        validUntil: made.document.validUntil,
        options: made.document.cavityOptions.map((o) => ({
          cavities: o.cavities,
          breaks: o.breaks.map((b) => ({ quantity: b.quantity, unitPrice: unitPrice.format(b.unitPrice) })),
        })),
        assumptions: made.document.assumptions,
        statusUrl: `${services.config.publicUrl}/status/${token}`,
        brand: emailBrand(services.db, services.config.publicUrl),
      },
      lang: emailLanguage(inquiry.locale),
    });
    enqueueEmail(
      tx,
      {
        kind: "quote-sent",
        inquiryId,
        to: inquiry.email,
        ...email,
        attachments: [
          {
            filename: `${inquiry.reference}-v${current.version}.pdf`,
            storageKey: pdfKey,
            contentType: "application/pdf",
          },
        ],
      },
      now,
    );
    return current.id;
  });
  if (!result.ok) await services.storage.delete(pdfKey);
  else services.outbox.nudge();
  return result;
}
