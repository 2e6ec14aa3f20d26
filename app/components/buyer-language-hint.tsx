import { languageInfo } from "~/i18n/languages";

/**
 * Beside a field whose text staff write to the buyer (a question, a decline reason, the quote's
 * notes): the language the buyer reads, so staff write in it. Staff pages stay English.
 */
export function BuyerLanguageHint({ language }: { language: string }) {
  const { label, locale, code } = languageInfo(language);
  return (
    <>
      The buyer reads <strong lang={locale}>{label}</strong> ({code}): write in it.
    </>
  );
}
