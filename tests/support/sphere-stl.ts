/** A binary STL of a finely divided sphere (radius 20 mm): a closed, honest mesh of about `mb` megabytes. */
export function sphereStl(mb: number): Buffer {
  const triangles = Math.floor((mb * 1024 * 1024 - 84) / 50);
  const rings = Math.max(4, Math.floor(Math.sqrt(triangles / 2)));
  const segments = Math.floor(triangles / (2 * rings));
  const count = 2 * rings * segments;
  const buffer = Buffer.alloc(84 + 50 * count);
  buffer.write("binary sphere for tests", 0);
  buffer.writeUInt32LE(count, 80);
  const r = 20;
  const point = (i: number, j: number) => {
    const theta = (Math.PI * i) / rings;
    const phi = (2 * Math.PI * j) / segments;
    return [r * Math.sin(theta) * Math.cos(phi), r * Math.sin(theta) * Math.sin(phi), r * Math.cos(theta)];
  };
  let offset = 84;
  const tri = (...corners: number[][]) => {
    offset += 12;
    for (const v of corners) {
      for (const x of v) {
        buffer.writeFloatLE(x!, offset);
        offset += 4;
      }
    }
    offset += 2;
  };
  for (let i = 0; i < rings; i++) {
    for (let j = 0; j < segments; j++) {
      const [a, b, c, d] = [point(i, j), point(i + 1, j), point(i + 1, j + 1), point(i, j + 1)];
      tri(a, b, c);
      tri(a, c, d);
    }
  }
  return buffer;
}
