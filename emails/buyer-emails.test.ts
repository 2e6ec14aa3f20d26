import { describe, expect, it } from "vitest";
import { emailLanguage } from "../app/server/i18n/email-language.server";
import { LANGUAGES } from "../app/i18n/languages";
import { renderEmail, type InquiryReceivedData, type QuoteSentData, type ReviewUpdateData } from ".";

const received: InquiryReceivedData = {
  reference: "RFQ-2026-00042",
  company: "Acme Precision GmbH",
  contactName: "Jana Novak",
  email: "jana@acme.example",
  country: "Germany",
  partName: "Lock pawl",
  partNumber: "LP-204",
  revision: "C",
  material: "mim-17-4ph",
  materialLabel: "MIM-17-4 PH",
  annualVolume: 250000,
  ndaRequired: false,
  exportControlled: false,
  samplesNeededBy: null,
  files: [{ name: "lock-pawl_rev-C.step", size: 482_113 }],
  statusUrl: "https://rfq.example/status/tok123",
};

const acknowledgement = (language: string, data: Partial<InquiryReceivedData> = {}) =>
  renderEmail({ kind: "inquiry-received", data: { ...received, ...data }, lang: emailLanguage(language) });

const LTR_RUN = (value: string) => `\u2066${value}\u2069`;

describe("the buyer's e-mails in the inquiry's language", () => {
  it.each(LANGUAGES.map((l) => [l.code, l.locale, l.dir] as const))(
    "%s: the acknowledgement says Content-Language %s and <html dir=%s>, keeps the reference, and shows no message key",
    (code, locale, dir) => {
      const email = acknowledgement(code);
      expect(email.contentLanguage).toBe(locale);
      expect(email.html).toContain(`<html lang="${locale}" dir="${dir}">`);
      expect(email.subject).toContain("RFQ-2026-00042");
      expect(email.text).toContain("https://rfq.example/status/tok123");
      expect(email.html).toContain('<span dir="ltr">RFQ-2026-00042</span>');
      expect(email.html).toContain('<span dir="ltr">lock-pawl_rev-C.step</span>');
      for (const part of [email.subject, email.text, email.html]) expect(part).not.toMatch(/email:|\{\w+\}/);
      if (code !== "en") expect(email.text).not.toContain("What you sent");
    },
  );

  it("isolates references, part numbers, alloys and file names in Arabic and aligns the HTML to the right", () => {
    const email = acknowledgement("ar");
    expect(email.subject).toBe(`تم استلام الطلب ${LTR_RUN("RFQ-2026-00042")}: Lock pawl`);
    for (const run of ["RFQ-2026-00042", "LP-204", "MIM-17-4 PH", "lock-pawl_rev-C.step"])
      expect(email.text).toContain(LTR_RUN(run));
    expect(email.text).toContain("ما أرسلته");
    expect(email.html).toMatch(/<td dir="rtl" style="[^"]*direction:rtl;text-align:right;/);
    expect(email.html).toMatch(/<th scope="row" style="[^"]*text-align:right;/);
    expect(email.html).not.toContain("text-align:left");
  });

  it("keeps the text and subject of a left-to-right e-mail free of isolating characters, so a copied reference is clean", () => {
    const email = acknowledgement("de");
    expect(email.subject).toBe("Anfrage RFQ-2026-00042 eingegangen: Lock pawl");
    expect(email.text).not.toMatch(/[\u2066\u2069]/);
    expect(email.text).toContain("Teil         Lock pawl (Teile-Nr. LP-204, Rev. C)");
  });

  it("writes numbers and sizes as the buyer does, and says 'recommend one' in their language", () => {
    expect(acknowledgement("de").text).toMatch(/Jahresmenge\s+250\.000 Stück/);
    expect(acknowledgement("de").text).toContain("lock-pawl_rev-C.step (470,8 KB)");
    expect(acknowledgement("fr").text).toMatch(/Volume annuel\s+250\u202f000 pièces/);
    expect(acknowledgement("ja").text).toContain("250,000 個");
    expect(acknowledgement("ja", { material: "recommend", materialLabel: "Not sure" }).text).toContain(
      "未定：適した材料をご提案ください",
    );
  });

  it("names a material that holds words in the buyer's language, isolating only a bare designation", () => {
    const h13 = { material: "h13", materialLabel: "H13 tool steel" };
    expect(acknowledgement("de", h13).text).toMatch(/Werkstoff\s+Werkzeugstahl H13/);
    expect(acknowledgement("ja", h13).text).toContain("H13 工具鋼");
    expect(acknowledgement("en", h13).text).toContain("H13 tool steel");
    const arabic = acknowledgement("ar", h13).text;
    expect(arabic).toContain("فولاذ الأدوات H13");
    expect(arabic).not.toContain(LTR_RUN("فولاذ الأدوات H13"));
    expect(acknowledgement("ar").text).toContain(LTR_RUN("MIM-17-4 PH"));
  });

  it("escapes what the buyer typed inside a translated sentence", () => {
    const email = acknowledgement("ar", { partName: '<img src=x onerror="1">', partNumber: "<b>7</b>" });
    expect(email.html).not.toContain("<img");
    expect(email.html).not.toContain("<b>");
    expect(email.html).toContain('<span dir="ltr">&lt;b&gt;7&lt;/b&gt;</span>');
  });

  const question: ReviewUpdateData = {
    update: "question",
    reference: "RFQ-2026-00042",
    partName: "Lock pawl",
    contactName: "Jana Novak",
    statusUrl: "https://rfq.example/status/q1",
    message: "Ist die Wand von 0,3 mm zwingend?",
    wantsRevision: true,
  };

  it("asks the buyer's question in German, the engineer's words as written", () => {
    const email = renderEmail({ kind: "review-update", data: question, lang: emailLanguage("de") });
    expect(email.subject).toBe("Rückfrage zu RFQ-2026-00042: Lock pawl");
    expect(email.contentLanguage).toBe("de");
    expect(email.text).toContain("Guten Tag Jana Novak,");
    expect(email.text).toContain("Ist die Wand von 0,3 mm zwingend?");
    expect(email.text).toContain("laden Sie dort die überarbeiteten Dateien hoch");
    expect(email.text).toContain("RFQ-2026-00042 öffnen:\nhttps://rfq.example/status/q1");
  });

  it.each(["declined", "feedback", "withdrawn"] as const)("writes the %s update in Japanese", (update) => {
    const email = renderEmail({
      kind: "review-update",
      data: { ...question, update, alternative: "プレス加工" },
      lang: emailLanguage("ja"),
    });
    expect(email.contentLanguage).toBe("ja");
    expect(email.subject).toContain("RFQ-2026-00042");
    expect(email.text).toContain("Jana Novak 様");
    expect(email.text).toContain("このメールは転送しないでください");
  });

  it("sends the quotation in German: dates and quantities in the buyer's locale, prices as the PDF prints them", () => {
    const data: QuoteSentData = {
      reference: "RFQ-2026-00042",
      version: 2,
      partName: "Lock pawl",
      contactName: "Jana Novak",
      validUntil: "2026-12-31",
      options: [
        { cavities: 1, breaks: [{ quantity: 10_000, unitPrice: "2,8035 €" }] },
        { cavities: 4, breaks: [{ quantity: 50_000, unitPrice: "1,2040 €" }] },
      ],
      assumptions: ["Kalibrieren der Anlagefläche nach dem Sintern."],
      statusUrl: "https://rfq.example/status/q2",
    };
    const email = renderEmail({ kind: "quote-sent", data, lang: emailLanguage("de") });
    expect(email.subject).toBe("Angebot RFQ-2026-00042 Version 2: Lock pawl");
    expect(email.text).toContain("anbei erhalten Sie unser Angebot für Lock pawl (gültig bis 31.12.2026).");
    expect(email.text).toMatch(/1-fach-Werkzeug\s+10\.000 Stück: 2,8035 €/);
    expect(email.text).toMatch(/4-fach-Werkzeug\s+50\.000 Stück: 1,2040 €/);
    expect(email.text).toContain("Kalibrieren der Anlagefläche nach dem Sintern.");
  });
});
