import { and, eq, inArray, isNull, lt, or } from "drizzle-orm";
import type { Db } from "../client";
import { files, type StoredFile } from "../schema";
import type { LengthUnit } from "../../workflows/model-metrics";

export type { StoredFile };

/** Records a file before its first byte is written, so that a crash mid-upload leaves a row to sweep. */
export function insertReceivingFile(
  db: Db,
  values: { id: string; originalName: string; storedKey: string; uploadedAt: Date },
): void {
  db.insert(files)
    .values({ ...values, status: "receiving" })
    .run();
}

export function deleteFile(db: Db, id: string): void {
  db.delete(files).where(eq(files.id, id)).run();
}

/** A file whose bytes passed every check: stored, with what was measured of it. */
export function markFileStored(
  db: Db,
  id: string,
  values: Pick<StoredFile, "size" | "sha256" | "kind" | "format">,
): StoredFile {
  return db
    .update(files)
    .set({ ...values, status: "stored" })
    .where(eq(files.id, id))
    .returning()
    .get();
}

/** Of these files, the ones no inquiry holds (only those may be discarded). */
export function listUnattachedFiles(db: Db, ids: string[]): StoredFile[] {
  return db
    .select()
    .from(files)
    .where(and(inArray(files.id, ids), isNull(files.inquiryId)))
    .all();
}

/** Puts a failed submission's files under its form draft, so the buyer can keep them. */
export function holdForDraft(db: Db, draftTokenHash: string, ids: string[]): void {
  if (ids.length === 0) return;
  db.update(files)
    .set({ draftTokenHash })
    .where(and(inArray(files.id, ids), isNull(files.inquiryId)))
    .run();
}

/** Files a previous, failed submission of the same form draft left for the buyer to keep. */
export function keptDraftFiles(db: Db, draftTokenHash: string, ids: string[]): StoredFile[] {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(files)
    .where(
      and(
        inArray(files.id, ids),
        eq(files.draftTokenHash, draftTokenHash),
        isNull(files.inquiryId),
        eq(files.status, "stored"),
      ),
    )
    .all();
}

/**
 * Files no inquiry will claim: of requests that ended before `receivingBefore` without attaching
 * them (the server stopped mid-upload, or the request died before it attached or held them), and
 * draft files older than `draftBefore` that the buyer never sent again.
 */
export function listAbandonedFileIds(db: Db, receivingBefore: Date, draftBefore: Date): string[] {
  return db
    .select({ id: files.id })
    .from(files)
    .where(
      and(
        isNull(files.inquiryId),
        or(
          and(eq(files.status, "receiving"), lt(files.uploadedAt, receivingBefore)),
          and(eq(files.status, "stored"), isNull(files.draftTokenHash), lt(files.uploadedAt, receivingBefore)),
          and(eq(files.status, "stored"), lt(files.uploadedAt, draftBefore)),
        ),
      ),
    )
    .all()
    .map((r) => r.id);
}

/** The inquiry a file belongs to, or null while it belongs to none. */
export function fileInquiryId(db: Db, fileId: string): string | null {
  return db.select({ inquiryId: files.inquiryId }).from(files).where(eq(files.id, fileId)).get()?.inquiryId ?? null;
}

/** Attaches stored files to an inquiry inside the caller's write transaction. */
export function attachFiles(tx: Db, inquiryId: string, ids: string[]): void {
  if (ids.length === 0) return;
  tx.update(files)
    .set({ inquiryId, draftTokenHash: null })
    .where(and(inArray(files.id, ids), isNull(files.inquiryId), eq(files.status, "stored")))
    .run();
}

/** Marks files as the revision sent with the answer to a question. */
export function linkFilesToQuestion(tx: Db, ids: string[], questionId: string): void {
  if (ids.length === 0) return;
  tx.update(files).set({ questionId }).where(inArray(files.id, ids)).run();
}

/** Records the unit the buyer stated for the STL files among these (other formats carry their own). */
export function declareStlUnit(tx: Db, ids: string[], unit: LengthUnit | undefined): void {
  if (ids.length === 0 || unit === undefined) return;
  tx.update(files)
    .set({ declaredUnit: unit })
    .where(and(inArray(files.id, ids), eq(files.format, "stl")))
    .run();
}
