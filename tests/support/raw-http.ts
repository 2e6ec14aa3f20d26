import http from "node:http";

export type RawAnswer = { status: number; headers: http.IncomingHttpHeaders; text: string };

/** One request with full control of headers and the client's own address (fetch allows neither). */
export function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; localAddress?: string } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: options.method ?? "POST", headers: options.headers, localAddress: options.localAddress, agent: false });
    request.on("response", (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
    });
    request.on("error", reject);
    request.end(options.body);
  });
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
