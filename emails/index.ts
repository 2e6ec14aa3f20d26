import { filesAddedEmail, type FilesAddedData } from "./files-added";
import { inquiryReceivedEmail, type InquiryReceivedData } from "./inquiry-received";
import type { RenderedEmail } from "./layout";
import { newInquiryEmail, type InquirySummary } from "./new-inquiry";

export type { FilesAddedData, InquiryReceivedData, InquirySummary, RenderedEmail };

export type EmailInput =
  | { kind: "inquiry-received"; data: InquiryReceivedData }
  | { kind: "new-inquiry"; data: InquirySummary }
  | { kind: "files-added"; data: FilesAddedData };

export function renderEmail(input: EmailInput): RenderedEmail {
  switch (input.kind) {
    case "inquiry-received":
      return inquiryReceivedEmail(input.data);
    case "new-inquiry":
      return newInquiryEmail(input.data);
    case "files-added":
      return filesAddedEmail(input.data);
  }
}
