import compression from "compression";
import type { RequestHandler } from "express";

/** Pages, loader data, scripts and styles: text that shrinks to a third or less. */
const COMPRESSIBLE =
  /^(?:text\/(?:html|css|javascript|plain)|application\/(?:json|javascript)|image\/svg\+xml)\s*(?:;|$)/i;

/**
 * Compresses pages, loader data, scripts and styles for clients that accept it (gzip, or brotli
 * at the package's moderate quality). Everything else goes out as it is: the buyers' files and
 * quotation PDFs keep their exact bytes and Content-Length, models and images are compressed
 * already, and an event stream must reach the browser as it is written.
 */
export function createCompression(): RequestHandler {
  return compression({
    filter: (req, res) =>
      COMPRESSIBLE.test(String(res.getHeader("Content-Type") ?? "")) && compression.filter(req, res),
  });
}
