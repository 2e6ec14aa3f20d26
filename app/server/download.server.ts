import { Readable } from "node:stream";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { checkContent, SNIFF_BYTES } from "./file-check";

/** Quotes a file name for Content-Disposition: an ASCII fallback plus the exact UTF-8 name (RFC 6266). */
function contentDisposition(disposition: "inline" | "attachment", name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  // encodeURIComponent leaves ' ( ) * unescaped, which RFC 5987's attr-char does not allow.
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Reads up to `bytes` from the start of a stream and returns them with a stream that still yields everything. */
async function peek(body: Readable, bytes: number): Promise<{ head: Buffer; body: Readable }> {
  const chunks: Buffer[] = [];
  let length = 0;
  const iterator = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done) break;
    chunks.push(next.value);
    length += next.value.length;
  }
  async function* rest() {
    yield* chunks;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { head: Buffer.concat(chunks).subarray(0, bytes), body: Readable.from(rest()) };
}

/**
 * A stored file as a download: always an attachment with a neutral type, so a buyer's file is
 * never rendered by the browser in our origin, and never cached by shared caches. The one
 * exception is a PDF opened for reading (`view`), which the browser's own PDF viewer shows, and
 * only when its bytes pass the PDF check now: files stored before the check was strict, or
 * changed in storage since, are sent as attachments. `X-Content-Type-Options: nosniff` comes with
 * every response (http-headers.server.ts).
 */
export async function fileDownloadResponse(
  file: { originalName: string; format: string | null },
  stored: { body: Readable; size: number },
  options: { view?: boolean } = {},
): Promise<Response> {
  let body = stored.body;
  let inline = false;
  if (options.view && file.format === "pdf") {
    const peeked = await peek(stored.body, SNIFF_BYTES);
    body = peeked.body;
    inline = checkContent("pdf", peeked.head, stored.size).ok;
  }
  return new Response(createReadableStreamFromReadable(body), {
    headers: {
      "Content-Type": inline ? "application/pdf" : "application/octet-stream",
      "Content-Length": String(stored.size),
      "Content-Disposition": contentDisposition(inline ? "inline" : "attachment", file.originalName),
      "Cache-Control": "private, no-store",
    },
  });
}
