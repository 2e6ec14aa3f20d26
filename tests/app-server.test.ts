import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { redactedPath } from "../app/server/server-errors.server";
import { startAppServer, takeServerErrors, type AppServer } from "./support/app-server";

/** A server whose inquiries table is gone: any page that reads it fails with a real 500. */
async function brokenServer(): Promise<AppServer> {
  const app = await startAppServer();
  const db = new Database(path.join(app.dataDir, "mim-rfq.sqlite"));
  db.exec("drop table inquiries");
  db.close();
  return app;
}

const SECRET = "s".repeat(43);

describe("the test harness's app server", () => {
  let app: AppServer | undefined;
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  it("reports a request that ended in a 500, naming the route without the link's secret", async () => {
    app = await brokenServer();
    const response = await fetch(`${app.url}/status/${SECRET}`);
    expect(response.status).toBe(500);
    // The root loader failed too: the page still speaks words, not message keys or internals.
    const page = await response.text();
    expect(page).toContain("<h1>Something went wrong</h1>");
    expect(page).not.toMatch(/error\.unexpected|header\.tagline|no such table/);

    const [report, ...more] = takeServerErrors();
    expect(more).toEqual([]);
    expect(report).toContain("[mim-rfq] SERVER ERROR GET /status/<token>: ");
    expect(report).toContain("no such table: inquiries");
    expect(report).not.toContain(SECRET);
    expect(takeServerErrors()).toEqual([]);
  });

  it("does not count a refused request or an unknown page as a server error", async () => {
    app = await startAppServer();
    expect((await fetch(`${app.url}/status/${SECRET}`)).status).toBe(404);
    expect((await fetch(`${app.url}/no-such-page`)).status).toBe(404);
    expect((await fetch(`${app.url}/review`, { redirect: "manual" })).status).toBe(302);
    expect(takeServerErrors()).toEqual([]);
  });

  it("fails at stop on an error logged after the last check", async () => {
    const broken = await brokenServer();
    expect((await fetch(`${broken.url}/status/${SECRET}`)).status).toBe(500);
    await expect(broken.stop()).rejects.toThrow(
      /the server logged an error after the last test's check:[^]*no such table: inquiries/,
    );
    expect(takeServerErrors()).toEqual([]);
  });
});

describe("redactedPath", () => {
  it.each([
    ["http://x/status/abc_-9/files/f1?view", "/status/<token>/files/f1"],
    ["http://x/set-password/abc", "/set-password/<token>"],
    ["http://x/review/123?tab=files", "/review/123"],
    ["http://x/rfq/new?_data=routes%2Frfq.new", "/rfq/new"],
  ])("%s logs as %s", (url, logged) => {
    expect(redactedPath(url)).toBe(logged);
  });
});
