/**
 * The values an administrator may give a number setting: finite, from `min` to `max` inclusive, and
 * whole when `integer`. Every admin number (cost rates, review thresholds, the overdue limit)
 * carries one beside its definition, and the forms' schemas check against it, so a figure like
 * 1e308 or Infinity never reaches the cost model or the store.
 */
export type NumberRange = { min: number; max: number; integer?: boolean };

/** One figure an administrator edits on a settings page: its name, unit and allowed range. */
export type SettingField<K extends string> = { key: K; label: string; unit: string; range: NumberRange };

/** A figure as the admin reads and types it: no exponent, no float noise (0.95 * 100 is 95). */
const plain = (value: number) => String(Number(value.toPrecision(12)));

/**
 * Why `value` is outside the range, as one sentence naming the field, the range and the unit, or
 * null when it is inside. `scale` shows a stored figure as typed (100 for a share typed in %).
 */
export function rangeProblem(
  what: { label: string; unit: string; range: NumberRange },
  value: number,
  scale = 1,
): string | null {
  const { min, max, integer } = what.range;
  const inside = Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isInteger(value));
  if (inside) return null;
  return `${what.label}: enter a ${integer ? "whole number" : "number"} from ${plain(min * scale)} to ${plain(max * scale)} ${what.unit}.`;
}

/** The range as a hint beside the field: "From 0.25 to 365." */
export function rangeHint(range: NumberRange, scale = 1): string {
  return `From ${plain(range.min * scale)} to ${plain(range.max * scale)}${range.integer ? ", whole numbers" : ""}.`;
}
