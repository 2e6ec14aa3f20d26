import fs from "node:fs";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";

/** Reads the local mailbox (DATA_DIR/mail) until `count` messages match, as a user would open them. */
export async function waitForMailbox(
  dir: string,
  match: (mail: ParsedMail) => boolean,
  count = 1,
  timeoutMs = 60_000,
): Promise<ParsedMail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".eml")) : [];
    const mails = await Promise.all(files.map(async (f) => simpleParser(fs.readFileSync(path.join(dir, f)))));
    const found = mails.filter(match);
    if (found.length >= count) return found;
    if (Date.now() > deadline) {
      throw new Error(`expected ${count} matching e-mail(s) in ${dir}, found ${found.length} of ${mails.length}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
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
