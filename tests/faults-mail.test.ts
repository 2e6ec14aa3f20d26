import crypto from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { hashPassword } from "../app/server/auth.server";
import { createDb, writeTransaction } from "../db/client";
import { insertUser } from "../db/queries/users";
import { freePort, startAppServer, type AppServer } from "./support/app-server";
import { fixture, intakeForm, post, validFields, type Upload } from "./support/intake-client";
import { recipient } from "./support/mailbox";
import { sphereStl } from "./support/sphere-stl";
import { startSmtpServer } from "./support/smtp";

const SECOND = 1000;
const PASSWORD = "correct horse battery staple";
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const stop of cleanup.splice(0).reverse()) await stop();
});

function databaseOf(app: AppServer): string {
  return path.join(app.dataDir, "mim-rfq.sqlite");
}

/** One query against the server's database, on a connection of its own, as an operator would run it. */
function query<T>(app: AppServer, sql: string, ...params: unknown[]): T[] {
  const db = new Database(databaseOf(app), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Polls `probe` until it returns a value; fails naming `what` after `timeoutMs`. */
async function waitUntil<T>(what: string, probe: () => T | undefined | false, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / SECOND} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function submitInquiry(app: AppServer, fields: Record<string, string>, uploads: Upload[] = [fixture("cube-10mm-binary.stl")]) {
  const response = await post(`${app.url}/rfq/new`, intakeForm(validFields(fields), uploads));
  expect(response.status, await response.clone().text()).toBe(302);
}

async function signInAsAdmin(app: AppServer): Promise<string> {
  const email = `admin.${crypto.randomUUID().slice(0, 8)}@factory.test`;
  const db = createDb(databaseOf(app), { migrate: false });
  const passwordHash = await hashPassword(PASSWORD);
  writeTransaction(db, (tx) => insertUser(tx, { id: crypto.randomUUID(), email, name: "Ada Admin", passwordHash, roles: ["admin"] }));
  db.$client.close();
  const response = await fetch(`${app.url}/login`, { method: "POST", body: new URLSearchParams({ email, password: PASSWORD }), redirect: "manual" });
  expect(response.status).toBe(302);
  return response.headers.get("set-cookie")!.split(";")[0]!;
}

type OutboxRow = { id: number; to: string; status: string; attempts: number; last_error: string | null };

describe("13. outbox", () => {
  it("keeps a 550-refused message as a dead letter, stays healthy, and shows it to the admin, whose Retry sends it", async () => {
    const buyer = `nobody.${crypto.randomUUID().slice(0, 8)}@example.com`;
    const smtp = await startSmtpServer({ bounce: [buyer] });
    cleanup.push(() => smtp.stop());
    const app = await startAppServer({ SMTP_URL: smtp.url, ENGINEERING_INBOX: "engineering@factory.test" });
    cleanup.push(() => app.stop());

    await submitInquiry(app, { email: buyer });
    const [engineering] = await smtp.waitFor(1, 30 * SECOND);
    expect(recipient(engineering!)).toBe("engineering@factory.test");
    const dead = await waitUntil(
      "the acknowledgement to the unknown address becomes a dead letter",
      () => query<OutboxRow>(app, "select * from outbox where \"to\" = ? and status = 'dead'", buyer)[0],
      30 * SECOND,
    );
    expect(dead.attempts).toBe(1);
    expect(dead.last_error).toContain("550");
    expect(smtp.messages).toHaveLength(1);

    const health = await fetch(`${app.url}/healthz`);
    expect(health.status, await health.clone().text()).toBe(200);

    const cookie = await signInAsAdmin(app);
    const page = await (await fetch(`${app.url}/admin/mail`, { headers: { Cookie: cookie } })).text();
    expect(page).toContain(buyer);
    expect(page).toContain("User unknown");
    expect(page).toMatch(/Inquiry RFQ-\d{4}-\d{5} received/);
    const csrf = page.match(/name="_csrf" value="([^"]+)"/)![1]!;
    expect(page).toContain(`name="id" value="${dead.id}"`);

    const retry = (body: Record<string, string>) =>
      fetch(`${app.url}/admin/mail`, { method: "POST", headers: { Cookie: cookie }, body: new URLSearchParams(body), redirect: "manual" });
    expect((await retry({ id: String(dead.id) })).status, "without the CSRF token").toBe(403);
    expect((await retry({ _csrf: csrf, id: "x" })).status).toBe(400);

    smtp.bounce.delete(buyer);
    const accepted = await retry({ _csrf: csrf, id: String(dead.id) });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("location")).toBe("/admin/mail?retried=1");
    const mails = await smtp.waitFor(2, 30 * SECOND);
    expect(recipient(mails[1]!)).toBe(buyer);
    await waitUntil("the retried message is marked sent", () => query<OutboxRow>(app, "select * from outbox where id = ? and status = 'sent'", dead.id)[0], 10 * SECOND);
    expect((await retry({ _csrf: csrf, id: String(dead.id) })).status, "a second Retry of the same message").toBe(409);
    expect(await (await fetch(`${app.url}/admin/mail`, { headers: { Cookie: cookie } })).text()).not.toContain(buyer);
  }, 120_000);

  it("delivers mail queued during an SMTP outage within 60 s of the server coming back", async () => {
    const port = await freePort();
    const app = await startAppServer({ SMTP_URL: `smtp://127.0.0.1:${port}?ignoreTLS=true`, ENGINEERING_INBOX: "engineering@factory.test" });
    cleanup.push(() => app.stop());
    await submitInquiry(app, {});

    // Three failed attempts: with the old doubling backoff the next one would be two minutes away.
    await waitUntil(
      "a queued message has failed three times",
      () => query<{ attempts: number }>(app, "select max(attempts) as attempts from outbox where status = 'pending'")[0]!.attempts >= 3,
      150 * SECOND,
    );
    expect(query<OutboxRow>(app, "select * from outbox where status = 'pending'")).toHaveLength(2);

    const smtp = await startSmtpServer({ port });
    cleanup.push(() => smtp.stop());
    const mails = await smtp.waitFor(2, 60 * SECOND);
    expect(mails.map(recipient)).toContain("engineering@factory.test");
    await waitUntil("both messages are marked sent", () => query<OutboxRow>(app, "select * from outbox where status = 'sent'").length === 2, 10 * SECOND);
  }, 240_000);
});

describe("15. shutdown", () => {
  it("hands an analysis interrupted by SIGTERM back without using an attempt, starts no second worker, and finishes it after the restart", async () => {
    const app = await startAppServer();
    cleanup.push(() => app.stop());
    await submitInquiry(app, {}, [{ name: "sphere.stl", content: sphereStl(40) }]);
    type Row = { status: string; attempts: number };
    const analysis = () => query<Row>(app, "select a.status, a.attempts from model_analyses a join files f on f.id = a.file_id where f.original_name = 'sphere.stl'")[0];
    await waitUntil("the analysis of the sphere is running", () => analysis()?.status === "running", 60 * SECOND);

    const signalled = Date.now();
    expect(await app.stop("SIGTERM")).toBe(0);
    expect(Date.now() - signalled, "the server exits promptly").toBeLessThan(15 * SECOND);
    expect(analysis()).toEqual({ status: "pending", attempts: 0 });
    const log = app.output();
    expect(log.match(/analysing file/g), log).toHaveLength(1);
    expect(log).toContain("interrupted by shutdown");
    expect(log).not.toContain("retrying once");

    const restarted = await startAppServer({}, { dataDir: app.dataDir });
    cleanup.push(() => restarted.stop());
    await waitUntil("the analysis finishes after the restart", () => analysis()?.status === "done", 180 * SECOND);
    expect(analysis()).toEqual({ status: "done", attempts: 1 });
    expect(restarted.output()).toMatch(/analysing file \S+ \(attempt 1\)/);
  }, 300_000);
});
