import { languageInfo, type Language } from "./languages";

/**
 * Numbers, money and moments in the buyer's locale, through Intl. Units stay SI whatever the
 * language. Pages format in their loaders and send the strings: Node's and the browser's ICU data
 * can differ by a space, and a page must hydrate as the server wrote it.
 */
const locale = (language: Language) => languageInfo(language).locale;

export function formatNumberIn(language: Language, value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale(language), options).format(value);
}

/** "1.234,50 €" in German, "¥1,235" in Japanese: cents where the currency has them, finer fractions kept. */
export function formatMoneyIn(language: Language, amount: number, currency: string): string {
  return new Intl.NumberFormat(locale(language), { style: "currency", currency, maximumFractionDigits: 4 }).format(
    amount,
  );
}

/** A day, as the buyer's calendar writes it ("31. Jan. 2026", "2026年1月31日"). */
export function formatDateIn(language: Language, date: Date): string {
  return new Intl.DateTimeFormat(locale(language), { dateStyle: "medium", timeZone: "UTC" }).format(date);
}

/**
 * A moment with its time in UTC, stated: buyers and the factory sit in different zones. The fields
 * are spelled out because Intl refuses timeZoneName together with dateStyle/timeStyle.
 */
export function formatDateTimeIn(language: Language, date: Date): string {
  return new Intl.DateTimeFormat(locale(language), {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "UTC",
    timeZoneName: "short",
  }).format(date);
}
