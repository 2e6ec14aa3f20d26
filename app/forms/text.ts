import { z } from "zod";

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

/**
 * The one boundary for typed text: wraps a form's object schema so that every string field (and
 * every string in an array field) is cleaned before the schema sees it. Fields named in
 * `multiline` keep line breaks and tabs; passwords are the one kind of field that must not pass
 * through here, since changing them would lock their owner out.
 */
export function withCleanText<T extends z.ZodTypeAny>(
  schema: T,
  multiline: readonly string[] = [],
): z.ZodEffects<T, z.output<T>, z.input<T>> {
  const clean = (name: string, value: unknown): unknown => {
    const options = { multiline: multiline.includes(name) };
    if (typeof value === "string") return cleanText(value, options);
    if (Array.isArray(value))
      return value.map((item: unknown) => (typeof item === "string" ? cleanText(item, options) : item));
    return value;
  };
  const cleaned = z.preprocess((input) => {
    if (typeof input !== "object" || input === null || Array.isArray(input)) return input;
    return Object.fromEntries(Object.entries(input).map(([name, value]) => [name, clean(name, value)]));
  }, schema);
  // preprocess widens the input type to unknown; the cleaned input has the schema's own shape.
  return cleaned as unknown as z.ZodEffects<T, z.output<T>, z.input<T>>;
}
