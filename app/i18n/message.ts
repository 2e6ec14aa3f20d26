import type { TFunction } from "i18next";

/**
 * A message not yet in words: its key (with namespace) and values. Checks that run both in the
 * browser and on the server return these, and each side translates them into the page's language
 * where they are shown, so both say the same thing in the same words.
 */
export type Message = { key: string; values?: Record<string, string | number> };

export function translate(t: TFunction, message: Message): string {
  return t(message.key, message.values ?? {});
}

/** Several problems as one paragraph, in the order found. */
export function translateAll(t: TFunction, messages: readonly Message[]): string {
  return messages.map((m) => translate(t, m)).join(" ");
}
