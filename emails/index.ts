import { filesAddedEmail, type FilesAddedData } from "./files-added";
import { inquiryReceivedEmail, type InquiryReceivedData } from "./inquiry-received";
import type { RenderedEmail } from "./layout";
import { newInquiryEmail, type InquirySummary } from "./new-inquiry";
import { quoteExpiredEmail, type QuoteExpiredData } from "./quote-expired";
import { quoteAnswerEmail, type QuoteAnswerData } from "./quote-answer";
import { quoteSentEmail, type QuoteSentData } from "./quote-sent";
import { reviewUpdateEmail, type ReviewUpdateData } from "./review-update";
import { staffInviteEmail, type StaffInviteData } from "./staff-invite";
import { staffNoticeEmail, type StaffNoticeData } from "./staff-notice";
import { storageFailureEmail, type StorageFailureData } from "./storage-failure";

export type {
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

export type EmailInput =
  | { kind: "inquiry-received"; data: InquiryReceivedData }
  | { kind: "new-inquiry"; data: InquirySummary }
  | { kind: "files-added"; data: FilesAddedData }
  | { kind: "review-update"; data: ReviewUpdateData }
  | { kind: "staff-notice"; data: StaffNoticeData }
  | { kind: "staff-invite"; data: StaffInviteData }
  | { kind: "storage-failure"; data: StorageFailureData }
  | { kind: "quote-sent"; data: QuoteSentData }
  | { kind: "quote-expired"; data: QuoteExpiredData }
  | { kind: "quote-answer"; data: QuoteAnswerData };

export function renderEmail(input: EmailInput): RenderedEmail {
  switch (input.kind) {
    case "inquiry-received":
      return inquiryReceivedEmail(input.data);
    case "new-inquiry":
      return newInquiryEmail(input.data);
    case "files-added":
      return filesAddedEmail(input.data);
    case "review-update":
      return reviewUpdateEmail(input.data);
    case "staff-notice":
      return staffNoticeEmail(input.data);
    case "staff-invite":
      return staffInviteEmail(input.data);
    case "storage-failure":
      return storageFailureEmail(input.data);
    case "quote-sent":
      return quoteSentEmail(input.data);
    case "quote-expired":
      return quoteExpiredEmail(input.data);
    case "quote-answer":
      return quoteAnswerEmail(input.data);
  }
}
