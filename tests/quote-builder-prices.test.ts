import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeRate, confirmRates } from "../app/server/quotes/rates.server";
import { createDb } from "../db/client";
import type { CostModel } from "../workflows/cost-model";
import { defaultRateValues, RATE_DEFINITIONS } from "../workflows/rates";
import { startAppServer, type AppServer } from "./support/app-server";
import { query } from "./support/db";
import { FORM } from "./support/form-routes";
import { fillFactoryProfile } from "./support/factory";
import { BUILDER_FORM, inquiryReadyToQuote } from "./support/quotes";
import { pdfText } from "./support/pdf";
import { createStaffUser, csrfOf, sessionCookie } from "./support/staff";

type Person = { id: string; cookie: string; csrf: string };
type Row = {
  id: string;
  version: number;
  copied_from_id: string | null;
  row_version: number;
  status: string;
  currency: string;
  prices: string;
  overrides: string;
  assumptions: string;
  terms: string;
  total: number;
  approval_needed: number;
  pdf_key: string | null;
};

/** The builder's form for a 1-cavity quote. */
const TERMS = { ...BUILDER_FORM, cavities: "1" };

/** The rows the builder shows for a 1-cavity quote of 1,000 and 5,000 parts, in its order. */
const ROWS = [
  ["1000", "unitPrice"],
  ["5000", "unitPrice"],
  ["", "mould_base"],
  ["", "cavities"],
  ["", "t1_samples"],
  ["", "fai_ppap"],
] as const;

/** The builder's price rows as the page posts them, with row `i` set by hand (amount and reason). */
const handSet = (i: number, amount: string, reason: string) =>
  Object.fromEntries(
    ROWS.flatMap(([quantity, lineId], row) => [
      [`overrides[${row}].cavities`, "1"],
      [`overrides[${row}].quantity`, quantity],
      [`overrides[${row}].lineId`, lineId],
      [`overrides[${row}].amount`, row === i ? amount : ""],
      [`overrides[${row}].reason`, row === i ? reason : ""],
    ]),
  );

/** A real server with an engineer, a sales person and an admin, and a way to set up inquiries ready to quote. */
function builderServer() {
  const ctx = { app: undefined as unknown as AppServer, people: {} as Record<"ada" | "sam" | "root", Person> };

  function withDb<T>(work: (db: ReturnType<typeof createDb>) => T): T {
    const db = createDb(path.join(ctx.app.dataDir, "mim-rfq.sqlite"), { migrate: false });
    try {
      return work(db);
    } finally {
      db.$client.close();
    }
  }

  beforeAll(async () => {
    ctx.app = await startAppServer();
    const roles = { ada: ["engineer"], sam: ["sales"], root: ["admin"] } as const;
    for (const [key, r] of Object.entries(roles)) {
      const email = await createStaffUser(ctx.app.dataDir, [...r], { name: key });
      const id = query<{ id: string }>(ctx.app.dataDir, "SELECT id FROM users WHERE email = ?", email)[0]!.id;
      const cookie = await sessionCookie(ctx.app, email);
      ctx.people[key as keyof typeof ctx.people] = { id, cookie, csrf: await csrfOf(ctx.app, cookie) };
    }
  });
  afterAll(async () => {
    await ctx.app?.stop();
  });

  /** A fresh inquiry through the gates (gate 2's notes as given), ready to quote. */
  const readyToQuote = (stageNotes: Record<string, string> = {}) =>
    inquiryReadyToQuote(ctx.app, ctx.people.ada.id, stageNotes);

  const latest = (inquiryId: string) =>
    query<Row>(
      ctx.app.dataDir,
      "SELECT * FROM quotes WHERE inquiry_id = ? ORDER BY version DESC LIMIT 1",
      inquiryId,
    )[0];

  /** A post of the builder's page, as `who`. */
  const act = (who: Person, inquiryId: string, fields: Record<string, string>) =>
    fetch(`${ctx.app.url}/review/${inquiryId}/quote`, {
      method: "POST",
      headers: { ...FORM, Cookie: who.cookie, Origin: ctx.app.url },
      body: new URLSearchParams({ _csrf: who.csrf, ...fields }),
      redirect: "manual",
    });

  function save(who: Person, inquiryId: string, extra: Record<string, string> = {}) {
    const q = latest(inquiryId);
    return act(who, inquiryId, { ...TERMS, quoteId: q?.id ?? "", rowVersion: String(q?.row_version ?? ""), ...extra });
  }

  /** The builder's "Copy as a new version" button of version `quoteId`. */
  const copy = (who: Person, inquiryId: string, quoteId: string) =>
    act(who, inquiryId, { intent: "copy", quoteId, rowVersion: "0" });

  /** The builder as HTML, without the markers React puts between text pieces. */
  const page = async (who: Person, inquiryId: string) =>
    (
      await (await fetch(`${ctx.app.url}/review/${inquiryId}/quote`, { headers: { Cookie: who.cookie } })).text()
    ).replace(/<!-- -->/g, "");

  /** Every money rate in `currency` at its example value, plus the approval limit given; confirmed. */
  function ratesIn(currency: string, approvalAboveTotal: number) {
    withDb((db) => {
      const values = defaultRateValues();
      const at = new Date(Date.now() - 60_000);
      for (const d of RATE_DEFINITIONS.filter((r) => r.kind === "money"))
        changeRate(db, ctx.people.root.id, {
          key: d.key,
          value: d.key === "approvalAboveTotal" ? approvalAboveTotal : values[d.key]!,
          currency,
          source: "Test rates",
          effectiveFrom: at,
          reason: null,
        });
      confirmRates(db, ctx.people.root.id);
      fillFactoryProfile(db, ctx.people.root.id);
    });
  }

  return { ctx, readyToQuote, latest, save, copy, page, ratesIn };
}

describe("prices set by hand in the quote builder, on the real server", () => {
  const { ctx, readyToQuote, latest, save, copy, page, ratesIn } = builderServer();
  beforeAll(() => ratesIn("USD", 10_000_000));

  it("refuses a price set by an engineer, and lets sales set it", async () => {
    const { ada, sam } = ctx.people;
    const id = await readyToQuote();
    expect((await save(ada, id)).status).toBe(302);
    const before = latest(id)!;
    const price = handSet(0, "9.99", "Buyer's target");
    const refused = await save(ada, id, price);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("Only sales or an admin sets a price by hand");
    expect(latest(id)).toMatchObject({ row_version: before.row_version, overrides: "[]" });

    expect((await save(sam, id, price)).status).toBe(302);
    expect(JSON.parse(latest(id)!.overrides)).toEqual([
      { cavities: 1, quantity: 1000, lineId: "unitPrice", amount: 9.99, reason: "Buyer's target" },
    ]);
    // The engineer may still save the version with sales' price left as it is, but not clear it.
    expect((await save(ada, id, { ...price, buyerNotes: "Thank you." })).status).toBe(302);
    expect((await save(ada, id)).status).toBe(403);
    expect(JSON.parse(latest(id)!.overrides)).toHaveLength(1);
    // The page shows the engineer the hand-set price read-only.
    const html = await page(ada, id);
    expect(html).toContain("Only sales or an admin sets a price by hand.");
    expect(html).toMatch(/<input[^>]*readonly=""[^>]*value="9.99"/);
  });

  it("keeps an engineer's copy of an older version to the latest version's hand-set prices", async () => {
    const { ada, sam } = ctx.people;
    const id = await readyToQuote();
    const price = handSet(0, "9.99", "Buyer's target");
    const setPrice = [{ cavities: 1, quantity: 1000, lineId: "unitPrice", amount: 9.99, reason: "Buyer's target" }];
    expect((await save(sam, id, price)).status).toBe(302);
    const v1 = latest(id)!;
    // Sales copies v1 and takes its price away in the copy.
    expect((await copy(sam, id, v1.id)).status).toBe(302);
    expect((await save(sam, id)).status).toBe(302);
    const v2 = latest(id)!;
    expect(v2).toMatchObject({ version: 2, overrides: "[]" });

    // The engineer copies v1: the price sales took away stays away.
    expect((await copy(ada, id, v1.id)).status).toBe(302);
    expect(latest(id)).toMatchObject({ version: 3, copied_from_id: v1.id, overrides: "[]" });
    // Sales may bring it back the same way, and an engineer's copy of v2 then keeps it.
    expect((await copy(sam, id, v1.id)).status).toBe(302);
    expect(JSON.parse(latest(id)!.overrides)).toEqual(setPrice);
    expect((await copy(ada, id, v2.id)).status).toBe(302);
    expect(latest(id)).toMatchObject({ version: 5, copied_from_id: v2.id });
    expect(JSON.parse(latest(id)!.overrides)).toEqual(setPrice);
  });

  it("refuses a price set without a reason, with the error beside the reason field", async () => {
    const { sam } = ctx.people;
    const id = await readyToQuote();
    expect((await save(sam, id)).status).toBe(302);
    const response = await save(sam, id, handSet(2, "7000", ""));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toMatch(
      /id="[^"]+-overrides\[2\]\.reason-error" role="alert">Give the reason for setting this price by hand/,
    );
    expect(latest(id)!.overrides).toBe("[]");
  });

  it("reprices with the hand-set price, shows it beside the computed one, and asks approval below the margin floor", async () => {
    const { sam } = ctx.people;
    const id = await readyToQuote();
    expect((await save(sam, id)).status).toBe(302);
    const computed = JSON.parse(latest(id)!.prices) as CostModel;
    const first = computed.options[0]!.breaks[0]!;
    expect(latest(id)!.approval_needed).toBe(0);

    const near = (first.cost * 1.02).toFixed(4);
    expect((await save(sam, id, handSet(0, near, "Strategic customer"))).status).toBe(302);
    const row = latest(id)!;
    const prices = JSON.parse(row.prices) as CostModel;
    expect(prices.options[0]!.breaks[0]).toMatchObject({
      unitPrice: Number(near),
      extendedPrice: Number(near) * 1000,
      handSet: { computed: first.unitPrice, reason: "Strategic customer" },
    });
    expect(prices.options[0]!.breaks[1]!.unitPrice).toBe(computed.options[0]!.breaks[1]!.unitPrice);
    expect(row.approval_needed).toBe(1);
    const html = await page(sam, id);
    expect(html).toContain(`set by hand (computed USD ${first.unitPrice.toFixed(2)}): Strategic customer`);
    expect(html).toContain("Needs an admin&#x27;s approval");
    expect(html).toContain("Cannot be sent yet: This quotation needs an admin&#x27;s approval");
  });

  it("reports a hand-set price whose quantity was removed beside its field, and keeps the version", async () => {
    const { sam } = ctx.people;
    const id = await readyToQuote();
    expect((await save(sam, id)).status).toBe(302);
    const price = handSet(1, "8.5", "Annual contract");
    expect((await save(sam, id, price)).status).toBe(302);
    const before = latest(id)!;
    const response = await save(sam, id, { ...price, quantities: "1000, 2000" });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(
      /id="[^"]+-overrides\[1\]\.amount-error" role="alert">The quote no longer prices 5,000 parts with the 1-cavity tool: clear this price/,
    );
    expect(latest(id)).toMatchObject({ row_version: before.row_version, overrides: before.overrides });
  });

  it("offers the stage-risk notes as assumptions and adds the ticked one", async () => {
    const { ada } = ctx.people;
    const id = await readyToQuote({ sintering: "Long arm sintered on a setter", debinding: "Thick wall: slow cycle" });
    const html = await page(ada, id);
    // Each offered by its process stage, in process order.
    expect(html).toMatch(/value="debinding"[^>]*>Debinding: Thick wall: slow cycle\.<\/label>/);
    expect(html).toMatch(/value="sintering"[^>]*>Sintering: Long arm sintered on a setter\.<\/label>/);
    expect(html.indexOf('value="debinding"')).toBeLessThan(html.indexOf('value="sintering"'));
    expect((await save(ada, id, { addAssumptions: "sintering" })).status).toBe(302);
    expect(JSON.parse(latest(id)!.assumptions)).toEqual([
      "As-sintered tolerances throughout.",
      "Sintering: Long arm sintered on a setter.",
    ]);
    expect(await page(ada, id)).toContain("Sintering: Long arm sintered on a setter. (already an assumption)");
  });
});

describe("a quote in USD from the factory's EUR rates, on the real server", () => {
  const { ctx, readyToQuote, latest, save, page, ratesIn } = builderServer();
  const USD = {
    currency: "USD",
    exchangeRate: "1.085",
    exchangeRateDate: "2026-11-28",
    exchangeRateSource: "ECB reference rate",
  };

  it("asks for the exchange rate, converts the prices, judges approval in EUR and states the rate on the PDF", async () => {
    const { sam } = ctx.people;
    ratesIn("EUR", 10_000_000);
    const id = await readyToQuote();
    expect((await save(sam, id, { currency: "EUR" })).status).toBe(302);
    const eur = latest(id)!;
    expect(eur.currency).toBe("EUR");
    const eurPrices = JSON.parse(eur.prices) as CostModel;

    const missing = await save(sam, id, { currency: "USD" });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toMatch(
      /<p class="error" id="[^"]+-exchangeRate-error">The rates are in EUR: enter how many USD one EUR buys\./,
    );
    const unlisted = await save(sam, id, { currency: "XXX" });
    expect(await unlisted.text()).toMatch(
      /<p class="error" id="[^"]+-currency-error">Choose the quote&#x27;s currency/,
    );

    // An approval limit between the EUR total and the same figure in USD: judged in EUR, no approval.
    ratesIn("EUR", eur.total * 1.04);
    expect((await save(sam, id, USD)).status).toBe(302);
    const usd = latest(id)!;
    expect(usd.currency).toBe("USD");
    expect(JSON.parse(usd.terms).exchangeRate).toEqual({
      from: "EUR",
      to: "USD",
      rate: 1.085,
      date: "2026-11-28",
      source: "ECB reference rate",
    });
    const usdPrices = JSON.parse(usd.prices) as CostModel;
    expect(usdPrices.options[0]!.breaks[0]!.unitPrice).toBeCloseTo(
      eurPrices.options[0]!.breaks[0]!.unitPrice * 1.085,
      9,
    );
    expect(usdPrices.options[0]!.tooling.total).toBeCloseTo(eurPrices.options[0]!.tooling.total * 1.085, 6);
    expect(usd.total).toBeCloseTo(eur.total, 6);
    expect(usd.approval_needed).toBe(0);
    expect(await page(sam, id)).toContain(
      "Prices converted from EUR at 1 EUR = 1.0850 USD, 2026-11-28 (ECB reference rate).",
    );

    // A price set by hand is in USD; changing the currency under it is refused beside the currency.
    const price = handSet(0, "12.34", "Price agreed in USD");
    expect((await save(sam, id, { ...USD, ...price })).status).toBe(302);
    const switched = await save(sam, id, { ...price, currency: "EUR" });
    expect(switched.status).toBe(400);
    expect(await switched.text()).toMatch(
      /<p class="error" id="[^"]+-currency-error">The prices set by hand are in USD: clear them before quoting in EUR/,
    );

    // The hand-set price raised the total above that limit; with a higher one the version goes out.
    expect(latest(id)!.approval_needed).toBe(1);
    ratesIn("EUR", 10_000_000);
    expect((await save(sam, id, { ...USD, ...price })).status).toBe(302);
    const q = latest(id)!;
    expect(q.approval_needed).toBe(0);
    const sent = await fetch(`${ctx.app.url}/review/${id}/quote`, {
      method: "POST",
      headers: { ...FORM, Cookie: sam.cookie, Origin: ctx.app.url },
      body: new URLSearchParams({ _csrf: sam.csrf, intent: "send", quoteId: q.id, rowVersion: String(q.row_version) }),
      redirect: "manual",
    });
    expect(sent.status, await sent.clone().text()).toBe(302);
    const pdfKey = latest(id)!.pdf_key!;
    const text = (await pdfText(fs.readFileSync(path.join(ctx.app.dataDir, "files", pdfKey)))).replace(/\s+/g, " ");
    // The buyer's language here is German: the rate and its day as German writes them, and "12,34 $".
    expect(text).toContain(
      "Preise umgerechnet aus EUR zum Kurs 1 EUR = 1,0850 USD, Stand 28. November 2026 (ECB reference rate).",
    );
    expect(text).toContain("1.000 12,34 $");
  });
});
