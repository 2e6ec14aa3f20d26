import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, or, sql, type Placeholder, type SQL } from "drizzle-orm";
import { alias, type SQLiteColumn } from "drizzle-orm/sqlite-core";
import { INQUIRY_STATES, gateOf, type InquiryState } from "../../workflows/inquiry";
import { overdueAfterMs, QUEUE_SETTINGS, type QueueSettings } from "../../workflows/review-settings";
import type { Db } from "../client";
import { cachedStatement } from "../statements";
import {
  files,
  inquiries,
  inquiryStateCounts,
  modelAnalyses,
  quotes,
  userRoles,
  users,
  type ModelAnalysisRow,
  type StoredFile,
} from "../schema";
import type { Gate as ReviewGate } from "../../workflows/inquiry";
import type { DeclineReason } from "../../workflows/quote-answer";
import type { CriticalDimension } from "../../workflows/tolerances";

export const QUEUE_SORTS = ["newest", "oldest", "waiting", "volume"] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];
export const QUEUE_PAGE_SIZE = 50;

/**
 * Where the quotation stands: sent and running out within `EXPIRING_WITHIN_MS` (or already past
 * its validity, waiting for the next expiry check), accepted, or declined.
 */
export const QUEUE_QUOTE_FILTERS = ["expiring", "won", "lost"] as const;
export type QueueQuoteFilter = (typeof QUEUE_QUOTE_FILTERS)[number];
export const EXPIRING_WITHIN_MS = 7 * 24 * 60 * 60 * 1000;

/** Where a page starts: the sort key and id of the row next to it, and on which side. */
export type QueueCursor = { sort: QueueSort; key: number; id: string; before: boolean };

export type QueueParams = {
  state?: InquiryState;
  gate?: ReviewGate;
  /** "mine" is the viewer's own inquiries; otherwise "unassigned" or a user id. */
  assignee?: string;
  material?: string;
  overdue?: boolean;
  quote?: QueueQuoteFilter;
  /** The buyer's reason for declining: only lost inquiries whose last quotation was declined for it. */
  reason?: DeclineReason;
  q?: string;
  sort: QueueSort;
  cursor?: QueueCursor;
  pageSize?: number;
  /** The overdue threshold in force (administrators may change it). */
  settings?: QueueSettings;
};

export type QueueRow = {
  id: string;
  reference: string;
  company: string;
  partName: string;
  partNumber: string | null;
  material: string;
  annualVolume: number;
  state: string;
  ndaRequired: boolean;
  exportControlled: boolean;
  /** The buyer's target price per part, in `currency`. */
  targetPrice: number | null;
  currency: string | null;
  /** YYYY-MM-DD, as the buyer chose it. */
  samplesNeededBy: string | null;
  /** With the material and volume, what the screen judges a row by. */
  criticalDimensions: CriticalDimension[];
  flatnessMm: number | null;
  roundnessMm: number | null;
  heatTreatment: string | null;
  createdAt: Date;
  stateChangedAt: Date;
  assigneeName: string | null;
  /** The inquiry's last quotation sent to the buyer, if any. */
  quoteVersion: number | null;
  quoteValidUntil: Date | null;
  declineReason: string | null;
  declineText: string | null;
};

export type QueuePage = {
  rows: QueueRow[];
  nextCursor: string | null;
  prevCursor: string | null;
  counts: Record<string, number>;
};

// Every sort ends on the id, so rows sharing a sort key still have one fixed order to page through.
const SORTS = {
  newest: { column: inquiries.createdAt, descending: true },
  oldest: { column: inquiries.createdAt, descending: false },
  waiting: { column: inquiries.stateChangedAt, descending: false },
  volume: { column: inquiries.annualVolume, descending: true },
} as const;

function sortKey(sort: QueueSort, row: QueueRow): number {
  const value = { newest: row.createdAt, oldest: row.createdAt, waiting: row.stateChangedAt, volume: row.annualVolume }[
    sort
  ];
  return value instanceof Date ? value.getTime() : value;
}

/** Opaque in links; decoding checks the shape, since a cursor arrives in a URL anyone can edit. */
export function encodeCursor(cursor: QueueCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.key, cursor.id, cursor.before ? 1 : 0])).toString("base64url");
}

export function decodeCursor(text: string): QueueCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== 4) return null;
    const [sort, key, id, before] = value as unknown[];
    if (
      !QUEUE_SORTS.includes(sort as QueueSort) ||
      !Number.isSafeInteger(key) ||
      typeof id !== "string" ||
      id.length > 64
    )
      return null;
    if (before !== 0 && before !== 1) return null;
    return { sort: sort as QueueSort, key: key as number, id, before: before === 1 };
  } catch {
    return null;
  }
}

/** The states a gate's review passes through, as the workflow defines them. */
export function statesOfGate(gate: ReviewGate): InquiryState[] {
  return (Object.keys(INQUIRY_STATES) as InquiryState[]).filter((state) => gateOf(state) === gate);
}

/**
 * A queue query's values and the shape of its SQL. Every value the request brings is a
 * placeholder, so the SQL depends on the shape alone and one prepared statement serves each shape.
 */
type Bindings = { shape: string[]; values: Record<string, unknown> };

function bind(b: Bindings, name: string, value: unknown): Placeholder {
  b.values[name] = value;
  return sql.placeholder(name);
}

/** Open inquiries that have sat in their state longer than the setting allows. */
function overdueCondition(b: Bindings, now: Date, settings: QueueSettings): SQL {
  const states = (Object.keys(INQUIRY_STATES) as InquiryState[]).filter(
    (state) => overdueAfterMs(state, settings) !== null,
  );
  b.shape.push(`overdue:${states.join(",")}`);
  // Timestamps are bound as the stored milliseconds: a placeholder skips the column's Date encoder.
  const branches = states.map((state) =>
    and(
      eq(inquiries.state, state),
      lt(inquiries.stateChangedAt, bind(b, `overdue_${state}`, now.getTime() - overdueAfterMs(state, settings)!)),
    )!,
  );
  return branches.length > 0 ? or(...branches)! : sql`0`;
}

export function isOverdue(
  row: { state: string; stateChangedAt: Date },
  now: Date,
  settings: QueueSettings = QUEUE_SETTINGS,
): boolean {
  const limit = overdueAfterMs(row.state, settings);
  return limit !== null && now.getTime() - row.stateChangedAt.getTime() > limit;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The trigram index finds text of at least this many characters; shorter text is matched with LIKE. */
export const SEARCH_INDEX_MIN_CHARS = 3;
/**
 * Up to this many hits are fetched by id and sorted. Text more common than that fills a page
 * within the first few thousand rows read in the sort's order, which LIKE does faster than
 * reading every hit's id out of the index.
 */
const SEARCH_LOOKUP_MAX = 500;

/** The inquiries whose text contains an FTS5 phrase, at most `limit` of them. */
const searchHits = (db: Db) =>
  cachedStatement(db.$client, "queue.searchHits", () =>
    db.$client.prepare<{ phrase: string; limit: number }, { id: string }>(
      "select inquiry_id as id from inquiry_search where inquiry_search match @phrase limit @limit",
    ),
  );

/**
 * A reference (anything starting "RFQ") matches by prefix on the unique index; other text is a
 * case-insensitive substring of the company, part name, part number or e-mail. From three
 * characters the trigram index (inquiry_search, migration 0012) says which inquiries hold it, so
 * text nobody has costs one index lookup instead of a scan; shorter or very common text is
 * matched with LIKE on rows read in the sort's order, where a page of hits comes early.
 */
function searchCondition(db: Db, b: Bindings, q: string): SQL {
  if (/^rfq(-|$)/i.test(q)) {
    const prefix = q.toUpperCase();
    b.shape.push("q:reference");
    return and(
      gte(inquiries.reference, bind(b, "referenceFrom", prefix)),
      lt(inquiries.reference, bind(b, "referenceTo", `${prefix}\u{10FFFF}`)),
    )!;
  }
  if ([...q].length >= SEARCH_INDEX_MIN_CHARS) {
    // One quoted phrase: the trigram tokenizer matches it as a substring, and the quotes keep
    // FTS5's query syntax (AND, *, column filters) out of what the user typed.
    const phrase = `"${q.replace(/"/g, '""')}"`;
    const hits = searchHits(db).all({ phrase, limit: SEARCH_LOOKUP_MAX + 1 });
    if (hits.length <= SEARCH_LOOKUP_MAX) {
      b.shape.push("q:ids");
      return sql`${inquiries.id} in (select value from json_each(${bind(b, "ids", JSON.stringify(hits.map((h) => h.id)))}))`;
    }
  }
  b.shape.push("q:like");
  const pattern = bind(b, "pattern", `%${escapeLike(q)}%`);
  const contains = (column: SQLiteColumn) => sql`${column} like ${pattern} escape '\\'`;
  return or(
    contains(inquiries.company),
    contains(inquiries.partName),
    contains(inquiries.partNumber),
    contains(inquiries.email),
  )!;
}

/** The inquiry's latest version that reached the buyer: what its row shows and the quote filters read. */
const shownQuote = alias(quotes, "shown_quote");
const shownQuoteJoin = eq(
  shownQuote.id,
  sql`(select q.id from ${quotes} q where q.inquiry_id = ${inquiries.id} and q.sent_at is not null order by q.version desc limit 1)`,
);

function quoteCondition(b: Bindings, filter: QueueQuoteFilter, now: Date): SQL {
  b.shape.push(`quote:${filter}`);
  switch (filter) {
    case "expiring":
      return and(
        eq(inquiries.state, "quoted"),
        eq(shownQuote.status, "sent"),
        lte(shownQuote.validUntil, bind(b, "expiringBefore", now.getTime() + EXPIRING_WITHIN_MS)),
      )!;
    case "won":
      return eq(inquiries.state, "won");
    case "lost":
      return eq(inquiries.state, "lost");
  }
}

function filterConditions(db: Db, b: Bindings, params: QueueParams & { viewerId: string }, now: Date): SQL[] {
  const conditions: SQL[] = [];
  if (params.state) {
    b.shape.push("state");
    conditions.push(eq(inquiries.state, bind(b, "state", params.state)));
  }
  if (params.gate) {
    b.shape.push(`gate:${params.gate}`);
    conditions.push(inArray(inquiries.state, statesOfGate(params.gate)));
  }
  if (params.assignee === "unassigned") {
    b.shape.push("unassigned");
    conditions.push(isNull(inquiries.assigneeId));
  } else if (params.assignee) {
    b.shape.push("assignee");
    const assignee = params.assignee === "mine" ? params.viewerId : params.assignee;
    conditions.push(eq(inquiries.assigneeId, bind(b, "assignee", assignee)));
  }
  if (params.material) {
    b.shape.push("material");
    conditions.push(eq(inquiries.material, bind(b, "material", params.material)));
  }
  if (params.overdue) conditions.push(overdueCondition(b, now, params.settings ?? QUEUE_SETTINGS));
  if (params.quote) conditions.push(quoteCondition(b, params.quote, now));
  if (params.reason) {
    b.shape.push("reason");
    conditions.push(
      and(
        eq(inquiries.state, "lost"),
        eq(shownQuote.status, "declined"),
        eq(shownQuote.declineReason, bind(b, "reason", params.reason)),
      )!,
    );
  }
  if (params.q) conditions.push(searchCondition(db, b, params.q));
  return conditions;
}

/**
 * Rows strictly past the cursor in the direction read. `key <= c` alone is an index range; the
 * rest breaks ties on the id. Keys are compared as stored numbers (timestamps in ms).
 */
function keysetCondition(b: Bindings, cursor: QueueCursor, descending: boolean): SQL {
  const { column } = SORTS[cursor.sort];
  const [within, past] = descending !== cursor.before ? ["<=", "<"] : [">=", ">"];
  b.shape.push(`cursor:${within}`);
  const key = bind(b, "cursorKey", cursor.key);
  const id = bind(b, "cursorId", cursor.id);
  return sql`${column} ${sql.raw(within)} ${key} and (${column} ${sql.raw(past)} ${key} or (${column} = ${key} and ${inquiries.id} ${sql.raw(past)} ${id}))`;
}

/**
 * One page of the review queue, keyset-paginated (never OFFSET, so page 2,000 costs what page 1
 * does), with the count of inquiries in every state.
 */
export function queueQuery(db: Db, params: QueueParams & { viewerId: string }, now: Date): QueuePage {
  const pageSize = params.pageSize ?? QUEUE_PAGE_SIZE;
  const { column, descending } = SORTS[params.sort];
  const { cursor } = params;
  const b: Bindings = { shape: [params.sort], values: {} };
  const conditions = filterConditions(db, b, params, now);
  if (cursor) conditions.push(keysetCondition(b, cursor, descending));
  // A page before the cursor is read backwards from it, then turned around.
  const readDescending = cursor?.before ? !descending : descending;
  const order = readDescending ? desc : asc;
  b.shape.push(readDescending ? "desc" : "asc");

  const statement = cachedStatement(db, `queue:${b.shape.join("|")}`, () =>
    db
      .select({
        id: inquiries.id,
        reference: inquiries.reference,
        company: inquiries.company,
        partName: inquiries.partName,
        partNumber: inquiries.partNumber,
        material: inquiries.material,
        annualVolume: inquiries.annualVolume,
        state: inquiries.state,
        ndaRequired: inquiries.ndaRequired,
        exportControlled: inquiries.exportControlled,
        targetPrice: inquiries.targetPrice,
        currency: inquiries.currency,
        samplesNeededBy: inquiries.samplesNeededBy,
        criticalDimensions: inquiries.criticalDimensions,
        flatnessMm: inquiries.flatnessMm,
        roundnessMm: inquiries.roundnessMm,
        heatTreatment: inquiries.heatTreatment,
        createdAt: inquiries.createdAt,
        stateChangedAt: inquiries.stateChangedAt,
        assigneeName: users.name,
        quoteVersion: shownQuote.version,
        quoteValidUntil: shownQuote.validUntil,
        declineReason: shownQuote.declineReason,
        declineText: shownQuote.declineText,
      })
      .from(inquiries)
      .leftJoin(users, eq(users.id, inquiries.assigneeId))
      .leftJoin(shownQuote, shownQuoteJoin)
      .where(and(...conditions))
      .orderBy(order(column), order(inquiries.id))
      .limit(sql.placeholder("limit"))
      .prepare(),
  );
  const fetched = statement.all({ ...b.values, limit: pageSize + 1 });

  const more = fetched.length > pageSize;
  const rows = fetched.slice(0, pageSize);
  if (cursor?.before) rows.reverse();
  const edge = (row: QueueRow | undefined, before: boolean) =>
    row ? encodeCursor({ sort: params.sort, key: sortKey(params.sort, row), id: row.id, before }) : null;
  // Reading forwards, a cursor means there is a page behind; reading backwards, one ahead.
  const hasNext = cursor?.before ? true : more;
  const hasPrev = cursor ? (cursor.before ? more : true) : false;
  return {
    rows,
    nextCursor: hasNext ? edge(rows.at(-1), false) : null,
    prevCursor: hasPrev ? edge(rows[0], true) : null,
    counts: countByState(db),
  };
}

/** Every state with its number of inquiries, zeros included; the counts table is kept by triggers. */
export function countByState(db: Db): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(Object.keys(INQUIRY_STATES).map((state) => [state, 0]));
  const statement = cachedStatement(db, "queue.countByState", () => db.select().from(inquiryStateCounts).prepare());
  for (const row of statement.all()) counts[row.state] = row.count;
  return counts;
}

/** A page's ids as one bound value, so one prepared statement serves any page. */
const idsOf = (ids: string[]) => JSON.stringify(ids);

/**
 * What the screen reads for a page of rows besides the row itself: the inquiries' files and
 * their analyses, two indexed lookups for the whole page rather than two per row.
 */
export function listScreenInputs(
  db: Db,
  inquiryIds: string[],
): Map<string, { files: StoredFile[]; analyses: ModelAnalysisRow[] }> {
  const inputs = new Map(
    inquiryIds.map((id) => [id, { files: [] as StoredFile[], analyses: [] as ModelAnalysisRow[] }]),
  );
  if (inquiryIds.length === 0) return inputs;
  const pageIds = sql`(select value from json_each(${sql.placeholder("ids")}))`;
  const fileRows = cachedStatement(db, "queue.screenFiles", () =>
    db
      .select()
      .from(files)
      .where(sql`${files.inquiryId} in ${pageIds}`)
      .prepare(),
  );
  const analysisRows = cachedStatement(db, "queue.screenAnalyses", () =>
    db
      .select({ inquiryId: files.inquiryId, analysis: modelAnalyses })
      .from(modelAnalyses)
      .innerJoin(files, eq(files.id, modelAnalyses.fileId))
      .where(sql`${files.inquiryId} in ${pageIds}`)
      .prepare(),
  );
  for (const file of fileRows.all({ ids: idsOf(inquiryIds) })) inputs.get(file.inquiryId!)?.files.push(file);
  for (const row of analysisRows.all({ ids: idsOf(inquiryIds) }))
    inputs.get(row.inquiryId!)?.analyses.push(row.analysis);
  return inputs;
}

/** Active engineers: who a review can be assigned to. */
export function listEngineers(db: Db): { id: string; name: string; email: string }[] {
  const statement = cachedStatement(db, "queue.listEngineers", () =>
    db
      .select({ id: users.id, name: users.name, email: users.email })
      .from(users)
      .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, "engineer")))
      .where(eq(users.active, true))
      .orderBy(asc(users.name), asc(users.id))
      .prepare(),
  );
  return statement.all();
}
