/**
 * npm run seed:bulk -- 100000
 * Adds that many synthetic inquiries to DATA_DIR's database, for trying the review queue (and
 * benchmarking it: bench/queue.ts calls seedInquiries) against years of history. Not demo data:
 * the companies and people are made up, no files or timeline events are attached, and the
 * status links open nothing (each row gets a random hash that no token produces).
 */
import crypto from "node:crypto";
import { pathToFileURL } from "node:url";
import { loadConfig } from "../app/server/config.server";
import { createDb, writeTransaction, type Db } from "../db/client";
import { nextReference } from "../db/queries/inquiries";
import { listEngineers } from "../db/queries/queue";
import { insertUser } from "../db/queries/users";
import { inquiries } from "../db/schema";
import { INQUIRY_STATES, gateOf, type InquiryState } from "../workflows/inquiry";
import { MATERIALS, RECOMMEND_MATERIAL } from "../workflows/materials";

const DAY = 24 * 60 * 60 * 1000;
const HISTORY_MS = 3 * 365 * DAY;
// 33 columns x 500 rows stays well under SQLite's 32,766 bound parameters per statement.
const BATCH = 500;

/** mulberry32: the same seed gives the same data, so benchmark runs compare like with like. */
function createRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const weighted = <T>(items: readonly (readonly [T, number])[]): T => {
    let roll = next() * items.reduce((sum, [, w]) => sum + w, 0);
    for (const [item, w] of items) if ((roll -= w) < 0) return item;
    return items.at(-1)![0];
  };
  return { next, pick, weighted };
}

const COMPANY_STEMS = [
  "Acme",
  "Nordwerk",
  "Helix",
  "Sakura",
  "Bellmont",
  "Orbis",
  "Tecnova",
  "Kestrel",
  "Lumen",
  "Vireo",
  "Halden",
  "Quanta",
  "Sierra",
  "Meridian",
  "Castell",
  "Polaris",
  "Ardent",
  "Brightline",
  "Corvid",
  "Dunmore",
];
const COMPANY_TRADES = [
  "Medical",
  "Precision",
  "Dynamics",
  "Instruments",
  "Automotive",
  "Robotics",
  "Optics",
  "Firearms",
  "Dental",
  "Aerospace",
  "Watchworks",
  "Locksmiths",
];
const COMPANY_FORMS = ["GmbH", "Inc.", "Ltd", "S.A.", "K.K.", "AB", "S.r.l.", "LLC"];
const FIRST_NAMES = [
  "Ana",
  "Ben",
  "Chloé",
  "Dmitri",
  "Emma",
  "Farid",
  "Grace",
  "Hiro",
  "Ines",
  "Jonas",
  "Kavya",
  "Luis",
  "Mei",
  "Noah",
  "Olga",
  "Priya",
];
const LAST_NAMES = [
  "Berger",
  "Costa",
  "Dubois",
  "Eriksen",
  "Fischer",
  "Garcia",
  "Hoshino",
  "Ivanova",
  "Jensen",
  "Kowalski",
  "Lopez",
  "Moreau",
  "Nakamura",
  "Okafor",
  "Patel",
  "Rossi",
];
const PARTS = [
  "Bracket",
  "Hinge",
  "Gear",
  "Latch",
  "Jaw insert",
  "Trigger",
  "Orthodontic bracket",
  "Watch case",
  "Sensor housing",
  "Lock pawl",
  "Connector shell",
  "Surgical jaw",
  "Cam",
  "Lever",
  "Nozzle",
  "Impeller",
  "Buckle",
  "Clip",
];
const COUNTRIES = [
  "Germany",
  "United States",
  "Japan",
  "France",
  "Italy",
  "Sweden",
  "Mexico",
  "India",
  "China",
  "Switzerland",
];
const LOCALES = [
  ["en", 70],
  ["de", 10],
  ["fr", 5],
  ["ja", 5],
  ["es", 5],
  ["zh", 5],
] as const;
const MATERIAL_WEIGHTS: [string, number][] = [
  ...MATERIALS.map((m): [string, number] => [m.id, { "mim-316l": 30, "mim-17-4ph": 25, "mim-4605": 10 }[m.id] ?? 3]),
  [RECOMMEND_MATERIAL, 5],
];

const SEED_ENGINEERS = ["Ada Lindqvist", "Bruno Keller", "Chen Wei", "Dana Novak", "Esra Yilmaz"];

/**
 * The states an inquiry can be in, grouped by who holds it: the factory reviewing (intake's
 * "submitted" and every gate's states), and the rest (waiting on the buyer, or finished).
 */
function statesByHolder() {
  const all = Object.keys(INQUIRY_STATES) as InquiryState[];
  const review = all.filter((s) => s === "submitted" || gateOf(s) !== null);
  const other = all.filter((s) => !review.includes(s));
  return { review, other };
}

/**
 * Inserts `count` synthetic inquiries, created over the last three years with references
 * continuing each year's counter, and returns how many engineers they are spread over (five are
 * created when the database has none). Each batch is its own short transaction, so a running
 * server's writers (requests, model analysis) wait milliseconds for the lock, not the whole seed.
 */
export function seedInquiries(
  db: Db,
  count: number,
  options: { now?: Date; seed?: number } = {},
): { engineers: number } {
  const now = (options.now ?? new Date()).getTime();
  const random = createRandom(options.seed ?? 1);
  const { review, other } = statesByHolder();

  const engineers = writeTransaction(db, (tx) => {
    const existing = listEngineers(tx).map((e) => e.id);
    if (existing.length > 0) return existing;
    return SEED_ENGINEERS.map((name, i) => {
      const email = `seed.engineer${i + 1}.${crypto.randomUUID().slice(0, 8)}@factory.test`;
      return insertUser(tx, { id: crypto.randomUUID(), email, name, passwordHash: null, roles: ["engineer"] }).id;
    });
  });
  const insertBatch = (batch: Omit<typeof inquiries.$inferInsert, "reference">[]) =>
    writeTransaction(db, (tx) => {
      const rows = batch.map((row) => ({ ...row, reference: nextReference(tx, row.createdAt!) }));
      tx.insert(inquiries).values(rows).run();
    });
  // Created in time order, so references count up with the dates as real intake would.
  const created = Array.from({ length: count }, () => now - Math.floor(random.next() * HISTORY_MS)).sort(
    (a, b) => a - b,
  );

  let batch: Omit<typeof inquiries.$inferInsert, "reference">[] = [];
  for (const createdAt of created) {
    const ageMs = now - createdAt;
    // Old inquiries are mostly finished; recent ones are mostly still in review.
    const closedShare = ageMs > 90 * DAY ? 0.97 : ageMs > 30 * DAY ? 0.6 : 0.15;
    const inReview = other.length === 0 || random.next() >= closedShare;
    const state = inReview ? random.pick(review) : random.pick(other);
    // Intake's state starts with the inquiry; other review states mostly changed within the last
    // days, some far longer ago (overdue); finished ones closed within 45 days of arriving.
    const inStateMs =
      state === "submitted"
        ? ageMs
        : inReview
          ? Math.min(ageMs, random.next() * (random.next() < 0.8 ? 3 : 30) * DAY)
          : Math.max(0, ageMs - random.next() * 45 * DAY);
    const stem = random.pick(COMPANY_STEMS);
    const trade = random.pick(COMPANY_TRADES);
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const domain = `${stem}-${trade}`.toLowerCase();
    batch.push({
      id: crypto.randomUUID(),
      statusTokenHash: crypto.randomBytes(32).toString("hex"),
      state,
      locale: random.weighted(LOCALES),
      company: `${stem} ${trade} ${random.pick(COMPANY_FORMS)}`,
      contactName: `${first} ${last}`,
      email: `${first}.${last}@${domain}.example`
        .normalize("NFD")
        .replace(/[^\x20-\x7e]/g, "")
        .toLowerCase(),
      country: random.pick(COUNTRIES),
      partName: `${random.pick(PARTS)} ${String.fromCharCode(65 + Math.floor(random.next() * 26))}${Math.floor(random.next() * 90 + 10)}`,
      partNumber: random.next() < 0.85 ? `PN-${Math.floor(random.next() * 900_000 + 100_000)}` : null,
      revision: random.next() < 0.6 ? random.pick(["A", "B", "C", "01", "02"]) : null,
      material: random.weighted(MATERIAL_WEIGHTS),
      // Log-uniform from 1,000 to 2,000,000 parts a year, rounded as buyers write them.
      annualVolume: Math.round((1000 * Math.pow(2000, random.next())) / 500) * 500,
      criticalDimensions: [],
      ndaRequired: random.next() < 0.3,
      exportControlled: random.next() < 0.05,
      createdAt: new Date(createdAt),
      stateChangedAt: new Date(now - Math.floor(inStateMs)),
      assigneeId:
        state === "submitted" && random.next() < 0.7 ? null : random.next() < 0.9 ? random.pick(engineers) : null,
      awaitingBuyerMs: random.next() < 0.2 ? Math.floor(random.next() * 10 * DAY) : 0,
    });
    if (batch.length === BATCH) {
      insertBatch(batch);
      batch = [];
    }
  }
  if (batch.length > 0) insertBatch(batch);
  return { engineers: engineers.length };
}

async function main() {
  const count = Number(process.argv[2]);
  if (!Number.isSafeInteger(count) || count < 1 || count > 10_000_000) {
    console.error("seed:bulk: give the number of inquiries to add, e.g. npm run seed:bulk -- 100000");
    process.exit(2);
  }
  const config = loadConfig(process.env);
  const db = createDb(config.databaseFile);
  const started = performance.now();
  const { engineers } = seedInquiries(db, count);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `Added ${count.toLocaleString("en-US")} inquiries (assigned among ${engineers} engineers) to ${config.databaseFile} in ${seconds.toFixed(1)} s.`,
  );
  db.$client.close();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
