import crypto from "node:crypto";
import { Readable, Transform, type TransformCallback } from "node:stream";
import busboy from "busboy";
import type { Db } from "../../../db/client";
import {
  deleteFile,
  insertReceivingFile,
  listAbandonedFileIds,
  listUnattachedFiles,
  markFileStored,
  type StoredFile,
} from "../../../db/queries/files";
import type { Storage } from "../storage/storage.server";
import { checkContent, displayName, formatForName, SNIFF_BYTES, type FileFormat } from "./file-check";
import { formatBytes } from "~/utils/format";
import { DEFAULT_LANGUAGE, type Language } from "~/i18n/languages";
import { translate, type Message } from "~/i18n/message";
import { translatorFor } from "../i18n/i18n.server";

export type UploadLimits = { maxFileBytes: number; maxFiles: number; maxRequestBytes: number };

/** A file refused, and why: a message in the intake namespace, worded where it is shown. */
export type RejectedFile = { name: string; reason: Message };

export type ReceivedForm = {
  fields: Record<string, string | string[]>;
  /** Files stored by this request, checked by content; not yet attached to an inquiry. */
  stored: StoredFile[];
  rejected: RejectedFile[];
};

/**
 * The request is not a form we can read at all (as opposed to a form with bad values). `reason` is
 * worded where it is shown, in that page's language (a parser's own words stay as its detail, for
 * the scripts that cause these); `message` is its English, for staff pages and logs.
 */
export class UploadError extends Error {
  constructor(
    readonly reason: Message,
    readonly status: number,
  ) {
    super(translate(translatorFor("en"), reason));
    this.name = "UploadError";
  }
}

/**
 * Storage refused a write (disk full or unwritable, S3 unreachable): the buyer did nothing wrong.
 * Carries the fields read so far, so the form can be shown again with what was typed.
 */
export class StorageUnavailableError extends UploadError {
  constructor(
    readonly fields: ReceivedForm["fields"],
    override readonly cause: unknown,
  ) {
    super({ key: "intake:refusals.storageDown" }, 503);
    this.name = "StorageUnavailableError";
  }
}

class FileTooLargeError extends Error {}

const CUT_OFF: Message = { key: "intake:refusals.cutOff" };

/** The ZIP central directory (every entry's name) sits at the end of a file: enough of it for a 3MF package. */
const TAIL_BYTES = 64 * 1024;

/** Counts, hashes and keeps the first bytes of a file as it streams past: one pass, no buffering. */
class FileInspector extends Transform {
  readonly hash = crypto.createHash("sha256");
  size = 0;
  private headChunks: Buffer[] = [];
  private headLength = 0;

  /** The last chunks, holding at least TAIL_BYTES when the file is that long; copied only when asked for. */
  private tailChunks: Buffer[] = [];
  private tailLength = 0;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    this.hash.update(chunk);
    this.size += chunk.length;
    if (this.headLength < SNIFF_BYTES) {
      this.headChunks.push(chunk.subarray(0, SNIFF_BYTES - this.headLength));
      this.headLength += Math.min(chunk.length, SNIFF_BYTES - this.headLength);
    }
    this.tailChunks.push(chunk);
    this.tailLength += chunk.length;
    while (this.tailLength - this.tailChunks[0]!.length >= TAIL_BYTES)
      this.tailLength -= this.tailChunks.shift()!.length;
    done(null, chunk);
  }

  head(): Uint8Array {
    return Buffer.concat(this.headChunks);
  }

  tail(): Uint8Array {
    const tail = Buffer.concat(this.tailChunks);
    return tail.subarray(Math.max(0, tail.length - TAIL_BYTES));
  }
}

function storageKey(id: string, now: Date): string {
  const month = String(now.getUTCMonth() + 1).padStart(2, "0");
  return `uploads/${now.getUTCFullYear()}/${month}/${id}`;
}

function appendField(fields: ReceivedForm["fields"], name: string, value: string) {
  const existing = fields[name];
  if (existing === undefined) fields[name] = value;
  else fields[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
}

/** Narrows what a form takes: its own file field, and only some of the accepted formats. */
export type FileFieldOptions = {
  /** The form field whose files are stored (others are read and dropped); "files" unless given. */
  fileField?: string;
  /** The formats this form takes, and the reason given for any other. */
  only?: { formats: readonly FileFormat[]; reason: Message };
  /** The language the reasons' file sizes are written in (the page's); English unless given. */
  language?: Language;
};

/**
 * Reads a multipart form, streaming every file in the file field ("files") straight to storage.
 * A file is recorded ("receiving") before its first byte is written, checked by extension,
 * size and content as it streams, and kept only when all checks pass; the request as a whole
 * either completes or leaves nothing behind.
 */
export async function receiveMultipartForm(
  request: Request,
  deps: { db: Db; storage: Storage; limits: UploadLimits },
  options: { storeFiles: boolean; now?: () => Date } & FileFieldOptions,
): Promise<ReceivedForm> {
  const { db, storage, limits } = deps;
  const now = options.now ?? (() => new Date());
  const size = (bytes: number) => formatBytes(bytes, options.language ?? DEFAULT_LANGUAGE);
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data") || !request.body) {
    throw new UploadError({ key: "intake:refusals.notMultipart" }, 415);
  }
  const declaredLength = Number(request.headers.get("content-length") ?? "0");
  if (declaredLength > limits.maxRequestBytes) {
    const values = { size: size(declaredLength), limit: size(limits.maxRequestBytes) };
    throw new UploadError({ key: "intake:refusals.requestTooLarge", values }, 413);
  }

  const result: ReceivedForm = { fields: {}, stored: [], rejected: [] };
  const pending: Promise<void>[] = [];
  const createdIds: string[] = [];
  let requestBytes = 0;
  let fileCount = 0;
  // Set from the file handlers; an object, so that TypeScript does not narrow it to its initial null.
  const failure: { storage: { cause: unknown } | null } = { storage: null };
  let bodyFailed = false;

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      // Browsers send file names as UTF-8; busboy's default (latin1) would turn them into mojibake for good.
      defParamCharset: "utf8",
      limits: {
        fileSize: limits.maxFileBytes,
        files: limits.maxFiles + 1,
        fields: 200,
        fieldSize: 64 * 1024,
      },
    });
  } catch (error) {
    throw new UploadError({ key: "intake:refusals.formUnreadable", values: { detail: (error as Error).message } }, 400);
  }

  const storeFile = async (file: Readable, fileName: string) => {
    const name = displayName(fileName);
    const allowed = formatForName(fileName);
    if (failure.storage) {
      // Storage already refused a file of this request: read on for the typed answers only.
      file.resume();
      return;
    }
    if (options.only && !(allowed && options.only.formats.includes(allowed.format))) {
      file.resume();
      result.rejected.push({ name, reason: options.only.reason });
      return;
    }
    if (!allowed) {
      file.resume();
      result.rejected.push({
        name,
        reason: { key: "intake:rejected.type" },
      });
      return;
    }
    fileCount += 1;
    if (fileCount > limits.maxFiles) {
      file.resume();
      result.rejected.push({
        name,
        reason: { key: "intake:rejected.tooMany", values: { max: limits.maxFiles } },
      });
      return;
    }
    const id = crypto.randomUUID();
    const key = storageKey(id, now());
    insertReceivingFile(db, { id, originalName: name, storedKey: key, uploadedAt: now() });
    createdIds.push(id);

    const inspector = new FileInspector();
    // The storage write listens for errors only once it has started (after a mkdir, say); until
    // then a cut-off request must not become an uncaught error. put() still sees the errored stream.
    inspector.on("error", () => undefined);
    let sourceFailed = false;
    // pipe() does not forward errors: a request cut off mid-file must fail the storage write too.
    file.on("error", (error) => {
      sourceFailed = true;
      inspector.destroy(error);
    });
    file.on("limit", () => {
      file.unpipe(inspector);
      file.resume();
      inspector.destroy(new FileTooLargeError());
    });
    file.pipe(inspector);
    try {
      await storage.put(key, inspector);
    } catch (error) {
      deleteFile(db, id);
      if (error instanceof FileTooLargeError) {
        result.rejected.push({
          name,
          reason: { key: "intake:rejected.tooLarge", values: { limit: size(limits.maxFileBytes) } },
        });
        return;
      }
      if (sourceFailed || bodyFailed) throw error;
      failure.storage = { cause: error };
      file.unpipe(inspector);
      file.resume();
      return;
    }
    requestBytes += inspector.size;
    const content = checkContent(allowed.format, inspector.head(), inspector.size, inspector.tail());
    const overRequestLimit = requestBytes > limits.maxRequestBytes;
    if (!content.ok || overRequestLimit) {
      await storage.delete(key);
      deleteFile(db, id);
      result.rejected.push({
        name,
        reason: content.ok
          ? { key: "intake:rejected.totalTooLarge", values: { limit: size(limits.maxRequestBytes) } }
          : content.reason,
      });
      return;
    }
    const stored = markFileStored(db, id, {
      size: inspector.size,
      sha256: inspector.hash.digest("hex"),
      kind: allowed.kind,
      format: allowed.format,
    });
    result.stored.push(stored);
  };

  const finished = new Promise<void>((resolve, reject) => {
    parser.on("field", (name, value, info) => {
      if (info.valueTruncated) {
        reject(new UploadError({ key: "intake:refusals.fieldTooLong", values: { name } }, 413));
        return;
      }
      appendField(result.fields, name, value);
    });
    parser.on("file", (fieldName, file, info) => {
      // A cut-off request errors every open file stream; the request's own error handling reports it.
      file.on("error", () => undefined);
      if (fieldName !== (options.fileField ?? "files") || !info.filename || !options.storeFiles) {
        file.resume();
        return;
      }
      const work = storeFile(file, info.filename);
      pending.push(work);
      work.catch(reject);
    });
    parser.on("error", (error) =>
      reject(
        bodyFailed
          ? error
          : new UploadError({ key: "intake:refusals.malformed", values: { detail: (error as Error).message } }, 400),
      ),
    );
    parser.on("close", resolve);
  });

  const body = Readable.fromWeb(request.body as import("node:stream/web").ReadableStream<Uint8Array>);
  const onAbort = () => body.destroy(new UploadError(CUT_OFF, 400));
  request.signal.addEventListener("abort", onAbort, { once: true });
  body.on("error", (error) => {
    bodyFailed = true;
    parser.destroy(error);
  });
  body.pipe(parser);

  try {
    await finished;
    await Promise.all(pending);
    if (failure.storage) throw new StorageUnavailableError(result.fields, failure.storage.cause);
    return result;
  } catch (error) {
    body.unpipe(parser);
    // Ends the file being read, so its storage write fails and removes what it wrote.
    parser.destroy(new Error("The request was refused."));
    drain(body, limits.maxRequestBytes);
    await Promise.allSettled(pending);
    // Storage may be what failed: what cannot be deleted now is left to the sweep (uploads.server's
    // sweepAbandonedFiles), which removes unattached files of finished requests within the hour.
    await discardFiles(db, storage, createdIds).catch(() => undefined);
    throw error instanceof UploadError ? error : new UploadError(CUT_OFF, 400);
  } finally {
    request.signal.removeEventListener("abort", onAbort);
  }
}

/**
 * Reads and drops the rest of a refused request, so that the refusal reaches the client:
 * destroying the body would close the socket before the answer is written. Past `maxBytes` the
 * sender is not a browser finishing a form, and the connection is closed.
 */
function drain(body: Readable, maxBytes: number): void {
  let drained = 0;
  body.on("error", () => undefined);
  body.on("data", (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > maxBytes) body.destroy();
  });
  body.resume();
}

/** Deletes files (objects first, then rows) that will never belong to an inquiry. */
export async function discardFiles(db: Db, storage: Storage, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  for (const row of listUnattachedFiles(db, ids)) {
    await storage.delete(row.storedKey);
    deleteFile(db, row.id);
  }
}

/**
 * Removes what no inquiry will claim: files of requests that ended before `receivingBefore`
 * without attaching them (the server stopped mid-upload), draft files the buyer never sent again, and the temporary files of
 * writes that never finished. Runs in the background worker.
 */
export async function sweepAbandonedFiles(
  db: Db,
  storage: Storage,
  options: { now: Date; receivingBefore: Date; draftAfterMs: number },
): Promise<{ files: number; temporary: number }> {
  const ids = listAbandonedFileIds(db, options.receivingBefore, new Date(options.now.getTime() - options.draftAfterMs));
  await discardFiles(db, storage, ids);
  // After the rows: a write that finishes meanwhile is renamed or completed, never half-swept.
  const temporary = await storage.sweepTemporary(options.receivingBefore);
  return { files: ids.length, temporary };
}
