import { and, asc, eq, sql } from "drizzle-orm";
import { writeTransaction, type Db } from "../client";
import { files, modelAnalyses, type AnalysisMetrics, type AnalysisReasonKind, type ModelAnalysisRow } from "../schema";

export type { AnalysisMetrics, AnalysisReasonKind, ModelAnalysisRow };

/**
 * Jobs a stopped process left "running" go back to the queue while they have attempts left
 * (fewer than `maxAttempts`); the others fail with `reason`.
 */
export function recoverRunningAnalyses(db: Db, maxAttempts: number, reason: string, now: Date): void {
  writeTransaction(db, (tx) => {
    tx.update(modelAnalyses)
      .set({ status: "pending" })
      .where(and(eq(modelAnalyses.status, "running"), sql`${modelAnalyses.attempts} < ${maxAttempts}`))
      .run();
    tx.update(modelAnalyses)
      .set({ status: "failed", reason, reasonKind: "crashed", finishedAt: now })
      .where(eq(modelAnalyses.status, "running"))
      .run();
  });
}

/**
 * Queues every stored model and drawing of an inquiry that has no analysis yet, then takes the
 * oldest pending job and marks it running, in one transaction; null when nothing is pending.
 */
export function claimNextAnalysis(db: Db, now: Date) {
  return writeTransaction(db, (tx) => {
    tx.run(sql`insert into model_analyses (file_id, status, created_at)
      select f.id, 'pending', ${now.getTime()} from files f
      where (f.kind = 'model' or f.format = 'pdf') and f.status = 'stored' and f.inquiry_id is not null
        and not exists (select 1 from model_analyses a where a.file_id = f.id)`);
    const next = tx
      .select({
        fileId: modelAnalyses.fileId,
        storedKey: files.storedKey,
        format: files.format,
        declaredUnit: files.declaredUnit,
        attempts: modelAnalyses.attempts,
      })
      .from(modelAnalyses)
      .innerJoin(files, eq(files.id, modelAnalyses.fileId))
      .where(eq(modelAnalyses.status, "pending"))
      .orderBy(asc(modelAnalyses.createdAt))
      .limit(1)
      .get();
    if (!next) return null;
    tx.update(modelAnalyses)
      .set({ status: "running", attempts: next.attempts + 1, startedAt: now })
      .where(eq(modelAnalyses.fileId, next.fileId))
      .run();
    return { ...next, attempts: next.attempts + 1 };
  });
}

/** Records what became of a file's analysis job. */
export function updateAnalysis(
  db: Db,
  fileId: string,
  values: Partial<
    Pick<
      ModelAnalysisRow,
      "status" | "attempts" | "startedAt" | "finishedAt" | "reason" | "reasonKind" | "metrics" | "previewKey"
    >
  >,
): void {
  db.update(modelAnalyses).set(values).where(eq(modelAnalyses.fileId, fileId)).run();
}

/** The storage key of a file's preview, only when the file belongs to that inquiry. */
export function findPreviewKey(db: Db, inquiryId: string, fileId: string): string | null {
  const row = db
    .select({ key: modelAnalyses.previewKey })
    .from(modelAnalyses)
    .innerJoin(files, eq(files.id, modelAnalyses.fileId))
    .where(and(eq(modelAnalyses.fileId, fileId), eq(files.inquiryId, inquiryId)))
    .get();
  return row?.key ?? null;
}
