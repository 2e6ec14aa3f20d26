import type { Readable } from "node:stream";
import { createReadableStreamFromReadable } from "@remix-run/node";

/** Quotes a file name for Content-Disposition: an ASCII fallback plus the exact UTF-8 name (RFC 6266). */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * A stored file as a download: always an attachment with a neutral type, so a buyer's file is
 * never rendered by the browser in our origin, and never cached by shared caches. The one
 * exception is a PDF opened for reading, which the browser's own PDF viewer shows.
 * `X-Content-Type-Options: nosniff` comes with every response (http-headers.server.ts).
 */
export function fileDownloadResponse(name: string, body: Readable, size: number, options: { inlinePdf?: boolean } = {}): Response {
  return new Response(createReadableStreamFromReadable(body), {
    headers: {
      "Content-Type": options.inlinePdf ? "application/pdf" : "application/octet-stream",
      "Content-Length": String(size),
      "Content-Disposition": contentDisposition(name).replace(/^attachment/, options.inlinePdf ? "inline" : "attachment"),
      "Cache-Control": "private, no-store",
    },
  });
}
