import { describe, expect, it } from "vitest";
import { languageFromHeader, languageInfo } from "./languages";

describe("language from the browser", () => {
  it.each([
    ["de-DE,de;q=0.9,en;q=0.8", "de"],
    ["xx,fr;q=0.5", "fr"],
    [null, "en"],
    ["", "en"],
  ])("%j gives %j", (header, code) => {
    expect(languageFromHeader(header)).toBe(code);
  });
});

describe("language details", () => {
  it("serves simplified Chinese for the stored code zh, and Arabic right to left", () => {
    expect(languageInfo("zh").locale).toBe("zh-Hans");
    expect(languageInfo("ar").dir).toBe("rtl");
    expect(languageInfo("xx").code).toBe("en");
  });
});
