import { ltr } from "../app/i18n/bidi";
import {
  composeEmail,
  heading,
  link,
  paragraph,
  type EmailBrand,
  type EmailLanguage,
  type Rendered,
  type RenderedEmail,
} from "./layout";

/** What the buyer hears from the review: a question, a decline, feedback, or a withdrawal. */
export type ReviewUpdateData = {
  brand?: EmailBrand;
  update: "question" | "declined" | "feedback" | "withdrawn";
  reference: string;
  partName: string;
  contactName: string;
  statusUrl: string;
  /** The question, the reason for declining, the feedback, or the reason for withdrawing. */
  message: string;
  /** The process recommended instead of MIM, when declined. */
  alternative?: string;
  wantsRevision?: boolean;
};

/** The staff's own words (question, reason, alternative) go out as they wrote them, in the buyer's language. */
function body(d: ReviewUpdateData, { t }: EmailLanguage): Rendered[] {
  const about = { reference: ltr(d.reference), partName: d.partName };
  switch (d.update) {
    case "question":
      return [
        paragraph(t("email:question.lead", about)),
        paragraph(d.message),
        paragraph(t(d.wantsRevision ? "email:question.withRevision" : "email:question.answer")),
      ];
    case "declined":
      return [
        paragraph(t("email:declined.lead", about)),
        heading(t("email:declined.why")),
        paragraph(d.message),
        heading(t("email:declined.instead")),
        paragraph(d.alternative ?? ""),
        paragraph(t("email:declined.closing")),
      ];
    case "feedback":
      return [paragraph(t("email:feedback.lead", about)), paragraph(d.message), paragraph(t("email:feedback.closing"))];
    case "withdrawn":
      return [paragraph(t("email:withdrawn.lead", about)), paragraph(d.message)];
  }
}

export function reviewUpdateEmail(d: ReviewUpdateData, lang: EmailLanguage): RenderedEmail {
  const { t } = lang;
  const reference = ltr(d.reference);
  const subject = t(`email:${d.update}.subject`, { reference, partName: d.partName });
  return composeEmail({
    language: lang.language,
    subject,
    title: subject,
    preheader: d.message.slice(0, 120),
    parts: [
      paragraph(t("email:common.greeting", { name: d.contactName })),
      ...body(d, lang),
      link(t("email:common.open", { reference }), d.statusUrl),
      paragraph(t("email:common.doNotForward")),
    ],
    brand: d.brand,
  });
}
