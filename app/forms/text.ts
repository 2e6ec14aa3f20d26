import { z } from "zod";
import { cleanText } from "./clean-text";

export { cleanText };

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
