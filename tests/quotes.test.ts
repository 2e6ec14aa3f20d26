import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { StaffUser } from "../app/server/auth/auth.server";
import { loadConfig } from "../app/server/config.server";
import { sendRefusal } from "../app/server/quotes/quote-sending.server";
import {
  approveQuote,
  copyQuote,
  createQuote,
  requestApproval,
  saveQuote,
} from "../app/server/quotes/quote-versions.server";
import { confirmRates } from "../app/server/quotes/rates.server";
import { findInquiry } from "../app/server/review/review.server";
import type { Services } from "../app/server/service-types";
import { createServices } from "../app/server/services.server";
import { writeTransaction } from "../db/client";
import { listInquiryEvents } from "../db/queries/inquiries";
import { findQuote, listQuotes, updateQuote } from "../db/queries/quotes";
import type { WorkflowEvent } from "../workflows/inquiry";
import type { QuoteDraft } from "../workflows/quote";
import type { StaffRole } from "../workflows/roles";
import { tempDir } from "./support/temp";
import { fillFactoryProfile } from "./support/factory";
import { insertStaff } from "./support/staff";
import { moveInquiry, readyToQuote, SMALL_QUOTE } from "./support/quotes";

const quiet = { info: () => undefined, warn: () => undefined };
let services: Services;

beforeEach(() => {
  services = createServices(
    loadConfig({ DATA_DIR: tempDir("quotes"), ENGINEERING_INBOX: "engineering@factory.test" }),
    quiet,
  );
});
afterEach(() => {
  services.db.$client.close();
});

const staff = (name: string, roles: StaffRole[]) => insertStaff(services.db, name, roles);

const state = (id: string) => findInquiry(services.db, id)!.state;

const move = (user: StaffUser, id: string, event: WorkflowEvent) => moveInquiry(services, user, id, event);

/** The same with a unit price cut by hand to near cost: below the margin floor. */
function thin(quote: { prices: { options: { breaks: { cost: number }[] }[] } }): QuoteDraft {
  const cost = quote.prices.options[0]!.breaks[0]!.cost;
  return {
    ...SMALL_QUOTE,
    overrides: [
      { cavities: 1, quantity: 1_000, lineId: "unitPrice", amount: cost * 1.01, reason: "Strategic customer" },
    ],
  };
}

function created(result: ReturnType<typeof createQuote>): string {
  expect(result.ok, JSON.stringify(result)).toBe(true);
  return result.ok ? result.quoteId : "";
}

describe("quote versions and their approval on a real database", () => {
  it("opens v1 as a draft priced with the rates in force, and moves the inquiry to quote draft", async () => {
    const ada = await staff("Ada", ["engineer"]);
    const id = await readyToQuote(services, ada);
    const quoteId = created(createQuote(services, ada, id, SMALL_QUOTE));
    const quote = findQuote(services.db, id, quoteId)!;
    expect(quote).toMatchObject({ version: 1, status: "draft", preparedBy: ada.id, currency: "USD", cavities: [1] });
    expect(quote.approvalNeeded).toBe(false);
    expect(quote.terms.validityDays).toBe(30);
    expect(quote.ratesSnapshot.rates.length).toBeGreaterThan(10);
    expect(quote.prices.options[0]!.breaks[0]!.unitPrice).toBeGreaterThan(quote.prices.options[0]!.breaks[0]!.cost);
    expect(state(id)).toBe("quote_draft");
    expect(listInquiryEvents(services.db, id).at(-1)).toMatchObject({ toState: "quote_draft" });
  });

  it("refuses to send before the rates are confirmed and the factory profile is filled in, and lets only sales or an admin send", async () => {
    const [ada, sam, root] = [
      await staff("Ada", ["engineer"]),
      await staff("Sam", ["sales"]),
      await staff("Root", ["admin"]),
    ];
    const id = await readyToQuote(services, ada);
    const quoteId = created(createQuote(services, ada, id, SMALL_QUOTE));
    expect(sendRefusal(services.db, sam, id, quoteId)).toBe(
      "An admin must confirm the factory's rates before any quotation is sent.",
    );
    confirmRates(services.db, root.id);
    expect(sendRefusal(services.db, sam, id, quoteId)).toBe(
      "An admin must fill in the factory profile (/admin/factory) before any quotation is sent: it is issued in the factory's name.",
    );
    fillFactoryProfile(services.db, root.id);
    expect(sendRefusal(services.db, ada, id, quoteId)).toBe("Only sales or an admin sends a quotation.");
    expect(sendRefusal(services.db, sam, id, quoteId)).toBeNull();
  });

  it("needs another admin's approval below the margin floor: self-approval refused, and any edit voids it", async () => {
    const [ada, sam, root, rita] = [
      await staff("Ada", ["engineer"]),
      await staff("Sam", ["sales"]),
      await staff("Root", ["admin"]),
      await staff("Rita", ["admin", "sales"]),
    ];
    confirmRates(services.db, root.id);
    fillFactoryProfile(services.db, root.id);
    const id = await readyToQuote(services, ada);
    const first = findQuote(services.db, id, created(createQuote(services, ada, id, SMALL_QUOTE)))!;
    // Rita (an admin) prepares the thin price herself.
    expect(saveQuote(services, rita, id, first.id, first.rowVersion, thin(first))).toEqual({
      ok: true,
      quoteId: first.id,
    });
    let quote = findQuote(services.db, id, first.id)!;
    expect(quote).toMatchObject({ approvalNeeded: true, preparedBy: rita.id });
    expect(quote.lowestMarginShare).toBeLessThan(0.12);
    expect(sendRefusal(services.db, rita, id, quote.id)).toBe(
      "This quotation needs an admin's approval before it is sent: ask an admin to approve it.",
    );

    expect(requestApproval(services, rita, id, quote.id, quote.rowVersion)).toMatchObject({ ok: true });
    expect(state(id)).toBe("awaiting_approval");
    quote = findQuote(services.db, id, quote.id)!;
    expect(sendRefusal(services.db, rita, id, quote.id)).toContain("Wait for an admin's decision on the quotation");
    expect(approveQuote(services, rita, id, quote.id, quote.rowVersion)).toEqual({
      ok: false,
      status: 400,
      message: "Nobody approves their own quotation: ask another admin to approve it.",
    });
    expect(approveQuote(services, sam, id, quote.id, quote.rowVersion)).toMatchObject({ ok: false, status: 403 });
    expect(findQuote(services.db, id, quote.id)).toMatchObject({ status: "awaiting_approval", approvedBy: null });
    expect(state(id)).toBe("awaiting_approval");

    expect(approveQuote(services, root, id, quote.id, quote.rowVersion)).toMatchObject({ ok: true });
    quote = findQuote(services.db, id, quote.id)!;
    expect(quote).toMatchObject({ status: "approved", approvedBy: root.id });
    expect(state(id)).toBe("quote_draft");
    expect(sendRefusal(services.db, sam, id, quote.id)).toBeNull();

    // Sam edits a note after the approval: the approval is gone and sending is refused again.
    expect(saveQuote(services, sam, id, quote.id, quote.rowVersion, { ...thin(first), buyerNotes: "Thanks" })).toEqual({
      ok: true,
      quoteId: quote.id,
    });
    quote = findQuote(services.db, id, quote.id)!;
    expect(quote).toMatchObject({ status: "draft", approvedBy: null, approvedAt: null, preparedBy: sam.id });
    expect(sendRefusal(services.db, sam, id, quote.id)).toBe(
      "This quotation needs an admin's approval before it is sent: ask an admin to approve it.",
    );
    // A save from the page as it was before the edit is stale.
    expect(saveQuote(services, sam, id, quote.id, quote.rowVersion - 1, thin(first))).toMatchObject({
      ok: false,
      status: 409,
    });
  });

  it("starts a copy of an approved version unapproved, and leaves the original as history", async () => {
    const [ada, sam, root] = [
      await staff("Ada", ["engineer"]),
      await staff("Sam", ["sales"]),
      await staff("Root", ["admin"]),
    ];
    confirmRates(services.db, root.id);
    fillFactoryProfile(services.db, root.id);
    const id = await readyToQuote(services, ada);
    const v1 = findQuote(services.db, id, created(createQuote(services, ada, id, SMALL_QUOTE)))!;
    expect(saveQuote(services, sam, id, v1.id, v1.rowVersion, thin(v1))).toMatchObject({ ok: true });
    const asked = findQuote(services.db, id, v1.id)!;
    expect(requestApproval(services, sam, id, v1.id, asked.rowVersion)).toMatchObject({ ok: true });
    expect(approveQuote(services, root, id, v1.id, asked.rowVersion + 1)).toMatchObject({ ok: true });

    const copy = copyQuote(services, sam, id, v1.id);
    const v2 = findQuote(services.db, id, created(copy))!;
    expect(v2).toMatchObject({
      version: 2,
      status: "draft",
      approvedBy: null,
      copiedFromId: v1.id,
      approvalNeeded: true,
    });
    expect(findQuote(services.db, id, v1.id)!.status).toBe("superseded");
    expect(sendRefusal(services.db, sam, id, v1.id)).toBe(
      "Version 1 has been followed by a later version: send the latest one.",
    );
    expect(sendRefusal(services.db, sam, id, v2.id)).toBe(
      "This quotation needs an admin's approval before it is sent: ask an admin to approve it.",
    );
  });

  it("refuses an engineer's copy of a version in another currency than the latest version's hand-set prices", async () => {
    const [ada, sam] = [await staff("Ada", ["engineer"]), await staff("Sam", ["sales"])];
    const id = await readyToQuote(services, ada);
    const v1 = findQuote(services.db, id, created(createQuote(services, sam, id, SMALL_QUOTE)))!;
    // Sales quotes v2 in euros, then sets a price by hand in euros.
    const inEuro: QuoteDraft = {
      ...SMALL_QUOTE,
      currency: "EUR",
      terms: { ...v1.terms, exchangeRate: { from: "USD", to: "EUR", rate: 0.9, date: "2026-01-02", source: "ECB" } },
    };
    const v2 = created(copyQuote(services, sam, id, v1.id));
    for (const draft of [inEuro, { ...inEuro, overrides: thin(v1).overrides }])
      expect(saveQuote(services, sam, id, v2, findQuote(services.db, id, v2)!.rowVersion, draft)).toMatchObject({
        ok: true,
      });
    expect(copyQuote(services, ada, id, v1.id)).toEqual({
      ok: false,
      status: 403,
      message:
        "The latest version's prices set by hand are in EUR, version 1 is in USD: ask sales or an admin to copy it.",
    });
    expect(listQuotes(services.db, id)).toHaveLength(2);
  });

  it("picks quoting up again after a gate was reopened under an open draft", async () => {
    const ada = await staff("Ada", ["engineer"]);
    const id = await readyToQuote(services, ada);
    const v1 = findQuote(services.db, id, created(createQuote(services, ada, id, SMALL_QUOTE)))!;
    move(ada, id, { type: "REOPEN_GATE", gate: "sizing_secondary", reason: "Buyer asked for a plated finish" });
    move(ada, id, { type: "COMPLETE_SIZING" });
    expect(state(id)).toBe("ready_to_quote");
    expect(saveQuote(services, ada, id, v1.id, v1.rowVersion, SMALL_QUOTE)).toEqual({ ok: true, quoteId: v1.id });
    expect(state(id)).toBe("quote_draft");
    expect(requestApproval(services, ada, id, v1.id, v1.rowVersion + 1)).toMatchObject({ ok: true });

    // A fresh start instead leaves the open draft as history.
    const id2 = await readyToQuote(services, ada);
    const first = created(createQuote(services, ada, id2, SMALL_QUOTE));
    move(ada, id2, { type: "REOPEN_GATE", gate: "sizing_secondary", reason: "New drawing" });
    move(ada, id2, { type: "COMPLETE_SIZING" });
    created(createQuote(services, ada, id2, SMALL_QUOTE));
    expect(listQuotes(services.db, id2).map((q) => [q.version, q.status, q.copiedFromId])).toEqual([
      [2, "draft", first],
      [1, "superseded", null],
    ]);
  });

  it("freezes a sent version: the database refuses a change or a delete, and a later edit is a new version", async () => {
    const [ada, sam, root] = [
      await staff("Ada", ["engineer"]),
      await staff("Sam", ["sales"]),
      await staff("Root", ["admin"]),
    ];
    confirmRates(services.db, root.id);
    fillFactoryProfile(services.db, root.id);
    const id = await readyToQuote(services, ada);
    const v1 = findQuote(services.db, id, created(createQuote(services, ada, id, SMALL_QUOTE)))!;
    expect(sendRefusal(services.db, sam, id, v1.id)).toBeNull();
    move(sam, id, {
      type: "SEND_QUOTE",
      ratesConfirmed: true,
      factoryNamed: true,
      approvalNeeded: false,
      approved: false,
    });
    const now = new Date();
    writeTransaction(services.db, (tx) =>
      expect(
        updateQuote(tx, v1.id, v1.rowVersion, ["draft"], {
          status: "sent",
          sentBy: sam.id,
          sentAt: now,
          pdfKey: "quotes/x.pdf",
          pdfSha256: "0".repeat(64),
        }),
      ).toBe(true),
    );
    const raw = services.db.$client;
    expect(() => raw.prepare("UPDATE quotes SET total = total + 1 WHERE id = ?").run(v1.id)).toThrow(
      "a sent quote version is immutable",
    );
    expect(() => raw.prepare("UPDATE quotes SET pdf_sha256 = 'x' WHERE id = ?").run(v1.id)).toThrow(
      "a sent quote version is immutable",
    );
    expect(() => raw.prepare("DELETE FROM quotes WHERE id = ?").run(v1.id)).toThrow(
      "a sent quote version is immutable",
    );
    // Its status may still move on (the buyer's answer, a later version).
    raw.prepare("UPDATE quotes SET first_viewed_at = 1 WHERE id = ?").run(v1.id);

    const sent = findQuote(services.db, id, v1.id)!;
    const whileWithBuyer = saveQuote(services, sam, id, v1.id, sent.rowVersion, {
      ...SMALL_QUOTE,
      buyerNotes: "Changed",
    });
    expect(whileWithBuyer).toMatchObject({ ok: false, status: 400 });
    expect(findQuote(services.db, id, v1.id)!.buyerNotes).toBe("");

    move(sam, id, { type: "DECLINE_QUOTE", reason: "Price" });
    const v2 = saveQuote(services, sam, id, v1.id, sent.rowVersion, { ...SMALL_QUOTE, buyerNotes: "Sharper price" });
    expect(v2.ok).toBe(true);
    expect(listQuotes(services.db, id).map((q) => [q.version, q.status, q.buyerNotes])).toEqual([
      [2, "draft", "Sharper price"],
      [1, "sent", ""],
    ]);
    expect(state(id)).toBe("quote_draft");
  });
});
