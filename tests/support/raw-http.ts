import crypto from "node:crypto";
import http from "node:http";

export type RawAnswer = { status: number; headers: http.IncomingHttpHeaders; text: string };

/**
 * One request with full control of headers, body and the client's own address (fetch allows none
 * of these), so malformed bodies and headers reach the server untouched. Rejects when the
 * connection closes without an answer ("Empty reply from server").
 */
export function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; localAddress?: string } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: options.method ?? "POST",
      headers: options.headers,
      localAddress: options.localAddress,
      agent: false,
    });
    request.on("response", (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
    });
    request.on("error", (error) => reject(new Error(`no answer from the server: ${error.message}`)));
    request.end(options.body);
  });
}

/** Posts bytes exactly as given, with their Content-Length. */
export function rawPost(url: string, headers: Record<string, string>, body: Buffer): Promise<RawAnswer> {
  return send(url, { headers: { "Content-Length": String(body.length), ...headers }, body });
}

/**
 * Sends a body of `totalBytes` (declared in Content-Length, or chunked when `declare` is false)
 * and stops writing as soon as the server answers: a server that refuses early answers long
 * before the client is done.
 */
export function sendLargeBody(
  url: string,
  options: { totalBytes: number; declare: boolean; headers?: Record<string, string> },
): Promise<RawAnswer & { sentBytes: number }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.declare) headers["Content-Length"] = String(options.totalBytes);
    const request = http.request(url, { method: "POST", headers, agent: false });
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sentBytes = 0;
    let answered = false;
    request.on("response", (response) => {
      answered = true;
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (part: string) => (text += part));
      response.on("end", () => {
        request.destroy();
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text, sentBytes });
      });
    });
    // Writing into a connection the server has closed fails; the answer, if any, is what counts.
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sentBytes < options.totalBytes) {
        sentBytes += chunk.length;
        if (!request.write(chunk)) return void request.once("drain", pump);
      }
      if (!answered) request.end();
    };
    pump();
  });
}

export type Part = { name: string; value: string | Buffer; filename?: string };

/** A multipart/form-data body built by hand, file names written as raw UTF-8 as browsers do. */
export function multipartBody(
  parts: Part[],
  boundary = `----mimrfq${crypto.randomUUID()}`,
): { body: Buffer; contentType: string } {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const filename = part.filename === undefined ? "" : `; filename="${part.filename}"`;
    const type = part.filename === undefined ? "" : "\r\nContent-Type: application/octet-stream";
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${filename}${type}\r\n\r\n`,
        "utf8",
      ),
    );
    chunks.push(typeof part.value === "string" ? Buffer.from(part.value, "utf8") : part.value, Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export function fieldParts(fields: Record<string, string>): Part[] {
  return Object.entries(fields).map(([name, value]) => ({ name, value }));
}
