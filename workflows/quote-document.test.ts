import { describe, expect, it } from "vitest";
import { bracketQuote } from "../tests/support/quote-documents";
import { documentLanguage, intlLocale, quoteDocumentSchema, toolingTotal } from "./quote-document";

describe("quote document", () => {
  it("survives a JSON round trip unchanged and valid, as a stored sent version must", () => {
    const doc = bracketQuote();
    const stored = JSON.parse(JSON.stringify(doc)) as unknown;
    expect(quoteDocumentSchema.parse(stored)).toEqual(doc);
  });

  it("sums tooling per option", () => {
    expect(bracketQuote().cavityOptions.map(toolingTotal)).toEqual([41_400, 54_360]);
  });

  it("speaks the inquiry's stored language, or a tag's, and formats in its locale", () => {
    expect([
      documentLanguage("de"),
      documentLanguage("en-GB"),
      documentLanguage("zh-Hans"),
      documentLanguage("xx"),
    ]).toEqual(["de", "en", "zh", "en"]);
    expect([intlLocale("zh"), intlLocale("en-GB"), intlLocale("ar")]).toEqual(["zh-Hans", "en-GB", "ar"]);
  });

  it.each([
    ["an unknown currency code", { currency: "euro" }, "currency"],
    ["a date that is not in the calendar", { issueDate: "2026-02-30" }, "issueDate"],
    ["no cavity option", { cavityOptions: [] }, "cavityOptions"],
    ["a locale no number format knows", { locale: "not a locale!" }, "locale"],
  ])("refuses %s", (_name, change, field) => {
    const result = quoteDocumentSchema.safeParse({ ...bracketQuote(), ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => issue.path[0])).toContain(field);
  });
});
