import crypto from "node:crypto";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMailer } from "../app/server/mail-transport.server";
import { createOutboxWorker, enqueueEmail } from "../app/server/outbox.server";
import { createDiskStorage } from "../app/server/storage/disk.server";
import { writeTransaction } from "../db/client";
import { outbox } from "../db/schema";
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
