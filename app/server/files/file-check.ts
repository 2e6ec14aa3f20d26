/**
 * Which files buyers may upload, and whether a file's content matches its extension.
 *
 * The browser form imports this too (accept attribute, early feedback), so it must not import any
 * Node module. The content check sees the first SNIFF_BYTES bytes, the size and (on the server) the
 * last bytes: it catches a photo, a web page or a drawing saved under a model's extension, not a
 * damaged model, which engineering finds when it opens the file.
 */

import { cleanText } from "~/forms/clean-text";
import type { Message } from "~/i18n/message";

export type FileKind = "drawing" | "model" | "archive";

export type FileFormat = "pdf" | "dxf" | "dwg" | "step" | "iges" | "stl" | "parasolid" | "sldprt" | "3mf" | "zip";

export type AcceptedType = { format: FileFormat; kind: FileKind; label: string };

export const ACCEPTED_EXTENSIONS: Readonly<Record<string, AcceptedType>> = Object.freeze({
  pdf: { format: "pdf", kind: "drawing", label: "PDF drawing" },
  dxf: { format: "dxf", kind: "drawing", label: "DXF drawing" },
  dwg: { format: "dwg", kind: "drawing", label: "DWG drawing" },
  step: { format: "step", kind: "model", label: "STEP model" },
  stp: { format: "step", kind: "model", label: "STEP model" },
  iges: { format: "iges", kind: "model", label: "IGES model" },
  igs: { format: "iges", kind: "model", label: "IGES model" },
  stl: { format: "stl", kind: "model", label: "STL mesh" },
  x_t: { format: "parasolid", kind: "model", label: "Parasolid model (text)" },
  x_b: { format: "parasolid", kind: "model", label: "Parasolid model (binary)" },
  sldprt: { format: "sldprt", kind: "model", label: "SolidWorks part" },
  "3mf": { format: "3mf", kind: "model", label: "3MF model" },
  zip: { format: "zip", kind: "archive", label: "ZIP archive" },
});

export const ACCEPT_ATTRIBUTE = Object.keys(ACCEPTED_EXTENSIONS)
  .map((ext) => `.${ext}`)
  .join(",");

/** Enough for a STEP header behind a BOM and blank lines, and the first IGES records. */
export const SNIFF_BYTES = 4096;

export function formatForName(fileName: string): { format: FileFormat; kind: FileKind } | null {
  const base = baseName(fileName.trim());
  const dot = base.lastIndexOf(".");
  if (dot === -1) return null;
  const ext = base.slice(dot + 1).toLowerCase();
  // hasOwn, or "x.constructor" would find Object's prototype.
  const accepted = Object.hasOwn(ACCEPTED_EXTENSIONS, ext) ? ACCEPTED_EXTENSIONS[ext] : undefined;
  return accepted ? { format: accepted.format, kind: accepted.kind } : null;
}

export type ContentCheck = { ok: true } | { ok: false; reason: Message };

/** A format's name, what its content lacks, and how to send it right: worded in the page's language. */
const noun = (format: FileFormat): Message => ({ key: "intake:content.noun", values: { format } });
const fix = (format: FileFormat): Message => ({ key: "intake:content.fix", values: { format } });

/**
 * Reasons complete `"<name>" was not accepted: `, so they start lower-case and end with the fix.
 * `tail` is the end of the file (the ZIP central directory of a 3MF package); without it only
 * the head is searched.
 */
export function checkContent(
  format: FileFormat,
  head: Uint8Array,
  size: number,
  tail: Uint8Array = new Uint8Array(0),
): ContentCheck {
  if (size === 0) return { ok: false, reason: { key: "intake:rejected.empty" } };
  const sample = new Sample(head, size, tail);
  const expected = FORMATS[format];
  if (expected.matches(sample)) return { ok: true };

  const seen = KNOWN_TYPES.find((type) => type.matches(sample));
  if (seen && "seen" in seen) {
    const values = { seen: { key: "intake:content.seen", values: { type: seen.seen } }, expected: noun(format) };
    return { ok: false, reason: { key: "intake:content.other", values: { ...values, fix: fix(format) } } };
  }
  if (seen) {
    const values = { actual: noun(seen.format), expected: noun(format), extension: FORMATS[seen.format].extension };
    return { ok: false, reason: { key: "intake:content.misnamed", values: { ...values, fix: fix(format) } } };
  }
  if (expected.acceptsUnknownBinary && isBinary(sample)) return { ok: true };
  const missing = { key: "intake:content.missing", values: { format } };
  return {
    ok: false,
    reason: { key: "intake:content.unrecognised", values: { expected: noun(format), missing, fix: fix(format) } },
  };
}

/** The file name shown to people (pages, e-mails); never used as a storage path. */
export function displayName(fileName: string): string {
  const name = cleanText(baseName(fileName).normalize("NFC")).trim();
  if (name === "") return "unnamed file";
  const chars = Array.from(name);
  if (chars.length <= MAX_NAME_CHARS) return name;
  const dot = name.lastIndexOf(".");
  const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : "";
  const stem = Array.from(name.slice(0, name.length - ext.length));
  return `${stem.slice(0, MAX_NAME_CHARS - 1 - Array.from(ext).length).join("")}…${ext}`;
}

const MAX_NAME_CHARS = 200;

/** Browsers send the bare name, but older ones (and scripts) may send a Windows or Unix path. */
function baseName(fileName: string): string {
  return (
    fileName
      .split(/[\\/]/)
      .filter((part) => part !== "")
      .pop() ?? ""
  );
}

/** The head as a one-char-per-byte string, so text and byte signatures share offsets. */
class Sample {
  readonly text: string;
  /** The text after a UTF-8 byte order mark and leading white space. */
  readonly start: string;
  /** The end of the file, one char per byte. */
  readonly tail: string;

  constructor(
    readonly bytes: Uint8Array,
    readonly size: number,
    tail: Uint8Array,
  ) {
    this.text = latin1(bytes);
    this.start = this.text.replace(/^\xef\xbb\xbf/, "").trimStart();
    this.tail = latin1(tail);
  }
}

function latin1(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return text;
}

/** Text never holds a NUL byte (UTF-16 does, behind its byte order mark). */
function isBinary(s: Sample): boolean {
  return s.text.includes("\x00") && !s.text.startsWith("\xff\xfe") && !s.text.startsWith("\xfe\xff");
}

type Matcher = (sample: Sample) => boolean;

/**
 * The header may follow other bytes (a print job's preamble) within the first 1,024, as readers
 * allow; markup before it is a web page that mentions a PDF, which a browser would render as HTML.
 */
const isPdf: Matcher = (s) => {
  const at = s.text.slice(0, 1024).search(/%PDF-\d\.\d/);
  return at === 0 || (at > 0 && !/<[!?a-z]/i.test(s.text.slice(0, at)));
};

const isZip: Matcher = (s) => s.text.startsWith("PK\x03\x04");

const isEmptyZip: Matcher = (s) => s.text.startsWith("PK\x05\x06");

const isStep: Matcher = (s) => s.start.startsWith("ISO-10303-21;");

/** "AC10xx" names the AutoCAD release that wrote the file (AC1009 is R12, AC1032 is 2018 and later). */
const isDwg: Matcher = (s) => /^AC10\d\d/.test(s.text);

const isOle: Matcher = (s) => s.text.startsWith("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1");

/**
 * IGES is 80-column records with the section letter in column 73 and a sequence number after it.
 * The first record opens the start (S) section, or the global (G) one when a writer leaves S out;
 * compressed ASCII files put one flag (C) record before the start section.
 */
const isIges: Matcher = (s) => {
  const [first, second] = igesRecords(s.text);
  const letter = igesSection(first);
  return letter === "S" || letter === "G" || (letter === "C" && igesSection(second) === "S");
};

function igesRecords(text: string): string[] {
  const lineEnd = text.indexOf("\n");
  // Records written without line breaks, as some mainframe-era files are.
  if (lineEnd === -1 || lineEnd > 82) return [text.slice(0, 80), text.slice(80, 160)];
  return text.split("\n", 2).map((line) => line.replace(/\r$/, ""));
}

function igesSection(record: string | undefined): string | null {
  if (record === undefined || record.length < 80 || !/^ *\d+$/.test(record.slice(73, 80))) return null;
  return record.charAt(72);
}

/** ASCII DXF opens with group code 0 and "SECTION", after any 999 comment groups. */
const isDxf: Matcher = (s) => {
  if (s.text.startsWith("AutoCAD Binary DXF\r\n\x1a\x00")) return true;
  const lines = s.start.split("\n", 64).map((line) => line.trim());
  for (let i = 0; i + 1 < lines.length; i += 2) {
    if (lines[i] === "999") continue;
    return lines[i] === "0" && lines[i + 1] === "SECTION";
  }
  return false;
};

/** Binary STL: an 80-byte header (which may itself begin with "solid"), a triangle count, 50 bytes per triangle. */
const isBinaryStl: Matcher = (s) => {
  if (s.bytes.length < 84) return false;
  const triangles = new DataView(s.bytes.buffer, s.bytes.byteOffset, s.bytes.byteLength).getUint32(80, true);
  return triangles > 0 && s.size === 84 + 50 * triangles;
};

const isAsciiStl: Matcher = (s) => /^solid/i.test(s.start) && /facet|endsolid/i.test(s.text);

/**
 * A text transmit file opens with its character-set check lines ("**ABCDEFGHIJ...", then
 * "**PARASOLID !\"#$...") and the "**PART1;" header; a binary one with "PS" and a NUL.
 */
const isParasolidText: Matcher = (s) => /^\*\*(ABCDEFGHIJKLMNOPQRSTUVWXYZ|PARASOLID|PART1;)/.test(s.start);

const isParasolidBinary: Matcher = (s) => s.text.startsWith("PS\x00");

/**
 * 3MF is an OPC package: a ZIP holding "[Content_Types].xml" and the model part under "3D/". Entry
 * names appear in the local headers at the start and in the central directory at the end.
 */
const is3mf: Matcher = (s) => {
  if (!isZip(s)) return false;
  const names = s.text + s.tail;
  return names.includes("[Content_Types].xml") && /3D\/[\x20-\x7e]{1,200}?\.model/.test(names);
};

const isSvg: Matcher = (s) => s.start.startsWith("<") && /<svg[\s>]/i.test(s.text);

/** Its name, why content of no known type was refused and the fix are the intake messages' (intake:content). */
type FormatRules = {
  matches: Matcher;
  extension: string;
  /** Binary content of no known type passes (a format with versions that have no published signature). */
  acceptsUnknownBinary?: true;
};

const FORMATS: Record<FileFormat, FormatRules> = {
  pdf: {
    matches: isPdf,
    extension: ".pdf",
  },
  dxf: {
    matches: isDxf,
    extension: ".dxf",
  },
  dwg: {
    matches: isDwg,
    extension: ".dwg",
  },
  step: {
    matches: isStep,
    extension: ".step",
  },
  iges: {
    matches: isIges,
    extension: ".igs",
  },
  stl: {
    matches: (s) => isBinaryStl(s) || isAsciiStl(s),
    extension: ".stl",
  },
  parasolid: {
    matches: (s) => isParasolidText(s) || isParasolidBinary(s),
    extension: ".x_t",
  },
  sldprt: {
    matches: isOle,
    extension: ".sldprt",
    // Only files before SolidWorks 2015 are OLE compound files; the later format has no published
    // signature, so binary content that is no other known type passes.
    acceptsUnknownBinary: true,
  },
  "3mf": {
    matches: is3mf,
    extension: ".3mf",
  },
  zip: {
    matches: (s) => isZip(s) || isEmptyZip(s),
    extension: ".zip",
  },
};

/**
 * What a file that fails its own format's check turns out to be. Accepted formats come with a
 * rename hint; ZIP does not, since Office documents are ZIP packages too.
 */
const KNOWN_TYPES: ({ format: FileFormat; matches: Matcher } | { seen: string; matches: Matcher })[] = [
  { format: "pdf", matches: isPdf },
  { format: "step", matches: isStep },
  { format: "iges", matches: isIges },
  { format: "dxf", matches: isDxf },
  { format: "dwg", matches: isDwg },
  // Binary STL has no signature to recognise it by.
  { format: "stl", matches: isAsciiStl },
  { format: "parasolid", matches: isParasolidText },
  { format: "3mf", matches: is3mf },
  { seen: "zipLike", matches: isZip },
  { seen: "emptyZip", matches: isEmptyZip },
  { seen: "ole", matches: isOle },
  { seen: "png", matches: (s) => s.text.startsWith("\x89PNG\r\n\x1a\n") },
  { seen: "jpeg", matches: (s) => s.text.startsWith("\xff\xd8\xff") },
  { seen: "gif", matches: (s) => /^GIF8[79]a/.test(s.text) },
  { seen: "webp", matches: (s) => s.text.startsWith("RIFF") && s.text.slice(8, 12) === "WEBP" },
  { seen: "tiff", matches: (s) => s.text.startsWith("II*\x00") || s.text.startsWith("MM\x00*") },
  {
    seen: "heic",
    matches: (s) => s.text.slice(4, 8) === "ftyp" && ["heic", "heix", "mif1"].includes(s.text.slice(8, 12)),
  },
  { seen: "windowsProgram", matches: isWindowsProgram },
  { seen: "linuxProgram", matches: (s) => s.text.startsWith("\x7fELF") },
  { seen: "sevenZip", matches: (s) => s.text.startsWith("7z\xbc\xaf\x27\x1c") },
  { seen: "rar", matches: (s) => s.text.startsWith("Rar!\x1a\x07") },
  { seen: "gzip", matches: (s) => s.text.startsWith("\x1f\x8b") },
  { seen: "webPage", matches: (s) => /^(<!doctype html|<html)/i.test(s.start) },
  { seen: "svg", matches: isSvg },
  { seen: "xml", matches: (s) => s.start.startsWith("<?xml") },
];

/** "MZ" alone is too common a start for text; a Windows program also has the PE signature it points to. */
function isWindowsProgram(s: Sample): boolean {
  if (!s.text.startsWith("MZ") || s.bytes.length < 64) return false;
  const peOffset = new DataView(s.bytes.buffer, s.bytes.byteOffset, s.bytes.byteLength).getUint32(0x3c, true);
  return s.text.slice(peOffset, peOffset + 4) === "PE\x00\x00";
}
