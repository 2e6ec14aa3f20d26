import crypto from "node:crypto";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { queueParamsSchema } from "../app/forms/queue";
import { loadConfig } from "../app/server/config.server";
import type { Services } from "../app/server/service-types";
import { createServices } from "../app/server/services.server";
import { createDb, writeTransaction, type Db } from "../db/client";
import { insertInquiry, nextReference } from "../db/queries/inquiries";
import {
  countByState,
  queueQuery,
  QUEUE_SORTS,
  statesOfGate,
  type QueueParams,
  type QueueRow,
  type QueueSort,
} from "../db/queries/queue";
import { insertUser } from "../db/queries/users";
import { inquiries } from "../db/schema";
import { REVIEW_GATES } from "../workflows/inquiry";
import { seedInquiries } from "../scripts/seed-bulk";
import { INQUIRY_STATES, type InquiryState } from "../workflows/inquiry";
import { overdueAfterMs, QUEUE_SETTINGS } from "../workflows/review-settings";
import { startAppServer } from "./support/app-server";
import { buyerAnswered, sentBracketQuote } from "./support/quotes";
import { createStaffUser, sessionCookie } from "./support/staff";
import { tempDir, testDb } from "./support/temp";

const NOW = new Date("2025-06-02T12:00:00Z");
const DAY = 24 * 60 * 60 * 1000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const STATES = Object.keys(INQUIRY_STATES) as InquiryState[];
// The workflow defines the states; the tests pick theirs from it rather than naming a copy.
const [suitabilityState] = statesOfGate("suitability");
const [stageRiskState] = statesOfGate("stage_risk");
const finishedState = STATES.find((s) => overdueAfterMs(s) === null);
const LIMIT = QUEUE_SETTINGS.overdueAfterMs;

let sequence = 0;
function addInquiry(db: Db, values: Partial<typeof inquiries.$inferInsert> = {}) {
  sequence += 1;
  const createdAt = values.createdAt ?? ago(sequence * 60_000);
  return writeTransaction(db, (tx) =>
    insertInquiry(tx, {
      id: crypto.randomUUID(),
      reference: nextReference(tx, createdAt),
      statusTokenHash: crypto.randomBytes(32).toString("hex"),
      state: "submitted",
      locale: "en",
      company: `Company ${sequence}`,
      contactName: "Buyer",
      email: `buyer${sequence}@buyer.example`,
      country: "Germany",
      partName: `Part ${sequence}`,
      material: "mim-316l",
      annualVolume: 10_000,
      criticalDimensions: [],
      ndaRequired: false,
      exportControlled: false,
      createdAt,
      stateChangedAt: createdAt,
      ...values,
    }),
  );
}

function addEngineer(db: Db, name: string) {
  return writeTransaction(db, (tx) =>
    insertUser(tx, {
      id: crypto.randomUUID(),
      email: `${name}.${crypto.randomUUID()}@factory.test`,
      name,
      passwordHash: null,
      roles: ["engineer"],
    }),
  );
}

function page(db: Db, params: Partial<QueueParams> = {}, viewerId = "nobody", now = NOW) {
  return queueQuery(db, { sort: "newest", ...params, viewerId }, now);
}

const refs = (rows: QueueRow[]) => rows.map((r) => r.reference);

describe("queueQuery filters and search", () => {
  let db: Db;
  let alice: string;
  let bob: string;
  const r: Record<string, string> = {};
  const createdAt: Record<string, number> = {};

  beforeAll(() => {
    expect(
      suitabilityState && stageRiskState && finishedState,
      "the workflow has gate states and a finished state",
    ).toBeTruthy();
    db = testDb().db;
    alice = addEngineer(db, "Alice").id;
    bob = addEngineer(db, "Bob").id;
    const add = (key: string, values: Partial<typeof inquiries.$inferInsert>) => {
      const row = addInquiry(db, values);
      r[key] = row.reference;
      createdAt[key] = row.createdAt.getTime();
    };
    add("fresh", {
      company: "Nordwerk GmbH",
      partName: "Watch case",
      partNumber: "WC-100",
      email: "ina@nordwerk.example",
      stateChangedAt: ago(DAY),
      createdAt: ago(DAY),
    });
    add("suitabilityLate", {
      state: suitabilityState,
      assigneeId: alice,
      material: "mim-17-4ph",
      createdAt: ago(10 * DAY),
      stateChangedAt: ago(LIMIT + DAY),
    });
    add("suitabilityOnTime", {
      state: suitabilityState,
      assigneeId: bob,
      material: "mim-17-4ph",
      createdAt: ago(9 * DAY),
      stateChangedAt: ago(LIMIT * 0.75),
    });
    add("stageRisk", {
      state: stageRiskState,
      assigneeId: alice,
      partName: "Orthodontic bracket",
      partNumber: "100%_OFF",
      createdAt: ago(20 * DAY),
      stateChangedAt: ago(LIMIT / 12),
    });
    add("finished", {
      state: finishedState,
      assigneeId: bob,
      company: "ACME Medical",
      createdAt: ago(200 * DAY),
      stateChangedAt: ago(150 * DAY),
    });
    add("oldSubmitted", { company: "Acme Dental", email: "Kim@ACME-dental.example", createdAt: ago(LIMIT + 2 * DAY) });
  });

  it("lists everything newest first without filters, with the assignee's name", () => {
    const { rows } = page(db);
    const newestFirst = Object.keys(r).sort((a, b) => createdAt[b]! - createdAt[a]!);
    expect(refs(rows)).toEqual(newestFirst.map((key) => r[key]));
    expect(rows.find((x) => x.reference === r.suitabilityLate)!.assigneeName).toBe("Alice");
    expect(rows.find((x) => x.reference === r.fresh)!.assigneeName).toBeNull();
  });

  it("filters by state", () => {
    expect(refs(page(db, { state: suitabilityState }).rows).sort()).toEqual(
      [r.suitabilityLate, r.suitabilityOnTime].sort(),
    );
  });

  it("filters by gate through the workflow's states of that gate", () => {
    expect(refs(page(db, { gate: "suitability" }).rows).sort()).toEqual(
      [r.suitabilityLate, r.suitabilityOnTime].sort(),
    );
    expect(refs(page(db, { gate: "stage_risk" }).rows)).toEqual([r.stageRisk]);
    for (const gate of REVIEW_GATES) expect(statesOfGate(gate).length, gate).toBeGreaterThan(0);
  });

  it("filters by assignee: mine, unassigned, a named person", () => {
    expect(refs(page(db, { assignee: "mine" }, alice).rows).sort()).toEqual([r.suitabilityLate, r.stageRisk].sort());
    expect(refs(page(db, { assignee: "unassigned" }).rows).sort()).toEqual([r.fresh, r.oldSubmitted].sort());
    expect(refs(page(db, { assignee: bob }).rows).sort()).toEqual([r.suitabilityOnTime, r.finished].sort());
  });

  it("filters by material, and combines filters", () => {
    expect(refs(page(db, { material: "mim-17-4ph" }).rows).sort()).toEqual(
      [r.suitabilityLate, r.suitabilityOnTime].sort(),
    );
    expect(refs(page(db, { material: "mim-17-4ph", assignee: bob }).rows)).toEqual([r.suitabilityOnTime]);
  });

  it("finds overdue inquiries by the injected clock, never finished ones", () => {
    expect(refs(page(db, { overdue: true }).rows).sort()).toEqual([r.suitabilityLate, r.oldSubmitted].sort());
    // Half a limit later the one on time has passed it too; the stage-risk one not yet.
    const later = new Date(NOW.getTime() + LIMIT / 2);
    expect(refs(page(db, { overdue: true }, "nobody", later).rows).sort()).toEqual(
      [r.suitabilityLate, r.suitabilityOnTime, r.oldSubmitted].sort(),
    );
    expect(refs(page(db, { overdue: true }, "nobody", new Date(NOW.getTime() + 365 * DAY)).rows)).not.toContain(
      r.finished,
    );
  });

  it.each([
    ["exact reference", () => r.stageRisk!, () => [r.stageRisk]],
    ["reference in lower case", () => r.stageRisk!.toLowerCase(), () => [r.stageRisk]],
    ["company, any case", () => "acme", () => [r.finished, r.oldSubmitted]],
    ["part name", () => "WATCH", () => [r.fresh]],
    ["part number", () => "wc-1", () => [r.fresh]],
    ["e-mail", () => "kim@acme", () => [r.oldSubmitted]],
    ["literal % and _ (not wildcards)", () => "100%_", () => [r.stageRisk]],
    ["text nobody has", () => "zzz", () => []],
  ])("searches by %s", (_name, q, expected) => {
    expect(refs(page(db, { q: q() }).rows).sort()).toEqual(expected().sort());
  });

  it("searches references by prefix", () => {
    const year = r.fresh!.slice(0, 8);
    expect(page(db, { q: year }).rows.length).toBe(page(db).rows.filter((x) => x.reference.startsWith(year)).length);
    expect(page(db, { q: "RFQ-1999" }).rows).toEqual([]);
  });

  it("counts every state in one pass, whatever the filters", () => {
    const { counts } = page(db, { material: "mim-420" });
    expect(Object.keys(counts).sort()).toEqual([...STATES].sort());
    expect(counts.submitted).toBe(2);
    expect(counts[suitabilityState!]).toBe(2);
    expect(counts[finishedState!]).toBe(1);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(6);
  });
});

describe("queueQuery sorting and keyset pages", () => {
  let db: Db;
  const expectedOrder: Record<QueueSort, (a: QueueRow, b: QueueRow) => number> = {
    newest: (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1),
    oldest: (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1),
    waiting: (a, b) => a.stateChangedAt.getTime() - b.stateChangedAt.getTime() || (a.id < b.id ? -1 : 1),
    volume: (a, b) => b.annualVolume - a.annualVolume || (a.id < b.id ? 1 : -1),
  };

  beforeAll(() => {
    db = testDb().db;
    // 23 rows with only three distinct values per sort key: pages must break ties on the id.
    for (let i = 0; i < 23; i++) {
      addInquiry(db, {
        createdAt: ago((i % 3) * DAY),
        stateChangedAt: ago(((i + 1) % 3) * DAY),
        annualVolume: ((i % 3) + 1) * 1000,
      });
    }
  });

  function everyRow(sort: QueueSort): QueueRow[] {
    return page(db, { sort, pageSize: 100 }).rows;
  }

  it.each(QUEUE_SORTS)("sorts %s on its key, then the id", (sort) => {
    const rows = everyRow(sort);
    expect(rows).toHaveLength(23);
    expect(rows.map((x) => x.id)).toEqual([...rows].sort(expectedOrder[sort]).map((x) => x.id));
  });

  it.each(QUEUE_SORTS)("walks every row exactly once, forwards and back, sorted %s", (sort) => {
    const pages: string[][] = [];
    let params = queueParamsSchema.parse({ sort });
    for (;;) {
      const result = page(db, { ...params, pageSize: 5 });
      pages.push(result.rows.map((x) => x.id));
      expect(result.prevCursor === null, "only the first page has no page before").toBe(pages.length === 1);
      if (!result.nextCursor) break;
      params = queueParamsSchema.parse({ sort, cursor: result.nextCursor });
    }
    expect(pages.map((p) => p.length)).toEqual([5, 5, 5, 5, 3]);
    const ids = pages.flat();
    expect(new Set(ids).size).toBe(23);
    expect(ids).toEqual(everyRow(sort).map((x) => x.id));

    // Back from the last page, through the "previous" cursors, to the first.
    let last = page(db, { ...params, pageSize: 5 });
    for (let i = pages.length - 2; i >= 0; i--) {
      last = page(db, { ...queueParamsSchema.parse({ sort, cursor: last.prevCursor }), pageSize: 5 });
      expect(last.rows.map((x) => x.id)).toEqual(pages[i]);
    }
    expect(last.prevCursor).toBeNull();
  });
});

describe("queue URL parameters", () => {
  it("reads a blank GET form as no filters, sorted newest", () => {
    expect(queueParamsSchema.parse({ q: "  ", state: "", gate: "", assignee: "", material: "", sort: "" })).toEqual({
      sort: "newest",
      overdue: false,
    });
    expect(queueParamsSchema.parse({ overdue: "on", q: " acme " })).toMatchObject({ overdue: true, q: "acme" });
  });

  it.each([
    ["state", { state: "nonsense" }],
    ["gate", { gate: "nonsense" }],
    ["material", { material: "unobtainium" }],
    ["sort", { sort: "random" }],
    ["assignee", { assignee: "'; drop table" }],
    ["cursor", { cursor: "not-a-cursor" }],
  ])("refuses an unknown %s", (field, input) => {
    const parsed = queueParamsSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path).toEqual([field]);
  });

  it("refuses a page link made for another sort order", () => {
    const db = testDb().db;
    for (let i = 0; i < 3; i++) addInquiry(db);
    const { nextCursor } = page(db, { pageSize: 1 });
    expect(queueParamsSchema.safeParse({ sort: "volume", cursor: nextCursor }).success).toBe(false);
  });
});

describe("seedInquiries", () => {
  it("adds inquiries with unique references continuing each year's counter", () => {
    const db = testDb().db;
    const existing = addInquiry(db, { createdAt: ago(DAY) });
    seedInquiries(db, 400, { now: NOW, seed: 7 });
    const rows = db
      .select({
        reference: inquiries.reference,
        createdAt: inquiries.createdAt,
        token: inquiries.statusTokenHash,
        state: inquiries.state,
      })
      .from(inquiries)
      .all();
    expect(rows).toHaveLength(401);
    expect(new Set(rows.map((x) => x.reference)).size).toBe(401);
    expect(new Set(rows.map((x) => x.token)).size).toBe(401);
    for (const row of rows) {
      expect(row.reference).toMatch(new RegExp(`^RFQ-${row.createdAt.getUTCFullYear()}-\\d{5}$`));
      expect(STATES).toContain(row.state);
    }
    const years = new Set(rows.map((x) => x.createdAt.getUTCFullYear()));
    expect(years.size).toBeGreaterThanOrEqual(3);
    // The next real inquiry of this year follows the last seeded one.
    const thisYear = rows
      .filter((x) => x.reference.startsWith(`RFQ-${NOW.getUTCFullYear()}-`))
      .map((x) => x.reference)
      .sort();
    expect(thisYear[0]).toBe(existing.reference.replace(/\d{5}$/, "00001"));
    const next = writeTransaction(db, (tx) => nextReference(tx, NOW));
    expect(next > thisYear.at(-1)!).toBe(true);
    expect(Number(next.slice(-5))).toBe(thisYear.length + 1);
  });
});

describe("the review queue page on the real server", () => {
  it("shows a signed-in engineer the inquiries matching the filter, and only those", async () => {
    const app = await startAppServer();
    try {
      const cookie = await sessionCookie(
        app,
        await createStaffUser(app.dataDir, ["engineer"], { name: "Queue Engineer" }),
      );
      const db = createDb(path.join(app.dataDir, "mim-rfq.sqlite"), { migrate: false });
      const titanium = addInquiry(db, {
        material: "ti-6al-4v",
        company: "Titan Works",
        createdAt: new Date(),
        stateChangedAt: new Date(),
      });
      const steel = addInquiry(db, {
        material: "mim-316l",
        company: "Steel Works",
        createdAt: new Date(),
        stateChangedAt: new Date(),
      });
      db.$client.close();

      const response = await fetch(`${app.url}/review?material=ti-6al-4v&q=works`, { headers: { Cookie: cookie } });
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("private, no-store");
      const html = await response.text();
      expect(html).toContain(titanium.reference);
      expect(html).toContain(`href="/review/${titanium.id}"`);
      expect(html).not.toContain(steel.reference);

      const bad = await fetch(`${app.url}/review?state=nonsense`, { headers: { Cookie: cookie } });
      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain("Unknown state");
    } finally {
      await app.stop();
    }
  });
});

describe("the queue's filter in the URL", () => {
  it("keeps the filter through paging and sorting, opens the folded filters while one is in force, and shows price, date and screen", async () => {
    const app = await startAppServer();
    try {
      const db = createDb(path.join(app.dataDir, "mim-rfq.sqlite"), { migrate: false });
      const company = `Pager ${crypto.randomUUID().slice(0, 8)}`;
      for (let i = 0; i < 52; i += 1) addInquiry(db, { company, material: "ti-6al-4v", createdAt: ago(i * DAY) });
      addInquiry(db, { material: "mim-316l", company: "Elsewhere" });
      const priced = addInquiry(db, {
        company,
        material: "ti-6al-4v",
        targetPrice: 1.2,
        currency: "EUR",
        samplesNeededBy: "2027-02-01",
        annualVolume: 50,
        createdAt: new Date(),
      });
      db.$client.close();
      const cookie = await sessionCookie(app, await createStaffUser(app.dataDir, ["engineer"]));
      const get = async (href: string) => {
        const response = await fetch(new URL(href, app.url), { headers: { Cookie: cookie } });
        expect(response.status).toBe(200);
        return response.text();
      };
      const unfiltered = await get("/review");
      expect(unfiltered).toMatch(/<details class="queue-more">/);

      const first = await get("/review?material=ti-6al-4v&sort=oldest&q=pager");
      expect(first).toMatch(/<details class="queue-more" open="">/);
      expect(first).toContain("(2 in use)");
      expect(first).not.toContain("Elsewhere");
      const next = /<a [^>]*href="([^"]+)">Next page<\/a>/.exec(first)?.[1]?.replaceAll("&amp;", "&");
      expect(next).toBeDefined();
      const nextParams = new URL(next!, app.url).searchParams;
      expect(Object.fromEntries(nextParams)).toMatchObject({ material: "ti-6al-4v", sort: "oldest", q: "pager" });
      expect(nextParams.get("cursor")).toBeTruthy();

      const second = await get(next!);
      expect(second).toMatch(/<details class="queue-more" open="">/);
      expect(second).toMatch(/<option value="ti-6al-4v" selected="">/);
      expect(second).toMatch(/<option value="oldest" selected="">/);
      expect(second).toContain(priced.reference);
      expect(second).not.toContain("Elsewhere");
      const previous = /<a [^>]*href="([^"]+)">Previous page<\/a>/.exec(second)?.[1]?.replaceAll("&amp;", "&");
      expect(Object.fromEntries(new URL(previous!, app.url).searchParams)).toMatchObject({ material: "ti-6al-4v" });

      // The newest row (the priced one) in the newest-first order: its price, samples date and screen.
      const newest = await get(`/review?q=${encodeURIComponent(company)}`);
      const row = newest.slice(
        newest.indexOf(priced.reference),
        newest.indexOf("</tr>", newest.indexOf(priced.reference)),
      );
      expect(row).toContain("1.20 EUR");
      expect(row).toContain("2027-02-01");
      // 50 parts a year do not pay back a tool: red, judged on the answers alone (no model was sent).
      expect(row).toMatch(/class="screen-flag flag-red unmeasured">Red/);
    } finally {
      await app.stop();
    }
  });
});

describe("state counts kept by triggers", () => {
  it("always equal a fresh GROUP BY, through inserts, state changes and deletes", () => {
    const { db } = testDb();
    seedInquiries(db, 300, { now: NOW, seed: 7 });
    const fresh = () => {
      const counts: Record<string, number> = Object.fromEntries(STATES.map((s) => [s, 0]));
      for (const row of db.$client.prepare("select state, count(*) as n from inquiries group by state").all() as {
        state: string;
        n: number;
      }[])
        counts[row.state] = row.n;
      return counts;
    };
    expect(countByState(db)).toEqual(fresh());
    db.$client.prepare("update inquiries set state = 'withdrawn' where rowid % 7 = 0").run();
    db.$client
      .prepare(
        "delete from inquiries where rowid % 11 = 0 and id not in (select inquiry_id from inquiry_events) and id not in (select inquiry_id from files where inquiry_id is not null)",
      )
      .run();
    expect(countByState(db)).toEqual(fresh());
    expect(Object.values(countByState(db)).reduce((a, b) => a + b, 0)).toBe(
      (db.$client.prepare("select count(*) as n from inquiries").get() as { n: number }).n,
    );
  });
});

describe("quotation filters", () => {
  const quiet = { info: () => undefined, warn: () => undefined };
  const daysAgo = (n: number) => new Date(Date.now() - n * DAY);
  const servicesIn = (dataDir: string) => {
    const services = createServices(
      loadConfig({ DATA_DIR: dataDir, ENGINEERING_INBOX: "engineering@factory.test" }),
      quiet,
    );
    // The e-mails these set-ups queue are beside the point: nothing here delivers them.
    void services.outbox.stop();
    return services;
  };
  type Sent = Awaited<ReturnType<typeof sentBracketQuote>> & { reference: string };

  /** One inquiry in each quotation situation the filters tell apart. */
  async function quotations(services: Services) {
    const send = async (daysBack: number): Promise<Sent> => {
      const sent = await sentBracketQuote(services, daysAgo(daysBack));
      const row = services.db
        .select()
        .from(inquiries)
        .all()
        .find((i) => i.id === sent.inquiryId)!;
      return { ...sent, reference: row.reference };
    };
    const q = {
      expiringSoon: await send(25),
      lapsedNotYetChecked: await send(40),
      runningLong: await send(1),
      won: await send(3),
      lostOnPrice: await send(3),
      lostOnLeadTime: await send(3),
    };
    await buyerAnswered(services, q.won, { accept: true });
    await buyerAnswered(services, q.lostOnPrice, { reason: "price", text: "20 % above our target" });
    await buyerAnswered(services, q.lostOnLeadTime, { reason: "lead_time", text: "Needed by March" });
    return q;
  }

  it("finds quotes expiring within 7 days, won and lost ones, and lost ones by the buyer's reason", async () => {
    const services = servicesIn(tempDir("queue-quotes"));
    try {
      const q = await quotations(services);
      const now = new Date();
      const found = (params: Partial<QueueParams>) =>
        refs(queueQuery(services.db, { sort: "newest", ...params, viewerId: "nobody" }, now).rows).sort();

      expect(found({ quote: "expiring" })).toEqual([q.expiringSoon.reference, q.lapsedNotYetChecked.reference].sort());
      // A week later the long-running one is within its last 7 days too.
      expect(
        refs(
          queueQuery(
            services.db,
            { sort: "newest", quote: "expiring", viewerId: "x" },
            new Date(now.getTime() + 23 * DAY),
          ).rows,
        ),
      ).toContain(q.runningLong.reference);
      expect(found({ quote: "won" })).toEqual([q.won.reference]);
      expect(found({ quote: "lost" })).toEqual([q.lostOnPrice.reference, q.lostOnLeadTime.reference].sort());
      expect(found({ quote: "lost", reason: "price" })).toEqual([q.lostOnPrice.reference]);
      expect(found({ reason: "lead_time" })).toEqual([q.lostOnLeadTime.reference]);
      expect(found({ reason: "other_supplier" })).toEqual([]);
      expect(found({ quote: "won", reason: "price" })).toEqual([]);

      const rows = queueQuery(services.db, { sort: "newest", viewerId: "nobody" }, now).rows;
      const row = (sent: Sent) => rows.find((r) => r.reference === sent.reference)!;
      expect(row(q.lostOnPrice)).toMatchObject({
        quoteVersion: 1,
        declineReason: "price",
        declineText: "20 % above our target",
      });
      expect(row(q.expiringSoon).quoteValidUntil).toEqual(q.expiringSoon.quote.validUntil);
      expect(row(q.won)).toMatchObject({ quoteVersion: 1, declineReason: null });
    } finally {
      services.db.$client.close();
    }
  });

  it("reads the quotation filters from the URL, refusing unknown values by name", () => {
    expect(queueParamsSchema.parse({ quote: "lost", reason: "price" })).toMatchObject({
      quote: "lost",
      reason: "price",
    });
    expect(queueParamsSchema.parse({ quote: "", reason: "" })).toEqual({ sort: "newest", overdue: false });
    for (const [field, input] of [
      ["quote", { quote: "pending" }],
      ["reason", { reason: "too-expensive" }],
    ] as const) {
      const parsed = queueParamsSchema.safeParse(input);
      expect(parsed.success).toBe(false);
      expect(parsed.error!.issues[0]!.path).toEqual([field]);
    }
  });

  it("shows the filters as labelled controls and the rows with their validity or the buyer's reason, on the real server", async () => {
    const dataDir = tempDir("queue-quotes-app");
    const setup = servicesIn(dataDir);
    const q = await quotations(setup);
    setup.db.$client.close();
    const app = await startAppServer({}, { dataDir });
    try {
      const cookie = await sessionCookie(app, await createStaffUser(dataDir, ["sales"]));
      const get = (query: string) => fetch(`${app.url}/review?${query}`, { headers: { Cookie: cookie } });

      const lost = await get("quote=lost&reason=price");
      expect(lost.status).toBe(200);
      const lostHtml = await lost.text();
      expect(lostHtml).toContain(q.lostOnPrice.reference);
      expect(lostHtml).toContain("v1 declined: The price is too high");
      expect(lostHtml).toContain("20 % above our target");
      expect(lostHtml).not.toContain(q.lostOnLeadTime.reference);
      expect(lostHtml).toMatch(/<label for="quote">Quotation<\/label>/);
      expect(lostHtml).toMatch(/<label for="reason">Decline reason<\/label>/);
      expect(lostHtml).toMatch(/<option value="lost" selected="">Lost<\/option>/);

      const expiring = await (await get("quote=expiring")).text();
      const validUntil = q.expiringSoon.quote.validUntil!.toISOString().slice(0, 10);
      expect(expiring).toContain(q.expiringSoon.reference);
      expect(expiring).toContain(`v1, valid until ${validUntil}`);
      expect(expiring).toContain("Quote expiring");
      expect(expiring).not.toContain(q.runningLong.reference);
      expect(expiring).not.toContain(q.won.reference);

      const bad = await get("quote=pending");
      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain("Unknown quotation filter");
    } finally {
      await app.stop();
    }
  });
});
