import fs from "node:fs";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";

// The mailer renames each message into place complete and never touches it again: parse it once.
const parsed = new Map<string, Promise<ParsedMail>>();

/**
 * The messages in a local mailbox (DATA_DIR/mail) that `match`, oldest first, as a user would open
 * them. It reads once and does not wait: each test runner waits on it in its own way (mailbox.ts in
 * vitest, e2e/mailbox.ts in Playwright).
 */
export async function readMailbox(dir: string, match: (mail: ParsedMail) => boolean): Promise<ParsedMail[]> {
  const names = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".eml")) : [];
  const mails = await Promise.all(
    names.sort().map((name) => {
      const file = path.join(dir, name);
      if (!parsed.has(file)) parsed.set(file, simpleParser(fs.readFileSync(file)));
      return parsed.get(file)!;
    }),
  );
  return mails.filter(match);
}

export function recipient(mail: ParsedMail): string {
  const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
  return to?.value[0]?.address ?? "";
}

/** The private status link in an acknowledgement e-mail. */
export function statusLinkIn(mail: ParsedMail): string {
  const link = mail.text?.match(/https?:\/\/\S+\/status\/[A-Za-z0-9_-]+/)?.[0];
  if (!link) throw new Error(`no status link in e-mail "${mail.subject}"`);
  return link;
}
