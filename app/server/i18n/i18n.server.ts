import fs from "node:fs";
import path from "node:path";
import { createCookie, type AppLoadContext } from "@remix-run/node";
import type { ResourceLanguage, TFunction } from "i18next";
import ICU from "i18next-icu";
import { RemixI18Next } from "remix-i18next/server";
import { createI18n } from "~/i18n/create-i18n";
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGE_CODES, type Language } from "~/i18n/languages";
import { isStaffPage } from "~/i18n/staff-pages";
import { statusTokenIn } from "~/i18n/status-path";
import type { Services } from "../service-types";
import { getRequestInquiry } from "../buyer/request-inquiry.server";

// Resolved from the working directory like the PDF fonts: the server, the Remix build, tsx and
// vitest all run from the repository root, while import.meta.url differs between them.
const LOCALES_DIR = path.resolve("app/locales");

/** Namespaces only the server renders (e-mails, the quote PDF): never sent to the browser. */
const SERVER_NAMESPACES = new Set(["email", "pdf"]);

const cache = new Map<Language, ResourceLanguage>();

/** Every namespace of one language, read once from app/locales/<language>/<namespace>.json. */
export function messagesFor(language: Language): ResourceLanguage {
  const cached = cache.get(language);
  if (cached) return cached;
  const dir = path.join(LOCALES_DIR, language);
  const messages: ResourceLanguage = {};
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    messages[path.basename(file, ".json")] = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
  }
  cache.set(language, messages);
  return messages;
}

const translators = new Map<Language, TFunction>();

/** A translator for server-side text in one language (e-mails, the PDF, validation messages). */
export function translatorFor(language: Language): TFunction {
  let t = translators.get(language);
  if (!t) {
    t = createI18n(language, messagesFor(language)).t;
    translators.set(language, t);
  }
  return t;
}

/** The buyer's language choice on public pages, kept for a year; the inquiry stores it once sent. */
export const languageCookie = createCookie("lng", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 31_536_000 });

export async function languageCookieHeader(services: Services, language: Language): Promise<string> {
  return languageCookie.serialize(language, { secure: services.config.publicUrl.startsWith("https:") });
}

const detector = new RemixI18Next({
  detection: {
    supportedLanguages: LANGUAGE_CODES,
    fallbackLanguage: DEFAULT_LANGUAGE,
    cookie: languageCookie,
    order: ["searchParams", "cookie", "header"],
  },
  plugins: [ICU],
});

/**
 * The language a page is served in and the messages its browser script needs: that language's page
 * namespaces only (not the e-mails' or the PDF's, nor the other eight languages). Staff pages are
 * English; they share some components with the buyer's pages (the quote document, file tables).
 */
export async function pageI18n(
  request: Request,
  context: AppLoadContext,
): Promise<{ language: Language; messages: ResourceLanguage }> {
  const language = isStaffPage(new URL(request.url).pathname)
    ? DEFAULT_LANGUAGE
    : await buyerLanguage(request, context);
  const messages = Object.fromEntries(
    Object.entries(messagesFor(language)).filter(([ns]) => !SERVER_NAMESPACES.has(ns)),
  );
  return { language, messages };
}

/**
 * The language of a buyer's page. A status page speaks the language its inquiry stores (the buyer
 * changes it there, and e-mails and the quote follow); other public pages take `?lng=`, then the
 * cookie the switcher sets, then the browser's Accept-Language. The status page's loader reads the
 * same inquiry: the request's one read serves both (getRequestInquiry).
 */
export async function buyerLanguage(request: Request, context: AppLoadContext): Promise<Language> {
  const token = statusTokenIn(new URL(request.url).pathname);
  if (token !== undefined) {
    const stored = getRequestInquiry(request, context, token)?.locale;
    if (isLanguage(stored)) return stored;
  }
  const detected = await detector.getLocale(request);
  return isLanguage(detected) ? detected : DEFAULT_LANGUAGE;
}
