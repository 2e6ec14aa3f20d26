import { sql } from "drizzle-orm";
import {
  type AnySQLiteColumn,
  blob,
  check,
  index,
  integer,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { REVIEW_GATES } from "../workflows/inquiry";
import { STAFF_ROLES } from "../workflows/roles";
import type { CriticalDimension } from "../workflows/tolerances";
import type { EventPayload } from "../workflows/timeline";
import { LENGTH_UNITS, type StoredModelMetrics } from "../workflows/model-metrics";
import type { CavityCount, CostModel, CostModelInput } from "../workflows/cost-model";
import type { RatesSnapshot } from "../workflows/rates";
import { QUOTE_STATUSES, type LineOverride, type QuoteTerms } from "../workflows/quote";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

/** One row per year: the last reference number handed out (RFQ-YYYY-NNNNN). */
export const referenceCounters = sqliteTable("reference_counters", {
  year: integer("year").primaryKey(),
  last: integer("last").notNull(),
});

export const inquiries = sqliteTable(
  "inquiries",
  {
    id: text("id").primaryKey(),
    reference: text("reference").notNull(),
    // Only the hash of the buyer's status token is kept: a copy of the database opens no inquiry.
    statusTokenHash: text("status_token_hash").notNull(),
    state: text("state").notNull(),
    version: integer("version").notNull().default(1),
    locale: text("locale").notNull(),
    company: text("company").notNull(),
    contactName: text("contact_name").notNull(),
    email: text("email").notNull(),
    phone: text("phone"),
    country: text("country").notNull(),
    partName: text("part_name").notNull(),
    partNumber: text("part_number"),
    revision: text("revision"),
    material: text("material").notNull(),
    annualVolume: integer("annual_volume").notNull(),
    generalTolerance: text("general_tolerance"),
    criticalDimensions: text("critical_dimensions", { mode: "json" }).$type<CriticalDimension[]>().notNull(),
    flatnessMm: real("flatness_mm"),
    roundnessMm: real("roundness_mm"),
    surfaceTreatment: text("surface_treatment"),
    heatTreatment: text("heat_treatment"),
    application: text("application"),
    targetPrice: real("target_price"),
    currency: text("currency"),
    samplesNeededBy: text("samples_needed_by"),
    ndaRequired: integer("nda_required", { mode: "boolean" }).notNull(),
    exportControlled: integer("export_controlled", { mode: "boolean" }).notNull(),
    notes: text("notes"),
    createdAt: createdAt(),
    stateChangedAt: integer("state_changed_at", { mode: "timestamp_ms" }).notNull(),
    // The engineer who owns the review; null while it waits in the queue.
    assigneeId: text("assignee_id").references((): AnySQLiteColumn => users.id),
    // While awaiting the buyer: the review state to go back to when they answer.
    returnToState: text("return_to_state"),
    // Time spent waiting on the buyer so far, kept apart from the factory's own review time.
    awaitingBuyerMs: integer("awaiting_buyer_ms").notNull().default(0),
  },
  (t) => [
    uniqueIndex("inquiries_reference_unique").on(t.reference),
    uniqueIndex("inquiries_status_token_hash_unique").on(t.statusTokenHash),
    index("inquiries_state_created_idx").on(t.state, t.createdAt),
    index("inquiries_created_idx").on(t.createdAt),
    index("inquiries_state_changed_idx").on(t.state, t.stateChangedAt),
    index("inquiries_assignee_created_idx").on(t.assigneeId, t.createdAt),
    index("inquiries_material_created_idx").on(t.material, t.createdAt),
    // The queue's "longest waiting" and "largest volume" sorts page by these (keyset).
    index("inquiries_waiting_idx").on(t.stateChangedAt, t.id),
    index("inquiries_volume_idx").on(t.annualVolume, t.id),
  ],
);

/**
 * Every uploaded file. A row is written before its bytes ("receiving"), so a crash mid-upload
 * leaves a row the sweeper finds, never an object nobody knows about. A stored file with no
 * inquiry belongs to a form that failed validation and waits, under its draft, to be sent again.
 */
export const files = sqliteTable(
  "files",
  {
    id: text("id").primaryKey(),
    inquiryId: text("inquiry_id").references(() => inquiries.id, { onDelete: "restrict" }),
    draftTokenHash: text("draft_token_hash"),
    status: text("status", { enum: ["receiving", "stored"] }).notNull(),
    originalName: text("original_name").notNull(),
    storedKey: text("stored_key").notNull(),
    size: integer("size").notNull().default(0),
    sha256: text("sha256"),
    kind: text("kind", { enum: ["drawing", "model", "archive"] }),
    format: text("format"),
    // The length unit the buyer stated for a unitless model format (STL): "mm", "cm" or "in".
    declaredUnit: text("declared_unit", { enum: LENGTH_UNITS }),
    uploadedAt: createdAt(),
    // Set when the buyer sent the file in answer to an engineer's question (a revised drawing).
    questionId: text("question_id").references((): AnySQLiteColumn => questions.id),
  },
  (t) => [
    uniqueIndex("files_stored_key_unique").on(t.storedKey),
    index("files_inquiry_idx").on(t.inquiryId),
    index("files_draft_idx").on(t.draftTokenHash),
    index("files_status_uploaded_idx").on(t.status, t.uploadedAt),
  ],
);

/** Append-only history of an inquiry: the timeline. */
export const inquiryEvents = sqliteTable(
  "inquiry_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    inquiryId: text("inquiry_id")
      .notNull()
      .references(() => inquiries.id, { onDelete: "restrict" }),
    type: text("type").notNull(),
    // "buyer", "system", or a staff member's name as it was when they acted.
    actor: text("actor").notNull(),
    actorUserId: text("actor_user_id").references((): AnySQLiteColumn => users.id),
    fromState: text("from_state"),
    toState: text("to_state"),
    payload: text("payload", { mode: "json" }).$type<EventPayload>(),
    createdAt: createdAt(),
  },
  (t) => [index("inquiry_events_inquiry_idx").on(t.inquiryId, t.id)],
);

/**
 * The signed NDA of an inquiry whose buyer asked for one: until this row exists, staff may list
 * the buyer's files but not open them. The PDF lives in storage under `stored_key`.
 */
export const signedNdas = sqliteTable("signed_ndas", {
  inquiryId: text("inquiry_id")
    .primaryKey()
    .references(() => inquiries.id, { onDelete: "restrict" }),
  // The day the NDA was signed (YYYY-MM-DD), as written on it: a date, not a moment.
  signedOn: text("signed_on").notNull(),
  storedKey: text("stored_key").notNull().unique(),
  originalName: text("original_name").notNull(),
  size: integer("size").notNull(),
  recordedBy: text("recorded_by")
    .notNull()
    .references(() => users.id),
  recordedAt: integer("recorded_at", { mode: "timestamp_ms" }).notNull(),
});

/** E-mail waiting to be delivered; written in the transaction that decided to send it. */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind").notNull(),
    inquiryId: text("inquiry_id").references(() => inquiries.id, { onDelete: "restrict" }),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html").notNull(),
    // The BCP 47 tag of the language the message is written in (its Content-Language header); null
    // for messages queued before languages were stored.
    contentLanguage: text("content_language"),
    status: text("status", { enum: ["pending", "sent", "dead"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }).notNull(),
    lockedUntil: integer("locked_until", { mode: "timestamp_ms" }),
    lastError: text("last_error"),
    /** When the latest attempt failed: for a dead letter, when it was given up. */
    failedAt: integer("failed_at", { mode: "timestamp_ms" }),
    messageId: text("message_id"),
    // Files to attach, read from storage at delivery (a sent quote's frozen PDF).
    attachments: text("attachments", { mode: "json" }).$type<OutboxAttachment[]>(),
    createdAt: createdAt(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("outbox_due_idx").on(t.status, t.nextAttemptAt)],
);

export type OutboxAttachment = { filename: string; storageKey: string; contentType: string };

export type Inquiry = typeof inquiries.$inferSelect;
export type StoredFile = typeof files.$inferSelect;
export type InquiryEvent = typeof inquiryEvents.$inferSelect;
export type OutboxMessage = typeof outbox.$inferSelect;
export type SignedNda = typeof signedNdas.$inferSelect;

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    // Stored lower-case, so sign-in does not depend on how the address was typed.
    email: text("email").notNull(),
    name: text("name").notNull(),
    // Null until an invited person sets a password through their one-time link.
    passwordHash: text("password_hash"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);

export const userRoles = sqliteTable(
  "user_roles",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: STAFF_ROLES }).notNull(),
  },
  (t) => [uniqueIndex("user_roles_pk").on(t.userId, t.role)],
);

/** Server-side sessions: deleting the row signs the person out everywhere it was used. */
export const sessions = sqliteTable(
  "sessions",
  {
    // SHA-256 of the cookie's token: a copy of the database signs nobody in.
    idHash: text("id_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    csrfToken: text("csrf_token").notNull(),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** One-time links to set a password (invitations, resets). */
export const passwordTokens = sqliteTable("password_tokens", {
  tokenHash: text("token_hash").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  usedAt: integer("used_at", { mode: "timestamp_ms" }),
  createdAt: createdAt(),
});

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;

/**
 * A gate's decision, signed and timed. Reopening a gate supersedes its decision rather than
 * deleting it, so what was decided before stays on record.
 */
export const gateDecisions = sqliteTable(
  "gate_decisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    inquiryId: text("inquiry_id")
      .notNull()
      .references(() => inquiries.id, { onDelete: "restrict" }),
    gate: text("gate", { enum: REVIEW_GATES }).notNull(),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    decidedBy: text("decided_by")
      .notNull()
      .references(() => users.id),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }).notNull(),
    supersededAt: integer("superseded_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("gate_decisions_inquiry_idx").on(t.inquiryId, t.gate)],
);

/** Questions engineers ask the buyer, answered on the status page. */
export const questions = sqliteTable(
  "questions",
  {
    id: text("id").primaryKey(),
    inquiryId: text("inquiry_id")
      .notNull()
      .references(() => inquiries.id, { onDelete: "restrict" }),
    askedBy: text("asked_by")
      .notNull()
      .references(() => users.id),
    text: text("text").notNull(),
    wantsRevision: integer("wants_revision", { mode: "boolean" }).notNull().default(false),
    askedAt: integer("asked_at", { mode: "timestamp_ms" }).notNull(),
    answer: text("answer"),
    answeredAt: integer("answered_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("questions_inquiry_idx").on(t.inquiryId, t.askedAt)],
);

export type GateDecision = typeof gateDecisions.$inferSelect;
export type Question = typeof questions.$inferSelect;

/**
 * Further status links to the same inquiry, minted for e-mails sent after the first (a question,
 * a decision). Only hashes are kept, like the first link's, so each e-mail carries a fresh token.
 */
export const statusLinks = sqliteTable(
  "status_links",
  {
    tokenHash: text("token_hash").primaryKey(),
    inquiryId: text("inquiry_id")
      .notNull()
      .references(() => inquiries.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
  },
  (t) => [index("status_links_inquiry_idx").on(t.inquiryId)],
);

/**
 * Inquiries per state, kept by triggers (migration 0003) so the queue's counts cost one small
 * read however long the history grows.
 */
export const inquiryStateCounts = sqliteTable("inquiry_state_counts", {
  state: text("state").primaryKey(),
  count: integer("count").notNull(),
});

/**
 * Why a file has no analysis: a format the analyser does not read, over its size limit, a file it
 * could not read, one with no solid surfaces, or a worker that stopped twice.
 */
export const ANALYSIS_REASON_KINDS = ["format", "too_large", "unreadable", "no_solids", "crashed"] as const;
export type AnalysisReasonKind = (typeof ANALYSIS_REASON_KINDS)[number];

/**
 * The measurement of one uploaded model, done by the analysis worker. A row exists from the moment
 * the runner picks the file up, so the job survives a restart; a crash is retried once.
 */
export const modelAnalyses = sqliteTable(
  "model_analyses",
  {
    fileId: text("file_id")
      .primaryKey()
      .references(() => files.id, { onDelete: "cascade" }),
    status: text("status", { enum: ["pending", "running", "done", "no_analysis", "failed"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    /** The technical reason, in English, for staff. */
    reason: text("reason"),
    /** What kind of reason it is, so the buyer's page can say it in the buyer's words; null on rows from before. */
    reasonKind: text("reason_kind", { enum: ANALYSIS_REASON_KINDS }),
    metrics: text("metrics", { mode: "json" }).$type<AnalysisMetrics>(),
    previewKey: text("preview_key"),
    startedAt: integer("started_at", { mode: "timestamp_ms" }),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("model_analyses_status_idx").on(t.status, t.createdAt)],
);

export type ModelAnalysisRow = typeof modelAnalyses.$inferSelect;

/** A model's measurements; a drawing's row stores none (its analysis is the thumbnail). */
export type AnalysisMetrics = StoredModelMetrics | Record<string, never>;

/** Thresholds an administrator has changed; absent keys keep the defaults of workflows/. */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value", { mode: "json" }).$type<Record<string, number>>().notNull(),
  updatedBy: text("updated_by").references(() => users.id),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

/**
 * The factory's cost rates as a history: a change adds a row and never overwrites one, so what a
 * rate was on any day (and who set it) stays on record. The rate in force for a key is its latest
 * row effective by then; a key with no row uses the shipped example of workflows/rates.ts.
 */
export const rates = sqliteTable(
  "rates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    key: text("key").notNull(),
    value: real("value").notNull(),
    // ISO 4217 code for money rates; null for shares, times and counts.
    currency: text("currency"),
    source: text("source").notNull(),
    effectiveFrom: integer("effective_from", { mode: "timestamp_ms" }).notNull(),
    reason: text("reason"),
    changedBy: text("changed_by")
      .notNull()
      .references(() => users.id),
    changedAt: createdAt(),
  },
  (t) => [index("rates_key_effective_idx").on(t.key, t.effectiveFrom, t.id)],
);

/** Each time an administrator confirmed the rates in force as the factory's own. */
export const rateConfirmations = sqliteTable("rate_confirmations", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  confirmedBy: text("confirmed_by")
    .notNull()
    .references(() => users.id),
  confirmedAt: integer("confirmed_at", { mode: "timestamp_ms" }).notNull(),
});

export type RateRow = typeof rates.$inferSelect;

/**
 * The factory as its quotations name it: one row, set by an admin. Until it exists no quotation
 * is sent, so a buyer never receives one in a placeholder's name.
 */
export const factoryProfile = sqliteTable(
  "factory_profile",
  {
    id: integer("id").primaryKey(),
    name: text("name").notNull(),
    /** Street, town and country, one per line, printed as given. */
    address: text("address").notNull(),
    email: text("email").notNull(),
    phone: text("phone"),
    website: text("website"),
    registration: text("registration"),
    /** #rrggbb behind white button text on buyer pages; null keeps the product's own blue. */
    accent: text("accent"),
    /** Who buyer e-mails come from; null falls back to MAIL_FROM. */
    senderName: text("sender_name"),
    senderEmail: text("sender_email"),
    /** Sites allowed to show the intake form in an iframe, one origin per line. */
    frameOrigins: text("frame_origins"),
    /** The first-answer promise ("within 2 working days"); both null = no promise. */
    promiseCount: integer("promise_count"),
    promiseUnit: text("promise_unit", { enum: ["hours", "working_days", "days"] }),
    updatedBy: text("updated_by")
      .notNull()
      .references(() => users.id),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  () => [check("factory_profile_single_row", sql`id = 1`)],
);

export type FactoryProfileRow = typeof factoryProfile.$inferSelect;

/**
 * The factory's logo, one row, kept apart from the profile so reading the profile never loads the
 * image. `sha256` names the version: the public address carries it, so a replaced logo is a new URL.
 */
export const factoryLogo = sqliteTable(
  "factory_logo",
  {
    id: integer("id").primaryKey(),
    contentType: text("content_type", { enum: ["image/png", "image/jpeg"] }).notNull(),
    bytes: blob("bytes", { mode: "buffer" }).notNull(),
    sha256: text("sha256").notNull(),
    updatedBy: text("updated_by")
      .notNull()
      .references(() => users.id),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  () => [check("factory_logo_single_row", sql`id = 1`)],
);

export type FactoryLogoRow = typeof factoryLogo.$inferSelect;

/**
 * A quotation, one row per version (v1, v2...) of an inquiry's quote. Prices are computed from the
 * inputs and the rates snapshot kept on the row, so a version reads the same whatever the rates
 * become. Once sent the row is frozen (migration 0010's triggers refuse an update of its content or a
 * delete): the PDF in storage is identified by its key and SHA-256, and a later edit is a new version.
 */
export const quotes = sqliteTable(
  "quotes",
  {
    id: text("id").primaryKey(),
    inquiryId: text("inquiry_id")
      .notNull()
      .references(() => inquiries.id, { onDelete: "restrict" }),
    version: integer("version").notNull(),
    status: text("status", { enum: QUOTE_STATUSES }).notNull().default("draft"),
    // Optimistic concurrency for saves, like inquiries.version.
    rowVersion: integer("row_version").notNull().default(1),
    // The version this one was copied from (a revision or a copy): a copy never carries approval.
    copiedFromId: text("copied_from_id").references((): AnySQLiteColumn => quotes.id),
    currency: text("currency").notNull(),
    cavities: text("cavities", { mode: "json" }).$type<CavityCount[]>().notNull(),
    quantities: text("quantities", { mode: "json" }).$type<number[]>().notNull(),
    inputs: text("inputs", { mode: "json" }).$type<CostModelInput>().notNull(),
    overrides: text("overrides", { mode: "json" }).$type<LineOverride[]>().notNull(),
    assumptions: text("assumptions", { mode: "json" }).$type<string[]>().notNull(),
    terms: text("terms", { mode: "json" }).$type<QuoteTerms>().notNull(),
    internalNotes: text("internal_notes").notNull().default(""),
    buyerNotes: text("buyer_notes").notNull().default(""),
    ratesSnapshot: text("rates_snapshot", { mode: "json" }).$type<RatesSnapshot>().notNull(),
    prices: text("prices", { mode: "json" }).$type<CostModel>().notNull(),
    // The figures approval is judged on, computed with the prices (see workflows/quote.ts).
    total: real("total").notNull(),
    lowestMarginShare: real("lowest_margin_share").notNull(),
    approvalNeeded: integer("approval_needed", { mode: "boolean" }).notNull(),
    preparedBy: text("prepared_by")
      .notNull()
      .references(() => users.id),
    preparedAt: integer("prepared_at", { mode: "timestamp_ms" }).notNull(),
    approvedBy: text("approved_by").references(() => users.id),
    approvedAt: integer("approved_at", { mode: "timestamp_ms" }),
    sentBy: text("sent_by").references(() => users.id),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    validUntil: integer("valid_until", { mode: "timestamp_ms" }),
    pdfKey: text("pdf_key"),
    pdfSha256: text("pdf_sha256"),
    // The buyer's answer to a sent version (status page).
    firstViewedAt: integer("first_viewed_at", { mode: "timestamp_ms" }),
    answeredAt: integer("answered_at", { mode: "timestamp_ms" }),
    acceptedCavities: integer("accepted_cavities"),
    acceptedQuantity: integer("accepted_quantity"),
    poReference: text("po_reference"),
    buyerName: text("buyer_name"),
    declineReason: text("decline_reason"),
    declineText: text("decline_text"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("quotes_inquiry_version_idx").on(t.inquiryId, t.version),
    index("quotes_status_valid_idx").on(t.status, t.validUntil),
  ],
);

export type Quote = typeof quotes.$inferSelect;
