import fs from "node:fs";
import path from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { LANGUAGES } from "~/i18n/languages";

/**
 * Every message in every language: same keys as English, valid ICU, and the same placeholders
 * (arguments, plural and select variables, tags) as the English message, so no translation drops
 * a price or shows a raw "{count}".
 */
const LOCALES_DIR = path.resolve("app/locales");

function flatten(value: unknown, prefix = ""): Record<string, string> {
  if (typeof value === "string") return { [prefix]: value };
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new Error(`${prefix}: a message is a string or an object of messages, not ${JSON.stringify(value)}`);
  }
  return Object.assign({}, ...Object.entries(value).map(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k)));
}

function placeholders(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
    if (el.type === TYPE.tag) {
      found.add(`<${el.value}>`);
      placeholders(el.children, found);
      continue;
    }
    found.add(`{${el.value}}`);
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      for (const option of Object.values(el.options)) placeholders(option.value, found);
    }
  }
  return found;
}

function readNamespace(language: string, file: string): Record<string, string> {
  return flatten(JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, language, file), "utf8")));
}

const namespaces = fs.readdirSync(path.join(LOCALES_DIR, "en")).filter((f) => f.endsWith(".json"));

describe("translations", () => {
  it("has a folder for each language the buyer can choose, and no other", () => {
    const folders = fs.readdirSync(LOCALES_DIR).filter((f) => fs.statSync(path.join(LOCALES_DIR, f)).isDirectory());
    expect(folders.sort()).toEqual(LANGUAGES.map((l) => l.code).sort());
    expect(namespaces.length).toBeGreaterThan(0);
  });

  describe.each(LANGUAGES.map((l) => l.code))("%s", (language) => {
    it.each(namespaces)("%s: every English key, no extra key, the same placeholders", (file) => {
      const english = readNamespace("en", file);
      const messages = readNamespace(language, file);
      expect(Object.keys(messages).sort(), `keys of ${language}/${file}`).toEqual(Object.keys(english).sort());
      for (const [key, message] of Object.entries(messages)) {
        expect(message.trim(), `${language}/${file} ${key} is empty`).not.toBe("");
        const expected = [...placeholders(parse(english[key] ?? ""))].sort();
        let actual: string[];
        try {
          actual = [...placeholders(parse(message))].sort();
        } catch (error) {
          throw new Error(`${language}/${file} ${key} is not a valid ICU message: ${String(error)}`);
        }
        expect(actual, `placeholders of ${language}/${file} ${key}`).toEqual(expected);
      }
    });
  });
});
