import type { LoaderFunctionArgs } from "@remix-run/node";
import { factoryLogoFile } from "~/server/factory/factory.server";

/**
 * The factory's logo, public: buyer pages, e-mails and the quote PDF show it. Asked for by its
 * version (`?v=`, the start of its SHA-256) it never changes, so it is cached for a year; a
 * replaced logo has another version and so another address.
 */
export function loader({ request, context }: LoaderFunctionArgs) {
  const logo = factoryLogoFile(context.services.db);
  if (!logo)
    return new Response("No logo has been uploaded.", { status: 404, headers: { "Cache-Control": "no-store" } });
  const version = new URL(request.url).searchParams.get("v");
  const current = version !== null && logo.sha256.startsWith(version) && version.length >= 16;
  const etag = `"${logo.sha256}"`;
  const headers = { "Cache-Control": current ? "public, max-age=31536000, immutable" : "no-cache", ETag: etag };
  // An address without the current version is revalidated on each use: an unchanged logo costs no bytes.
  if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(logo.bytes), {
    headers: { ...headers, "Content-Type": logo.contentType, "Content-Length": String(logo.bytes.length) },
  });
}
