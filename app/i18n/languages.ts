/**
 * The languages buyers are served in. `code` is what an inquiry stores (inquiries.locale) and
 * what the `lng` parameter and cookie carry; `locale` is the BCP 47 tag given to `Intl` and to
 * `<html lang>` ("zh" is stored, simplified Chinese is meant). Nothing here may import server code:
 * the page's script uses it.
 */
export const LANGUAGES = [
  { code: "en", label: "English", locale: "en", dir: "ltr" },
  { code: "fr", label: "Français", locale: "fr", dir: "ltr" },
  { code: "de", label: "Deutsch", locale: "de", dir: "ltr" },
  { code: "es", label: "Español", locale: "es", dir: "ltr" },
  { code: "pt", label: "Português", locale: "pt", dir: "ltr" },
  { code: "ar", label: "العربية", locale: "ar", dir: "rtl" },
  { code: "ja", label: "日本語", locale: "ja", dir: "ltr" },
  { code: "zh", label: "简体中文", locale: "zh-Hans", dir: "ltr" },
  { code: "tr", label: "Türkçe", locale: "tr", dir: "ltr" },
] as const;

export type Language = (typeof LANGUAGES)[number]["code"];
export type LanguageInfo = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = "en";
export const LANGUAGE_CODES = LANGUAGES.map((l) => l.code) as [Language, ...Language[]];

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && LANGUAGES.some((l) => l.code === value);
}

/** A stored or requested code as a language we serve; anything else is English. */
export function languageInfo(code: string | null | undefined): LanguageInfo {
  return LANGUAGES.find((l) => l.code === code) ?? LANGUAGES[0];
}

/** Picks the buyer's language from the browser's Accept-Language, in the order given, falling back to English. */
export function languageFromHeader(header: string | null): Language {
  for (const part of (header ?? "").split(",")) {
    const code = part.split(";")[0]?.trim().slice(0, 2).toLowerCase();
    if (isLanguage(code)) return code;
  }
  return DEFAULT_LANGUAGE;
}
