import http from "node:http";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "./support/app-server";
import { sendInquiry } from "./support/inquiry";
import { fixture } from "./support/intake-client";

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** A GET whose body arrives as sent, still encoded (fetch would decode it and hide the bytes). */
function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers, agent: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on("error", reject);
  });
}

const GZIP = { "Accept-Encoding": "gzip" };

describe("compressed responses on the real server", () => {
  let app: AppServer;
  beforeAll(async () => {
    app = await startAppServer();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("sends the page and its hashed scripts gzipped to a browser that accepts it, scripts cached for good", async () => {
    const page = await get(`${app.url}/rfq/new`, GZIP);
    expect(page.status).toBe(200);
    expect(page.headers["content-encoding"]).toBe("gzip");
    expect(page.headers.vary).toMatch(/Accept-Encoding/i);
    const html = zlib.gunzipSync(page.body).toString("utf8");
    expect(html).toContain("Send a part for MIM review");
    expect(page.body.length).toBeLessThan(html.length / 2);
    expect(page.headers["cache-control"] ?? "").not.toContain("immutable");

    // The largest script the page loads (React and Remix); the smallest are under the 1 KB that is worth it.
    const scripts = [...new Set(html.match(/\/build\/[\w/.-]+\.js/g))];
    const sizes = await Promise.all(scripts.map(async (src) => (await get(`${app.url}${src}`)).body.length));
    const script = scripts[sizes.indexOf(Math.max(...sizes))]!;
    expect(Math.max(...sizes)).toBeGreaterThan(100_000);
    const asset = await get(`${app.url}${script}`, GZIP);
    expect(asset.status).toBe(200);
    expect(asset.headers["content-encoding"]).toBe("gzip");
    expect(asset.headers["content-type"]).toMatch(/javascript/);
    expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable");

    const plain = await get(`${app.url}${script}`);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(Number(plain.headers["content-length"])).toBe(plain.body.length);
    expect(zlib.gunzipSync(asset.body).equals(plain.body)).toBe(true);
  });

  it("sends the status page compressed and a buyer's file exactly as stored, with its length", async () => {
    const stl = fixture("cube-10mm-ascii.stl");
    const { statusLink: link } = await sendInquiry(app, { files: [stl] });

    const status = await get(link, GZIP);
    expect(status.status).toBe(200);
    expect(status.headers["content-encoding"]).toBe("gzip");
    const html = zlib.gunzipSync(status.body).toString("utf8");
    const fileId = html.match(/\/files\/([0-9a-f-]{36})/)?.[1];
    expect(fileId).toBeDefined();

    // ASCII STL is text that would shrink well: it must still arrive untouched.
    const download = await get(`${link}/files/${fileId}`, { "Accept-Encoding": "gzip, deflate, br" });
    expect(download.status).toBe(200);
    expect(download.headers["content-encoding"]).toBeUndefined();
    expect(download.headers["content-length"]).toBe(String(stl.content.length));
    expect(download.headers["content-disposition"]).toMatch(/^attachment;/);
    expect(download.body.equals(stl.content)).toBe(true);
  });
});
