import crypto from "node:crypto";
import type Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb, writeTransaction, type Db } from "../db/client";
import { insertInquiry, nextReference } from "../db/queries/inquiries";
import { decodeCursor, queueQuery, SEARCH_INDEX_MIN_CHARS, type QueueParams } from "../db/queries/queue";
import { inquiries } from "../db/schema";
import { seedInquiries } from "../scripts/seed-bulk";
import { testDb } from "./support/temp";

const NOW = new Date("2025-06-02T12:00:00Z");
const SEEDED = 3000;

type Searchable = {
  id: string;
  reference: string;
  company: string;
  partName: string;
  partNumber: string | null;
  email: string;
};

/**
 * The search as it was before the trigram index (LIKE '%q%' over four columns, a reference by
 * prefix), computed here over every row: SQLite's LIKE folds ASCII letters only.
 */
function oldSearch(rows: Searchable[], q: string): string[] {
  if (/^rfq(-|$)/i.test(q)) return rows.filter((r) => r.reference.startsWith(q.toUpperCase())).map((r) => r.reference);
  const fold = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const needle = fold(q);
  return rows
    .filter((r) => [r.company, r.partName, r.partNumber ?? "", r.email].some((text) => fold(text).includes(needle)))
    .map((r) => r.reference);
}

/** Every page of the queue for `params`, followed by its cursors. */
function allPages(db: Db, params: Partial<QueueParams>): string[] {
  const found: string[] = [];
  let cursor: QueueParams["cursor"];
  for (;;) {
    const page = queueQuery(db, { sort: "newest", ...params, cursor, viewerId: "nobody" }, NOW);
    found.push(...page.rows.map((r) => r.reference));
    if (!page.nextCursor) return found;
    cursor = decodeCursor(page.nextCursor)!;
  }
}

/** The query plan of every statement `run` prepares on the connection. */
function plansOf(client: Database.Database, run: () => void): { sql: string; plan: string[] }[] {
  const prepare = client.prepare;
  const plans: { sql: string; plan: string[] }[] = [];
  client.prepare = function (this: Database.Database, source: string) {
    const statement = prepare.call(this, source) as Database.Statement<unknown[]>;
    const all = statement.all;
    statement.all = function (this: Database.Statement<unknown[]>, ...args: unknown[]) {
      const explain = prepare.call(client, `explain query plan ${source}`) as Database.Statement<unknown[]>;
      const rows = explain.all(...args) as { detail: string }[];
      plans.push({ sql: source, plan: rows.map((r) => r.detail) });
      return all.apply(this, args);
    };
    return statement;
  } as typeof client.prepare;
  try {
    run();
  } finally {
    client.prepare = prepare;
  }
  return plans;
}

describe("queue search through the trigram index", () => {
  let db: Db;
  let file: string;
  let rows: Searchable[];
  const add = (values: Partial<typeof inquiries.$inferInsert>) =>
    writeTransaction(db, (tx) =>
      insertInquiry(tx, {
        id: crypto.randomUUID(),
        reference: nextReference(tx, NOW),
        statusTokenHash: crypto.randomBytes(32).toString("hex"),
        state: "submitted",
        locale: "en",
        company: "Search Test Company",
        contactName: "Buyer",
        email: `buyer.${crypto.randomUUID().slice(0, 8)}@search.example`,
        country: "Germany",
        partName: "Search test part",
        material: "mim-316l",
        annualVolume: 10_000,
        criticalDimensions: [],
        ndaRequired: false,
        exportControlled: false,
        createdAt: NOW,
        stateChangedAt: NOW,
        ...values,
      }),
    );
  const searchable = () =>
    db
      .select({
        id: inquiries.id,
        reference: inquiries.reference,
        company: inquiries.company,
        partName: inquiries.partName,
        partNumber: inquiries.partNumber,
        email: inquiries.email,
      })
      .from(inquiries)
      .all();

  beforeAll(() => {
    ({ db, file } = testDb());
    seedInquiries(db, SEEDED, { now: NOW, seed: 12 });
    add({ company: 'Quote "Marks" & 50%_Off AG', partNumber: "X_9%" });
    add({ company: "Müller Präzision GmbH", partName: "Zahnrad" });
    rows = searchable();
  });

  // Fragments of what the seed writes (bulk-seed companies, "PN-" numbers, references, e-mails).
  it.each([
    ["a part-number fragment", "PN-12"],
    ["a part-number fragment, digits only", "456"],
    ["a company-name fragment", "kestrel opt"],
    ["a company-name fragment in another case", "NORDWERK"],
    ["a company fragment", "medical"],
    ["text in nearly every row (read in the sort's order, not looked up)", "exampl"],
    ["a reference prefix", () => rows[0]!.reference.slice(0, 10)],
    ["a reference prefix in lower case", () => rows[0]!.reference.slice(0, 11).toLowerCase()],
    ["a part-name fragment", "ket A1"],
    ["an e-mail fragment", "@helix-"],
    ["two characters", "z9"],
    ["one character", "Q"],
    ["quotes, % and _ as typed", '"Marks" & 50%_'],
    ["% and _ within two characters", "_9"],
    ["non-ASCII letters", "Präz"],
    ["text nobody has", "qqqzzz"],
  ])("%s finds the same inquiries as LIKE did", (_name, q) => {
    const text = typeof q === "function" ? q() : q;
    const expected = oldSearch(rows, text);
    expect(allPages(db, { q: text }).sort()).toEqual(expected.sort());
    // Fragments the seed holds must find something, or the case proves nothing.
    if (!/qqq/.test(text)) expect(expected.length, text).toBeGreaterThan(0);
  });

  it("keeps the index current as inquiries are added, corrected and removed", () => {
    const tag = `Zephyrine ${crypto.randomUUID().slice(0, 6)}`;
    const row = add({ company: `${tag} Ltd` });
    expect(allPages(db, { q: tag })).toEqual([row.reference]);
    db.update(inquiries)
      .set({ company: "Renamed Ltd", partNumber: `${tag}-PN` })
      .where(eqId(row.id))
      .run();
    expect(allPages(db, { q: `${tag} Ltd` })).toEqual([]);
    expect(allPages(db, { q: `${tag}-PN` })).toEqual([row.reference]);
    db.delete(inquiries).where(eqId(row.id)).run();
    expect(allPages(db, { q: tag })).toEqual([]);
    const count = (table: string) =>
      (db.$client.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    expect(count("inquiry_search")).toBe(count("inquiries"));
  });

  it("answers text of three or more characters from the index, not by reading the inquiries", () => {
    expect(SEARCH_INDEX_MIN_CHARS).toBe(3);
    for (const q of ["qqqzzz", "PN-123456", "kestrel opt"]) {
      // A connection of its own prepares every statement afresh, so each one's plan is seen.
      const fresh = createDb(file, { migrate: false });
      const plans = plansOf(fresh.$client, () => queueQuery(fresh, { sort: "newest", q, viewerId: "nobody" }, NOW));
      fresh.$client.close();
      const queue = plans.find((p) => /from "inquiries"/.test(p.sql));
      expect(queue, q).toBeDefined();
      expect(
        plans.some((p) => p.plan.some((step) => /inquiry_search VIRTUAL TABLE/.test(step))),
        q,
      ).toBe(true);
      expect(
        queue!.plan.filter((step) => /^SCAN inquiries/.test(step)),
        q,
      ).toEqual([]);
    }
  });
});

function eqId(id: string) {
  return eq(inquiries.id, id);
}
