import { filesAddedEmail, type FilesAddedData } from "./files-added";
import { inquiryReceivedEmail, type InquiryReceivedData } from "./inquiry-received";
import type { EmailLanguage, RenderedEmail } from "./layout";
import { newInquiryEmail, type InquirySummary } from "./new-inquiry";
import { quoteExpiredEmail, type QuoteExpiredData } from "./quote-expired";
import { quoteAnswerEmail, type QuoteAnswerData } from "./quote-answer";
import { quoteSentEmail, type QuoteSentData } from "./quote-sent";
import { reviewUpdateEmail, type ReviewUpdateData } from "./review-update";
import { staffInviteEmail, type StaffInviteData } from "./staff-invite";
import { staffNoticeEmail, type StaffNoticeData } from "./staff-notice";
import { storageFailureEmail, type StorageFailureData } from "./storage-failure";

export type {
  EmailLanguage,
  FilesAddedData,
  InquiryReceivedData,
  InquirySummary,
  QuoteExpiredData,
  QuoteAnswerData,
  QuoteSentData,
  RenderedEmail,
  ReviewUpdateData,
  StaffInviteData,
  StaffNoticeData,
  StorageFailureData,
};

/** E-mails to the buyer, written in `lang`: the language their inquiry stores. */
export type BuyerEmailInput =
  | { kind: "inquiry-received"; data: InquiryReceivedData; lang: EmailLanguage }
  | { kind: "review-update"; data: ReviewUpdateData; lang: EmailLanguage }
  | { kind: "quote-sent"; data: QuoteSentData; lang: EmailLanguage };

/** E-mails to the factory's staff: always English. */
export type StaffEmailInput =
  | { kind: "new-inquiry"; data: InquirySummary }
  | { kind: "files-added"; data: FilesAddedData }
  | { kind: "staff-notice"; data: StaffNoticeData }
  | { kind: "staff-invite"; data: StaffInviteData }
  | { kind: "storage-failure"; data: StorageFailureData }
  | { kind: "quote-expired"; data: QuoteExpiredData }
  | { kind: "quote-answer"; data: QuoteAnswerData };

export type EmailInput = BuyerEmailInput | StaffEmailInput;

export function renderEmail(input: EmailInput): RenderedEmail {
  switch (input.kind) {
    case "inquiry-received":
      return inquiryReceivedEmail(input.data, input.lang);
    case "new-inquiry":
      return newInquiryEmail(input.data);
    case "files-added":
      return filesAddedEmail(input.data);
    case "review-update":
      return reviewUpdateEmail(input.data, input.lang);
    case "staff-notice":
      return staffNoticeEmail(input.data);
    case "staff-invite":
      return staffInviteEmail(input.data);
    case "storage-failure":
      return storageFailureEmail(input.data);
    case "quote-sent":
      return quoteSentEmail(input.data, input.lang);
    case "quote-expired":
      return quoteExpiredEmail(input.data);
    case "quote-answer":
      return quoteAnswerEmail(input.data);
  }
}
