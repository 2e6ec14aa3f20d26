import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../app/server/service-types";
import type { AppServer } from "./support/app-server";
import { startAppWithServices, type AppWithServices } from "./support/app-with-services";
import { query } from "./support/db";
import { FORM } from "./support/form-routes";
import { moveInquiry, sendTestQuote } from "./support/quotes";
import type { TestSmtpServer } from "./support/smtp";
import { sessionCookie } from "./support/staff";

const DAY = 24 * 60 * 60 * 1000;
/** The buyer reads English: the pages' words are asserted in English (tests/status-language.test.ts covers the others). */
const ENGLISH = { language: "en" };
/** A page as the buyer reads it: without its scripts, which carry the page's messages for every state. */
const visible = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, "");
const SALES_INBOX = "sales@factory.test";

describe("the buyer's answer to a sent quotation, on the real server", () => {
  let server: AppWithServices;
  let smtp: TestSmtpServer;
  let app: AppServer;
  let services: Services;

  beforeAll(async () => {
    // The test prepares and sends quotes on the server's own database and storage, as staff would.
    server = await startAppWithServices({ SALES_INBOX });
    ({ smtp, app, services } = server);
  }, 60_000);
  afterAll(() => server?.stop());

  const page = (token: string) => `${app.url}/status/${token}/quote`;
  const post = (token: string, fields: Record<string, string>) =>
    fetch(page(token), {
      method: "POST",
      headers: { ...FORM, Origin: app.url },
      body: new URLSearchParams(fields),
      redirect: "manual",
    });
  const quoteRow = (id: string) =>
    query<Record<string, unknown>>(app.dataDir, "SELECT * FROM quotes WHERE id = ?", id)[0]!;
  const inquiryRow = (id: string) =>
    query<{ state: string; reference: string; company: string }>(
      app.dataDir,
      "SELECT state, reference, company FROM inquiries WHERE id = ?",
      id,
    )[0]!;
  const events = (id: string, type: string) =>
    query<{ payload: string; actor: string; to_state: string | null }>(
      app.dataDir,
      "SELECT payload, actor, to_state FROM inquiry_events WHERE inquiry_id = ? AND type = ? ORDER BY id",
      id,
      type,
    );
  const salesMails = (id: string) =>
    query<{ kind: string }>(
      app.dataDir,
      "SELECT kind FROM outbox WHERE inquiry_id = ? AND kind LIKE 'quote-%' AND kind <> 'quote-sent'",
      id,
    );
  /** The one e-mail whose subject starts with `subject`, once the server's outbox delivered it. */
  async function mail(subject: string): Promise<ParsedMail> {
    await expect
      .poll(() => smtp.messages.filter((m) => (m.subject ?? "").startsWith(subject)).length, { timeout: 30_000 })
      .toBe(1);
    return smtp.messages.find((m) => (m.subject ?? "").startsWith(subject))!;
  }
  const to = (m: ParsedMail) => (Array.isArray(m.to) ? m.to : [m.to!]).flatMap((a) => a.value.map((v) => v.address));

  it("shows the sent version as a page, records the first view once, and takes one acceptance of two concurrent ones", async () => {
    const sent = await sendTestQuote(services, { fields: ENGLISH });
    const { reference, company } = inquiryRow(sent.inquiryId);

    const first = await fetch(page(sent.token));
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("private, no-store");
    const html = await first.text();
    expect(html).toContain("Your quotation v1");
    expect(html).toContain("2-cavity mould");
    expect(html).toContain("As-sintered tolerances.");
    expect(html).toContain("Prices include one set of T1 samples.");
    expect(quoteRow(sent.quoteId).first_viewed_at).toEqual(expect.any(Number));
    await fetch(page(sent.token));
    expect(events(sent.inquiryId, "quote_viewed")).toHaveLength(1);
    // Staff-only: the buyer's own timeline does not show it.
    expect(await (await fetch(`${app.url}/status/${sent.token}`)).text()).not.toContain("first viewed");

    const pdf = await fetch(`${page(sent.token)}/pdf/1`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-disposition")).toContain(`attachment; filename="${reference}-v1.pdf"`);
    expect(pdf.headers.get("cache-control")).toBe("private, no-store");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");

    const accept = {
      intent: "accept",
      version: "1",
      cavities: "2",
      quantity: "5000",
      poReference: "PO-4711",
      buyerName: "Anna Weber",
    };
    const answers = await Promise.all([post(sent.token, accept), post(sent.token, { ...accept, poReference: "PO-9" })]);
    expect(answers.map((a) => a.status).sort()).toEqual([302, 409]);
    const refused = answers.find((a) => a.status === 409)!;
    expect(await refused.text()).toContain("You have already accepted version 1 of the quotation.");
    const won = answers.find((a) => a.status === 302)!;
    expect(won.headers.get("location")).toBe(`/status/${sent.token}/quote?done=accept`);

    const row = quoteRow(sent.quoteId);
    expect(row).toMatchObject({
      status: "accepted",
      accepted_cavities: 2,
      accepted_quantity: 5000,
      buyer_name: "Anna Weber",
    });
    expect(row.answered_at).toEqual(expect.any(Number));
    expect(inquiryRow(sent.inquiryId).state).toBe("won");
    expect(events(sent.inquiryId, "transition").at(-1)).toMatchObject({ actor: "buyer", to_state: "won" });
    expect(salesMails(sent.inquiryId)).toEqual([{ kind: "quote-accepted" }]);

    const m = await mail(`${reference} v1 accepted by ${company}`);
    expect(to(m)).toContain(SALES_INBOX);
    expect(to(m)).toContain(sent.sales.email.toLowerCase());
    expect(m.text).toContain("2-cavity mould");
    expect(m.text).toContain("5,000 pcs");
    expect(m.text).toContain(String(row.po_reference));
    expect(m.text).toContain("Anna Weber");
    expect(m.text).toContain(`${app.url}/review/${sent.inquiryId}/quote`);

    const after = await (await fetch(page(sent.token))).text();
    expect(after).toContain("Your answer: accepted on");
    expect(visible(after)).not.toContain("Accept and order");

    // The quote builder shows the first view and the answer beside the version.
    const cookie = await sessionCookie(app, sent.sales.email);
    const builder = await (
      await fetch(`${app.url}/review/${sent.inquiryId}/quote`, { headers: { Cookie: cookie } })
    ).text();
    expect(builder).toContain("first viewed by the buyer at");
    expect(builder).toContain(`Purchase order: ${String(row.po_reference)}`);
    expect(builder).toContain("Accepted by: Anna Weber");
  });

  it("declines with a reason, asking for words when the reason is another one", async () => {
    const sent = await sendTestQuote(services, { fields: ENGLISH });
    const { reference, company } = inquiryRow(sent.inquiryId);
    const missing = await post(sent.token, { intent: "decline", version: "1", reason: "other", text: "" });
    expect(missing.status).toBe(400);
    const form = await missing.text();
    expect(form).toContain("Say why you decline: you chose “Another reason”.");
    expect(form).toMatch(/value="other"[^>]*checked|checked[^>]*value="other"/);
    expect(quoteRow(sent.quoteId).status).toBe("sent");

    const declined = await post(sent.token, {
      intent: "decline",
      version: "1",
      reason: "price",
      text: "Another supplier quoted 20 % less.",
    });
    expect(declined.status).toBe(302);
    expect(quoteRow(sent.quoteId)).toMatchObject({
      status: "declined",
      decline_reason: "price",
      decline_text: "Another supplier quoted 20 % less.",
    });
    expect(inquiryRow(sent.inquiryId).state).toBe("lost");
    const m = await mail(`${reference} v1 declined by ${company}`);
    expect(m.text).toContain("The price is too high");
    expect(m.text).toContain("Another supplier quoted 20 % less.");
  });

  it("passes a question to sales with a link to the quote builder, and shows it on the buyer's timeline", async () => {
    const sent = await sendTestQuote(services, { fields: ENGLISH });
    const { reference } = inquiryRow(sent.inquiryId);
    const empty = await post(sent.token, { intent: "question", version: "1", text: "  " });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Write your question about the quotation.");

    const asked = await post(sent.token, {
      intent: "question",
      version: "1",
      text: "Can the 2-cavity tool run <b>17-4 PH</b>?",
    });
    expect(asked.status).toBe(302);
    expect(JSON.parse(events(sent.inquiryId, "quote_question")[0]!.payload)).toEqual({
      version: 1,
      text: "Can the 2-cavity tool run <b>17-4 PH</b>?",
    });
    expect(inquiryRow(sent.inquiryId).state).toBe("quoted");
    const m = await mail(`${reference} v1: a question about it`);
    expect(m.text).toContain("Can the 2-cavity tool run <b>17-4 PH</b>?");
    expect(m.html).toContain("Can the 2-cavity tool run &lt;b&gt;17-4 PH&lt;/b&gt;?");
    expect(m.text).toContain(`${app.url}/review/${sent.inquiryId}/quote`);
    expect(await (await fetch(`${app.url}/status/${sent.token}`)).text()).toContain("Your question about quotation v1");
  });

  it("refuses a quote past its validity before any expiry check, and takes a request for an updated one", async () => {
    const sent = await sendTestQuote(services, { sentAt: new Date(Date.now() - 40 * DAY), fields: ENGLISH });
    const { reference } = inquiryRow(sent.inquiryId);
    expect(inquiryRow(sent.inquiryId).state).toBe("quoted");
    const html = await (await fetch(page(sent.token))).text();
    expect(html).toMatch(/Version 1 expired on [^:<]+: its prices and lead times no longer hold/);
    expect(html).toContain("Ask for an updated quotation");
    expect(visible(html)).not.toContain("Accept and order");

    const accept = await post(sent.token, {
      intent: "accept",
      version: "1",
      cavities: "1",
      quantity: "1000",
      poReference: "PO-1",
      buyerName: "Anna",
    });
    expect(accept.status).toBe(409);
    expect(await accept.text()).toContain("Version 1 expired on");
    expect(quoteRow(sent.quoteId).status).toBe("sent");
    expect(inquiryRow(sent.inquiryId).state).toBe("quoted");

    const update = await post(sent.token, { intent: "update", version: "1", text: "We now need 8,000 pcs." });
    expect(update.status).toBe(302);
    expect(events(sent.inquiryId, "quote_update_request")).toHaveLength(1);
    expect(inquiryRow(sent.inquiryId).state).toBe("quoted");
    const m = await mail(`${reference} v1: an updated quotation asked for`);
    expect(m.text).toContain("We now need 8,000 pcs.");
  });

  it("shows a German buyer the quotation's document in German, its figures as German writes them", async () => {
    const sent = await sendTestQuote(services);
    const html = await (await fetch(page(sent.token))).text();
    for (const words of ["2-fach-Werkzeug", "Preise und Lieferzeiten", "Stückpreis", "Stammform", "Gültig bis"]) {
      expect(html).toContain(words);
    }
    expect(html).toMatch(/\d\.\d{3},\d{2}\u00a0\$/);
    expect(html.replace(/<script[\s\S]*?<\/script>/g, "")).not.toContain("Prices and lead times");
  });

  it("refuses an update request for a quote that can still be answered", async () => {
    const sent = await sendTestQuote(services, { fields: ENGLISH });
    const update = await post(sent.token, { intent: "update", version: "1", text: "" });
    expect(update.status).toBe(409);
    expect(await update.text()).toContain("Version 1 can still be accepted or declined");
    expect(events(sent.inquiryId, "quote_update_request")).toHaveLength(0);
  });

  it("refuses an answer to a superseded version and shows it as history", async () => {
    const v1 = await sendTestQuote(services, { sentAt: new Date(Date.now() - 40 * DAY), fields: ENGLISH });
    moveInquiry(services, v1.sales, v1.inquiryId, { type: "EXPIRE_QUOTE" });
    const v2 = await sendTestQuote(services, { inquiryId: v1.inquiryId });
    expect(quoteRow(v1.quoteId).status).toBe("superseded");

    const refused = await post(v2.token, { intent: "decline", version: "1", reason: "price", text: "" });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("Version 1 has been replaced by a later version of the quotation");
    const html = await (await fetch(page(v1.token))).text();
    expect(html).toContain("Your quotation v2");
    expect(html).toMatch(/Version 1, sent on .*superseded by a later version/);
    expect((await fetch(`${page(v1.token)}/pdf/1`)).status).toBe(200);
    expect(quoteRow(v2.quoteId).status).toBe("sent");
  });

  it("answers only within the inquiry a token opens", async () => {
    const a = await sendTestQuote(services, { fields: ENGLISH });
    const b = await sendTestQuote(services, { fields: ENGLISH });
    const pdf = Buffer.from(await (await fetch(`${page(a.token)}/pdf/1`)).arrayBuffer());
    const sha = (await import("node:crypto")).createHash("sha256").update(pdf).digest("hex");
    expect(sha).toBe(quoteRow(a.quoteId).pdf_sha256);
    expect(sha).not.toBe(quoteRow(b.quoteId).pdf_sha256);
    expect((await fetch(`${page(a.token)}/pdf/2`)).status).toBe(404);

    const declined = await post(b.token, { intent: "decline", version: "1", reason: "project_stopped", text: "" });
    expect(declined.status).toBe(302);
    expect(quoteRow(b.quoteId).status).toBe("declined");
    expect(quoteRow(a.quoteId).status).toBe("sent");

    const unknown = "A".repeat(43);
    expect((await fetch(page(unknown))).status).toBe(404);
    expect((await post(unknown, { intent: "decline", version: "1", reason: "price" })).status).toBe(404);
    expect((await fetch(`${page(unknown)}/pdf/1`)).status).toBe(404);
  });

  it("names every invalid field, keeps what was typed and changes nothing", async () => {
    const sent = await sendTestQuote(services, { fields: ENGLISH });
    const response = await post(sent.token, {
      intent: "accept",
      version: "1",
      cavities: "8",
      poReference: "   ",
      buyerName: "Anna Weber",
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Choose one of the cavity options quoted.");
    expect(html).toContain("Choose the order quantity.");
    expect(html).toContain("Enter your purchase order reference.");
    expect(html).toContain('value="Anna Weber"');
    expect(quoteRow(sent.quoteId)).toMatchObject({ status: "sent", answered_at: null, po_reference: null });
    expect(inquiryRow(sent.inquiryId).state).toBe("quoted");
    expect(salesMails(sent.inquiryId)).toEqual([]);

    const unknownVersion = await post(sent.token, { intent: "question", version: "7", text: "Hello?" });
    expect(unknownVersion.status).toBe(404);
    expect(await unknownVersion.text()).toContain("This version of the quotation is not one we sent you");
  });
});

describe("the quotation page's posts under the status page's hourly limit", () => {
  let server: AppWithServices;
  let app: AppServer;
  let services: Services;

  beforeAll(async () => {
    server = await startAppWithServices({ INTAKE_RATE_LIMIT: "1" });
    ({ app, services } = server);
  }, 60_000);
  afterAll(() => server?.stop());

  it("refuses a post over the limit with the wait in words, keeping what was typed", async () => {
    const sent = await sendTestQuote(services, { fields: ENGLISH });
    const ask = (text: string) =>
      fetch(`${app.url}/status/${sent.token}/quote`, {
        method: "POST",
        headers: { ...FORM, Origin: app.url },
        body: new URLSearchParams({ intent: "question", version: "1", text }),
        redirect: "manual",
      });
    expect((await ask("First question")).status).toBe(302);
    const refused = await ask("Second question");
    expect(refused.status).toBe(429);
    const html = await refused.text();
    expect(html).toMatch(/Too many posts from your network in the last hour: please try again in \d+ minutes?\./);
    expect(html).toContain("Second question");
    const asked = query(
      app.dataDir,
      "SELECT id FROM inquiry_events WHERE type = 'quote_question' AND inquiry_id = ?",
      sent.inquiryId,
    );
    expect(asked).toHaveLength(1);
  });
});
