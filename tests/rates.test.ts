import crypto from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeRate, confirmRates, currentRates, ratesConfirmed } from "../app/server/quotes/rates.server";
import { createDb, writeTransaction } from "../db/client";
import { insertUser } from "../db/queries/users";
import { priceParts } from "../workflows/cost-model";
import { defaultRateValues, pricingRates, RATE_DEFINITIONS } from "../workflows/rates";
import { startAppServer, type AppServer } from "./support/app-server";
import { query } from "./support/db";
import { FORM } from "./support/form-routes";
import { BUILDER_FORM, inquiryReadyToQuote } from "./support/quotes";
import { createStaffUser, csrfOf, sessionCookie } from "./support/staff";
import { testDb } from "./support/temp";

const DAY = 24 * 60 * 60 * 1000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function staffIn(db: ReturnType<typeof testDb>["db"], name: string): string {
  const id = crypto.randomUUID();
  writeTransaction(db, (tx) =>
    insertUser(tx, { id, email: `${id}@factory.test`, name, passwordHash: null, roles: ["admin"] }),
  );
  return id;
}

describe("the rates store on a real SQLite file", () => {
  it("starts from the shipped examples, unconfirmed, as a plain serialisable snapshot", () => {
    const { db } = testDb();
    const snapshot = currentRates(db);
    expect(ratesConfirmed(db)).toBe(false);
    expect(snapshot.confirmed).toBeNull();
    expect(snapshot.currency).toBe("USD");
    expect(snapshot.rates).toHaveLength(RATE_DEFINITIONS.length);
    expect(snapshot.rates.every((r) => !r.setByFactory && r.changedBy === null)).toBe(true);
    expect(snapshot.rates.find((r) => r.key === "runnerPerShotG")!.example).toBe(true);
    expect(snapshot.rates.find((r) => r.key === "moldingEfficiency")!.example).toBe(false);
    expect(snapshot.rates.find((r) => r.key === "feedstock.mim-316l")).toMatchObject({
      value: 25,
      unit: "USD/kg",
      currency: "USD",
    });
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
    const priced = pricingRates(snapshot);
    expect(priced).toEqual({ ok: true, currency: "USD", values: defaultRateValues() });
    db.$client.close();
  });

  it("keeps every change with who and when, and applies each from its effective date", () => {
    const { db } = testDb();
    const ada = staffIn(db, "Ada");
    const ben = staffIn(db, "Ben");
    const now = new Date("2026-06-01T12:00:00Z");
    const change = { key: "feedstock.mim-316l", currency: "USD", reason: null };
    changeRate(
      db,
      ada,
      { ...change, value: 31, source: "Supplier A, May 2026", effectiveFrom: new Date(now.getTime() - DAY) },
      now,
    );
    changeRate(
      db,
      ben,
      { ...change, value: 34, source: "Supplier A, June 2026", effectiveFrom: new Date(now.getTime() + 10 * DAY) },
      now,
    );
    const rateNow = currentRates(db, now).rates.find((r) => r.key === change.key)!;
    expect(rateNow).toMatchObject({
      value: 31,
      setByFactory: true,
      example: false,
      changedBy: "Ada",
      source: "Supplier A, May 2026",
    });
    expect(currentRates(db, new Date(now.getTime() + 11 * DAY)).rates.find((r) => r.key === change.key)).toMatchObject({
      value: 34,
      changedBy: "Ben",
    });
    // History, not overwrite: both rows stay.
    expect(db.$client.prepare("SELECT value FROM rates WHERE key = ? ORDER BY id").all(change.key)).toEqual([
      { value: 31 },
      { value: 34 },
    ]);
    // The cost model prices with the value in force.
    expect(pricingRates(currentRates(db, now))).toMatchObject({ ok: true, values: { "feedstock.mim-316l": 31 } });
    db.$client.close();
  });

  it("records the confirmation, and refuses to price with money rates in two currencies", () => {
    const { db } = testDb();
    const ada = staffIn(db, "Ada");
    confirmRates(db, ada, new Date("2026-06-01T12:00:00Z"));
    expect(ratesConfirmed(db)).toBe(true);
    expect(currentRates(db).confirmed).toEqual({ by: "Ada", at: "2026-06-01T12:00:00.000Z" });
    changeRate(db, ada, {
      key: "machineRatePerHour",
      value: 40,
      currency: "EUR",
      source: "our costing",
      effectiveFrom: new Date(Date.now() - DAY),
      reason: null,
    });
    const snapshot = currentRates(db);
    expect(snapshot.currency).toBeNull();
    expect(pricingRates(snapshot)).toEqual({
      ok: false,
      problem: "The money rates are in EUR and USD: set every money rate in one currency before pricing.",
    });
    db.$client.close();
  });
});

describe("/admin/rates on the real server", () => {
  let app: AppServer;
  let admin: { cookie: string; csrf: string };

  beforeAll(async () => {
    app = await startAppServer();
    const email = await createStaffUser(app.dataDir, ["admin"], { name: "Rita" });
    const cookie = await sessionCookie(app, email);
    admin = { cookie, csrf: await csrfOf(app, cookie, "/admin/rates") };
  });
  afterAll(async () => {
    await app?.stop();
  });

  const post = (fields: Record<string, string>, who = admin) =>
    fetch(`${app.url}/admin/rates`, {
      method: "POST",
      headers: { Cookie: who.cookie },
      body: new URLSearchParams({ _csrf: who.csrf, ...fields }),
      redirect: "manual",
    });
  const page = async (search = "") =>
    (await fetch(`${app.url}/admin/rates${search}`, { headers: { Cookie: admin.cookie } })).text();
  const rows = (key: string) => query(app.dataDir, "SELECT * FROM rates WHERE key = ? ORDER BY id", key);

  it("lists every rate with its unit, source and example mark, and asks for confirmation", async () => {
    const html = await page();
    expect(html).toMatch(
      /<th scope="row">Feedstock price, MIM-316L<\/th><td class="number">25<\/td><td>USD\/kg<\/td><td>[^<]+<\/td><td>Example: not yet set<\/td>/,
    );
    expect(html).toMatch(
      /<th scope="row">Molding efficiency<\/th><td class="number">90 %<\/td><td>% of machine time<\/td><td>about 90 % \(sofinepim.com, docs\/domain\/quoting\.md 1\)<\/td><td>Shipped default with a source: not yet set<\/td>/,
    );
    expect(html).toContain('aria-label="Change Molding efficiency"');
  });

  it("shows each problem beside its field, keeps what was typed, and stores nothing", async () => {
    const response = await post({
      key: "yieldSintering",
      value: "150",
      source: "",
      effectiveFrom: "2026-02-30x",
      reason: "typed reason",
    });
    const html = await response.text();
    expect(response.status).toBe(400);
    expect(html).toMatch(/id="edit-rate-value-error">Yield of sintering: enter a number from 10 to 100 % good./);
    expect(html).toMatch(/id="edit-rate-source-error">Say where the figure comes from/);
    expect(html).toMatch(/id="edit-rate-effectiveFrom-error">Enter the date the rate applies from./);
    expect(html).toContain('value="typed reason"');
    const money = await (
      await post({
        key: "furnaceRunCost",
        value: "lots",
        currency: "dollars",
        source: "x",
        effectiveFrom: "2026-01-01",
      })
    ).text();
    expect(money).toMatch(
      /id="edit-rate-value-error">Cost of one debinding and sintering furnace run: enter a number from 0 to 1000000/,
    );
    expect(money).toMatch(/id="edit-rate-currency-error">Enter the currency as a three-letter ISO code/);
    expect(rows("yieldSintering")).toEqual([]);
    expect(rows("furnaceRunCost")).toEqual([]);
  });

  it.each([
    ["machineRatePerHour", "1e308", "Molding machine rate: enter a number from 0 to 10000 USD/h."],
    ["machineRatePerHour", "Infinity", "Molding machine rate: enter a number from 0 to 10000 USD/h."],
    [
      "furnaceRunCost",
      "NaN",
      "Cost of one debinding and sintering furnace run: enter a number from 0 to 1000000 USD per run.",
    ],
    ["sizingPerPart", "-0.5", "Post-sintering sizing: enter a number from 0 to 10000 USD per part."],
    ["yieldSintering", "0", "Yield of sintering: enter a number from 10 to 100 % good."],
    ["cycleTimeS", "1e400", "Molding cycle time: enter a number from 1 to 3600 s."],
    ["shotLife", "1.5e9", "Mould life before maintenance: enter a whole number from 1000 to 10000000 shots."],
  ])(
    "refuses %s = %s beside the field, naming the range and the unit, and stores nothing",
    async (key, value, message) => {
      const response = await post({ key, value, currency: "USD", source: "probe", effectiveFrom: "2026-01-01" });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain(`id="edit-rate-value-error">${message}<`);
      expect(rows(key)).toEqual([]);
    },
  );

  it("still saves a quote after refusing rates out of range", async () => {
    for (const value of ["1e308", "Infinity"])
      expect(
        (
          await post({
            key: "machineRatePerHour",
            value,
            currency: "USD",
            source: "probe",
            effectiveFrom: "2026-01-01",
          })
        ).status,
      ).toBe(400);
    const email = await createStaffUser(app.dataDir, ["sales", "engineer"], { name: "Quinn" });
    const id = query<{ id: string }>(app.dataDir, "SELECT id FROM users WHERE email = ?", email)[0]!.id;
    const cookie = await sessionCookie(app, email);
    const csrf = await csrfOf(app, cookie);
    const inquiryId = await inquiryReadyToQuote(app, id);
    const saved = await fetch(`${app.url}/review/${inquiryId}/quote`, {
      method: "POST",
      headers: { ...FORM, Cookie: cookie, Origin: app.url },
      body: new URLSearchParams({ _csrf: csrf, ...BUILDER_FORM, cavities: "1", quoteId: "", rowVersion: "" }),
      redirect: "manual",
    });
    expect(saved.status).toBe(302);
    const [quote] = query<{ lowest_margin_share: number }>(
      app.dataDir,
      "SELECT lowest_margin_share FROM quotes WHERE inquiry_id = ?",
      inquiryId,
    );
    expect(Number.isFinite(quote!.lowest_margin_share)).toBe(true);
  });

  it("saves a change as a new history row with who and when, shares typed as percentages", async () => {
    const effective = isoDay(new Date());
    const first = await post({
      key: "marginShare",
      value: "25",
      source: "board decision",
      effectiveFrom: effective,
      reason: "new year",
    });
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe("/admin/rates?saved=marginShare");
    const second = await post({
      key: "marginShare",
      value: "27.5",
      source: "board decision 2",
      effectiveFrom: effective,
    });
    expect(second.status).toBe(302);
    const stored = rows("marginShare");
    expect(stored.map((r) => [r.value, r.currency, r.source, r.reason])).toEqual([
      [0.25, null, "board decision", "new year"],
      [0.275, null, "board decision 2", null],
    ]);
    const users = query<{ name: string }>(
      app.dataDir,
      "SELECT u.name FROM rates r JOIN users u ON u.id = r.changed_by WHERE r.key = 'marginShare'",
    );
    expect(users.map((u) => u.name)).toEqual(["Rita", "Rita"]);
    const html = await page();
    expect(html).toMatch(
      /<th scope="row">Margin \(share of the selling price, not a markup on cost\)<\/th><td class="number">27.5 %<\/td>/,
    );
    expect(html).toContain("<td>board decision 2</td>");
    expect(html).toContain(`<td>${effective}, Rita</td>`);
    // The history table lists both values.
    expect(html).toContain('<td class="number">25 %</td><td>');
    expect(html).toContain("<td>new year</td>");
  });

  it("shows the edit form with the current value, labelled", async () => {
    const html = await page("?edit=feedstock.mim-17-4ph");
    expect(html).toContain("Change: Feedstock price, MIM-17-4 PH");
    expect(html).toMatch(/<label for="edit-rate-value">Value \(USD\/kg\)/);
    expect(html).toMatch(/<input id="edit-rate-value" name="value"[^>]*value="25"/);
    // An example's source note is not offered as the factory's own.
    expect(html).toMatch(/<input id="edit-rate-source" name="source"(?![^>]*value="[^"])[^>]*>/);
    expect(html).toMatch(/<label for="edit-rate-currency">Currency \(ISO code\)/);
  });

  it("records the confirmation with who gave it", async () => {
    expect(await page()).toContain("These rates have not been confirmed: no quote can be sent");
    const response = await post({ intent: "confirm" });
    expect(response.status).toBe(302);
    const confirmations = query(app.dataDir, "SELECT * FROM rate_confirmations");
    expect(confirmations).toHaveLength(1);
    const db = createDb(path.join(app.dataDir, "mim-rfq.sqlite"), { migrate: false });
    try {
      expect(ratesConfirmed(db)).toBe(true);
    } finally {
      db.$client.close();
    }
    expect(await page()).toContain("Rates confirmed by Rita on");
  });

  it("refuses other roles and forged posts on the server", async () => {
    const salesEmail = await createStaffUser(app.dataDir, ["sales", "engineer"]);
    const salesCookie = await sessionCookie(app, salesEmail);
    const sales = { cookie: salesCookie, csrf: await csrfOf(app, salesCookie, "/review") };
    const before = query(app.dataDir, "SELECT count(*) AS n FROM rates")[0];
    expect(
      (await post({ key: "cycleTimeS", value: "20", source: "x", effectiveFrom: "2026-01-01" }, sales)).status,
    ).toBe(403);
    expect((await post({ intent: "confirm" }, sales)).status).toBe(403);
    const forged = { cookie: admin.cookie, csrf: "not-the-token" };
    expect(
      (await post({ key: "cycleTimeS", value: "20", source: "x", effectiveFrom: "2026-01-01" }, forged)).status,
    ).toBe(403);
    expect(query(app.dataDir, "SELECT count(*) AS n FROM rates")[0]).toEqual(before);
  });

  it("prices a part with the rates the page saved", async () => {
    const saved = await post({
      key: "overheadShare",
      value: "12",
      source: "our accounts",
      effectiveFrom: isoDay(new Date()),
    });
    expect(saved.status).toBe(302);
    const db = createDb(path.join(app.dataDir, "mim-rfq.sqlite"), { migrate: false });
    const snapshot = (() => {
      try {
        return currentRates(db);
      } finally {
        db.$client.close();
      }
    })();
    const rates = pricingRates(snapshot);
    if (!rates.ok) throw new Error(rates.problem);
    const result = priceParts(
      {
        materialId: "mim-316l",
        annualVolume: 50_000,
        application: null,
        part: { kind: "entered", massG: 5 },
        partsPerLoad: 500,
        sizing: false,
        operations: [],
        quantities: [5000],
      },
      rates.values,
    );
    if (!result.ok) throw new Error(result.problems.join(" "));
    const brk = result.model.options[0]!.breaks[0]!;
    expect(brk.overhead.amount).toBeCloseTo(brk.manufacturingCost * 0.12, 10);
    expect(snapshot.rates.find((r) => r.key === "overheadShare")).toMatchObject({ value: 0.12, changedBy: "Rita" });
  });
});
