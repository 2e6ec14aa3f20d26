import type { Server } from "node:http";
import type { Request, RequestHandler, Response } from "express";
import type { Config } from "./config.server";
import { formatBytes } from "~/utils/format";

/**
 * The routes that take files. Their bodies stream through busboy straight to storage under the
 * upload limits (MAX_FILE_MB, MAX_REQUEST_MB) and the long upload time limit; every other body is
 * a small form, read here in full (so never more than MAX_FORM_KB) before the app sees it.
 */
const UPLOAD_PATHS = [
  /^\/rfq\/new\/?$/,
  /^\/status\/[^/]+\/?$/,
  /^\/review\/[^/]+\/nda\/?$/,
  /^\/admin\/factory\/logo\/?$/,
];

const FORM_TYPE = "application/x-www-form-urlencoded";

type Limits = Pick<Config["limits"], "maxFormBytes" | "formTimeoutMs" | "uploadTimeoutMs">;

function takesUploads(path: string): boolean {
  return UPLOAD_PATHS.some((pattern) => pattern.test(path));
}

function mediaType(header: string | undefined): string {
  return (header ?? "").split(";")[0]!.trim().toLowerCase();
}

/** Answers with a message and closes the connection (node ends it once the answer is out). */
function refuseAndClose(res: Response, status: number, message: string): void {
  res.status(status).set({ Connection: "close", "Cache-Control": "no-store" }).type("text/plain").send(message);
}

/**
 * Answers while the client may still be sending: the rest of the body is read and dropped (never
 * kept) for at most `lingerMs`, then the connection is cut. Closing at once would make the
 * client's next write fail, and most clients then lose the answer with it.
 */
function refuseWhileSending(req: Request, res: Response, status: number, message: string, lingerMs: number): void {
  const cut = setTimeout(() => req.socket.destroy(), lingerMs);
  req.once("end", () => clearTimeout(cut)).once("close", () => clearTimeout(cut));
  req.resume();
  // Even when the client asked to close: node would close as soon as the answer is out.
  res.shouldKeepAlive = true;
  res.status(status).set({ "Cache-Control": "no-store" }).type("text/plain").send(message);
}

/**
 * Reads the body of every request that is not an upload, up to `maxFormBytes` and within
 * `formTimeoutMs`, and hands it to the app as `res.locals.formBody`; refuses files (415), other
 * body types (415), bodies over the limit (413, declared or not) and slow senders (408) before the
 * app runs.
 */
export function createFormBodyLimit(limits: Limits): RequestHandler {
  const tooLarge = `This form is limited to ${formatBytes(limits.maxFormBytes)}, and more was sent. Shorten what you typed; files can only be sent with the inquiry form or from your status page.`;
  return (req, res, next) => {
    const declared = req.headers["content-length"];
    const hasBody = req.headers["transfer-encoding"] !== undefined || (declared !== undefined && declared !== "0");
    if (!hasBody || takesUploads(req.path)) return next();

    const type = mediaType(req.headers["content-type"]);
    const refuse = (status: number, message: string) =>
      refuseWhileSending(req, res, status, message, limits.formTimeoutMs);
    if (type === "multipart/form-data") {
      return refuse(
        415,
        "This form takes no files. Files can only be sent with the inquiry form or from your status page.",
      );
    }
    if (type !== FORM_TYPE) {
      return refuse(
        415,
        `This address takes HTML form posts (${FORM_TYPE}), not ${type || "a body without a content type"}.`,
      );
    }
    if (Number(declared) > limits.maxFormBytes) return refuse(413, tooLarge);

    const chunks: Buffer[] = [];
    let length = 0;
    const stop = () => {
      clearTimeout(timer);
      req.off("data", onData).off("end", onEnd).off("error", onError);
    };
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length <= limits.maxFormBytes) return void chunks.push(chunk);
      stop();
      chunks.length = 0;
      refuse(413, tooLarge);
    };
    const onEnd = () => {
      stop();
      res.locals.formBody = Buffer.concat(chunks);
      next();
    };
    // A client that went away has nobody to answer; the socket is already closed.
    const onError = () => stop();
    const timer = setTimeout(() => {
      stop();
      refuseAndClose(
        res,
        408,
        `The form did not arrive within ${Math.round(limits.formTimeoutMs / 1000)} seconds. Please send it again.`,
      );
    }, limits.formTimeoutMs);
    req.on("data", onData).on("end", onEnd).on("error", onError);
  };
}

/**
 * Node's own limits for every connection: the whole request (an upload over a slow link is the
 * longest legitimate one) and, much shorter, its headers.
 */
export function applyServerTimeouts(server: Server, limits: Limits): void {
  server.requestTimeout = limits.uploadTimeoutMs;
  server.headersTimeout = 20 * 1000;
}
