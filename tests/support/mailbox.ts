import type { ParsedMail } from "mailparser";
import { vi } from "vitest";
import { readMailbox } from "./mail-files";

export { recipient, statusLinkIn } from "./mail-files";

/** Waits until the local mailbox (DATA_DIR/mail) holds `count` messages that `match`, and returns them. */
export function waitForMailbox(dir: string, match: (mail: ParsedMail) => boolean, count = 1): Promise<ParsedMail[]> {
  return vi.waitFor(
    async () => {
      const found = await readMailbox(dir, match);
      if (found.length < count)
        throw new Error(`expected ${count} matching e-mail(s) in ${dir}, found ${found.length}`);
      return found;
    },
    { timeout: 60_000, interval: 100 },
  );
}
