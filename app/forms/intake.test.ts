import { describe, expect, it } from "vitest";
import { translate, translateAll, type Message } from "~/i18n/message";
import { translatorFor } from "~/server/i18n/i18n.server";
import { checkFileSelection, missingAnswer, missingAnswers, NO_FILES } from "./intake";
import { validateIntakeFields } from "./intake.server";

const en = translatorFor("en");
const english = (m: Message | undefined) => (m ? translate(en, m) : undefined);
const englishAll = (ms: Message[] | undefined) => (ms ? translateAll(en, ms) : undefined);

const MB = 1024 * 1024;
const limits = { maxFileBytes: 10 * MB, maxFiles: 3, maxRequestBytes: 20 * MB };

const minimal = {
  company: "Acme",
  contactName: "Dana",
  email: "dana@example.com",
  country: "Germany",
  partName: "Cam",
  material: "recommend",
  annualVolume: "20000",
  ndaRequired: "no",
  exportControlled: "no",
};

describe("intake fields", () => {
  it("accepts the required answers alone, with English as the default language", () => {
    const result = validateIntakeFields(minimal);
    expect(result.ok).toBe(true);
    expect(result.ok && result.data).toMatchObject({ annualVolume: 20000, language: "en", criticalDimensions: [] });
    expect(result.ok && result.data.phone).toBeUndefined();
  });

  it("trims text and treats blank optional answers as not given", () => {
    const result = validateIntakeFields({ ...minimal, company: "  Acme  ", partNumber: "   ", flatness: "" });
    expect(result.ok && [result.data.company, result.data.partNumber, result.data.flatness]).toEqual([
      "Acme",
      undefined,
      undefined,
    ]);
  });

  it("reports every problem at once, each under its field", () => {
    const result = validateIntakeFields({});
    expect(result.ok).toBe(false);
    expect(Object.keys(!result.ok ? result.errors : {}).sort()).toEqual(
      [
        "annualVolume",
        "company",
        "contactName",
        "country",
        "email",
        "exportControlled",
        "material",
        "ndaRequired",
        "partName",
      ].sort(),
    );
  });

  it.each([
    [{ email: "not-an-address" }, "email", "valid e-mail"],
    [{ annualVolume: "12.5" }, "annualVolume", "whole number"],
    [{ annualVolume: "0" }, "annualVolume", "at least 1"],
    [{ material: "unobtainium" }, "material", "from the list"],
    [{ flatness: "-1" }, "flatness", "greater than zero"],
    [{ targetPrice: "1.5" }, "currency", "currency"],
    [{ samplesNeededBy: "next week" }, "samplesNeededBy", "YYYY-MM-DD"],
    [{ criticalDimensions: "Bore about 4" }, "criticalDimensions", "Line 1"],
    [{ ndaRequired: "maybe" }, "ndaRequired", "yes or no"],
    [{ language: "xx" }, "language", ""],
  ])("explains %j", (change, field, words) => {
    const result = validateIntakeFields({ ...minimal, ...change });
    expect(result.ok).toBe(false);
    const errors = !result.ok ? result.errors : {};
    expect(Object.keys(errors)).toEqual([field]);
    expect(english(errors[field as keyof typeof errors])).toContain(words);
  });
});

describe("required answers in the browser", () => {
  it("finds the same missing answers as the server, in the server's words", () => {
    const server = validateIntakeFields({ company: "  ", email: "dana@example.com" });
    expect(server.ok).toBe(false);
    const missing = missingAnswers({ company: "  ", email: "dana@example.com" });
    expect(missing).toEqual(!server.ok ? server.errors : {});
    expect(missing.company).toEqual(missingAnswer("company"));
    expect(english(missing.company)).toBe("Enter the company name.");
  });

  it("leaves every other check to the server", () => {
    expect(missingAnswers({ ...minimal, email: "not-an-address", annualVolume: "12.5" })).toEqual({});
  });
});

describe("file selection in the browser", () => {
  it("requires a drawing or model unless files are kept", () => {
    expect(checkFileSelection([], 0, limits, { required: true, language: "en" })).toEqual([NO_FILES]);
    expect(checkFileSelection([], 1, limits, { required: true, language: "en" })).toBeUndefined();
  });

  it("names each unaccepted, empty or oversize file", () => {
    const message = englishAll(
      checkFileSelection(
        [
          { name: "photo.jpg", size: 100 },
          { name: "empty.step", size: 0 },
          { name: "huge.stp", size: 11 * MB },
          { name: "ok.pdf", size: MB },
        ],
        0,
        limits,
        { required: true, language: "en" },
      ),
    );
    expect(message).toContain("“photo.jpg” is not a drawing or model type");
    expect(message).toContain("“empty.step” is empty");
    expect(message).toContain("“huge.stp” is 11.0 MB, over the 10.0 MB limit per file");
    expect(message).not.toContain("ok.pdf");
    expect(message).toContain("at most 3 files");
  });

  it("checks the total against the per-submission limit", () => {
    const files = [1, 2, 3].map((i) => ({ name: `part-${i}.step`, size: 8 * MB }));
    expect(englishAll(checkFileSelection(files, 0, limits, { required: true, language: "en" }))).toContain(
      "add up to 24.0 MB",
    );
  });
});

describe.each([
  [
    "de",
    "Geben Sie den Firmennamen an.",
    "„huge.stp“ ist 11,0 MB groß und überschreitet die Grenze von 10,0 MB pro Datei.",
  ],
  ["ar", "أدخل اسم الشركة.", "حجم الملف «huge.stp» هو"],
] as const)("validation messages in %s", (language, company, oversize) => {
  const t = translatorFor(language);
  const words = (errors: Partial<Record<string, Message>>) =>
    Object.fromEntries(Object.entries(errors).map(([field, m]) => [field, translate(t, m!)]));

  it("says the same about missing answers in the browser as the server does", () => {
    const server = validateIntakeFields({ company: " ", email: "dana@example.com" });
    expect(server.ok).toBe(false);
    const browser = words(missingAnswers({ company: " ", email: "dana@example.com" }));
    expect(browser).toEqual(words(!server.ok ? server.errors : {}));
    expect(browser.company).toBe(company);
    // Every message is translated: none is left as its key or in English.
    for (const message of Object.values(browser)) {
      expect(message).not.toMatch(/^intake:|Enter |Choose |Answer /);
    }
  });

  it.each([
    [{ email: "not-an-address" }, "email"],
    [{ annualVolume: "12.5" }, "annualVolume"],
    [{ criticalDimensions: "Bore about 4" }, "criticalDimensions"],
    [{ partNumber: "x".repeat(101) }, "partNumber"],
    [{ targetPrice: "1.5" }, "currency"],
  ])("words the server's finding %j in the language, with its values", (change, field) => {
    const result = validateIntakeFields({ ...minimal, ...change });
    expect(result.ok).toBe(false);
    const found = !result.ok ? result.errors[field as keyof typeof result.errors] : undefined;
    const message = translate(t, found!);
    expect(message).not.toBe(translate(en, found!));
    expect(message).not.toMatch(/[{}]|^intake:/);
  });

  it("names the line of a critical dimension it cannot read, and the limit a field is over", () => {
    const dims = validateIntakeFields({ ...minimal, criticalDimensions: "Bore: 4 ± 0.02\nWall about 1 mm" });
    expect(!dims.ok && translate(t, dims.errors.criticalDimensions!)).toContain("Wall about 1 mm");
    const long = validateIntakeFields({ ...minimal, revision: "x".repeat(41) });
    expect(!long.ok && long.errors.revision).toEqual({ key: "intake:errors.tooLong", values: { max: 40 } });
  });

  it("checks chosen files in the language, sizes in its digits", () => {
    const problems = checkFileSelection([{ name: "huge.stp", size: 11 * MB }], 0, limits, { required: true, language });
    expect(translateAll(t, problems!)).toContain(oversize);
  });
});
