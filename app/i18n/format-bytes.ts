import { formatNumberIn } from "./format";
import type { Language } from "./languages";

const UNITS = ["KB", "MB", "GB", "TB"];

/**
 * A file size in the buyer's digits and decimal sign ("1,5 MB", "١٫٥ MB"), in 1024 steps as file
 * managers show; the unit symbols stay as written in every language.
 */
export function formatBytesIn(language: Language, bytes: number): string {
  if (bytes < 1024) return `${formatNumberIn(language, Math.round(bytes))} B`;
  let value = bytes / 1024;
  let unit = 0;
  // Compare the rounded value, so 1023.96 KB reads "1.0 MB" rather than "1024.0 KB".
  while (Number(value.toFixed(1)) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${formatNumberIn(language, value, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} ${UNITS[unit]}`;
}
