import type { MetaArgs } from "@remix-run/node";
import type { ResourceLanguage, TFunction } from "i18next";
import { createI18n } from "./create-i18n";
import { languageInfo } from "./languages";

const translators = new WeakMap<ResourceLanguage, TFunction>();

/**
 * A translator for `meta` functions, which run outside React: built from the root loader's
 * language and messages, once per loaded set of messages.
 */
export function metaTranslator(matches: MetaArgs["matches"]): TFunction {
  const data = matches.find((m) => m.id === "root")?.data as
    { language?: string; messages?: ResourceLanguage } | undefined;
  const messages = data?.messages ?? {};
  let t = translators.get(messages);
  if (!t) {
    t = createI18n(languageInfo(data?.language).code, messages).t;
    translators.set(messages, t);
  }
  return t;
}
