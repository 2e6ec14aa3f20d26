import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../app/server/service-types";
import type { AppServer } from "./support/app-server";
import { startAppWithServices, type AppWithServices } from "./support/app-with-services";
import { query } from "./support/db";
import { FORM } from "./support/form-routes";
import { statusLinkIn } from "./support/mailbox";
import { readyToSendQuote } from "./support/quotes";
import type { TestSmtpServer } from "./support/smtp";
import { csrfOf, sessionCookie } from "./support/staff";

const sha256 = (bytes: Buffer) => crypto.createHash("sha256").update(bytes).digest("hex");

/** Every file stored under a directory, as paths relative to it. */
const filesUnder = (dir: string) =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { recursive: true, encoding: "utf8" })
        .filter((entry) => fs.statSync(path.join(dir, entry)).isFile())
    : [];

describe("parallel sends of one quotation (a double-click), on the real server", () => {
  let server: AppWithServices;
  let smtp: TestSmtpServer;
  let app: AppServer;
  let services: Services;

  beforeAll(async () => {
    // The quote is prepared on the server's own database and storage, as staff would; only the sends go over HTTP.
    server = await startAppWithServices();
    ({ smtp, app, services } = server);
  }, 60_000);
  afterAll(() => server?.stop());

  it.each([2, 20])(
    "%i sends at once: one wins, and the buyer's PDF, the e-mail's attachment and storage hold exactly its PDF",
    async (attempts) => {
      // A buyer who reads English, so that the quotation's e-mail is found by its English subject.
      const { inquiryId, quote, sales } = await readyToSendQuote(services, { fields: { language: "en" } });
      const cookie = await sessionCookie(app, sales.email);
      const csrf = await csrfOf(app, cookie);
      const send = () =>
        fetch(`${app.url}/review/${inquiryId}/quote`, {
          method: "POST",
          headers: { ...FORM, Cookie: cookie, Origin: app.url },
          body: new URLSearchParams({
            _csrf: csrf,
            intent: "send",
            quoteId: quote.id,
            rowVersion: String(quote.rowVersion),
          }),
          redirect: "manual",
        });
      const answers = await Promise.all(Array.from({ length: attempts }, send));
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 302)).toHaveLength(1);
      expect(statuses.filter((s) => s !== 302).every((s) => s === 400 || s === 409)).toBe(true);

      const [row] = query<{ status: string; pdf_key: string; pdf_sha256: string; reference: string }>(
        app.dataDir,
        "SELECT q.status, q.pdf_key, q.pdf_sha256, i.reference FROM quotes q JOIN inquiries i ON i.id = q.inquiry_id WHERE q.id = ?",
        quote.id,
      );
      expect(row).toMatchObject({ status: "sent" });

      // Storage holds the winner's PDF and nothing a refused attempt wrote.
      const stored = path.join(app.dataDir, "files");
      expect(filesUnder(path.join(stored, "quotes", inquiryId)).map((f) => `quotes/${inquiryId}/${f}`)).toEqual([
        row!.pdf_key,
      ]);
      expect(sha256(fs.readFileSync(path.join(stored, row!.pdf_key)))).toBe(row!.pdf_sha256);

      // The buyer's e-mail leaves once, with the PDF attached.
      const subject = `Quotation ${row!.reference} version 1`;
      await expect
        .poll(() => smtp.messages.filter((m) => (m.subject ?? "").startsWith(subject)).length, { timeout: 30_000 })
        .toBe(1);
      const mail = smtp.messages.find((m) => (m.subject ?? "").startsWith(subject))!;
      expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
        [`${row!.reference}-v1.pdf`, "application/pdf"],
      ]);
      expect(sha256(mail.attachments[0]!.content)).toBe(row!.pdf_sha256);

      // And the buyer downloads the very same bytes from the quotation page.
      const download = await fetch(`${statusLinkIn(mail)}/quote/pdf/1`);
      expect(download.status).toBe(200);
      expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(row!.pdf_sha256);
    },
  );
});
