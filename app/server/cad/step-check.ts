/**
 * A fast check that a file is a STEP model (ISO 10303-21) before OpenCascade reads it. OpenCascade
 * reads the whole file before it can fail: a 200 MB file that only starts like STEP kept a worker
 * busy for 65 s at 2.2 GB. This pass reads each byte once, keeps nothing, and stops at the first
 * thing no STEP file has: a control byte, a statement in the data section that is not an entity
 * ("#12=..."), a header that never ends, or a file cut off before END-ISO-10303-21.
 */

const HEADER_LIMIT = 1024 * 1024;
const SEMICOLON = 0x3b;
const QUOTE = 0x27;
const SLASH = 0x2f;
const STAR = 0x2a;
const NEWLINE = 0x0a;

/** Why the bytes are not a STEP model, or null when they may be one. */
export function stepProblem(bytes: Uint8Array): string | null {
  const text = (from: number, length: number) =>
    new TextDecoder("latin1").decode(bytes.subarray(from, Math.min(bytes.length, from + length)));
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && isSpace(bytes[i]!)) i++;
  if (!/^ISO-10303-21\s*;/.test(text(i, 64))) return "it does not begin with ISO-10303-21, as every STEP file does";
  let line = 1;
  let inData = false;
  let entities = 0;
  // Statement by statement: find where one starts, judge its first words, then skip to its ";".
  for (;;) {
    // Between statements: blanks and comments.
    for (;;) {
      while (i < bytes.length && isSpace(bytes[i]!)) if (bytes[i++] === NEWLINE) line++;
      if (bytes[i] !== SLASH || bytes[i + 1] !== STAR) break;
      const end = indexOfCommentEnd(bytes, i + 2);
      if (end === -1) return "a comment never ends: the file is cut off";
      for (let k = i; k < end; k++) if (bytes[k] === NEWLINE) line++;
      i = end;
    }
    if (i >= bytes.length) return "it ends without END-ISO-10303-21: the file is cut off or not a STEP file";
    const head = text(i, 64);
    if (inData) {
      if (/^ENDSEC\s*;/.test(head)) inData = false;
      else if (/^#\s*\d+\s*=/.test(head)) entities++;
      else return `line ${line} starts with "${printable(head)}" where an entity such as #12=... belongs`;
    } else {
      if (/^END-ISO-10303-21\s*;/.test(head)) {
        return entities > 0 ? null : "it has no entities in its data section";
      }
      if (/^DATA\s*[;(]/.test(head)) inData = true;
      else if (!/^[A-Z_][A-Z0-9_-]*\s*[;(]/.test(head) && !head.startsWith("<"))
        return `line ${line} starts with "${printable(head)}" where a STEP section or header entry belongs`;
    }
    const start = i;
    // To the statement's end: a ";" outside strings ('it''s') and comments.
    for (;;) {
      if (i >= bytes.length) return "it ends inside a statement: the file is cut off";
      const b = bytes[i]!;
      if (b < 0x20 && !isSpace(b)) return `it holds binary data (byte ${b} on line ${line}), which no STEP file does`;
      if (b === NEWLINE) line++;
      i++;
      if (b === SEMICOLON) break;
      if (b === QUOTE) {
        while (i < bytes.length && bytes[i] !== QUOTE) {
          const c = bytes[i++]!;
          if (c === NEWLINE) line++;
          else if (c < 0x20 && !isSpace(c))
            return `it holds binary data (byte ${c} on line ${line}), which no STEP file does`;
        }
        i++;
      } else if (b === SLASH && bytes[i] === STAR) {
        const end = indexOfCommentEnd(bytes, i + 1);
        if (end === -1) return "a comment never ends: the file is cut off";
        i = end;
      }
      if (!inData && i - start > HEADER_LIMIT)
        return `line ${line}: a header entry runs over ${HEADER_LIMIT / 1024 / 1024} MB, which no STEP header does`;
    }
  }
}

function isSpace(b: number): boolean {
  return b === 0x20 || b === NEWLINE || b === 0x0d || b === 0x09 || b === 0x0c;
}

/** The index just past the comment's closing "*\/", or -1. */
function indexOfCommentEnd(bytes: Uint8Array, from: number): number {
  for (let k = from; k + 1 < bytes.length; k++) if (bytes[k] === STAR && bytes[k + 1] === SLASH) return k + 2;
  return -1;
}

function printable(head: string): string {
  const shown = head.split(/[\r\n]/)[0]!.replace(/[^\x20-\x7e]/g, "?");
  return shown.length > 24 ? `${shown.slice(0, 24)}…` : shown;
}
