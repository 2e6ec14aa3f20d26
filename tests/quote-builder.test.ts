import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeRate, confirmRates } from "../app/server/quotes/rates.server";
import { createDb } from "../db/client";
import { startAppServer, type AppServer } from "./support/app-server";
import { query } from "./support/db";
import { FORM } from "./support/form-routes";
import { sendInquiry } from "./support/inquiry";
import { fixture } from "./support/intake-client";
import { fillFactoryProfile } from "./support/factory";
import { BUILDER_FORM } from "./support/quotes";
import { pdfText } from "./support/pdf";
import { createStaffUser, csrfOf, sessionCookie } from "./support/staff";

/** The worked bracket's gate 3: sizing of the assembly surface for flatness, the bore machined. */
const GATE3 = {
  sizingRequired: "yes",
  sizingRequirement: "flatness",
  sizingFeature: "assembly surface",
  sizingReason: "0.03 mm flatness on the mating face",
  secondary: ["cnc_machining"],
  secondaryReasons: { cnc_machining: "the bore, H7" },
  inspection: ["dimensions"],
};

type Person = { id: string; cookie: string; csrf: string };

describe("the quote builder on the real server", () => {
  let app: AppServer;
  let inquiryId: string;
  const people: Record<"ada" | "sam" | "rita" | "root", Person> = {} as never;

  /** The server's own database file, for setting up what the review and the admin did before. */
  function withDb<T>(work: (db: ReturnType<typeof createDb>) => T): T {
    const db = createDb(path.join(app.dataDir, "mim-rfq.sqlite"), { migrate: false });
    try {
      return work(db);
    } finally {
      db.$client.close();
    }
  }

  const page = `/review/`;
  const quotePage = () => `${page}${inquiryId}/quote`;
  const act = (who: Person, fields: Record<string, string>) =>
    fetch(`${app.url}${quotePage()}`, {
      method: "POST",
      headers: { ...FORM, Cookie: who.cookie, Origin: app.url },
      body: new URLSearchParams({ _csrf: who.csrf, ...fields }),
      redirect: "manual",
    });
  const latest = () =>
    query<{ id: string; version: number; status: string; row_version: number; approved_by: string | null }>(
      app.dataDir,
      "SELECT id, version, status, row_version, approved_by FROM quotes WHERE inquiry_id = ? ORDER BY version DESC",
      inquiryId,
    );
  const state = () =>
    query<{ state: string }>(app.dataDir, "SELECT state FROM inquiries WHERE id = ?", inquiryId)[0]!.state;
  const TERMS = { ...BUILDER_FORM, assumptions: "Post-sintering sizing of the assembly surface for flatness." };
  const save = (who: Person, extra: Record<string, string> = {}) => {
    const q = latest()[0];
    return act(who, { ...TERMS, quoteId: q?.id ?? "", rowVersion: String(q?.row_version ?? ""), ...extra });
  };
  const quoteAction = (who: Person, intent: string, q = latest()[0]!) =>
    act(who, { intent, quoteId: q.id, rowVersion: String(q.row_version) });

  beforeAll(async () => {
    app = await startAppServer();
    const roles = { ada: ["engineer"], sam: ["sales"], rita: ["admin", "sales"], root: ["admin"] } as const;
    for (const [key, r] of Object.entries(roles)) {
      const email = await createStaffUser(app.dataDir, [...r], { name: key });
      const id = query<{ id: string }>(app.dataDir, "SELECT id FROM users WHERE email = ?", email)[0]!.id;
      const cookie = await sessionCookie(app, email);
      people[key as keyof typeof people] = { id, cookie, csrf: await csrfOf(app, cookie) };
    }
    ({ id: inquiryId } = await sendInquiry(app, { files: [fixture("nist_ftc_11_asme1_rb.pdf")] }));
    // What the three gates and the admin did before: gate 3 decided, rates confirmed, a low approval limit.
    withDb((db) => {
      db.$client
        .prepare(
          "INSERT INTO gate_decisions (inquiry_id, gate, payload, decided_by, decided_at) VALUES (?, ?, ?, ?, ?)",
        )
        .run(inquiryId, "sizing_secondary", JSON.stringify(GATE3), people.ada.id, Date.now());
      db.$client.prepare("UPDATE inquiries SET state = 'ready_to_quote' WHERE id = ?").run(inquiryId);
      changeRate(db, people.root.id, {
        key: "approvalAboveTotal",
        value: 100,
        currency: "USD",
        source: "Factory policy: every quote is approved",
        effectiveFrom: new Date(Date.now() - 60_000),
        reason: null,
      });
      confirmRates(db, people.root.id);
      fillFactoryProfile(db, people.root.id);
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("opens prefilled from the review, with the decisions as assumptions and a link from the workspace", async () => {
    const workspace = await (
      await fetch(`${app.url}${page}${inquiryId}`, { headers: { Cookie: people.ada.cookie } })
    ).text();
    expect(workspace).toContain(`href="/review/${inquiryId}/quote"`);
    const html = await (await fetch(`${app.url}${quotePage()}`, { headers: { Cookie: people.ada.cookie } })).text();
    expect(html).toContain("Prepare the quote");
    expect(html).toContain("Post-sintering sizing of the assembly surface for flatness.");
    expect(html).toContain("CNC machining of critical surfaces: the bore, H7.");
    expect(html).toMatch(/<label for="[^"]+">Sintered mass \(g\)<\/label>/);
  });

  it("refuses a form with a bad quantity, naming the field, and keeps the inquiry as it was", async () => {
    const response = await save(people.ada, { quantities: "a lot" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Enter 1 to 6 order quantities");
    expect(latest()).toEqual([]);
    expect(state()).toBe("ready_to_quote");
  });

  it("refuses an Incoterms rule outside the list, beside its field", async () => {
    const response = await save(people.ada, { incotermRule: "FOO" });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/<p class="error" id="[^"]+-incotermRule-error">Choose the Incoterms rule\./);
    expect(latest()).toEqual([]);
  });

  it("refuses every way around approval: a direct send, self-approval, an edit after approval, a copy", async () => {
    const { ada, sam, rita, root } = people;
    expect((await save(ada)).status).toBe(302);
    expect(state()).toBe("quote_draft");
    expect(latest()[0]).toMatchObject({ version: 1, status: "draft" });
    const built = await (await fetch(`${app.url}${quotePage()}`, { headers: { Cookie: ada.cookie } })).text();
    expect(built).toContain("Version 1: draft");
    expect(built).toContain("Cost per part");
    expect(built).toContain("Buyer&#x27;s target");
    expect(built).toContain("Post-sintering sizing");

    // Engineers prepare but never send; sales cannot send what needs approval.
    const engineerSend = await quoteAction(ada, "send");
    expect(engineerSend.status).toBe(400);
    expect(await engineerSend.text()).toContain("Only sales or an admin sends a quotation.");
    const directSend = await quoteAction(sam, "send");
    expect(directSend.status).toBe(400);
    expect(await directSend.text()).toContain("needs an admin&#x27;s approval before it is sent");

    // Rita saves it (she prepared it now), asks for approval, and cannot approve it herself.
    expect((await save(rita, { buyerNotes: "Thank you for the inquiry." })).status).toBe(302);
    expect((await quoteAction(rita, "request_approval")).status).toBe(302);
    expect(state()).toBe("awaiting_approval");
    const self = await quoteAction(rita, "approve");
    expect(self.status).toBe(400);
    expect(await self.text()).toContain("Nobody approves their own quotation");
    expect((await quoteAction(sam, "approve")).status).toBe(403);
    expect(latest()[0]).toMatchObject({ status: "awaiting_approval", approved_by: null });

    expect((await quoteAction(root, "approve")).status).toBe(302);
    expect(latest()[0]).toMatchObject({ status: "approved", approved_by: root.id });
    expect(state()).toBe("quote_draft");

    // Any edit after approval voids it, and sending is refused again.
    expect((await save(sam, { buyerNotes: "Prices in USD." })).status).toBe(302);
    expect(latest()[0]).toMatchObject({ version: 1, status: "draft", approved_by: null });
    expect((await quoteAction(sam, "send")).status).toBe(400);

    // Approved again, then copied: the copy starts unapproved and the original cannot be sent.
    expect((await quoteAction(sam, "request_approval")).status).toBe(302);
    expect((await quoteAction(root, "approve")).status).toBe(302);
    const approved = latest()[0]!;
    expect((await quoteAction(sam, "copy", approved)).status).toBe(302);
    const [v2, v1] = latest();
    expect(v2).toMatchObject({ version: 2, status: "draft", approved_by: null });
    expect(v1).toMatchObject({ version: 1, status: "superseded" });
    const oldSend = await quoteAction(sam, "send", v1);
    expect(oldSend.status).toBe(400);
    expect(await oldSend.text()).toContain("Version 1 has been followed by a later version");
    expect((await quoteAction(sam, "send", v2)).status).toBe(400);
  });

  it("sends an approved version: the PDF frozen with its SHA-256, e-mailed attached, the inquiry quoted", async () => {
    const { sam, root } = people;
    expect((await quoteAction(sam, "request_approval")).status).toBe(302);
    expect((await quoteAction(root, "approve")).status).toBe(302);
    const sent = await quoteAction(sam, "send");
    expect(sent.status, await sent.clone().text()).toBe(302);

    const [row] = query<{ version: number; status: string; pdf_key: string; pdf_sha256: string; sent_by: string }>(
      app.dataDir,
      "SELECT version, status, pdf_key, pdf_sha256, sent_by FROM quotes WHERE inquiry_id = ? ORDER BY version DESC",
      inquiryId,
    );
    expect(row).toMatchObject({ version: 2, status: "sent", sent_by: sam.id });
    const pdf = fs.readFileSync(path.join(app.dataDir, "files", row!.pdf_key));
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(crypto.createHash("sha256").update(pdf).digest("hex")).toBe(row!.pdf_sha256);
    // Issued in the factory's own name, as the profile page saved it.
    const text = await pdfText(pdf);
    expect(text).toContain("Lindqvist Precision MIM AB");
    expect(text).toContain("611 35 Nyköping");
    expect(state()).toBe("quoted");

    const [mail] = query<{ subject: string; text: string; attachments: string; content_language: string }>(
      app.dataDir,
      "SELECT subject, text, attachments, content_language FROM outbox WHERE inquiry_id = ? AND kind = 'quote-sent'",
      inquiryId,
    );
    // The buyer asked in German: the e-mail is written, and labelled, in German.
    expect(mail!.subject).toMatch(/^Angebot RFQ-\d{4}-\d{5} Version 2: /);
    expect(mail!.content_language).toBe("de");
    expect(mail!.text).toContain("Post-sintering sizing of the assembly surface for flatness.");
    expect(JSON.parse(mail!.attachments)).toEqual([
      { filename: expect.stringMatching(/-v2\.pdf$/), storageKey: row!.pdf_key, contentType: "application/pdf" },
    ]);

    // Sent is final: a second send and an edit are refused, and the row cannot change underneath.
    const again = await quoteAction(sam, "send");
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("The quotation has been sent");
    expect((await save(sam, { buyerNotes: "Changed after sending" })).status).toBe(400);
  });
});
