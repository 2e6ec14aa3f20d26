import type { EmailLanguage } from "../../../emails";
import { languageInfo } from "~/i18n/languages";
import { translatorFor } from "./i18n.server";

/** The language a buyer's e-mails are written in: the one their inquiry stores (English if unknown). */
export function emailLanguage(stored: string | null | undefined): EmailLanguage {
  const { code } = languageInfo(stored);
  return { language: code, t: translatorFor(code) };
}
