import i18next, { type i18n, type ResourceLanguage } from "i18next";
import ICU from "i18next-icu";
import { languageInfo, type Language } from "./languages";

/**
 * One i18next instance for one language, with ICU message syntax (plurals, selects, numbers).
 * Initialised synchronously from the messages given: pages get their language's messages in the
 * root loader's data, and the server renders e-mails and PDFs from the files. No fallback language:
 * the completeness test keeps every key present in every language.
 */
export function createI18n(language: Language, messages: ResourceLanguage): i18n {
  const instance = i18next.createInstance();
  void instance.use(new ICU({ parseLngForICU: () => languageInfo(language).locale })).init({
    lng: language,
    fallbackLng: false,
    resources: { [language]: messages },
    ns: Object.keys(messages),
    defaultNS: "common",
    initImmediate: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
