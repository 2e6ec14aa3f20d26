import type { Mesh } from "./mesh";

/** Reads ASCII or binary STL (binary when the size matches its triangle count). STL carries no unit: millimetres. */
export function parseStl(bytes: Uint8Array): Mesh {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 84 && 84 + 50 * view.getUint32(80, true) === bytes.length) {
    const count = view.getUint32(80, true);
    const positions = new Float32Array(count * 9);
    for (let t = 0; t < count; t++) {
      for (let k = 0; k < 9; k++) positions[t * 9 + k] = view.getFloat32(84 + t * 50 + 12 + k * 4, true);
    }
    return { positions, indices: Uint32Array.from({ length: count * 3 }, (_, i) => i) };
  }
  const text = new TextDecoder().decode(bytes);
  const values: number[] = [];
  for (const match of text.matchAll(/vertex\s+(\S+)\s+(\S+)\s+(\S+)/g))
    values.push(Number(match[1]), Number(match[2]), Number(match[3]));
  if (values.length === 0 || values.length % 9 !== 0 || values.some(Number.isNaN))
    throw new Error("the STL file has no readable triangles");
  return {
    positions: Float32Array.from(values),
    indices: Uint32Array.from({ length: values.length / 3 }, (_, i) => i),
  };
}
