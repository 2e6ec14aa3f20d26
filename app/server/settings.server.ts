import { writeTransaction, type Db } from "../../db/client";
import { settings } from "../../db/schema";
import { PRE_ASSESSMENT_SETTINGS, type PreAssessmentSettings } from "../../workflows/pre-assessment";
import { QUEUE_SETTINGS, type QueueSettings } from "../../workflows/review-settings";

export type Settings = { preAssessment: PreAssessmentSettings; queue: QueueSettings };

const DEFAULTS: Settings = { preAssessment: PRE_ASSESSMENT_SETTINGS, queue: QUEUE_SETTINGS };

/** The thresholds in force: the domain's defaults with whatever an administrator changed. */
export function getSettings(db: Db): Settings {
  const stored = new Map(
    db
      .select()
      .from(settings)
      .all()
      .map((row) => [row.key, row.value]),
  );
  return {
    preAssessment: { ...DEFAULTS.preAssessment, ...stored.get("preAssessment") },
    queue: { ...DEFAULTS.queue, ...stored.get("queue") },
  };
}

export function saveSettings(db: Db, userId: string, next: Settings, now = new Date()): void {
  writeTransaction(db, (tx) => {
    for (const [key, value] of Object.entries(next) as [keyof Settings, Record<string, number>][]) {
      tx.insert(settings)
        .values({ key, value, updatedBy: userId, updatedAt: now })
        .onConflictDoUpdate({ target: settings.key, set: { value, updatedBy: userId, updatedAt: now } })
        .run();
    }
  });
}

export function defaultSettings(): Settings {
  return DEFAULTS;
}
