import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../app/server/config.server";
import { expireQuotes, VALIDITY_CHECK } from "../app/server/quotes/quote-expiry.server";
import { applyReviewEvent, BUYER, findInquiry } from "../app/server/review/review.server";
import type { Services } from "../app/server/service-types";
import { createServices } from "../app/server/services.server";
import { listInquiryEvents } from "../db/queries/inquiries";
import { findQuote } from "../db/queries/quotes";
import { outbox } from "../db/schema";
import { buyerTimeline, describeEvent } from "../workflows/timeline";
import { startAppServer } from "./support/app-server";
import { query } from "./support/db";
import { formatDateIn } from "../app/i18n/format";
import { buyerAnswered, sentBracketQuote } from "./support/quotes";
import { startSmtpServer } from "./support/smtp";
import { tempDir } from "./support/temp";

const DAY = 24 * 60 * 60 * 1000;
const SALES_INBOX = "sales@factory.test";
const quiet = { info: () => undefined, warn: () => undefined };

function servicesIn(dataDir: string, env: Record<string, string> = {}): Services {
  return createServices(
    loadConfig({
      DATA_DIR: dataDir,
      ENGINEERING_INBOX: "engineering@factory.test",
      SALES_INBOX,
      PUBLIC_URL: "https://rfq.factory.test",
      ...env,
    }),
    quiet,
  );
}

const daysAgo = (n: number) => new Date(Date.now() - n * DAY);

describe("expireQuotes on a real database", () => {
  let services: Services;
  beforeEach(() => {
    services = servicesIn(tempDir("expiry"));
  });
  afterEach(() => {
    services.db.$client.close();
  });

  const mails = () =>
    services.db
      .select()
      .from(outbox)
      .all()
      .filter((m) => m.kind === "quote-expired");

  it("expires a sent quote past its validity: quote, inquiry, timeline and the e-mail to sales in one go", async () => {
    const { inquiryId, quote, sales } = await sentBracketQuote(services, daysAgo(40));
    const validUntil = quote.validUntil!.toISOString().slice(0, 10);
    expect(quote.validUntil!.getTime()).toBeLessThan(Date.now());

    expect(expireQuotes(services)).toBe(1);

    expect(findQuote(services.db, inquiryId, quote.id)!.status).toBe("expired");
    const inquiry = findInquiry(services.db, inquiryId)!;
    expect(inquiry.state).toBe("expired");
    const entry = listInquiryEvents(services.db, inquiryId).at(-1)!;
    expect(entry).toMatchObject({
      type: "transition",
      actor: VALIDITY_CHECK.name,
      actorUserId: null,
      fromState: "quoted",
      toState: "expired",
    });
    expect(describeEvent(entry)).toEqual({
      title: "Quote expired",
      detail: `Version 1 of the quotation was valid until ${validUntil} and has expired.`,
    });
    expect(buyerTimeline([entry])[0]!.line).toEqual({ kind: "phase", phase: "expired" });

    const [mail] = mails();
    expect(mail).toBeDefined();
    expect(mail!.to.split(", ").sort()).toEqual([SALES_INBOX, sales.email.toLowerCase()].sort());
    expect(mail!.inquiryId).toBe(inquiryId);
    expect(mail!.subject).toBe(`${inquiry.reference} version 1: quotation expired`);
    expect(mail!.text).toContain(`was valid until ${validUntil}`);
    expect(mail!.text).toContain(`https://rfq.factory.test/review/${inquiryId}/quote`);
  });

  it("leaves a quote still within its validity alone", async () => {
    const { inquiryId, quote } = await sentBracketQuote(services, daysAgo(2));
    expect(expireQuotes(services)).toBe(0);
    expect(findQuote(services.db, inquiryId, quote.id)!.status).toBe("sent");
    expect(findInquiry(services.db, inquiryId)!.state).toBe("quoted");
    // A moment after its validity ends, it does expire.
    expect(expireQuotes(services, new Date(quote.validUntil!.getTime() + 1))).toBe(1);
  });

  it("leaves a quote the buyer accepted alone, even when its validity has passed since", async () => {
    const { inquiryId, quote } = await sentBracketQuote(services, daysAgo(40));
    await buyerAnswered(services, { inquiryId, quote }, { accept: true });
    const events = listInquiryEvents(services.db, inquiryId).length;

    expect(expireQuotes(services)).toBe(0);
    expect(findQuote(services.db, inquiryId, quote.id)!.status).toBe("accepted");
    expect(findInquiry(services.db, inquiryId)!.state).toBe("won");
    expect(listInquiryEvents(services.db, inquiryId)).toHaveLength(events);
    expect(mails()).toHaveLength(0);
  });

  it("leaves a lapsed quote alone when the buyer's answer moved the inquiry on first, and rolls its own change back", async () => {
    const { inquiryId, quote } = await sentBracketQuote(services, daysAgo(40));
    // The buyer's decline reached the inquiry but (in this staged race) not yet the quote row.
    const inquiry = findInquiry(services.db, inquiryId)!;
    applyReviewEvent(services, BUYER, inquiryId, inquiry.version, { type: "DECLINE_QUOTE", reason: "Price" });
    expect(expireQuotes(services)).toBe(0);
    expect(findQuote(services.db, inquiryId, quote.id)!.status).toBe("sent");
    expect(findInquiry(services.db, inquiryId)!.state).toBe("lost");
    expect(mails()).toHaveLength(0);
  });

  it("does nothing more when run again", async () => {
    const { inquiryId } = await sentBracketQuote(services, daysAgo(40));
    expect(expireQuotes(services)).toBe(1);
    const events = listInquiryEvents(services.db, inquiryId).length;
    const version = findInquiry(services.db, inquiryId)!.version;

    expect(expireQuotes(services)).toBe(0);
    expect(expireQuotes(services, new Date(Date.now() + 365 * DAY))).toBe(0);
    expect(listInquiryEvents(services.db, inquiryId)).toHaveLength(events);
    expect(findInquiry(services.db, inquiryId)!.version).toBe(version);
    expect(mails()).toHaveLength(1);
  });
});

describe("quote expiry in the real server's background loop", () => {
  it("expires a lapsed quote at start-up and e-mails sales over SMTP; a valid one stays sent", async () => {
    const dataDir = tempDir("expiry-app");
    const setup = servicesIn(dataDir);
    // Everything set up here is delivered by the server under test, not by this process.
    await setup.outbox.stop();
    // An English-reading buyer: the status page's words are asserted in English.
    const lapsed = await sentBracketQuote(setup, daysAgo(40), { language: "en" });
    const valid = await sentBracketQuote(setup, daysAgo(1), { language: "en" });
    const reference = findInquiry(setup.db, lapsed.inquiryId)!.reference;
    setup.db.$client.close();

    const smtp = await startSmtpServer();
    const app = await startAppServer({ SMTP_URL: smtp.url, SALES_INBOX }, { dataDir });
    try {
      const status = (id: string) =>
        query<{ status: string }>(dataDir, "SELECT status FROM quotes WHERE id = ?", id)[0]!.status;
      await vi.waitFor(() => expect(status(lapsed.quote.id)).toBe("expired"), { timeout: 30_000, interval: 100 });
      expect(query(dataDir, "SELECT state FROM inquiries WHERE id = ?", lapsed.inquiryId)).toEqual([
        { state: "expired" },
      ]);
      expect(status(valid.quote.id)).toBe("sent");
      expect(query(dataDir, "SELECT state FROM inquiries WHERE id = ?", valid.inquiryId)).toEqual([
        { state: "quoted" },
      ]);

      const notices = () => smtp.messages.filter((m) => m.subject?.endsWith("quotation expired"));
      await vi.waitFor(() => expect(notices()).toHaveLength(1), { timeout: 30_000, interval: 100 });
      expect(notices()[0]!.subject).toBe(`${reference} version 1: quotation expired`);
      // The buyers' quotations, queued before the start, go out too, the PDF attached.
      const quotation = await vi.waitFor(
        () => {
          // In English, the language the buyer asked in.
          const found = smtp.messages.filter((m) => m.subject?.startsWith(`Quotation ${reference}`));
          expect(found).toHaveLength(1);
          return found[0]!;
        },
        { timeout: 30_000, interval: 100 },
      );
      expect(quotation.attachments.map((a) => a.contentType)).toEqual(["application/pdf"]);

      // The buyer, following the link in that e-mail, reads that the quotation expired and until when it held.
      const link = new URL(quotation.text!.match(/https?:\/\/\S+\/status\/\S+/)![0]);
      const statusPage = await (await fetch(`${app.url}${link.pathname}`)).text();
      expect(statusPage).toContain("Quotation expired");
      expect(statusPage).toContain(
        `Version 1 of the quotation was valid until ${formatDateIn("en", lapsed.quote.validUntil!)} and has expired.`,
      );
      expect(notices()).toHaveLength(1);
      const to = [notices()[0]!.to].flat().flatMap((a) => a!.value.map((v) => v.address));
      expect(to.sort()).toEqual([SALES_INBOX, lapsed.sales.email.toLowerCase()].sort());
      expect(notices()[0]!.text).toContain(`${app.url}/review/${lapsed.inquiryId}/quote`);
    } finally {
      await app.stop();
      await smtp.stop();
    }
  });

  it("logs a quotation it fails to expire, leaves it whole, expires the others and goes on serving", async () => {
    const dataDir = tempDir("expiry-fail");
    const setup = servicesIn(dataDir);
    await setup.outbox.stop();
    const lapsed = await sentBracketQuote(setup, daysAgo(40));
    const other = await sentBracketQuote(setup, daysAgo(41));
    // A write the database refuses for this one quote, as a corrupt page would.
    setup.db.$client.exec(
      `CREATE TRIGGER refuse_expiry BEFORE UPDATE OF status ON quotes WHEN NEW.id = '${lapsed.quote.id}' AND NEW.status = 'expired' BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`,
    );
    setup.db.$client.close();

    const app = await startAppServer({ SALES_INBOX }, { dataDir });
    try {
      await vi.waitFor(
        () => expect(app.output()).toContain(`expiring quotation ${lapsed.quote.id} failed: disk I/O error`),
        {
          timeout: 30_000,
          interval: 100,
        },
      );
      expect((await fetch(`${app.url}/login`)).status).toBe(200);
      expect(query(dataDir, "SELECT status FROM quotes WHERE id = ?", lapsed.quote.id)).toEqual([{ status: "sent" }]);
      expect(query(dataDir, "SELECT state FROM inquiries WHERE id = ?", lapsed.inquiryId)).toEqual([
        { state: "quoted" },
      ]);
      expect(query(dataDir, "SELECT inquiry_id FROM outbox WHERE kind = 'quote-expired'")).toEqual([
        { inquiry_id: other.inquiryId },
      ]);
      expect(query(dataDir, "SELECT status FROM quotes WHERE id = ?", other.quote.id)).toEqual([{ status: "expired" }]);
    } finally {
      await app.stop();
    }
  });
});
