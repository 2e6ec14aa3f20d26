/** One e-mail ready to go: rendered from a template in emails/. */
export type MailMessage = {
  /** Who it comes from when not the configured MAIL_FROM: the factory's sender, for buyers' mail. */
  from?: { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Sent as the Content-Language header: the BCP 47 tag of the language the message is written in. */
  contentLanguage?: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
};

export interface Mailer {
  readonly transport: "smtp" | "mailbox";
  send(message: MailMessage): Promise<{ messageId: string }>;
  /** Proves the transport is usable (used by /healthz). */
  check(): Promise<void>;
}

/**
 * The receiving side refused this message for good (an SMTP 5xx answer to its recipient or its
 * content): sending it again cannot help, so the outbox keeps it as a dead letter.
 */
export class PermanentMailError extends Error {
  override name = "PermanentMailError";
}
