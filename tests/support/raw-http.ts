import crypto from "node:crypto";
import http from "node:http";

export type RawAnswer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/**
 * Posts bytes exactly as given (node:http, not fetch, so that malformed bodies and headers reach the
 * server untouched). Resolves with the server's answer, or rejects when the connection closes
 * without one ("Empty reply from server").
 */
export function rawPost(url: string, headers: Record<string, string>, body: Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: "POST", headers: { "Content-Length": String(body.length), ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }));
      response.on("error", reject);
    });
    // The server may answer (and stop reading) before the whole body is sent: that is an answer, not a failure.
    request.on("error", (error) => reject(new Error(`no answer from the server: ${error.message}`)));
    request.end(body);
  });
}

export type Part = { name: string; value: string | Buffer; filename?: string };

/** A multipart/form-data body built by hand, file names written as raw UTF-8 as browsers do. */
export function multipartBody(parts: Part[], boundary = `----mimrfq${crypto.randomUUID()}`): { body: Buffer; contentType: string } {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const filename = part.filename === undefined ? "" : `; filename="${part.filename}"`;
    const type = part.filename === undefined ? "" : "\r\nContent-Type: application/octet-stream";
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${filename}${type}\r\n\r\n`, "utf8"));
    chunks.push(typeof part.value === "string" ? Buffer.from(part.value, "utf8") : part.value, Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export function fieldParts(fields: Record<string, string>): Part[] {
  return Object.entries(fields).map(([name, value]) => ({ name, value }));
}
