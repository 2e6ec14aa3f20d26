import type { Db } from "../../../db/client";
import { listSettings, saveSettingGroups } from "../../../db/queries/settings";
import { PRE_ASSESSMENT_SETTINGS, type PreAssessmentSettings } from "../../../workflows/pre-assessment";
import { QUEUE_SETTINGS, type QueueSettings } from "../../../workflows/review-settings";

export type Settings = { preAssessment: PreAssessmentSettings; queue: QueueSettings };

const DEFAULTS: Settings = { preAssessment: PRE_ASSESSMENT_SETTINGS, queue: QUEUE_SETTINGS };

/** The thresholds in force: the domain's defaults with whatever an administrator changed. */
export function getSettings(db: Db): Settings {
  const stored = listSettings(db);
  return {
    preAssessment: { ...DEFAULTS.preAssessment, ...stored.get("preAssessment") },
    queue: { ...DEFAULTS.queue, ...stored.get("queue") },
  };
}

export function saveSettings(db: Db, userId: string, next: Settings, now = new Date()): void {
  saveSettingGroups(db, next, userId, now);
}

export function defaultSettings(): Settings {
  return DEFAULTS;
}
