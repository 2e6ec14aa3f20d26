/**
 * Downloads of an inquiry's files, for staff (logged on the timeline) and for the buyer (through
 * the status token), and the one way either is sent to the browser.
 */
import { Readable } from "node:stream";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { writeTransaction } from "../../../db/client";
import type { StoredFile } from "../../../db/queries/files";
import { appendEvent, findInquiryFile } from "../../../db/queries/inquiries";
import type { StaffUser } from "../auth/auth.server";
import { checkContent, SNIFF_BYTES } from "./file-check";
import type { Services } from "../service-types";
import { getInquiryByToken } from "../buyer/request-inquiry.server";

type OpenedFile = { file: StoredFile; body: Readable; size: number };

/** A stored file of the inquiry, streamed from storage; null when the file is not (or no longer) there. */
async function openStoredFile(services: Services, inquiryId: string, fileId: string): Promise<OpenedFile | null> {
  const file = findInquiryFile(services.db, inquiryId, fileId);
  if (!file || file.status !== "stored") return null;
  const { body, size } = await services.storage.get(file.storedKey);
  return { file, body, size };
}

/** Opens a file for a staff member and records who downloaded it, and when, on the timeline. */
export async function openFileForStaff(
  services: Services,
  user: StaffUser,
  inquiryId: string,
  fileId: string,
  now = new Date(),
): Promise<OpenedFile | null> {
  const opened = await openStoredFile(services, inquiryId, fileId);
  if (!opened) return null;
  writeTransaction(services.db, (tx) =>
    appendEvent(tx, {
      inquiryId,
      type: "download",
      actor: user.name,
      actorUserId: user.id,
      payload: { file: opened.file.originalName, fileId },
      createdAt: now,
    }),
  );
  return opened;
}

/** A file of the inquiry the buyer's status token opens; null when either is unknown. */
export async function openInquiryFile(services: Services, token: string, fileId: string): Promise<OpenedFile | null> {
  const inquiry = getInquiryByToken(services, token);
  return inquiry ? openStoredFile(services, inquiry.id, fileId) : null;
}

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
