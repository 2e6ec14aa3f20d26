import { z } from "zod";

/** Big enough for a crisp header logo, small enough to sit in every page's and e-mail's header. */
export const MAX_LOGO_BYTES = 512 * 1024;

/**
 * The most pixels a side a logo's header may declare. A few hundred KB of PNG can declare 8000 x
 * 8000 pixels, which cost each quotation send seconds and a gigabyte to decode.
 */
export const MAX_LOGO_SIDE_PX = 4000;

/**
 * What the pages (2rem high), the e-mails and the quote PDF (28 pt high, 90 pt wide) show at most,
 * with room for sharp printing: a larger logo is shrunk to fit once, on upload, keeping its shape.
 */
export const LOGO_BOX = { width: 600, height: 200 } as const;

const SAVE_SMALLER = `save it smaller (about ${LOGO_BOX.width} pixels wide is plenty) and upload it again.`;

export const LOGO_TOO_LARGE = `The logo is larger than ${MAX_LOGO_BYTES / 1024} KB: ${SAVE_SMALLER}`;

export const LOGO_TOO_MANY_PIXELS = `The logo is larger than ${MAX_LOGO_SIDE_PX} pixels on a side: ${SAVE_SMALLER}`;

const NO_FILE = "Choose a PNG or JPEG file for the logo.";

export const LOGO_ACCEPT = "image/png,image/jpeg";

/** The logo form (/admin/factory/logo): upload a new logo or remove the current one. */
export const factoryLogoForm = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("upload"),
    logo: z
      .instanceof(File, { message: NO_FILE })
      .refine((file) => file.size > 0, NO_FILE)
      .refine((file) => file.size <= MAX_LOGO_BYTES, LOGO_TOO_LARGE),
  }),
  z.object({ intent: z.literal("remove") }),
]);

export type LogoType = "image/png" | "image/jpeg";

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];

/** What the bytes are, whatever the file is called: a PNG or JPEG signature, or null. */
export function logoTypeOf(bytes: Uint8Array): LogoType | null {
  const starts = (signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
  if (starts(PNG)) return "image/png";
  if (starts(JPEG)) return "image/jpeg";
  return null;
}

export const NOT_AN_IMAGE =
  "This file is not a PNG or JPEG image, whatever its name says. Export the logo as PNG or JPEG and upload that file.";

/** A refused logo, by the code a post without JavaScript brings back to /admin/factory. */
export const LOGO_ERRORS = {
  "too-large": LOGO_TOO_LARGE,
  "too-many-pixels": LOGO_TOO_MANY_PIXELS,
  "not-an-image": NOT_AN_IMAGE,
  "no-file": NO_FILE,
} as const;

export function logoErrorCode(message: string | undefined): keyof typeof LOGO_ERRORS {
  const found = Object.entries(LOGO_ERRORS).find(([, text]) => text === message)?.[0];
  return (found as keyof typeof LOGO_ERRORS | undefined) ?? "no-file";
}

/** Marks the logo form's address when the page's script posts it (Remix hides its own `_data` from actions). */
export const SCRIPT_PARAM = "script";
