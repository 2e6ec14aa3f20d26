import fs from "node:fs";
import path from "node:path";
import { describe, it, expect } from "vitest";
import { fixturesDir } from "../../../tests/support/paths";
import { storedZip, threeMfPackage } from "../../../tests/support/zip";
import { ACCEPT_ATTRIBUTE, checkContent, displayName, formatForName, SNIFF_BYTES } from "./file-check";
import { formatBytes, formatDateTime } from "~/utils/format";
import { translate } from "~/i18n/message";
import { translatorFor } from "../i18n/i18n.server";

function fixture(name: string): Uint8Array {
  return fs.readFileSync(path.join(fixturesDir, name));
}

/** Checks bytes as the upload handler does: format from the name, then the head, the size and the tail. */
function check(fileName: string, bytes: Uint8Array) {
  const allowed = formatForName(fileName);
  if (!allowed) throw new Error(`${fileName} has no accepted extension`);
  return checkContent(
    allowed.format,
    bytes.subarray(0, SNIFF_BYTES),
    bytes.length,
    bytes.subarray(Math.max(0, bytes.length - 64 * 1024)),
  );
}

function reasonFor(fileName: string, bytes: Uint8Array): string {
  const result = check(fileName, bytes);
  if (result.ok) throw new Error(`${fileName} was accepted`);
  return translate(translatorFor("en"), result.reason);
}

const ascii = (text: string) => new Uint8Array(Buffer.from(text, "latin1"));

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

describe("checkContent with real files", () => {
  it.each([
    ["nist_ftc_11_asme1_rb.stp"],
    ["nist_ftc_06_asme1_rd.stp"],
    ["nist_ftc_11_asme1_rb.pdf"],
    ["nist_ftc_06_asme1_rd.pdf"],
    ["cube-10mm-ascii.stl"],
    ["cube-10mm-binary.stl"],
    ["cube-10mm.igs"],
    ["plate.dxf"],
  ])("accepts %s", (name) => {
    expect(check(name, fixture(name))).toEqual({ ok: true });
  });

  it("accepts a binary STL whose header begins with 'solid' by its size", () => {
    const stl = fixture("cube-10mm-binary.stl");
    expect(Buffer.from(stl.subarray(0, 5)).toString("latin1")).toBe("solid");
    expect(check("cube.stl", stl)).toEqual({ ok: true });
  });

  it("rejects a PDF drawing named .step, naming what it is and the fix", () => {
    const reason = reasonFor("bracket.step", fixture("nist_ftc_11_asme1_rb.pdf"));
    expect(reason).toMatch(/^its content is a PDF drawing, not a STEP model\./);
    expect(reason).toContain("rename it to .pdf");
    expect(reason).toContain("Export the part again as STEP");
  });

  it("rejects a PNG named .step", () => {
    expect(reasonFor("bracket.step", PNG)).toBe(
      "its content is a PNG image, not a STEP model. Export the part again as STEP (.step/.stp) and attach that file.",
    );
  });

  it("rejects a STEP model named .pdf", () => {
    const reason = reasonFor("drawing.pdf", fixture("nist_ftc_06_asme1_rd.stp"));
    expect(reason).toMatch(/^its content is a STEP model, not a PDF drawing\./);
    expect(reason).toContain("rename it to .step");
  });

  it("rejects an IGES file named .stp and an STL named .igs", () => {
    expect(reasonFor("part.stp", fixture("cube-10mm.igs"))).toMatch(/^its content is an IGES model, not a STEP model/);
    expect(reasonFor("part.igs", fixture("cube-10mm-ascii.stl"))).toMatch(
      /^its content is an STL mesh, not an IGES model/,
    );
  });

  it("rejects an empty file of any format", () => {
    for (const format of ["pdf", "step", "sldprt", "parasolid"] as const) {
      const result = checkContent(format, new Uint8Array(0), 0);
      expect(result.ok).toBe(false);
      expect(!result.ok && translate(translatorFor("en"), result.reason)).toMatch(/^the file is empty/);
    }
  });

  it("rejects a binary STL whose size does not match its triangle count", () => {
    const truncated = fixture("cube-10mm-binary.stl").subarray(0, 84 + 50 * 11);
    const garbage = new Uint8Array(300).fill(0x41);
    expect(reasonFor("cube.stl", truncated)).toMatch(/^its content is not an STL mesh: .*cut short/);
    expect(reasonFor("cube.stl", garbage)).toMatch(/^its content is not an STL mesh/);
  });
});

describe("checkContent with signatures", () => {
  const zipHeader = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, ...new Array<number>(20).fill(0)]);
  const emptyZip = Uint8Array.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]);

  it("accepts ZIP by its signature, and 3MF only as a package with content types and a 3D model part", () => {
    expect(check("drawings.ZIP", zipHeader)).toEqual({ ok: true });
    expect(check("empty.zip", emptyZip)).toEqual({ ok: true });
    expect(check("part.3mf", threeMfPackage())).toEqual({ ok: true });
    // The model part behind a 200 KB thumbnail is found in the central directory at the end.
    expect(check("part.3mf", threeMfPackage({ thumbnailBytes: 200_000 }))).toEqual({ ok: true });
    expect(reasonFor("part.3mf", zipHeader)).toMatch(/^its content is a ZIP archive .*, not a 3MF model/);
    const noModel = storedZip([{ name: "[Content_Types].xml", content: Buffer.from("<Types/>") }]);
    expect(reasonFor("part.3mf", noModel)).toMatch(/^its content is a ZIP archive .*, not a 3MF model/);
  });

  it("rejects an empty ZIP named .3mf, which cannot hold a model", () => {
    expect(reasonFor("part.3mf", emptyZip)).toMatch(/^its content is an empty ZIP archive, not a 3MF model/);
  });

  it("rejects a PDF named .zip", () => {
    expect(reasonFor("files.zip", ascii("%PDF-1.7\n"))).toMatch(/^its content is a PDF drawing, not a ZIP archive/);
  });

  it("accepts DWG version codes and rejects other content", () => {
    expect(check("plate.dwg", ascii("AC1027\0\0\0\0\0\0"))).toEqual({ ok: true });
    expect(check("plate.dwg", ascii("AC1015\0\0\0\0\0\0"))).toEqual({ ok: true });
    expect(reasonFor("plate.dwg", ascii("hello"))).toMatch(/^its content is not a DWG drawing/);
  });

  it("finds %PDF- within the first 1024 bytes only", () => {
    expect(check("a.pdf", ascii(`${" ".repeat(500)}%PDF-1.4`))).toEqual({ ok: true });
    expect(check("a.pdf", ascii("\x1b%-12345X@PJL ENTER LANGUAGE=PDF\r\n%PDF-1.7\n"))).toEqual({ ok: true });
    expect(reasonFor("a.pdf", ascii(`${" ".repeat(1100)}%PDF-1.4`))).toMatch(/no PDF header/);
    expect(reasonFor("a.pdf", ascii("%PDF-\n"))).toMatch(/no PDF header/);
  });

  it("refuses a web page or SVG that mentions %PDF- as a PDF", () => {
    const page = "<!doctype html><html><body><script>alert(1)</script>%PDF-1.4</body></html>";
    expect(reasonFor("drawing.pdf", ascii(page))).toMatch(/^its content is a web page, not a PDF drawing/);
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><text>%PDF-1.4</text></svg>';
    expect(reasonFor("drawing.pdf", ascii(svg))).toMatch(/^its content is an SVG image, not a PDF drawing/);
    expect(reasonFor("drawing.pdf", ascii(`<p>x</p>${"\n".repeat(10)}%PDF-1.4`))).toMatch(/no PDF header/);
  });

  it("accepts STEP after a BOM and blank lines", () => {
    expect(check("a.step", ascii("\xef\xbb\xbf\r\n\r\n  ISO-10303-21;\r\nHEADER;"))).toEqual({ ok: true });
    expect(reasonFor("a.step", ascii("HEADER;\nISO-10303-21;"))).toMatch(/ISO-10303-21 header/);
  });

  it("accepts IGES with CRLF line ends, and rejects short lines", () => {
    const crlf = Buffer.from(fixture("cube-10mm.igs")).toString("latin1").replaceAll("\n", "\r\n");
    expect(check("a.iges", ascii(crlf))).toEqual({ ok: true });
    expect(reasonFor("a.iges", ascii("S      1\nG      1\n"))).toMatch(/^its content is not an IGES model/);
  });

  it("accepts ASCII DXF with CRLF, and binary DXF", () => {
    expect(check("a.dxf", ascii("  0\r\nSECTION\r\n  2\r\nHEADER\r\n"))).toEqual({ ok: true });
    expect(check("a.dxf", ascii("AutoCAD Binary DXF\r\n\x1a\x00\x00\x00"))).toEqual({ ok: true });
    expect(reasonFor("a.dxf", ascii("  0\nLINE\n"))).toMatch(/does not start with a DXF section/);
  });

  it("accepts Parasolid text and binary transmit files, and rejects foreign types", () => {
    const text = "**ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz**************************\n**PARASOLID";
    expect(check("part.x_t", ascii(text))).toEqual({ ok: true });
    expect(check("part.x_b", ascii("PS\0\0\0\x0b"))).toEqual({ ok: true });
    expect(reasonFor("part.x_t", PNG)).toMatch(/^its content is a PNG image, not a Parasolid model/);
  });

  it("refuses web pages, SVG and unknown content as Parasolid", () => {
    expect(reasonFor("part.x_b", ascii("<!DOCTYPE html><html><script>alert(1)</script>"))).toMatch(
      /^its content is a web page/,
    );
    expect(reasonFor("part.x_b", ascii('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'))).toMatch(
      /^its content is an SVG image/,
    );
    expect(reasonFor("part.x_t", ascii("hello PARASOLID **PART1;"))).toMatch(
      /^its content is not a Parasolid model: it starts with neither/,
    );
    expect(reasonFor("part.x_b", Uint8Array.from([0x14, 0, 0, 0]))).toMatch(/^its content is not a Parasolid model/);
  });

  it("accepts OLE and binary SLDPRT files, but not text or foreign types", () => {
    expect(check("part.sldprt", Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toEqual({
      ok: true,
    });
    // SolidWorks 2015 and later: binary, with no published signature.
    expect(check("part.SLDPRT", Uint8Array.from([0x14, 0, 0, 0, 0x06, 0, 0, 0]))).toEqual({ ok: true });
    expect(reasonFor("part.sldprt", Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toMatch(/^its content is a JPEG image/);
    expect(reasonFor("part.sldprt", fixture("nist_ftc_11_asme1_rb.stp"))).toMatch(/rename it to \.step/);
    expect(
      reasonFor("part.sldprt", ascii('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')),
    ).toMatch(/^its content is an SVG image, not a SolidWorks part/);
    expect(reasonFor("part.sldprt", ascii("<div onclick=alert(1)>part</div>"))).toMatch(
      /^its content is not a SolidWorks part: it is text/,
    );
    expect(reasonFor("part.sldprt", threeMfPackage())).toMatch(
      /^its content is a 3MF model, not a SolidWorks part.*rename it to \.3mf/,
    );
  });

  it("names programs and web pages", () => {
    const exe = new Uint8Array(256);
    exe.set(ascii("MZ"), 0);
    exe.set([0x80, 0, 0, 0], 0x3c);
    exe.set(ascii("PE\0\0"), 0x80);
    expect(reasonFor("part.step", exe)).toMatch(/^its content is a Windows program/);
    expect(reasonFor("part.stl", ascii("\n<!DOCTYPE html><html>"))).toMatch(/^its content is a web page/);
    // Text that merely starts with "MZ" is not a program.
    expect(reasonFor("part.step", ascii("MZ hello"))).toMatch(/^its content is not a STEP model/);
  });
});

describe("formatForName", () => {
  it("ignores the case of the extension", () => {
    expect(formatForName("Bracket.STEP")).toEqual({ format: "step", kind: "model" });
    expect(formatForName("bracket.Stp")).toEqual({ format: "step", kind: "model" });
    expect(formatForName("DRAWING.PDF")).toEqual({ format: "pdf", kind: "drawing" });
    expect(formatForName("part.X_T")).toEqual({ format: "parasolid", kind: "model" });
    expect(formatForName("all.Zip")).toEqual({ format: "zip", kind: "archive" });
  });

  it("returns null for unknown or missing extensions", () => {
    expect(formatForName("photo.png")).toBeNull();
    expect(formatForName("step")).toBeNull();
    expect(formatForName("part.step.exe")).toBeNull();
    expect(formatForName("x.constructor")).toBeNull();
    expect(formatForName("folder.step/readme")).toBeNull();
  });

  it("lists every accepted extension in the accept attribute", () => {
    expect(ACCEPT_ATTRIBUTE.split(",")).toEqual([
      ".pdf",
      ".dxf",
      ".dwg",
      ".step",
      ".stp",
      ".iges",
      ".igs",
      ".stl",
      ".x_t",
      ".x_b",
      ".sldprt",
      ".3mf",
      ".zip",
    ]);
  });
});

describe("displayName", () => {
  it("keeps only the base name of a path", () => {
    expect(displayName("../../etc/passwd")).toBe("passwd");
    expect(displayName("C:\\x\\a.step")).toBe("a.step");
    expect(displayName("drawings/")).toBe("drawings");
  });

  it("strips control and bidi override characters", () => {
    expect(displayName("part\u0000\r\n.step")).toBe("part.step");
    expect(displayName("invoice\u202Efdp.exe")).toBe("invoicefdp.exe");
    expect(displayName("  \u0007 ")).toBe("unnamed file");
    expect(displayName("")).toBe("unnamed file");
  });

  it("limits long names to 200 characters and keeps the extension", () => {
    const name = displayName(`${"a".repeat(300)}.step`);
    expect(Array.from(name)).toHaveLength(200);
    expect(name.endsWith("a….step")).toBe(true);
    expect(displayName(`${"b".repeat(200)}.igs`)).toMatch(/^b{195}…\.igs$/);
    expect(displayName(`${"c".repeat(200)}`)).toHaveLength(200);
  });
});

describe("formatBytes", () => {
  it("uses 1024 steps and one decimal above bytes", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(12.3 * 1024 * 1024)).toBe("12.3 MB");
    expect(formatBytes(1024 ** 3)).toBe("1.0 GB");
    expect(formatBytes(1024 * 1024 - 1)).toBe("1.0 MB");
  });
});

describe("formatDateTime", () => {
  it("shows minutes in UTC", () => {
    expect(formatDateTime(new Date(Date.UTC(2025, 0, 31, 14, 5, 59)))).toBe("2025-01-31 14:05 UTC");
  });
});
