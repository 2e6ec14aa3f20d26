import { describe, expect, it } from "vitest";
import { bracketQuote } from "../tests/support/quote-documents";
import { quoteDocumentSchema, quoteTitle, toolingTotal } from "./quote-document";

describe("quote document", () => {
  it("survives a JSON round trip unchanged and valid, as a stored sent version must", () => {
    const doc = bracketQuote();
    const stored = JSON.parse(JSON.stringify(doc)) as unknown;
    expect(quoteDocumentSchema.parse(stored)).toEqual(doc);
  });

  it("names the quote by reference and version and sums tooling per option", () => {
    const doc = bracketQuote();
    expect(quoteTitle(doc)).toBe("Quotation RFQ-2026-00042 v2");
    expect(doc.cavityOptions.map(toolingTotal)).toEqual([41_400, 54_360]);
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
