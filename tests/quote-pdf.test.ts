import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderQuotePdf } from "../app/server/quotes/quote-pdf.server";
import { pdfText, poppler } from "./support/pdf";
import { bracketQuote } from "./support/quote-documents";
import type { CavityOption } from "../workflows/quote-document";
import { tempDir } from "./support/temp";

const oneLine = (text: string) => text.replace(/\s+/g, " ");
// pdftotext marks right-to-left runs with embedding controls; the isolates are the document's own.
const withoutBidiControls = (text: string) => text.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "");

/** One tool priced in the currency given, with tooling lines the cost model names (so they are translated). */
function pricedOption(unitPrices: [number, number], tooling: [number, number]): CavityOption {
  return {
    cavities: 2,
    breaks: [
      { quantity: 1_000, unitPrice: unitPrices[0] },
      { quantity: 10_000, unitPrice: unitPrices[1] },
    ],
    leadTimes: { toolingToSamplesWeeks: 10, productionWeeks: 1 },
    tooling: {
      lines: [
        { label: "Mould base", amount: tooling[0], item: { kind: "mould_base" } },
        { label: "2 cavities", amount: tooling[1], item: { kind: "cavities", count: 2 } },
      ],
      shotLife: 500_000,
    },
  };
}

describe("quote PDF", () => {
  it("prints the reference, version, buyer, part, prices per cavity option, tooling, assumptions and terms", async () => {
    const doc = bracketQuote();
    const pdf = await renderQuotePdf(doc);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = oneLine(await pdfText(pdf));

    for (const expected of [
      "Lindqvist Precision MIM AB",
      "611 35 Nyköping",
      "QUOTATION",
      "RFQ-2026-00042 v2",
      "Date 29 November 2026",
      "Valid until 29 December 2026",
      "Brightline Optics GmbH",
      "anna.weber@brightline.example",
      "Germany",
      "BO-RFQ-8812",
      "Mounting bracket",
      "BRK-2207-A",
      "BRK-2207-A_rev-C_drawing.pdf",
      "BRK-2207-A_rev-C.step",
      "MIM-17-4 PH, H900",
      "Option A: 2-cavity mould",
      "Option B: 4-cavity mould",
      "First samples (T1) 10 weeks after the tooling order",
      "First samples (T1) 12 weeks after the tooling order",
      "5,000 €1.86 €9,300.00 4 weeks",
      "50,000 €1.41 €70,500.00 6 weeks",
      "5,000 €1.71 €8,550.00 3 weeks €2.2536",
      "50,000 €1.26 €63,000.00 5 weeks €1.8036",
      "Sintering setters for the flat surface €1,600.00",
      "Tooling total €41,400.00",
      "Tooling total €54,360.00",
      "Guaranteed shot life 500,000 shots",
      "FCA Nyköping, Sweden (Incoterms® 2020)",
      "This quotation is valid until 29 December 2026.",
      "Maja Eriksson, Sales Engineer",
      "Quotation RFQ-2026-00042 v2",
      "Page 1 of 2",
      "Page 2 of 2",
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toContain("Post-sintering sizing of the assembly surface for flatness");
    for (const sentence of [
      ...doc.assumptions,
      ...doc.notesForBuyer,
      doc.terms.paymentTerms,
      doc.terms.toolingPaymentTerms,
      doc.terms.toolingOwnership,
      doc.terms.rawMaterialClause,
    ]) {
      expect(text).toContain(oneLine(sentence));
    }
    for (const option of doc.cavityOptions) {
      for (const row of option.breaks) {
        expect(text).toContain(`€${row.unitPrice.toFixed(2)}`);
      }
    }
  });

  it("renders page 1 to a PNG with the quote's ink on it", async () => {
    const dir = tempDir("quote-png");
    await fs.writeFile(path.join(dir, "quote.pdf"), await renderQuotePdf(bracketQuote()));
    await poppler("pdftoppm", ["-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", "quote.pdf", "page-1"], dir);
    const png = await fs.readFile(path.join(dir, "page-1.png"));
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    // A4 at 100 dpi, from the IHDR chunk: 827 pixels wide, in A4's proportions.
    const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    expect(width).toBe(827);
    expect(height / width).toBeCloseTo(297 / 210, 2);

    // The same page in grey levels (PGM: a short text header, then one byte per pixel) to count ink.
    await poppler("pdftoppm", ["-gray", "-r", "100", "-f", "1", "-l", "1", "-singlefile", "quote.pdf", "page-1"], dir);
    const pgm = await fs.readFile(path.join(dir, "page-1.pgm"));
    const header = pgm
      .subarray(0, 20)
      .toString("latin1")
      .match(/^P5\s+(\d+)\s+(\d+)\s+255\s/);
    expect(header).not.toBeNull();
    const pixels = pgm.subarray(header![0].length);
    expect(pixels.length).toBe(Number(header![1]) * Number(header![2]));
    let ink = 0;
    for (const level of pixels) if (level < 200) ink += 1;
    // Text, rules and tables cover a few percent of a filled page: neither blank nor a solid block.
    expect(ink / pixels.length).toBeGreaterThan(0.01);
    expect(ink / pixels.length).toBeLessThan(0.25);
  });

  it("keeps alloy names, part numbers and number-unit pairs on one line and hyphenates no word", async () => {
    // The same sentence behind fillers of growing width, so the identifiers land on every position
    // around the line end; one of them would break if a space inside were breakable.
    const assumptions = Array.from(
      { length: 48 },
      (_, i) =>
        `${"n".repeat(i + 1)} sintered ${"manufacturability ".repeat(3)}considerations for the MIM-17-4 PH bracket BRK-2207-A rev C at 6.2 g with 17-4 PH feedstock.`,
    );
    const text = await pdfText(await renderQuotePdf(bracketQuote({ assumptions })));
    const lines = text.split("\n").map((line) => line.trim());
    for (const line of lines) {
      expect(line, "no hyphen at a line end").not.toMatch(/[a-z]-$/);
      expect(line, "17-4 PH split").not.toMatch(/17-4$|^PH\b/);
      expect(line, "rev C split").not.toMatch(/\brev$/);
      expect(line, "6.2 g split").not.toMatch(/6\.2$|^g\b/);
    }
    expect(lines.filter((line) => line.includes("considerations")).length, "a word split over lines").toBe(48);
    // Every sentence still reads whole once the line breaks are joined.
    expect(oneLine(text).match(/MIM-17-4 PH bracket BRK-2207-A rev C at 6\.2 g with 17-4 PH feedstock/g)).toHaveLength(
      48,
    );
  });

  it("refuses a malformed quote and names the field", async () => {
    const doc = bracketQuote();
    const [first, second] = doc.cavityOptions;
    await expect(
      renderQuotePdf({
        ...doc,
        cavityOptions: [{ ...first!, breaks: [...first!.breaks].reverse() }, second!],
      }),
    ).rejects.toThrow(/cavityOptions.*breaks.*quantity[\s\S]*rising order/);
    await expect(renderQuotePdf({ ...doc, cavityOptions: [{ ...second!, amortisedOver: undefined }] })).rejects.toThrow(
      /amortised unit price needs the option's amortisedOver/,
    );
    await expect(renderQuotePdf({ ...doc, validUntil: "2026-11-01" })).rejects.toThrow(
      /validity date must not be before the issue date/,
    );
  });

  describe("in the buyer's language", () => {
    it("prints a German inquiry's quote in German, with prices and dates as German writes them", async () => {
      const doc = bracketQuote({
        locale: "de",
        cavityOptions: [pricedOption([1.2345, 0.98], [1_234.5, 23_100])],
        conversion: { from: "SEK", to: "EUR", rate: 0.0869, date: "2026-11-27", source: "EZB" },
      });
      const text = oneLine(await pdfText(await renderQuotePdf(doc)));
      for (const expected of [
        "ANGEBOT",
        "RFQ-2026-00042 v2",
        "Datum 29. November 2026",
        "Gültig bis 29. Dezember 2026",
        "ERSTELLT FÜR",
        "Teilenummer BRK-2207-A",
        "Werkstoff MIM-17-4 PH, H900",
        "Vielen Dank für Ihre Anfrage.",
        "Preise und Lieferzeiten",
        "2-fach-Werkzeug",
        "Erstmuster (T1) 10 Wochen nach der Werkzeugbestellung",
        "Menge (Stk.) Stückpreis Auftragswert Lieferzeit",
        // 1,000 pieces at 1.2345 EUR: the unit price to four decimals, the order value to the cent.
        "1.000 1,2345 € 1.234,50 € 1 Woche",
        "10.000 0,98 € 9.800,00 € 1 Woche",
        "Stammform 1.234,50 €",
        "2 Kavitäten 23.100,00 €",
        "Werkzeugkosten gesamt 24.334,50 €",
        "Garantierte Standzeit: 500.000 Schuss.",
        "Bedingungen",
        "Pro Stück in EUR, für die Menge eines Abrufs.",
        "Preise umgerechnet aus SEK zum Kurs 1 SEK = 0,0869 EUR, Stand 27. November 2026 (EZB).",
        "FCA Nyköping, Sweden (Incoterms® 2020)",
        "Dieses Angebot gilt bis zum 29. Dezember 2026.",
        "Angebot RFQ-2026-00042 v2",
        "Seite 1 von 2",
      ]) {
        expect(text).toContain(expected);
      }
      for (const english of ["QUOTATION", "Unit price", "cavity mould", "Page 1"]) expect(text).not.toContain(english);
    });

    it("prints a Japanese inquiry's quote in Japanese, in yen as Japanese writes them, its lines wrapped", async () => {
      // Japanese has no spaces: a sentence longer than the page must still break into lines.
      const long = "焼結後のサイジングにより組付け面の平面度を確保し、その他の寸法は焼結上がりの公差とします。".repeat(
        4,
      );
      const doc = bracketQuote({
        locale: "ja",
        currency: "JPY",
        cavityOptions: [pricedOption([298, 259.5], [1_520_000, 3_696_000])],
        assumptions: [long],
      });
      const pdf = await renderQuotePdf(doc);
      const layout = await pdfText(pdf);
      const text = oneLine(layout);
      for (const expected of [
        "お見積書",
        "発行日 2026年11月29日",
        "有効期限 2026年12月29日",
        "部品番号 BRK-2207-A",
        "価格および納期",
        "2個取り金型",
        "初回サンプル（T1）：金型ご発注から10週間",
        "数量（個） 単価 ご注文金額 納期",
        "1,000 ￥298 ￥298,000 1週間",
        "10,000 ￥259.5 ￥2,595,000 1週間",
        "モールドベース ￥1,520,000",
        "キャビティ 2個 ￥3,696,000",
        "金型費合計 ￥5,216,000",
        "前提条件",
        "取引条件",
        "本お見積りの有効期限は2026年12月29日です。",
        "お見積書 RFQ-2026-00042 v2",
        "1 / 2 ページ",
      ]) {
        expect(text).toContain(expected);
      }
      const lines = layout.split("\n").filter((line) => line.includes("焼結"));
      expect(lines.length, "the long sentence wraps over several lines").toBeGreaterThanOrEqual(4);
      for (const line of lines) expect(line.trim(), "no hyphen added at a line end").not.toMatch(/-$/);
      expect(layout.replace(/\s+/g, "")).toContain(long);
    });

    it("prints an Arabic inquiry's quote right to left, with Arabic headings and the part number whole", async () => {
      const doc = bracketQuote({ locale: "ar", cavityOptions: [pricedOption([1.86, 1.62], [9_500, 14_000])] });
      const pdf = await renderQuotePdf(doc);
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      const text = withoutBidiControls(await pdfText(pdf));
      // Headings without the lam-alef ligature: text extraction maps that one glyph back to two letters swapped.
      for (const expected of [
        "عرض السعر",
        "مُعدّ لـ",
        "رقم القطعة",
        "صالح حتى",
        "الشروط",
        "قاعدة القالب",
        "BRK-2207-A",
      ]) {
        expect(text).toContain(expected);
      }
      expect(text).not.toContain("QUOTATION");
    });

    it("prints a Chinese inquiry's quote in simplified Chinese", async () => {
      const doc = bracketQuote({
        locale: "zh",
        currency: "CNY",
        cavityOptions: [pricedOption([13.5, 11.8], [68_000, 160_000])],
      });
      const text = oneLine(await pdfText(await renderQuotePdf(doc)));
      for (const expected of ["报价单", "价格与交货期", "一模2腔模具", "模架", "条款", "2026年12月29日"]) {
        expect(text).toContain(expected);
      }
      expect(text).toMatch(/¥13\.50 ¥13,500\.00/);
    });
  });
});
