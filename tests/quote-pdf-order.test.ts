import { describe, expect, it } from "vitest";
import { renderQuotePdf } from "../app/server/quotes/quote-pdf.server";
import { pdfText } from "./support/pdf";
import { bracketQuote } from "./support/quote-documents";

// Its own file, so the fonts start fresh as in a new server process: the defect showed only when an
// Arabic quote was the first to use some of Noto Sans's glyphs.
describe("quote PDFs in several languages from one process", () => {
  it("keeps an English quote's words and full stops whole after an Arabic one", async () => {
    const arabic = await pdfText(await renderQuotePdf(bracketQuote({ locale: "ar" })));
    expect(arabic).toContain("عرض السعر");
    const text = (await pdfText(await renderQuotePdf(bracketQuote()))).replace(/\s+/g, " ");
    expect(text).toContain("Thank you for your inquiry. We quote for Mounting bracket");
    expect(text).toContain("as follows, on the assumptions and terms stated below.");
    expect(text).toContain("This quotation is valid until 29 December 2026.");
  });
});
