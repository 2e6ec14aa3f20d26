import crypto from "node:crypto";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../app/server/config.server";
import { createMailer } from "../app/server/mail/mail-transport.server";
import { createOutboxWorker, enqueueEmail } from "../app/server/mail/outbox.server";
import { createServices } from "../app/server/services.server";
import { createDiskStorage } from "../app/server/storage/disk.server";
import { writeTransaction } from "../db/client";
import { findInquiry } from "../app/server/review/review.server";
import { outbox } from "../db/schema";
import { pdfText } from "./support/pdf";
import { sentBracketQuote } from "./support/quotes";
import { startSmtpServer, type TestSmtpServer } from "./support/smtp";
import { tempDir, testDb } from "./support/temp";

const quiet = { info: () => undefined, warn: () => undefined };

describe("outbox attachments read from storage at delivery", () => {
  let smtp: TestSmtpServer;
  beforeEach(async () => {
    smtp = await startSmtpServer();
  });
  afterEach(async () => {
    await smtp.stop();
  });

  function setup() {
    const { db } = testDb();
    const storage = createDiskStorage(tempDir("attachments"));
    const mailer = createMailer({ smtpUrl: smtp.url, mailboxDir: tempDir("unused-mailbox"), from: "q@factory.test" });
    const worker = createOutboxWorker({ db, mailer, logger: quiet, storage });
    const queue = (storageKey: string) =>
      writeTransaction(db, (tx) =>
        enqueueEmail(
          tx,
          {
            kind: "quote-sent",
            inquiryId: null,
            to: "buyer@example.test",
            subject: "Quotation RFQ-2026-00001 v1",
            text: "Our quotation is attached.",
            html: "<p>Our quotation is attached.</p>",
            attachments: [{ filename: "RFQ-2026-00001-v1.pdf", storageKey, contentType: "application/pdf" }],
          },
          new Date(),
        ),
      );
    return { db, storage, worker, queue };
  }

  it("attaches the stored bytes unchanged, under the given name and type", async () => {
    const { storage, worker, queue } = setup();
    const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n"), crypto.randomBytes(40_000)]);
    const key = `quotes/${crypto.randomUUID()}.pdf`;
    await storage.put(key, Readable.from([pdf]), { contentType: "application/pdf" });
    queue(key);

    await expect(worker.runOnce()).resolves.toBe(1);
    const [mail] = await smtp.waitFor(1);
    expect(mail!.attachments).toHaveLength(1);
    const attachment = mail!.attachments[0]!;
    expect(attachment.filename).toBe("RFQ-2026-00001-v1.pdf");
    expect(attachment.contentType).toBe("application/pdf");
    expect(crypto.createHash("sha256").update(attachment.content).digest("hex")).toBe(
      crypto.createHash("sha256").update(pdf).digest("hex"),
    );
  });

  it("makes a dead letter of a message whose attachment is gone from storage, naming the file", async () => {
    const { db, worker, queue } = setup();
    queue(`quotes/${crypto.randomUUID()}.pdf`);

    await expect(worker.runOnce()).resolves.toBe(0);
    const [row] = db.select().from(outbox).all();
    expect(row).toMatchObject({ status: "dead" });
    expect(row!.lastError).toContain("The attachment RFQ-2026-00001-v1.pdf is gone from storage.");
    expect(smtp.messages).toHaveLength(0);
  });
});

describe("a sent quotation over SMTP", () => {
  let smtp: TestSmtpServer;
  beforeEach(async () => {
    smtp = await startSmtpServer();
  });
  afterEach(async () => {
    await smtp.stop();
  });

  it("reaches the buyer with the frozen PDF attached, and its text holds the reference, the unit prices as printed and the assumptions", async () => {
    const services = createServices(
      loadConfig({
        DATA_DIR: tempDir("quote-mail"),
        ENGINEERING_INBOX: "engineering@factory.test",
        SMTP_URL: smtp.url,
      }),
      quiet,
    );
    try {
      const { inquiryId, quote } = await sentBracketQuote(services);
      const inquiry = findInquiry(services.db, inquiryId)!;
      await services.outbox.runOnce();
      // The buyer asked in German: subject, text and Content-Language are German, the reference as written.
      const mail = smtp.messages.find((m) => m.subject?.startsWith(`Angebot ${inquiry.reference} Version 1`));
      expect(mail, smtp.messages.map((m) => m.subject).join(" | ")).toBeDefined();
      expect(mail!.headers.get("content-language")).toBe("de");
      expect([mail!.to].flat().flatMap((a) => a!.value.map((v) => v.address))).toEqual([inquiry.email]);

      expect(mail!.attachments).toHaveLength(1);
      const pdf = mail!.attachments[0]!;
      expect(pdf.filename).toBe(`${inquiry.reference}-v1.pdf`);
      expect(pdf.contentType).toBe("application/pdf");
      expect(pdf.content.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      expect(crypto.createHash("sha256").update(pdf.content).digest("hex")).toBe(quote.pdfSha256);

      // The e-mail states each unit price in the very words the PDF prints it, in the buyer's locale.
      const printed = await pdfText(pdf.content);
      const text = mail!.text!.replace(/\u00a0/g, " ");
      const figures = [...text.matchAll(/ Stück: (.+)$/gm)].map((m) => m[1]!);
      const prices = quote.prices.options.flatMap((o) => o.breaks.map((b) => b.unitPrice));
      expect(figures).toHaveLength(prices.length);
      const parts = new Intl.NumberFormat(inquiry.locale).formatToParts(1234.5);
      const [group, decimal] = ["group", "decimal"].map((t) => parts.find((p) => p.type === t)!.value);
      figures.forEach((figure, i) => {
        expect(printed).toContain(figure);
        const value = Number(
          figure
            .split(group!)
            .join("")
            .replace(decimal!, ".")
            .replace(/[^\d.]/g, ""),
        );
        expect(value).toBeCloseTo(prices[i]!, 4);
      });
      expect(text).toContain(inquiry.reference);
      expect(text).toContain("Post-sintering sizing of the assembly surface for flatness.");
      expect(quote.assumptions).toContain("Post-sintering sizing of the assembly surface for flatness.");
    } finally {
      await services.outbox.stop();
      services.db.$client.close();
    }
  });
});
