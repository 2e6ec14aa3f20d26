import { isBuyerTurn, isOpen } from "./inquiry";
import type { SettingField } from "./number-range";

const DAY = 24 * 60 * 60 * 1000;

export type QueueSettings = {
  /** How long an inquiry may sit in a state the factory has to act on before the queue flags it. */
  overdueAfterMs: number;
};

/**
 * Defaults for the review queue. Kept as one typed object because administrators will edit these
 * later (stored settings replace the defaults); nothing else should hard-code the numbers.
 */
export const QUEUE_SETTINGS: QueueSettings = {
  overdueAfterMs: 3 * DAY,
};

/**
 * The overdue limit as the settings page edits it, in days: six hours at the least, a year at the
 * most (an unbounded figure was once stored as null and silently switched the overdue marks off).
 */
export const OVERDUE_DAYS_FIELD: SettingField<"overdueDays"> = {
  key: "overdueDays",
  label: "Overdue after, in a state the factory must act on",
  unit: "days",
  range: { min: 0.25, max: 365 },
};

/**
 * The overdue limit for a state, or null where the clock does not run against the factory: a
 * finished inquiry, or one waiting on the buyer (a question, a sent quotation). Every other open
 * state waits on the factory.
 */
export function overdueAfterMs(state: string, settings: QueueSettings = QUEUE_SETTINGS): number | null {
  return isOpen(state) && !isBuyerTurn(state) ? settings.overdueAfterMs : null;
}
