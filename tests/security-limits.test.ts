import http from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../app/server/config.server";
import { startAppServer, type AppServer } from "./support/app-server";
import { startForwardingProxy, type ForwardingProxy } from "./support/forwarding-proxy";
import { fixture, intakeForm, post, validFields, type Upload } from "./support/intake-client";
import { recipient, statusLinkIn, waitForMailbox } from "./support/mailbox";
import { send, sendLargeBody } from "./support/raw-http";
import { createStaffUser, sessionCookie, signIn, STAFF_PASSWORD } from "./support/staff";

const FORM = { "Content-Type": "application/x-www-form-urlencoded" };
const NO_SUCH = "00000000-0000-0000-0000-000000000000";
const SPENT_TOKEN = "x".repeat(43);
const MB = 1024 * 1024;

function count(app: AppServer, sql: string, ...params: unknown[]): number {
  const db = new Database(path.join(app.dataDir, "mim-rfq.sqlite"), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(sql).get(...params) as { n: number }).n;
  } finally {
    db.close();
  }
}

async function waitFor(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function wrongSignIn(base: string, options: { forwardedFor?: string; localAddress?: string } = {}) {
  const headers: Record<string, string> = { ...FORM };
  if (options.forwardedFor) headers["X-Forwarded-For"] = options.forwardedFor;
  return send(`${base}/login`, { headers, body: "email=nobody%40factory.test&password=guess", localAddress: options.localAddress });
}

/** An inquiry and its status link, as a buyer gets it by e-mail. */
async function inquiryLink(app: AppServer): Promise<string> {
  const fields = validFields();
  expect((await post(`${app.url}/rfq/new`, intakeForm(fields, [fixture("cube-10mm.igs")]))).status).toBe(302);
  const [mail] = await waitForMailbox(path.join(app.dataDir, "mail"), (m) => recipient(m) === fields.email);
  return statusLinkIn(mail!);
}

async function stopAll(...parts: ({ stop(): Promise<unknown> } | { close(): Promise<void> } | undefined)[]) {
  for (const part of parts) await (part && ("stop" in part ? part.stop() : part.close()));
}

describe("2. proxy hops", () => {
  it.each([
    ["false", false],
    ["", false],
    ["0", false],
    ["true", 1],
    ["1", 1],
    ["2", 2],
    ["10.0.0.5, 10.0.0.0/8", ["10.0.0.5", "10.0.0.0/8"]],
    ["::1,fd00::/8", ["::1", "fd00::/8"]],
  ])("reads TRUST_PROXY=%j", (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it.each(["yes", "10.0.0.300", "10.0.0.0/33", "-1"])("refuses TRUST_PROXY=%j and names the variable", (value) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY: .*not a number of proxies or a proxy address/);
  });

  describe.each([
    ["1", "one proxy"],
    ["true", "one proxy (the legacy value)"],
    ["127.0.0.1", "the proxy's address"],
  ])("TRUST_PROXY=%s (%s) behind a forwarding proxy", (trustProxy) => {
    let app: AppServer;
    let proxy: ForwardingProxy;
    beforeAll(async () => {
      app = await startAppServer({ TRUST_PROXY: trustProxy, LOGIN_RATE_LIMIT: "3" });
      proxy = await startForwardingProxy(app.url);
    });
    afterAll(() => stopAll(proxy, app));

    it("counts the address the proxy saw, however the client rotates X-Forwarded-For", async () => {
      const statuses: number[] = [];
      for (let i = 1; i <= 6; i++) {
        statuses.push((await wrongSignIn(proxy.url, { forwardedFor: `198.51.100.${i}`, localAddress: "127.0.0.2" })).status);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
      // Another client behind the same proxy has an allowance of its own: the proxy is not the client.
      const other = await wrongSignIn(proxy.url, { forwardedFor: "198.51.100.1", localAddress: "127.0.0.3" });
      expect(other.status).toBe(401);
    });
  });

  describe("TRUST_PROXY unset (no proxy)", () => {
    let app: AppServer;
    beforeAll(async () => {
      app = await startAppServer({ LOGIN_RATE_LIMIT: "3" });
    });
    afterAll(() => stopAll(app));

    it("ignores X-Forwarded-For from the client", async () => {
      const statuses: number[] = [];
      for (let i = 1; i <= 5; i++) statuses.push((await wrongSignIn(app.url, { forwardedFor: `198.51.100.${i}` })).status);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    });
  });
});

describe("3. body limits", () => {
  let app: AppServer;
  let adminCookie: string;
  beforeAll(async () => {
    app = await startAppServer({ FORM_TIMEOUT_SECONDS: "2" });
    adminCookie = await sessionCookie(app, await createStaffUser(app.dataDir, ["admin"]));
  });
  afterAll(() => stopAll(app));

  const formRoutes = ["/login", "/logout", `/set-password/${SPENT_TOKEN}`, `/review/${NO_SUCH}`, "/admin/users", "/admin/settings"];

  it.each(formRoutes)("answers a declared 300 MB body to %s with 413 before reading it, and keeps answering", async (route) => {
    const answer = await sendLargeBody(`${app.url}${route}`, { totalBytes: 300 * MB, declare: true, headers: { ...FORM, Cookie: adminCookie } });
    expect(answer.status).toBe(413);
    expect(answer.text).toContain("This form is limited to 64.0 KB");
    expect(answer.sentBytes).toBeLessThan(100 * MB);
    expect((await fetch(`${app.url}/login`)).status).toBe(200);
  });

  it.each(["/login", `/review/${NO_SUCH}`])("answers a chunked body to %s that grows past the limit with 413", async (route) => {
    const answer = await sendLargeBody(`${app.url}${route}`, { totalBytes: 300 * MB, declare: false, headers: { ...FORM, Cookie: adminCookie } });
    expect(answer.status).toBe(413);
    expect(answer.text).toContain("This form is limited to 64.0 KB");
    expect(answer.sentBytes).toBeLessThan(100 * MB);
    expect((await fetch(`${app.url}/login`)).status).toBe(200);
  });

  it("refuses a file sent to a form that takes none", async () => {
    const form = intakeForm({ email: "a@b.test", password: "x" }, [fixture("cube-10mm.igs")]);
    const response = await fetch(`${app.url}/login`, { method: "POST", body: form });
    expect(response.status).toBe(415);
    expect(await response.text()).toContain("This form takes no files");
  });

  it("still takes files far over the form limit on the intake form and the status page", async () => {
    const fields = validFields();
    const model = fixture("nist_ftc_06_asme1_rd.stp");
    expect(model.content.length).toBeGreaterThan(128 * 1024);
    expect((await post(`${app.url}/rfq/new`, intakeForm(fields, [model]))).status).toBe(302);
    const [mail] = await waitForMailbox(path.join(app.dataDir, "mail"), (m) => recipient(m) === fields.email);
    const link = statusLinkIn(mail!);
    const added = await post(link, intakeForm({ intent: "files" }, [fixture("nist_ftc_06_asme1_rd.pdf")]));
    expect(added.status).toBe(302);
    expect(await (await fetch(link)).text()).toContain("nist_ftc_06_asme1_rd.pdf");
  });

  it("gives a form that trickles in 408 after the form time limit, while an upload keeps its long limit", async () => {
    const upload = startSlowUpload(`${app.url}/rfq/new`, fixture("nist_ftc_06_asme1_rd.stp"));
    await waitFor("the upload's file row", () => count(app, "select count(*) as n from files where status = 'receiving'") === 1);

    const slowForm = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = http.request(`${app.url}/login`, { method: "POST", headers: { ...FORM, "Content-Length": "200" }, agent: false });
      request.on("response", (response) => {
        let text = "";
        response.on("data", (chunk) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
      });
      request.on("error", reject);
      request.write("email=a%40b.test&pass");
    });
    expect(slowForm.status).toBe(408);
    expect(slowForm.text).toContain("did not arrive within 2 seconds");

    // The upload began before the form and has been open longer than the form limit: it still completes.
    expect(upload.closedEarly()).toBe(false);
    const uploaded = await upload.finish();
    expect(uploaded.status).toBe(302);
  });
});

/** A multipart intake upload that sends its fields and half its file, then waits to be finished. */
function startSlowUpload(url: string, file: Upload) {
  const boundary = "----slow-upload";
  const head = Buffer.from(
    Object.entries(validFields())
      .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
      .join("") +
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const half = Math.floor(file.content.length / 2);
  const request = http.request(url, {
    method: "POST",
    agent: false,
    headers: { "Content-Type": `multipart/form-data; boundary=${boundary}`, "Content-Length": String(head.length + file.content.length + tail.length) },
  });
  let closed = false;
  request.on("close", () => (closed = true));
  const answer = new Promise<{ status: number }>((resolve, reject) => {
    request.on("response", (response) => {
      response.resume();
      response.on("end", () => resolve({ status: response.statusCode ?? 0 }));
    });
    request.on("error", reject);
  });
  request.write(Buffer.concat([head, file.content.subarray(0, half)]));
  return {
    closedEarly: () => closed,
    finish: () => {
      request.end(Buffer.concat([file.content.subarray(half), tail]));
      return answer;
    },
  };
}

describe("4. rate limits", () => {
  describe("sign-in", () => {
    let app: AppServer;
    let email: string;
    beforeAll(async () => {
      app = await startAppServer({ LOGIN_RATE_LIMIT: "10" });
      email = await createStaffUser(app.dataDir, ["engineer"]);
    });
    afterAll(() => stopAll(app));

    it("checks at most the limit's number of 200 concurrent wrong passwords", async () => {
      const answers = await Promise.all(Array.from({ length: 200 }, () => signIn(app, email, "a wrong guess")));
      const statuses = answers.map((a) => a.status);
      const checked = statuses.filter((s) => s !== 429);
      expect(checked.length).toBeGreaterThan(0);
      expect(checked.length).toBeLessThanOrEqual(10);
      expect(new Set(checked)).toEqual(new Set([401]));
      const limited = await signIn(app, email);
      expect(limited.status).toBe(429);
      expect(await limited.text()).toContain("Too many sign-in attempts");
    });
  });

  describe("successful sign-ins", () => {
    let app: AppServer;
    let email: string;
    beforeAll(async () => {
      app = await startAppServer({ LOGIN_RATE_LIMIT: "2" });
      email = await createStaffUser(app.dataDir, ["sales"]);
    });
    afterAll(() => stopAll(app));

    it("do not count toward the limit; failures do", async () => {
      for (let i = 0; i < 4; i++) expect((await signIn(app, email, STAFF_PASSWORD)).status).toBe(302);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await signIn(app, email, "wrong")).status);
      expect(statuses).toEqual([401, 401, 429]);
    });
  });

  describe("acknowledgements per recipient address", () => {
    let app: AppServer;
    beforeAll(async () => {
      app = await startAppServer({ MAILS_PER_ADDRESS_PER_HOUR: "2", INTAKE_RATE_LIMIT: "50" });
    });
    afterAll(() => stopAll(app));

    it("refuses a third inquiry to one address within the hour with 429, keeping the answers and files", async () => {
      const email = `target.${Date.now()}@example.com`;
      expect((await post(`${app.url}/rfq/new`, intakeForm(validFields({ email }), [fixture("cube-10mm.igs")]))).status).toBe(302);
      // The same inbox in other letters is the same recipient.
      expect((await post(`${app.url}/rfq/new`, intakeForm(validFields({ email: email.toUpperCase() }), [fixture("cube-10mm.igs")]))).status).toBe(302);
      const fields = validFields({ email });
      const refused = await post(`${app.url}/rfq/new`, intakeForm(fields, [fixture("plate.dxf")]));
      const html = await refused.text();
      expect(refused.status).toBe(429);
      expect(html).toContain(`We have already sent several confirmation e-mails to ${email} in the last hour`);
      expect(html).toContain(`value="${fields.company}"`);
      expect(html).toContain("plate.dxf");
      expect(html).toMatch(/name="keptFile"[^>]*value="[0-9a-f-]{36}"/);
      expect(count(app, "select count(*) as n from inquiries where lower(email) = ?", email)).toBe(2);
      expect(count(app, "select count(*) as n from outbox where lower(\"to\") = ?", email)).toBe(2);
      // Another address from the same network is still acknowledged.
      expect((await post(`${app.url}/rfq/new`, intakeForm(validFields(), [fixture("cube-10mm.igs")]))).status).toBe(302);
    });
  });

  describe("acknowledgements per client address", () => {
    let app: AppServer;
    beforeAll(async () => {
      app = await startAppServer({ MAILS_PER_IP_PER_HOUR: "2", INTAKE_RATE_LIMIT: "50" });
    });
    afterAll(() => stopAll(app));

    it("refuses the third acknowledgement for one network within the hour with 429, keeping the answers", async () => {
      for (let i = 0; i < 2; i++) {
        expect((await post(`${app.url}/rfq/new`, intakeForm(validFields(), [fixture("cube-10mm.igs")]))).status).toBe(302);
      }
      const fields = validFields();
      const refused = await post(`${app.url}/rfq/new`, intakeForm(fields, [fixture("cube-10mm.igs")]));
      const html = await refused.text();
      expect(refused.status).toBe(429);
      expect(html).toContain("Too many confirmation e-mails were sent for your network in the last hour");
      expect(html).toContain(`value="${fields.email}"`);
      expect(count(app, "select count(*) as n from inquiries")).toBe(2);
    });
  });
});

describe("14. malformed form posts", () => {
  let app: AppServer;
  let adminCookie: string;
  let statusLink: string;
  beforeAll(async () => {
    app = await startAppServer();
    adminCookie = await sessionCookie(app, await createStaffUser(app.dataDir, ["admin"]));
    statusLink = await inquiryLink(app);
  });
  afterAll(() => stopAll(app));

  const NOT_A_FORM = "This address takes HTML form posts (application/x-www-form-urlencoded)";
  const NOT_MULTIPART = "Send the form as multipart/form-data";
  const CSRF = "This form has expired or did not come from this site";
  // [route, what an empty form gets]
  const routes: [string, number, string][] = [
    ["/login", 400, "Enter your e-mail address."],
    ["/logout", 403, CSRF],
    [`/set-password/${SPENT_TOKEN}`, 400, "This link no longer works"],
    [`/review/${NO_SUCH}`, 403, CSRF],
    ["/admin/users", 403, CSRF],
    ["/admin/settings", 403, CSRF],
    ["status page", 415, NOT_MULTIPART],
  ];
  const bodies: [string, Record<string, string>, string][] = [
    ["JSON", { "Content-Type": "application/json" }, '{"email":"a@b.test","password":"x"}'],
    ["plain text", { "Content-Type": "text/plain" }, "email=a@b.test"],
    ["an empty body", { "Content-Length": "0" }, ""],
    ["an empty form", { ...FORM, "Content-Length": "0" }, ""],
  ];
  const cases = routes.flatMap(([route, emptyStatus, emptyMessage]) =>
    bodies.map(([label, headers, body]) => {
      const empty = label.startsWith("an empty");
      const expected = route === "status page" ? [415, NOT_MULTIPART] : empty ? [emptyStatus, emptyMessage] : [415, NOT_A_FORM];
      return [route, label, headers, body, ...expected] as [string, string, Record<string, string>, string, number, string];
    }),
  );

  it.each(cases)("answers %s with %s by a 4xx and a message", async (route, _label, headers, body, status, message) => {
    const url = route === "status page" ? statusLink : `${app.url}${route}`;
    const logged = app.output().length;
    // Staff routes get a signed-in admin; sign-in itself would send a signed-in person on.
    const cookie: Record<string, string> = /^\/(review|admin|logout)/.test(route) ? { Cookie: adminCookie } : {};
    const answer = await send(url, { headers: { ...headers, ...cookie, Accept: "text/html" }, body });
    expect(answer.status).toBe(status);
    expect(answer.text).toContain(message);
    // No stack trace: the server treated it as a bad request, not as its own failure.
    expect(app.output().slice(logged)).not.toMatch(/\n\s+at /);
  });
});
