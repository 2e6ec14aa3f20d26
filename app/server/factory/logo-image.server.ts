import sharp from "sharp";
import { LOGO_BOX, MAX_LOGO_SIDE_PX, type LogoType } from "~/forms/factory-logo";

const FORMAT = { "image/png": "png", "image/jpeg": "jpeg" } as const;

/**
 * The logo as it is stored, or why it is refused: its size is read from the PNG or JPEG header
 * before any pixel is decoded (refused above MAX_LOGO_SIDE_PX a side), and a logo larger than
 * LOGO_BOX (or turned by its EXIF orientation, which the PDF would ignore) is decoded once here,
 * turned upright and shrunk to fit, in its own format. A logo that already fits is kept byte for byte.
 */
export async function prepareLogo(
  bytes: Buffer,
  type: LogoType,
): Promise<{ ok: true; bytes: Buffer } | { ok: false; problem: "not-an-image" | "too-many-pixels" }> {
  const format = FORMAT[type];
  const header = await sharp(bytes)
    .metadata()
    .catch(() => null);
  if (!header || header.format !== format || !header.width || !header.height)
    return { ok: false, problem: "not-an-image" };
  if (header.width > MAX_LOGO_SIDE_PX || header.height > MAX_LOGO_SIDE_PX)
    return { ok: false, problem: "too-many-pixels" };
  const upright = (header.orientation ?? 1) === 1;
  if (upright && header.width <= LOGO_BOX.width && header.height <= LOGO_BOX.height) return { ok: true, bytes };
  try {
    const fitted = await sharp(bytes)
      .rotate()
      .resize({ ...LOGO_BOX, fit: "inside", withoutEnlargement: true })
      .toFormat(format)
      .toBuffer();
    return { ok: true, bytes: fitted };
  } catch {
    // A header that promises an image the data does not hold.
    return { ok: false, problem: "not-an-image" };
  }
}
