// Apart from text.ts (zod) so that browser code (file names in file-check.ts) can clean text
// without pulling zod into the public pages' script.

/**
 * Characters that people never type on purpose but that change what others see: C0 and C1
 * control characters (NUL, escape sequences, a stray CR that splits an e-mail header or a log
 * line) and the Unicode bidirectional controls (marks, embeddings, overrides, isolates), with
 * which "invoice\u202Efdp.exe" reads as "invoiceexe.pdf" in the queue and in e-mails.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** The same, except tab and line feed, which multi-line fields keep. */
// eslint-disable-next-line no-control-regex -- as above
const UNSAFE_MULTILINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Removes unsafe characters from typed text. Multi-line text keeps its tabs and line breaks
 * (CRLF and CR become LF first, as browsers send textarea lines as CRLF); single-line text loses
 * them too. Stripping rather than refusing: nobody can see or fix an invisible character.
 */
export function cleanText(value: string, options: { multiline?: boolean } = {}): string {
  return options.multiline ? value.replace(/\r\n?/g, "\n").replace(UNSAFE_MULTILINE, "") : value.replace(UNSAFE, "");
}
