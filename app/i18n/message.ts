import type { TFunction } from "i18next";

/**
 * A message not yet in words: its key (with namespace) and values. Checks that run both in the
 * browser and on the server return these, and each side translates them into the page's language
 * where they are shown, so both say the same thing in the same words. A value may itself be a
 * message (a file type's name inside a sentence), worded in the same language.
 */
export type Message = { key: string; values?: Record<string, string | number | Message> };

export function translate(t: TFunction, message: Message): string {
  const values = Object.fromEntries(
    Object.entries(message.values ?? {}).map(([name, value]) => [
      name,
      typeof value === "object" ? translate(t, value) : value,
    ]),
  );
  return t(message.key, values);
}

/** Several problems as one paragraph, in the order found. */
export function translateAll(t: TFunction, messages: readonly Message[]): string {
  return messages.map((m) => translate(t, m)).join(" ");
}
