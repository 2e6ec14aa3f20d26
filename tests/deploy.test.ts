import crypto from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createS3Storage } from "../app/server/storage/s3.server";
import { startAppServer, type AppServer } from "./support/app-server";
import { sendInquiry } from "./support/inquiry";
import { fixture } from "./support/intake-client";
import { startS3Server } from "./support/s3";
import { startSmtpServer, type TestSmtpServer } from "./support/smtp";

/** The deployment the README describes: files in S3, e-mail over SMTP. */
describe("the real server with S3 storage and SMTP", () => {
  let s3: Awaited<ReturnType<typeof startS3Server>>;
  let smtp: TestSmtpServer;
  let app: AppServer;
  const HEALTH_TOKEN = crypto.randomBytes(32).toString("hex");

  beforeAll(async () => {
    s3 = await startS3Server();
    smtp = await startSmtpServer();
    app = await startAppServer({
      STORAGE: "s3",
      S3_BUCKET: s3.config.bucket,
      S3_ENDPOINT: s3.config.endpoint!,
      S3_ACCESS_KEY_ID: "S3RVER",
      S3_SECRET_ACCESS_KEY: "S3RVER",
      SMTP_URL: smtp.url,
      MAIL_FROM: "Acme MIM <rfq@acme.test>",
      ENGINEERING_INBOX: "engineering@acme.test",
      HEALTH_TOKEN: HEALTH_TOKEN,
    });
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
    await s3?.stop();
  });

  it("stores the files in the bucket, delivers both e-mails over SMTP, and serves downloads from S3", async () => {
    const step = fixture("nist_ftc_11_asme1_rb.stp");
    const { reference, acknowledgement: ack, statusLink } = await sendInquiry(app, { files: [step], smtp });

    const db = new Database(path.join(app.dataDir, "mim-rfq.sqlite"), { readonly: true });
    const file = db.prepare("select stored_key, size from files where original_name = ?").get(step.name) as {
      stored_key: string;
      size: number;
    };
    db.close();
    expect(await createS3Storage(s3.config).stat(file.stored_key)).toEqual({ size: step.content.length });

    const mails = await smtp.waitFor(2);
    const engineering = mails.find((m) => m.subject?.startsWith("New inquiry"))!;
    expect(ack.text).toContain(reference);
    expect(ack.from?.value[0]?.address).toBe("rfq@acme.test");
    expect(engineering.subject).toContain(reference);
    expect(JSON.stringify(engineering.to)).toContain("engineering@acme.test");

    const page = await (await fetch(statusLink)).text();
    const fileId = page.match(/\/files\/([0-9a-f-]{36})/)![1];
    const download = await fetch(`${statusLink}/files/${fileId}`);
    expect(download.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(Buffer.from(await download.arrayBuffer()).equals(step.content)).toBe(true);

    const health = (await (
      await fetch(`${app.url}/healthz`, { headers: { Authorization: `Bearer ${HEALTH_TOKEN}` } })
    ).json()) as { ok: boolean; storage: { detail: string } };
    expect(health.ok).toBe(true);
    expect(health.storage.detail).toContain("s3");
  });
});
