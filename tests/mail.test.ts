import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { writeTransaction, type Db } from "../db/client";
import { outbox } from "../db/schema";
import { renderEmail, type InquirySummary } from "../emails";
import { emailLanguage } from "../app/server/i18n/email-language.server";
import { createMailer } from "../app/server/mail/mail-transport.server";
import type { Mailer } from "../app/server/mail/mailer.server";
import { loadConfig } from "../app/server/config.server";
import { checkHealth } from "../app/server/health.server";
import type { Services } from "../app/server/service-types";
import { createServices } from "../app/server/services.server";
import {
  createOutboxWorker,
  enqueueEmail,
  listDeadLetters,
  outboxHealth,
  retryDeadLetter,
  type OutboxWorker,
} from "../app/server/mail/outbox.server";
import { startSmtpServer, type TestSmtpServer } from "./support/smtp";
import { tempDir, testDb } from "./support/temp";

const FROM = "MIM quotes <quotes@example.test>";
const SECOND = 1000;

const summary: InquirySummary = {
  reference: "RFQ-2026-00001",
  company: "Acme Precision GmbH",
  contactName: "Jana Novak",
  email: "jana@acme.example",
  country: "Germany",
  partName: "Lock pawl",
  partNumber: "LP-204",
  revision: "C",
  materialLabel: "17-4 PH stainless steel",
  annualVolume: 250000,
  ndaRequired: true,
  exportControlled: false,
  samplesNeededBy: "2026-09-01",
  files: [
    { name: "lock-pawl.step", size: 482_113 },
    { name: "lock-pawl.pdf", size: 96_000 },
  ],
};

/** A clock the test moves by hand. */
function manualClock(start = new Date("2026-03-02T09:00:00Z")) {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set: (at: Date) => {
      current = at.getTime();
    },
    advance: (ms: number) => {
      current += ms;
    },
  };
}

function recordingLogger() {
  const warnings: string[] = [];
  return { warnings, logger: { info: () => undefined, warn: (msg: string) => warnings.push(msg) } };
}

function queue(db: Db, now: Date, to = "jana@acme.example"): number {
  writeTransaction(db, (tx) =>
    enqueueEmail(
      tx,
      { kind: "new-inquiry", inquiryId: null, to, ...renderEmail({ kind: "new-inquiry", data: summary }) },
      now,
    ),
  );
  const row = db.select({ id: outbox.id }).from(outbox).all().at(-1);
  if (!row) throw new Error("nothing was queued");
  return row.id;
}

/** Runs a worker whose every try fails `runs` times, each run when the retry is due: the waits, in seconds. */
async function waitsBetweenTries(
  worker: OutboxWorker,
  db: Db,
  clock: ReturnType<typeof manualClock>,
  runs: number,
): Promise<number[]> {
  const waits: number[] = [];
  for (let run = 0; run < runs; run++) {
    await expect(worker.runOnce()).resolves.toBe(0);
    const row = onlyRow(db);
    waits.push((row.nextAttemptAt.getTime() - clock.now().getTime()) / SECOND);
    clock.set(row.nextAttemptAt);
  }
  return waits;
}

function onlyRow(db: Db) {
  const rows = db.select().from(outbox).all();
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

/** A port nothing listens on: connecting to it is refused at once. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("outbox over SMTP", () => {
  let smtp: TestSmtpServer;
  let mailer: Mailer;

  beforeEach(async () => {
    smtp = await startSmtpServer();
    mailer = createMailer({ smtpUrl: smtp.url, mailboxDir: tempDir("unused-mailbox"), from: FROM });
  });

  afterEach(async () => {
    vi.useRealTimers();
    await smtp.stop();
  });

  it("delivers a queued message with text and HTML parts and marks it sent", async () => {
    const { db } = testDb();
    const clock = manualClock();
    const { logger, warnings } = recordingLogger();
    queue(db, clock.now());
    const worker = createOutboxWorker({ db, mailer, logger, now: clock.now });

    await expect(worker.runOnce()).resolves.toBe(1);

    const [mail] = await smtp.waitFor(1);
    expect(mail!.subject).toBe("New inquiry RFQ-2026-00001: Lock pawl from Acme Precision GmbH");
    expect(mail!.to && !Array.isArray(mail!.to) ? mail!.to.text : undefined).toBe("jana@acme.example");
    expect(mail!.from?.text).toContain("quotes@example.test");
    expect(mail!.text).toContain("RFQ-2026-00001");
    expect(mail!.html).toContain("<h1");
    const row = onlyRow(db);
    expect(row).toMatchObject({ status: "sent", attempts: 0, lockedUntil: null, sentAt: clock.now() });
    expect(row.messageId).toBe(mail!.messageId);
    expect(warnings).toEqual([]);
    expect(outboxHealth(db, clock.now())).toEqual({
      pending: 0,
      failing: 0,
      failingTooLong: 0,
      dead: 0,
      oldestPendingMinutes: null,
      lastError: null,
    });
    await expect(worker.runOnce()).resolves.toBe(0);
    expect(smtp.messages).toHaveLength(1);
  });

  it("keeps a refused message pending and delivers it after the first backoff", async () => {
    const { db } = testDb();
    const clock = manualClock();
    const { logger, warnings } = recordingLogger();
    const id = queue(db, clock.now());
    const worker = createOutboxWorker({ db, mailer, logger, now: clock.now });
    smtp.failNext(1);

    await expect(worker.runOnce()).resolves.toBe(0);

    const failed = onlyRow(db);
    expect(failed).toMatchObject({ status: "pending", attempts: 1, lockedUntil: null });
    expect(failed.lastError).toContain("Try again later");
    expect(failed.nextAttemptAt.getTime() - clock.now().getTime()).toBe(10 * SECOND);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(String(id));
    expect(warnings[0]).toContain("jana@acme.example");
    expect(warnings[0]).toContain("Try again later");
    expect(outboxHealth(db, clock.now())).toMatchObject({
      pending: 1,
      failing: 1,
      failingTooLong: 0,
      lastError: failed.lastError,
    });

    clock.advance(9 * SECOND);
    await expect(worker.runOnce()).resolves.toBe(0);
    expect(onlyRow(db).attempts).toBe(1);

    clock.advance(2 * SECOND);
    await expect(worker.runOnce()).resolves.toBe(1);
    await smtp.waitFor(1);
    expect(onlyRow(db)).toMatchObject({ status: "sent", attempts: 1 });
    expect(outboxHealth(db, clock.now())).toMatchObject({ pending: 0, failing: 0 });
  });

  it("retries after 10 s, 20 s, then every 30 s, never giving up on a transient failure, unhealthy after 5 minutes", async () => {
    const { db } = testDb();
    const clock = manualClock();
    const queuedAt = clock.now();
    const { logger, warnings } = recordingLogger();
    queue(db, queuedAt);
    const unreachable = createMailer({
      smtpUrl: `smtp://127.0.0.1:${await closedPort()}`,
      mailboxDir: tempDir("unused"),
      from: FROM,
    });
    const worker = createOutboxWorker({ db, mailer: unreachable, logger, now: clock.now });

    expect(await waitsBetweenTries(worker, db, clock, 12)).toEqual([10, 20, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30]);
    const row = onlyRow(db);
    expect(row).toMatchObject({ status: "pending", attempts: 12, lockedUntil: null });
    expect(row.lastError).toMatch(/ECONNREFUSED/);
    expect(warnings).toHaveLength(12);
    expect(outboxHealth(db, clock.now())).toEqual({
      pending: 1,
      failing: 1,
      failingTooLong: 1,
      dead: 0,
      oldestPendingMinutes: Math.floor((clock.now().getTime() - queuedAt.getTime()) / 60_000),
      lastError: row.lastError,
    });
  });

  it("waits as MAIL_RETRY_SECONDS says, its last wait repeating, and refuses a schedule out of bounds by name", async () => {
    expect(loadConfig({}).mail.retryDelaysMs, "the default").toEqual([10 * SECOND, 20 * SECOND, 30 * SECOND]);
    const { retryDelaysMs } = loadConfig({ MAIL_RETRY_SECONDS: " 0.5, 2 " }).mail;
    expect(retryDelaysMs).toEqual([500, 2 * SECOND]);
    const { db } = testDb();
    const clock = manualClock();
    queue(db, clock.now());
    const worker = createOutboxWorker({
      db,
      mailer: createMailer({ smtpUrl: `smtp://127.0.0.1:${await closedPort()}`, mailboxDir: tempDir("x"), from: FROM }),
      logger: recordingLogger().logger,
      now: clock.now,
      retryDelaysMs,
    });
    expect(await waitsBetweenTries(worker, db, clock, 4)).toEqual([0.5, 2, 2, 2]);

    for (const wrong of ["0", "0.05", "3601", "ten", "10,,30", Array(11).fill("5").join(",")]) {
      expect(() => loadConfig({ MAIL_RETRY_SECONDS: wrong }), wrong).toThrow(
        `MAIL_RETRY_SECONDS: "${wrong}" is not a retry schedule: give 1 to 10 waits in seconds, each 0.1 to 3600`,
      );
    }
  });

  it("keeps a message refused with 550 as a dead letter at once, sends the rest, and sends it when an admin retries", async () => {
    const { db } = testDb();
    const clock = manualClock();
    const { logger, warnings } = recordingLogger();
    const bounced = queue(db, clock.now(), "nobody@acme.example");
    queue(db, clock.now(), "jana@acme.example");
    smtp.bounce.add("nobody@acme.example");
    const worker = createOutboxWorker({ db, mailer, logger, now: clock.now });

    await expect(worker.runOnce()).resolves.toBe(1);

    const dead = db
      .select()
      .from(outbox)
      .all()
      .find((m) => m.id === bounced)!;
    expect(dead).toMatchObject({ status: "dead", attempts: 1, failedAt: clock.now(), lockedUntil: null });
    expect(dead.lastError).toMatch(/550 .*User unknown/);
    expect(warnings.join("\n")).toContain("dead letter");
    expect(outboxHealth(db, clock.now())).toMatchObject({ pending: 0, failing: 0, failingTooLong: 0, dead: 1 });
    expect(listDeadLetters(db)).toEqual([
      expect.objectContaining({ id: bounced, to: "nobody@acme.example", lastError: dead.lastError }),
    ]);
    clock.advance(3600 * SECOND);
    await expect(worker.runOnce()).resolves.toBe(0);

    smtp.bounce.delete("nobody@acme.example");
    expect(retryDeadLetter(db, bounced, clock.now())).toBe(true);
    expect(retryDeadLetter(db, bounced, clock.now())).toBe(false);
    expect(listDeadLetters(db)).toEqual([]);
    await expect(worker.runOnce()).resolves.toBe(1);
    expect(
      db
        .select()
        .from(outbox)
        .all()
        .find((m) => m.id === bounced),
    ).toMatchObject({ status: "sent", attempts: 0, lastError: null });
    expect(smtp.messages).toHaveLength(2);
  });

  it("tries one message per pass while the relay is down, and sends every failed one once it answers", async () => {
    const { db } = testDb();
    const clock = manualClock();
    const { logger } = recordingLogger();
    for (const who of ["a", "b", "c"]) queue(db, clock.now(), `${who}@acme.example`);
    const port = await closedPort();
    const url = `smtp://127.0.0.1:${port}?ignoreTLS=true`;
    const worker = createOutboxWorker({
      db,
      mailer: createMailer({ smtpUrl: url, mailboxDir: tempDir("unused"), from: FROM }),
      logger,
      now: clock.now,
    });

    await expect(worker.runOnce()).resolves.toBe(0);
    expect(db.select({ attempts: outbox.attempts, lockedUntil: outbox.lockedUntil }).from(outbox).all()).toEqual([
      { attempts: 1, lockedUntil: null },
      { attempts: 0, lockedUntil: null },
      { attempts: 0, lockedUntil: null },
    ]);
    await expect(worker.runOnce()).resolves.toBe(0);

    const relay = await startSmtpServer({ port });
    try {
      // Both failed messages wait for their retry, but the first success makes them due at once.
      await expect(worker.runOnce()).resolves.toBe(3);
      await relay.waitFor(3);
    } finally {
      await relay.stop();
    }
  });

  it("sends what a nudge finds once, however often it is nudged", async () => {
    const { db } = testDb();
    const { logger } = recordingLogger();
    queue(db, new Date());
    const worker = createOutboxWorker({ db, mailer, logger });

    worker.nudge();
    worker.nudge();
    worker.nudge();
    await smtp.waitFor(1);
    await worker.stop();

    expect(smtp.messages).toHaveLength(1);
    expect(onlyRow(db).status).toBe("sent");
  });

  it("once started, sends mail left from before and polls for new mail until stopped", async () => {
    // The poll interval runs on a clock the test moves; sockets, and the nudge's setImmediate, stay real.
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const { db } = testDb();
    const { logger, warnings } = recordingLogger();
    const pollMs = 60_000;
    queue(db, new Date(), "before@acme.example");
    const worker = createOutboxWorker({ db, mailer, logger, pollMs });

    worker.start();
    await smtp.waitFor(1);
    queue(db, new Date(), "later@acme.example");
    vi.advanceTimersByTime(pollMs);
    await smtp.waitFor(2);
    await worker.stop();
    queue(db, new Date(), "after-stop@acme.example");
    worker.nudge();
    vi.advanceTimersByTime(10 * pollMs);
    // A pass claims its messages synchronously when it starts: one event-loop turn shows any the nudge began.
    await new Promise((resolve) => setImmediate(resolve));

    expect(smtp.messages.map((m) => (Array.isArray(m.to) ? undefined : m.to?.text))).toEqual([
      "before@acme.example",
      "later@acme.example",
    ]);
    expect(
      db.select({ to: outbox.to, status: outbox.status, lockedUntil: outbox.lockedUntil }).from(outbox).all(),
    ).toEqual([
      { to: "before@acme.example", status: "sent", lockedUntil: null },
      { to: "later@acme.example", status: "sent", lockedUntil: null },
      { to: "after-stop@acme.example", status: "pending", lockedUntil: null },
    ]);
    expect(warnings).toEqual([]);
  });
});

describe("mail on /healthz", () => {
  let smtp: TestSmtpServer;
  let services: Services;

  beforeEach(async () => {
    smtp = await startSmtpServer({ bounce: ["nobody@acme.example"] });
    services = createServices(
      loadConfig({ DATA_DIR: tempDir("health"), SMTP_URL: smtp.url }),
      recordingLogger().logger,
    );
  });
  afterEach(async () => {
    services.db.$client.close();
    await smtp.stop();
  });

  it("stays healthy with a dead letter and a fresh transient failure, and turns unhealthy once a message fails for 5 minutes", async () => {
    const queuedAt = new Date(Date.now() - 4 * 60_000);
    const clock = manualClock(queuedAt);
    queue(services.db, queuedAt, "nobody@acme.example");
    queue(services.db, queuedAt, "jana@acme.example");
    smtp.failNext(1);
    const worker = createOutboxWorker({
      db: services.db,
      mailer: services.mailer,
      logger: recordingLogger().logger,
      now: clock.now,
    });
    await expect(worker.runOnce()).resolves.toBe(0);

    const fresh = await checkHealth(services);
    expect(fresh.mail).toMatchObject({ ok: true, outbox: { pending: 1, failing: 1, failingTooLong: 0, dead: 1 } });
    expect(fresh.ok).toBe(true);

    services.db
      .update(outbox)
      .set({ createdAt: new Date(Date.now() - 6 * 60_000) })
      .where(eq(outbox.status, "pending"))
      .run();
    const stale = await checkHealth(services);
    expect(stale.mail).toMatchObject({ ok: false, outbox: { failingTooLong: 1, dead: 1 } });
    expect(stale.ok).toBe(false);
  });
});

describe("mailbox transport", () => {
  it("writes each message as a complete .eml file, atomically", async () => {
    const dir = tempDir("mailbox");
    const mailer = createMailer({ mailboxDir: dir, from: FROM });
    await expect(mailer.check()).resolves.toBeUndefined();
    expect(mailer.transport).toBe("mailbox");

    const { subject, text, html } = renderEmail({
      kind: "inquiry-received",
      data: { ...summary, statusUrl: "https://rfq.example/status/abc", material: "mim-17-4ph" },
      lang: emailLanguage("en"),
    });
    const { messageId } = await mailer.send({ to: "jana@acme.example", subject, text, html });

    const names = fs.readdirSync(dir);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z-[0-9a-f]+\.eml$/);
    const mail = await simpleParser(fs.readFileSync(path.join(dir, names[0]!)));
    expect(mail.messageId).toBe(messageId);
    expect(mail.subject).toBe("Inquiry RFQ-2026-00001 received: Lock pawl");
    expect(mail.text).toContain("https://rfq.example/status/abc");
    expect(mail.html).toContain('href="https://rfq.example/status/abc"');
  });
});

describe("renderEmail", () => {
  const hostile: InquirySummary = {
    ...summary,
    company: "<script>alert(1)</script> & Sons",
    partName: 'Pawl "<b>"',
    files: [{ name: "<img src=x onerror=alert(1)>.step", size: 1024 }],
  };

  it("escapes every user value in the HTML part", () => {
    for (const email of [
      renderEmail({ kind: "new-inquiry", data: hostile }),
      renderEmail({
        kind: "inquiry-received",
        data: { ...hostile, statusUrl: "https://rfq.example/status/a?b=1&c=<2>", material: "mim-17-4ph" },
        lang: emailLanguage("en"),
      }),
      renderEmail({
        kind: "files-added",
        data: { reference: "RFQ-2026-00001", partName: hostile.partName, files: hostile.files },
      }),
    ]) {
      expect(email.html).not.toContain("<script>");
      expect(email.html).not.toContain("<img");
      expect(email.html).not.toContain("<b>");
      expect(email.html).toContain("&lt;img src=x onerror=alert(1)&gt;.step");
    }
    const engineering = renderEmail({ kind: "new-inquiry", data: hostile });
    expect(engineering.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Sons");
    expect(engineering.subject).toBe('New inquiry RFQ-2026-00001: Pawl "<b>" from <script>alert(1)</script> & Sons');
  });

  it("tells sales which quotation expired, until when it was valid and where to prepare the next, escaped", () => {
    const email = renderEmail({
      kind: "quote-expired",
      data: {
        reference: "RFQ-2026-00007",
        version: 2,
        partName: hostile.partName,
        company: hostile.company,
        validUntil: "2026-11-20",
        quoteUrl: "https://rfq.example/review/abc/quote",
      },
    });
    expect(email.subject).toBe("RFQ-2026-00007 version 2: quotation expired");
    expect(email.text).toContain("was valid until 2026-11-20 and has expired without an answer from the buyer");
    expect(email.text).toContain("https://rfq.example/review/abc/quote");
    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Sons");
  });

  it("gives the buyer the reference, what they sent and the private status link", () => {
    const email = renderEmail({
      kind: "inquiry-received",
      data: { ...summary, statusUrl: "https://rfq.example/status/tok123", material: "mim-17-4ph" },
      lang: emailLanguage("en"),
    });

    expect(email.subject).toBe("Inquiry RFQ-2026-00001 received: Lock pawl");
    expect(email.text).toContain("RFQ-2026-00001");
    expect(email.text).toContain("https://rfq.example/status/tok123");
    expect(email.text).toContain("Anyone with this link can see your inquiry");
    expect(email.text).toContain("metal injection molding");
    expect(email.text).toContain("Lock pawl (part no. LP-204, rev. C)");
    expect(email.text).toContain("250,000 pcs");
    expect(email.text).toMatch(/Files\s+lock-pawl\.step \(.+\)\n\s+lock-pawl\.pdf \(.+\)/);
    // Values line up in one column in the plain-text table.
    const column = (label: string) => {
      const line = email.text.split("\n").find((l) => l.startsWith(label));
      return line!.length - line!.slice(label.length).trimStart().length;
    };
    expect(column("Material")).toBe(column("Annual volume"));
  });

  it("highlights the NDA and export-control flags for engineering", () => {
    const email = renderEmail({ kind: "new-inquiry", data: { ...summary, exportControlled: true } });

    expect(email.text).toMatch(/NDA required\s+YES/);
    expect(email.text).toMatch(/Export-controlled\s+YES/);
    expect(email.text).toMatch(/Samples needed by\s+2026-09-01/);
    expect(email.text).toMatch(/Contact\s+Jana Novak <jana@acme\.example>/);
    expect(email.html.match(/font-weight:bold;">YES/g)).toHaveLength(2);
    const plain = renderEmail({ kind: "new-inquiry", data: { ...summary, ndaRequired: false } });
    expect(plain.html).not.toContain('font-weight:bold;">YES');
    expect(plain.text).toMatch(/NDA required\s+No/);
  });

  it("lists the added files for engineering", () => {
    const email = renderEmail({
      kind: "files-added",
      data: { reference: "RFQ-2026-00007", partName: "Hinge", files: [{ name: "hinge-rev-d.step", size: 2048 }] },
    });

    expect(email.subject).toBe("Files added to RFQ-2026-00007");
    expect(email.text).toMatch(/Added files\s+hinge-rev-d\.step \(.+\)/);
    expect(email.html).toContain("hinge-rev-d.step");
  });
});
