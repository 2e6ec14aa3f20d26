import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { PermanentMailError, type Mailer, type MailMessage } from "./mailer.server";

export type MailerOptions = { smtpUrl?: string; mailboxDir: string; from: string };

/** SMTP when a server is configured; otherwise a local mailbox directory, so nothing is ever lost. */
export function createMailer(options: MailerOptions): Mailer {
  return options.smtpUrl ? smtpMailer(options.smtpUrl, options.from) : mailboxMailer(options.mailboxDir, options.from);
}

// Only the fields of MailMessage reach nodemailer: a caller's extra properties (an outbox row's
// messageId, say) would otherwise be read as message options.
function envelope(fallbackFrom: string, { from, to, subject, text, html, attachments, contentLanguage }: MailMessage) {
  const headers = contentLanguage ? { "Content-Language": contentLanguage } : undefined;
  return { from: from ?? fallbackFrom, to, subject, text, html, attachments, headers };
}

type SmtpError = Error & { command?: string; responseCode?: number; rejectedErrors?: SmtpError[] };

/**
 * A 5xx answer about this message (its recipient at RCPT TO, or its content at DATA) is permanent.
 * A 5xx at connection, greeting, login or MAIL FROM is about our relay or our configuration, which
 * someone can fix: those stay transient, so a wrong password does not turn every message into a
 * dead letter.
 */
function isPermanentRefusal(error: unknown): boolean {
  const e = error as SmtpError;
  if (e.command !== "RCPT TO" && e.command !== "DATA") return false;
  // "All recipients were rejected" carries each recipient's own answer; a greylisting 450 is not final.
  const answers = e.rejectedErrors?.length ? e.rejectedErrors : [e];
  return answers.every((a) => (a.responseCode ?? 0) >= 500);
}

// Nodemailer waits two minutes for a connection and ten for a silent socket: a relay that drops
// packets would hold the outbox for that long. Settings in SMTP_URL still take precedence.
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transporter = nodemailer.createTransport({ url: smtpUrl, ...TIMEOUTS });
  return {
    transport: "smtp",
    async send(message: MailMessage) {
      try {
        const info = await transporter.sendMail(envelope(from, message));
        return { messageId: info.messageId };
      } catch (error) {
        if (isPermanentRefusal(error)) throw new PermanentMailError((error as Error).message, { cause: error });
        throw error;
      }
    },
    async check() {
      await transporter.verify();
    },
  };
}

/** One .eml file per message, complete with headers, that a person can open in any mail client. */
function mailboxMailer(mailboxDir: string, from: string): Mailer {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    transport: "mailbox",
    async send(message: MailMessage) {
      const info = await composer.sendMail(envelope(from, message));
      const name = `${new Date().toISOString().replaceAll(/[:.]/g, "-")}-${crypto.randomBytes(4).toString("hex")}.eml`;
      // Written under another name, then renamed: whoever watches the directory never sees half a message.
      const temp = path.join(mailboxDir, `.${name}.tmp`);
      await fs.mkdir(mailboxDir, { recursive: true });
      try {
        // `buffer: true` makes the stream transport hand back the whole message as a Buffer.
        await fs.writeFile(temp, info.message as Buffer);
        await fs.rename(temp, path.join(mailboxDir, name));
      } catch (error) {
        await fs.rm(temp, { force: true });
        throw error;
      }
      return { messageId: info.messageId };
    },
    async check() {
      await fs.mkdir(mailboxDir, { recursive: true });
      await fs.access(mailboxDir, fs.constants.W_OK);
    },
  };
}
