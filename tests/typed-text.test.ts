import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken, hashToken } from "../app/server/tokens.server";
import { createDb, writeTransaction } from "../db/client";
import { insertStatusLink } from "../db/queries/inquiries";
import { startAppServer, type AppServer } from "./support/app-server";
import { query } from "./support/db";
import { FORM } from "./support/form-routes";
import { pdfText } from "./support/pdf";
import { BUILDER_FORM, inquiryReadyToQuote } from "./support/quotes";
import { createStaffUser, csrfOf, sessionCookie } from "./support/staff";

/** What a probe typed: a right-to-left override, a bell and a NUL, which no reader can see or want. */
const RLO = "\u202e";
const BEL = "\u0007";
const NUL = "\u0000";
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSEEN = /[\u0000\u0007\u202e]/;

type Person = { id: string; cookie: string; csrf: string };

describe("text staff type for buyers (quote and factory profile) reaches them clean, on the real server", () => {
  let app: AppServer;
  const people = {} as Record<"sam" | "root", Person>;

  beforeAll(async () => {
    app = await startAppServer();
    for (const [key, roles] of [
      ["sam", ["sales"]],
      ["root", ["admin"]],
    ] as const) {
      const email = await createStaffUser(app.dataDir, [...roles], { name: key });
      const id = query<{ id: string }>(app.dataDir, "SELECT id FROM users WHERE email = ?", email)[0]!.id;
      const cookie = await sessionCookie(app, email);
      people[key] = { id, cookie, csrf: await csrfOf(app, cookie, key === "root" ? "/admin/factory" : "/review") };
    }
  });
  afterAll(async () => {
    await app?.stop();
  });

  const postAs = (who: Person, page: string, fields: Record<string, string>) =>
    fetch(`${app.url}${page}`, {
      method: "POST",
      headers: { ...FORM, Cookie: who.cookie, Origin: app.url },
      body: new URLSearchParams({ _csrf: who.csrf, ...fields }),
      redirect: "manual",
    });

  it("cleans the factory's name and address, and the quote's notes, terms and assumptions, on the page, the PDF and the mail", async () => {
    const { sam, root } = people;
    const profile = await postAs(root, "/admin/factory", {
      name: `Lindqvist${RLO} Precision${BEL} MIM${NUL} AB`,
      address: `Verkstadsgatan 12${BEL}\r\n611 35 Nyköping\r\nSweden${RLO}`,
      email: "sales@lindqvist-mim.example",
    });
    expect(profile.status).toBe(302);
    expect(query(app.dataDir, "SELECT name, address FROM factory_profile")).toEqual([
      { name: "Lindqvist Precision MIM AB", address: "Verkstadsgatan 12\n611 35 Nyköping\nSweden" },
    ]);
    const rate = { currency: "USD", source: "Factory policy", effectiveFrom: "2026-01-01" };
    expect(
      (await postAs(root, "/admin/rates", { key: "approvalAboveTotal", value: "100000000", ...rate })).status,
    ).toBe(302);
    expect((await postAs(root, "/admin/rates", { intent: "confirm" })).status).toBe(302);

    const inquiryId = await inquiryReadyToQuote(app, sam.id);
    const saved = await postAs(sam, `/review/${inquiryId}/quote`, {
      ...BUILDER_FORM,
      cavities: "1",
      quoteId: "",
      rowVersion: "",
      incotermPlace: `Nyköping${RLO}, Sweden`,
      paymentTerms: `30 days${NUL} net${BEL}`,
      assumptions: `As-sintered${BEL} tolerances.\r\nNo${RLO} sizing.`,
      buyerNotes: `Thank you${BEL} for the inquiry.\r\n\tPrices${NUL} in USD.${RLO}`,
    });
    expect(saved.status).toBe(302);
    const stored = () =>
      query<{ id: string; row_version: number; terms: string; assumptions: string; buyer_notes: string }>(
        app.dataDir,
        "SELECT id, row_version, terms, assumptions, buyer_notes FROM quotes WHERE inquiry_id = ?",
        inquiryId,
      )[0]!;
    const quote = stored();
    expect(JSON.parse(quote.terms)).toMatchObject({
      incoterm: { rule: "FCA", place: "Nyköping, Sweden" },
      paymentTerms: "30 days net",
    });
    expect(JSON.parse(quote.assumptions)).toEqual(["As-sintered tolerances.", "No sizing."]);
    // Line breaks and the tab stay: the notes are multi-line.
    expect(quote.buyer_notes).toBe("Thank you for the inquiry.\n\tPrices in USD.");

    const sent = await postAs(sam, `/review/${inquiryId}/quote`, {
      intent: "send",
      quoteId: quote.id,
      rowVersion: String(quote.row_version),
    });
    expect(sent.status, await sent.clone().text()).toBe(302);

    const [row] = query<{ pdf_key: string }>(app.dataDir, "SELECT pdf_key FROM quotes WHERE id = ?", quote.id);
    const pdf = await pdfText(fs.readFileSync(path.join(app.dataDir, "files", row!.pdf_key)));
    expect(pdf).toContain("Lindqvist Precision MIM AB");
    expect(pdf).toContain("Thank you for the inquiry.");
    expect(pdf).toContain("30 days net");
    expect(pdf).not.toMatch(UNSEEN);

    const [mail] = query<{ text: string; html: string }>(
      app.dataDir,
      "SELECT text, html FROM outbox WHERE inquiry_id = ? AND kind = 'quote-sent'",
      inquiryId,
    );
    expect(mail!.text).toContain("As-sintered tolerances.");
    expect(mail!.text + mail!.html).not.toMatch(UNSEEN);

    const token = createToken();
    const db = createDb(path.join(app.dataDir, "mim-rfq.sqlite"), { migrate: false });
    try {
      writeTransaction(db, (tx) => insertStatusLink(tx, inquiryId, hashToken(token)));
    } finally {
      db.$client.close();
    }
    const page = await (await fetch(`${app.url}/status/${token}/quote`)).text();
    expect(page).toContain("Thank you for the inquiry.");
    expect(page).toContain("Lindqvist Precision MIM AB");
    expect(page).not.toMatch(UNSEEN);
  });
});
