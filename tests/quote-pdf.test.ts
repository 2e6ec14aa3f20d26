import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderQuotePdf } from "../app/server/quote-pdf.server";
import { pdfText, poppler } from "./support/pdf";
import { bracketQuote } from "./support/quote-documents";
import { tempDir } from "./support/temp";

const oneLine = (text: string) => text.replace(/\s+/g, " ");

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
});
