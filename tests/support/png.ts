import zlib from "node:zlib";

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG of `height` copies of one row of pixel bytes, in the given bit depth and colour type. */
function png(width: number, height: number, depthAndColour: [number, number], row: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([...depthAndColour, 0, 0, 0], 8); // deflate, adaptive filtering, no interlace
  const filtered = Buffer.concat([Buffer.from([0]), row]);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => filtered)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", pixels),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A real PNG of one colour, `size` pixels square: what a browser and the PDF renderer can draw. */
export function solidPng(rgb: [number, number, number], size = 16): Buffer {
  return png(size, size, [8, 2], Buffer.from(Array.from({ length: size }, () => rgb).flat()));
}

/** A real black PNG at one bit a pixel: a picture of many pixels in few bytes, as a probe would send. */
export function blackPng(width: number, height: number): Buffer {
  return png(width, height, [1, 0], Buffer.alloc(Math.ceil(width / 8)));
}
