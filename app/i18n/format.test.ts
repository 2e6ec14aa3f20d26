import { describe, expect, it } from "vitest";
import { ltr } from "./bidi";
import { formatDateIn, formatDateTimeIn, formatMoneyIn, formatNumberIn } from "./format";

describe("formatting in the buyer's locale", () => {
  it("writes money as the buyer's locale does", () => {
    expect(formatMoneyIn("de", 1234.5, "EUR")).toBe("1.234,50\u00a0€");
    expect(formatMoneyIn("en", 1234.5, "USD")).toBe("$1,234.50");
    expect(formatMoneyIn("ja", 1234, "JPY")).toBe("￥1,234");
  });

  it("writes numbers and days in the buyer's locale, in UTC", () => {
    expect(formatNumberIn("fr", 20000)).toBe("20\u202f000");
    expect(formatDateIn("de", new Date("2026-01-31T23:30:00Z"))).toBe("31.01.2026");
    expect(formatDateIn("ja", new Date("2026-01-31T23:30:00Z"))).toBe("2026/01/31");
  });

  it("writes a moment in the buyer's locale with its time in UTC, said", () => {
    const moment = new Date("2026-01-31T14:05:00Z");
    expect(formatDateTimeIn("de", moment)).toBe("31. Jan. 2026, 14:05 UTC");
    expect(formatDateTimeIn("ja", moment)).toBe("2026年1月31日 14:05 UTC");
  });

  it("isolates a left-to-right run", () => {
    expect(ltr("17-4PH")).toBe("\u206617-4PH\u2069");
  });
});
