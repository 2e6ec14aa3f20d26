import { formatNumberIn } from "../i18n/format";
import type { Language } from "../i18n/languages";

const UNITS = ["KB", "MB", "GB", "TB"];

/**
 * Sizes as people read them: "512 B", "1.5 KB", "12.3 MB" (1024 steps, as file managers show); with
 * a `language`, the number as that buyer writes it ("1,5 KB"), the unit unchanged.
 */
export function formatBytes(bytes: number, language?: Language): string {
  const number = (value: number, digits: number) =>
    language
      ? formatNumberIn(language, value, { minimumFractionDigits: digits, maximumFractionDigits: digits })
      : value.toFixed(digits);
  if (bytes < 1024) return `${number(Math.round(bytes), 0)} B`;
  let value = bytes / 1024;
  let unit = 0;
  // Compare the rounded value, so 1023.96 KB reads "1.0 MB" rather than "1024.0 KB".
  while (Number(value.toFixed(1)) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${number(value, 1)} ${UNITS[unit]}`;
}

/**
 * A moment as "2025-01-31 14:05 UTC". Buyers and staff sit in different time zones and the
 * server's own zone says nothing to either, so UTC is stated rather than implied; it also renders
 * the same on the server and in the browser.
 */
export function formatDateTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "3 d 4 h", "5 h 12 min", "12 min": two units are enough to read a queue at a glance. */
export function formatDuration(ms: number): string {
  if (ms < MINUTE) return "< 1 min";
  const [d, h, m] = [Math.floor(ms / DAY), Math.floor((ms % DAY) / HOUR), Math.floor((ms % HOUR) / MINUTE)];
  if (d > 0) return `${d} d ${h} h`;
  return h > 0 ? `${h} h ${m} min` : `${m} min`;
}

/** A buyer's target price per part, "1.25 EUR": cents always shown, finer fractions kept as written. */
export function formatPrice(amount: number, currency: string | null): string {
  const number = amount.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 4 });
  return currency ? `${number} ${currency}` : number;
}
