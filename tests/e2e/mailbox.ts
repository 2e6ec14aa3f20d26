import { expect } from "@playwright/test";
import type { ParsedMail } from "mailparser";
import { readMailbox } from "../support/mail-files";

export { recipient, statusLinkIn } from "../support/mail-files";

/** Waits until the server's mailbox holds `count` messages that `match`, and returns them. */
export async function waitForMailbox(
  dir: string,
  match: (mail: ParsedMail) => boolean,
  count = 1,
): Promise<ParsedMail[]> {
  let found: ParsedMail[] = [];
  await expect
    .poll(async () => (found = await readMailbox(dir, match)).length, {
      message: `matching e-mail(s) in ${dir}`,
      timeout: 60_000,
    })
    .toBeGreaterThanOrEqual(count);
  return found;
}
