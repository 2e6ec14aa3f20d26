import { describe, expect, it } from "vitest";
import { renderQuotePdf } from "../app/server/quotes/quote-pdf.server";
import { pdfText } from "./support/pdf";
import { solidPng } from "./support/png";
import { bracketQuote } from "./support/quote-documents";

/** The image objects the PDF embeds, as their dictionaries declare them. */
const images = (pdf: Buffer) => pdf.toString("latin1").match(/\/Subtype \/Image[^>]*/g) ?? [];

describe("the factory's logo on the quote PDF", () => {
  it("embeds the logo in the header beside the factory's name, and no image without one", async () => {
    const doc = bracketQuote();
    const withLogo = await renderQuotePdf(doc, { logo: { data: solidPng([122, 31, 61], 48), format: "png" } });
    expect(images(withLogo)).toHaveLength(1);
    expect(images(withLogo)[0]).toMatch(/\/Width 48/);
    expect(await pdfText(withLogo)).toContain("Lindqvist Precision MIM AB");

    expect(images(await renderQuotePdf(doc))).toEqual([]);
  });
});
