/**
 * Issue 8 (hardening), items 1-9, against the real server (server.ts with the built app): open
 * redirects, proxy hops, body limits, rate limits, cross-origin posts, content checks, control
 * characters, headers, health. A describe that needs settings of its own (limits, proxies, origins,
 * HTTPS, health token) or an idle analysis worker starts its own server; the others share one.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../app/server/config.server";
import { CROSS_ORIGIN_REFUSED } from "../app/server/origin-check.server";
import { freePort, startAppServer, stopAll, type AppServer, SHARED_SERVER_ENV } from "./support/app-server";
import { query, type Row } from "./support/db";
import { FORM, NO_SUCH, SPENT_TOKEN } from "./support/form-routes";
import { startForwardingProxy, type ForwardingProxy } from "./support/forwarding-proxy";
import { fixture, intakeForm, post, submitInquiry, validFields, type Upload } from "./support/intake-client";
import { sendInquiry } from "./support/inquiry";
import { recipient, waitForMailbox } from "./support/mailbox";
import { send, sendLargeBody } from "./support/raw-http";
import { createStaffUser, sessionCookie, signIn, STAFF_PASSWORD } from "./support/staff";
import { storedZip, threeMfPackage } from "./support/zip";

/** What the server printed since `from`: a refusal must not be logged as a crash. */
function crashesIn(app: AppServer, from: number): string[] {
  return app
    .output()
    .slice(from)
    .split("\n")
    .filter((line) => /Error|^\s+at /.test(line));
}

/**
 * The server of the describes that need no settings of their own. The rate limits per client
 * address are raised: every test sends from 127.0.0.1, and "4. rate limits" tests them on servers of
 * its own.
 */
let shared: AppServer;
beforeAll(async () => {
  shared = await startAppServer(SHARED_SERVER_ENV);
});
afterAll(async () => {
  await shared?.stop();
});

const MB = 1024 * 1024;

function count(app: AppServer, sql: string, ...params: unknown[]): number {
  const db = new Database(path.join(app.dataDir, "mim-rfq.sqlite"), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(sql).get(...params) as { n: number }).n;
  } finally {
    db.close();
  }
}

function wrongSignIn(base: string, options: { forwardedFor?: string; localAddress?: string } = {}) {
  const headers: Record<string, string> = { ...FORM };
  if (options.forwardedFor) headers["X-Forwarded-For"] = options.forwardedFor;
  return send(`${base}/login`, {
    headers,
    body: "email=nobody%40factory.test&password=guess",
    localAddress: options.localAddress,
  });
}

const upload = (name: string, content: string | Buffer): Upload => ({
  name,
  content: typeof content === "string" ? Buffer.from(content) : content,
});

const HTML = '<!DOCTYPE html><html><body><script>document.title="pwned"</script></body></html>';
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.domain)"><text>part</text></svg>';
const HTML_MENTIONING_PDF = `<html><head><title>x</title></head><body><script>alert(1)</script>%PDF-1.4</body></html>`;
const OLE = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);

async function filesOf(app: AppServer, response: Response): Promise<Row[]> {
  const reference = new URL(response.headers.get("location") ?? "", app.url).searchParams.get("ref");
  return query(
    app.dataDir,
    "select f.* from files f join inquiries i on i.id = f.inquiry_id where i.reference = ? order by f.original_name",
    reference,
  );
}

describe("1. open redirect", () => {
  let app: AppServer;
  let email: string;
  let cookie: string;

  beforeAll(async () => {
    app = shared;
    email = await createStaffUser(app.dataDir, ["engineer"]);
    cookie = await sessionCookie(app, email);
  });

  // As they appear in a link's query string: each one decodes to a target off this site.
  const OFF_SITE = [
    ["tab", "/%09/evil.example/phish"],
    ["line feed", "/%0a/evil.example/phish"],
    ["carriage return", "/%0d/evil.example/phish"],
    ["header injection", "/%0d%0aSet-Cookie:%20pwned=1"],
    ["leading tab", "%09//evil.example/phish"],
    ["NUL", "/%00/evil.example"],
    ["backslash", "%5C%5Cevil.example/phish"],
    ["slash backslash", "/%5Cevil.example/phish"],
    ["encoded slashes", "%2F%2Fevil.example/phish"],
    ["triple slash", "/%2F%2Fevil.example/phish"],
    ["protocol-relative", "//evil.example/phish"],
    ["dot segment to //", "/.//evil.example/phish"],
    ["absolute https", "https://evil.example/phish"],
    ["absolute http", "http%3A%2F%2Fevil.example%2Fphish"],
    ["same host, other port", "http://127.0.0.1:1/review"],
    ["javascript", "javascript:alert(document.cookie)"],
  ] as const;

  it.each(OFF_SITE)("sends a signed-in visitor to the queue instead (%s)", async (_name, target) => {
    const response = await fetch(`${app.url}/login?redirectTo=${target}`, {
      headers: { Cookie: cookie },
      redirect: "manual",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/review");
  });

  it.each(OFF_SITE)("sends someone signing in through the form to the queue instead (%s)", async (_name, target) => {
    const response = await signIn(app, email, undefined, { redirectTo: decodeURIComponent(target) });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/review");
  });

  it("still returns people to the page on this site that sent them to sign in", async () => {
    const signedIn = await fetch(`${app.url}/login?redirectTo=${encodeURIComponent("/review?q=RFQ#list")}`, {
      headers: { Cookie: cookie },
      redirect: "manual",
    });
    expect(signedIn.headers.get("location")).toBe("/review?q=RFQ#list");
    const viaForm = await signIn(app, email, undefined, { redirectTo: `${app.url}/review?state=new` });
    expect(viaForm.headers.get("location")).toBe("/review?state=new");
    // A still-encoded `%2F` is a path on this site, never a host.
    const encoded = await fetch(`${app.url}/login?redirectTo=${encodeURIComponent("/%2F%2Fevil.example")}`, {
      headers: { Cookie: cookie },
      redirect: "manual",
    });
    expect(new URL(encoded.headers.get("location")!, app.url).origin).toBe(app.url);
  });
});
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
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(
      /TRUST_PROXY: .*not a number of proxies or a proxy address/,
    );
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
        statuses.push(
          (await wrongSignIn(proxy.url, { forwardedFor: `198.51.100.${i}`, localAddress: "127.0.0.2" })).status,
        );
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
      for (let i = 1; i <= 5; i++)
        statuses.push((await wrongSignIn(app.url, { forwardedFor: `198.51.100.${i}` })).status);
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

  const formRoutes = [
    "/login",
    "/logout",
    `/set-password/${SPENT_TOKEN}`,
    `/review/${NO_SUCH}`,
    "/admin/users",
    "/admin/settings",
  ];

  it.each(formRoutes)(
    "answers a declared 300 MB body to %s with 413 before reading it, and keeps answering",
    async (route) => {
      const answer = await sendLargeBody(`${app.url}${route}`, {
        totalBytes: 300 * MB,
        declare: true,
        headers: { ...FORM, Cookie: adminCookie },
      });
      expect(answer.status).toBe(413);
      expect(answer.text).toContain("This form is limited to 64.0 KB");
      expect(answer.sentBytes).toBeLessThan(100 * MB);
      expect((await fetch(`${app.url}/login`)).status).toBe(200);
    },
  );

  it.each(["/login", `/review/${NO_SUCH}`])(
    "answers a chunked body to %s that grows past the limit with 413",
    async (route) => {
      const answer = await sendLargeBody(`${app.url}${route}`, {
        totalBytes: 300 * MB,
        declare: false,
        headers: { ...FORM, Cookie: adminCookie },
      });
      expect(answer.status).toBe(413);
      expect(answer.text).toContain("This form is limited to 64.0 KB");
      expect(answer.sentBytes).toBeLessThan(100 * MB);
      expect((await fetch(`${app.url}/login`)).status).toBe(200);
    },
  );

  it("refuses a file sent to a form that takes none", async () => {
    const form = intakeForm({ email: "a@b.test", password: "x" }, [fixture("cube-10mm.igs")]);
    const response = await fetch(`${app.url}/login`, { method: "POST", body: form });
    expect(response.status).toBe(415);
    expect(await response.text()).toContain("This form takes no files");
  });

  it("still takes files far over the form limit on the intake form and the status page", async () => {
    const model = fixture("nist_ftc_06_asme1_rd.stp");
    expect(model.content.length).toBeGreaterThan(128 * 1024);
    const { statusLink: link } = await sendInquiry(app, { files: [model] });
    const added = await post(link, intakeForm({ intent: "files" }, [fixture("nist_ftc_06_asme1_rd.pdf")]));
    expect(added.status).toBe(302);
    expect(await (await fetch(link)).text()).toContain("nist_ftc_06_asme1_rd.pdf");
  });

  it("gives a form that trickles in 408 after the form time limit, while an upload keeps its long limit", async () => {
    const upload = startSlowUpload(`${app.url}/rfq/new`, fixture("nist_ftc_06_asme1_rd.stp"));
    await expect
      .poll(() => count(app, "select count(*) as n from files where status = 'receiving'"), {
        message: "the upload's file row",
      })
      .toBe(1);

    const slowForm = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = http.request(`${app.url}/login`, {
        method: "POST",
        headers: { ...FORM, "Content-Length": "200" },
        agent: false,
      });
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
    headers: {
      "Content-Type": `multipart/form-data; boundary=${boundary}`,
      "Content-Length": String(head.length + file.content.length + tail.length),
    },
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
      expect(
        (await post(`${app.url}/rfq/new`, intakeForm(validFields({ email }), [fixture("cube-10mm.igs")]))).status,
      ).toBe(302);
      // The same inbox in other letters is the same recipient.
      expect(
        (
          await post(
            `${app.url}/rfq/new`,
            intakeForm(validFields({ email: email.toUpperCase() }), [fixture("cube-10mm.igs")]),
          )
        ).status,
      ).toBe(302);
      const fields = validFields({ email });
      const refused = await post(`${app.url}/rfq/new`, intakeForm(fields, [fixture("plate.dxf")]));
      const html = await refused.text();
      expect(refused.status).toBe(429);
      expect(html).toContain(`We have already sent several confirmation e-mails to ${email} in the last hour`);
      expect(html).toContain(`value="${fields.company}"`);
      expect(html).toContain("plate.dxf");
      expect(html).toMatch(/name="keptFile"[^>]*value="[0-9a-f-]{36}"/);
      expect(count(app, "select count(*) as n from inquiries where lower(email) = ?", email)).toBe(2);
      expect(count(app, 'select count(*) as n from outbox where lower("to") = ?', email)).toBe(2);
      // Another address from the same network is still acknowledged.
      expect((await post(`${app.url}/rfq/new`, intakeForm(validFields(), [fixture("cube-10mm.igs")]))).status).toBe(
        302,
      );
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
        expect((await post(`${app.url}/rfq/new`, intakeForm(validFields(), [fixture("cube-10mm.igs")]))).status).toBe(
          302,
        );
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
describe("5. cross-origin posts", () => {
  const MANUFACTURER = "https://www.acme-mim.test";
  let app: AppServer;
  let cookie: string;

  beforeAll(async () => {
    app = await startAppServer({ INTAKE_ORIGINS: `${MANUFACTURER}, https://shop.acme-mim.test` });
    cookie = await sessionCookie(app, await createStaffUser(app.dataDir, ["admin"]));
  });
  afterAll(async () => {
    await app?.stop();
  });

  const refused = [
    ["a staff form", "/admin/settings", "https://evil.example"],
    ["a staff form's data request", "/admin/settings?_data=routes%2Fadmin.settings", "https://evil.example"],
    ["sign-out", "/logout", "https://evil.example"],
    ["sign-in", "/login", "https://evil.example"],
    ["sign-in, from the manufacturer's site", "/login", MANUFACTURER],
    ["the intake form", "/rfq/new", "https://evil.example"],
    ["the intake form's data request", "/rfq/new?_data=routes%2Frfq.new", "https://evil.example"],
    ["the intake form, from a page without an origin", "/rfq/new", "null"],
    ["the intake form, from the manufacturer's site over http", "/rfq/new", "http://www.acme-mim.test"],
  ] as const;

  it.each(refused)("refuses %s with 403 and a message, not a crash", async (_name, pathname, origin) => {
    const before = app.output().length;
    const response = await fetch(`${app.url}${pathname}`, {
      method: "POST",
      headers: { Cookie: cookie, Origin: origin },
      body: new URLSearchParams({ intent: "x" }),
      redirect: "manual",
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toBe(CROSS_ORIGIN_REFUSED);
    expect(crashesIn(app, before)).toEqual([]);
  });

  it("leaves the session of a staff member signed in after a forged sign-out", async () => {
    await fetch(`${app.url}/logout`, {
      method: "POST",
      headers: { Cookie: cookie, Origin: "https://evil.example" },
      body: new URLSearchParams(),
      redirect: "manual",
    });
    expect((await fetch(`${app.url}/admin/settings`, { headers: { Cookie: cookie }, redirect: "manual" })).status).toBe(
      200,
    );
  });

  it("accepts an inquiry posted from the manufacturer's own website, end to end", async () => {
    const before = app.output().length;
    const { fields, reference, response } = await submitInquiry(app.url, { headers: { Origin: MANUFACTURER } });
    expect(response.status).toBe(302);
    const received = new URL(response.headers.get("location")!, app.url);
    expect(received.pathname).toBe("/rfq/received");
    expect(await (await fetch(received)).text()).toContain(reference);

    const [row] = query(app.dataDir, "select company from inquiries where reference = ?", reference);
    expect(row?.company).toBe(fields.company);
    const [ack] = await waitForMailbox(path.join(app.dataDir, "mail"), (m) => recipient(m) === fields.email);
    expect(ack!.text).toContain(reference);
    expect(crashesIn(app, before)).toEqual([]);
  });

  it("answers an incomplete inquiry from the manufacturer's site with the form and its errors (400)", async () => {
    const fields = validFields({ company: "" });
    const response = await fetch(`${app.url}/rfq/new`, {
      method: "POST",
      headers: { Origin: "https://shop.acme-mim.test" },
      body: intakeForm(fields, [fixture("nist_ftc_11_asme1_rb.stp")]),
      redirect: "manual",
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("<form");
    expect(html).toContain(`value="${fields.email}"`);
  });

  it("reads INTAKE_ORIGINS as origins and names an entry that is not one", () => {
    expect(
      loadConfig({ INTAKE_ORIGINS: " https://www.acme-mim.test , http://shop.acme-mim.test:8080/ " }).intakeOrigins,
    ).toEqual(["https://www.acme-mim.test", "http://shop.acme-mim.test:8080"]);
    expect(loadConfig({}).intakeOrigins).toEqual([]);
    for (const entry of [
      "www.acme-mim.test",
      "https://www.acme-mim.test/quote",
      "*",
      "https://*.acme-mim.test",
      "https://acme-mim.test;",
    ]) {
      expect(() => loadConfig({ INTAKE_ORIGINS: entry })).toThrow(ConfigError);
      expect(() => loadConfig({ INTAKE_ORIGINS: entry })).toThrow(`"${entry}" is not an origin`);
    }
  });

  it("accepts this site's own posts, with or without an Origin header", async () => {
    for (const headers of [{ Origin: app.url }, {}] as Record<string, string>[]) {
      const response = await fetch(`${app.url}/rfq/new`, {
        method: "POST",
        headers,
        body: intakeForm(validFields(), [fixture("nist_ftc_11_asme1_rb.stp")]),
        redirect: "manual",
      });
      expect(response.status).toBe(302);
    }
  });
});
describe("6. content checks", () => {
  let app: AppServer;
  beforeAll(() => {
    app = shared;
  });

  it.each([
    ["an SVG named .sldprt", upload("bracket.sldprt", SVG), "its content is an SVG image, not a SolidWorks part"],
    [
      "HTML named .sldprt",
      upload("bracket.SLDPRT", `<div>${HTML}</div>`),
      "its content is not a SolidWorks part: it is text",
    ],
    [
      "HTML named .x_b",
      upload("bracket.x_b", `<div>${HTML}</div>`),
      "its content is not a Parasolid model: it starts with neither",
    ],
    ["a web page named .x_b", upload("bracket.x_b", HTML), "its content is a web page, not a Parasolid model"],
    ["an SVG named .x_t", upload("bracket.x_t", SVG), "its content is an SVG image, not a Parasolid model"],
    [
      "HTML mentioning %PDF- named .pdf",
      upload("drawing.pdf", HTML_MENTIONING_PDF),
      "its content is a web page, not a PDF drawing",
    ],
    [
      "a plain ZIP named .3mf",
      upload("part.3mf", storedZip([{ name: "part.step", content: Buffer.from("ISO-10303-21;") }])),
      "its content is a ZIP archive (or a document packed like one, such as Word or Excel), not a 3MF model",
    ],
    ["HTML named .dwg", upload("plan.dwg", HTML), "its content is a web page, not a DWG drawing"],
  ])("refuses %s, naming what it is", async (_label, file, reason) => {
    const response = await post(`${app.url}/rfq/new`, intakeForm(validFields(), [file]));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(`${file.name}&quot; was not accepted: ${reason}`);
    expect(query(app.dataDir, "select count(*) as n from files where original_name = ?", file.name)[0]!.n).toBe(0);
  });

  it("accepts each type by its real signature: OLE SLDPRT, Parasolid text and binary, 3MF package, DWG, PDF", async () => {
    const files = [
      upload("a-bracket.sldprt", OLE),
      upload(
        "b-bracket.x_t",
        "**ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz**************************\n**PARASOLID !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~0123456789**************************\n**PART1;\n",
      ),
      upload("c-bracket.x_b", Buffer.concat([Buffer.from("PS\0\0\0"), Buffer.alloc(200, 1)])),
      upload("d-bracket.3mf", threeMfPackage({ thumbnailBytes: 100_000 })),
      upload("e-plan.dwg", Buffer.concat([Buffer.from("AC1032"), Buffer.alloc(200)])),
      fixture("nist_ftc_11_asme1_rb.pdf", "f-drawing.pdf"),
    ];
    const response = await post(`${app.url}/rfq/new`, intakeForm(validFields(), files));
    expect(response.status).toBe(302);
    expect((await filesOf(app, response)).map((f) => [f.original_name, f.format])).toEqual([
      ["a-bracket.sldprt", "sldprt"],
      ["b-bracket.x_t", "parasolid"],
      ["c-bracket.x_b", "parasolid"],
      ["d-bracket.3mf", "3mf"],
      ["e-plan.dwg", "dwg"],
      ["f-drawing.pdf", "pdf"],
    ]);
  });

  it("inlines with ?view only a PDF whose stored bytes pass the check; anything else is an attachment", async () => {
    const { id, statusLink: link } = await sendInquiry(app, {
      files: [fixture("nist_ftc_11_asme1_rb.pdf", "good.pdf"), fixture("nist_ftc_06_asme1_rd.pdf", "old.pdf")],
    });
    const [good, old] = query(
      app.dataDir,
      "select id, stored_key from files where inquiry_id = ? order by original_name",
      id,
    );

    const viewed = await fetch(`${link}/files/${good!.id}?view`);
    expect(viewed.headers.get("content-type")).toBe("application/pdf");
    expect(viewed.headers.get("content-disposition")).toMatch(/^inline; /);
    expect(
      Buffer.from(await viewed.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");

    // A file accepted by the old check (HTML that mentions %PDF-) is still in storage: never inline it.
    fs.writeFileSync(path.join(app.dataDir, "files", old!.stored_key as string), HTML_MENTIONING_PDF);
    const refused = await fetch(`${link}/files/${old!.id}?view`);
    expect(refused.status).toBe(200);
    expect(refused.headers.get("content-type")).toBe("application/octet-stream");
    expect(refused.headers.get("content-disposition")).toMatch(/^attachment; /);
    expect(refused.headers.get("x-content-type-options")).toContain("nosniff");
    expect(await refused.text()).toBe(HTML_MENTIONING_PDF);
  });
});

describe("7. control characters", () => {
  let app: AppServer;
  let staffEmail: string;
  beforeAll(async () => {
    app = shared;
    staffEmail = await createStaffUser(app.dataDir, ["engineer"]);
  });

  // eslint-disable-next-line no-control-regex -- the control characters the form must strip
  const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

  it("strips NUL, escape and bidi overrides from every text field; the queue and e-mails show clean text", async () => {
    const id = crypto.randomUUID().slice(0, 6);
    const fields = validFields({
      company: `Acme ${id}\u202Egnp.exe\u0000`,
      contactName: "Dana\r\nBcc: victim@example.com",
      partName: `Cam\u2066${id}\u2069\u001b[31m`,
      partNumber: "LC\u0007-100",
      notes: "Line one\r\nLine two\u202E\u0000\twith tab",
    });
    const response = await post(`${app.url}/rfq/new`, intakeForm(fields, [fixture("cube-10mm.igs")]));
    expect(response.status).toBe(302);
    const reference = new URL(response.headers.get("location") ?? "", app.url).searchParams.get("ref");
    const [row] = query(
      app.dataDir,
      "select company, contact_name, part_name, part_number, notes from inquiries where reference = ?",
      reference,
    );
    expect(row).toEqual({
      company: `Acme ${id}gnp.exe`,
      contact_name: "DanaBcc: victim@example.com",
      part_name: `Cam${id}[31m`,
      part_number: "LC-100",
      notes: "Line one\nLine two\twith tab",
    });

    const mails = await waitForMailbox(
      path.join(app.dataDir, "mail"),
      (m) => (m.subject ?? "").includes(reference!) || recipient(m) === fields.email,
      2,
    );
    for (const mail of mails) {
      expect(mail.text ?? "").not.toMatch(UNSAFE);
      expect(mail.html || "").not.toMatch(UNSAFE);
      expect(mail.subject ?? "").not.toMatch(UNSAFE);
    }

    const cookie = await sessionCookie(app, staffEmail);
    const queue = await fetch(`${app.url}/review?q=${encodeURIComponent(`Acme\u202E ${id}`)}`, { headers: { cookie } });
    expect(queue.status).toBe(200);
    const html = await queue.text();
    expect(html).toContain(`Acme ${id}gnp.exe`);
    expect(html).not.toMatch(UNSAFE);
  });

  it("strips them from a status-page answer too, keeping its line breaks", async () => {
    const { statusLink: link } = await sendInquiry(app, { files: [fixture("cube-10mm.igs")] });
    // No open question: the post is refused, and the answer given back is the cleaned text.
    const form = new FormData();
    form.set("intent", "answer");
    form.set("answer", "Wall 0.8\u202E mm\r\nsee\u0000 drawing");
    const response = await fetch(`${link}?_data=${encodeURIComponent("routes/status.$token")}`, {
      method: "POST",
      body: form,
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    const data = (await response.json()) as { answer?: string };
    expect(data.answer).toBe("Wall 0.8 mm\nsee drawing");
  });
});

describe("8. headers", () => {
  let app: AppServer;
  // A server of its own: its analysis worker has no other uploads to get through before the model preview.
  beforeAll(async () => {
    app = await startAppServer();
  });
  afterAll(async () => {
    await app?.stop();
  });

  const directives = (csp: string) =>
    new Map(
      csp
        .split(";")
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name!, values]),
    );

  it("allows scripts only from this site or with the response's nonce, which every inline script carries", async () => {
    const responses = await Promise.all([fetch(`${app.url}/rfq/new`), fetch(`${app.url}/rfq/new`)]);
    const nonces: string[] = [];
    for (const response of responses) {
      const csp = directives(response.headers.get("content-security-policy")!);
      const scriptSrc = csp.get("script-src")!;
      expect(scriptSrc).not.toContain("'unsafe-inline'");
      expect(scriptSrc).toContain("'self'");
      const nonce = scriptSrc.find((v) => v.startsWith("'nonce-"))!.slice(7, -1);
      expect(nonce.length).toBeGreaterThanOrEqual(22);
      nonces.push(nonce);

      const html = await response.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

      expect(csp.get("default-src")).toEqual(["'self'"]);
      expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
      expect(csp.get("form-action")).toEqual(["'self'"]);
      // The live pages' event streams connect to this site only.
      expect(csp.get("connect-src")).toEqual(["'self'"]);
      expect(csp.get("img-src")).toEqual(expect.arrayContaining(["'self'", "data:", "blob:"]));
      expect(csp.has("upgrade-insecure-requests")).toBe(false);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it("keeps the referrer on this site, refuses framing, and sends no HSTS over http", async () => {
    const response = await fetch(`${app.url}/`);
    expect(response.headers.get("referrer-policy")).toBe("same-origin");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("strict-transport-security")).toBeNull();
    expect(response.headers.get("x-powered-by")).toBeNull();
  });

  it("sends X-Content-Type-Options once, on pages, assets, downloads and model previews", async () => {
    // Without an NDA request, so that staff may open the files at once; a small model, analysed in moments.
    const { statusLink } = await sendInquiry(app, {
      fields: { ndaRequired: "no" },
      files: [fixture("cube-10mm-binary.stl")],
    });
    const page = await (await fetch(statusLink)).text();
    const fileId = page.match(/\/files\/([0-9a-f-]{36})/)![1]!;
    const download = await fetch(`${statusLink}/files/${fileId}`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toMatch(/^attachment;/);

    // The model's glTF preview exists once the background worker has analysed it.
    const db = new Database(path.join(app.dataDir, "mim-rfq.sqlite"), { readonly: true });
    const { inquiryId } = db.prepare("select inquiry_id as inquiryId from files where id = ?").get(fileId) as {
      inquiryId: string;
    };
    db.close();
    const cookie = await sessionCookie(app, await createStaffUser(app.dataDir, ["engineer"]));
    let preview: Response | undefined;
    await expect
      .poll(
        async () => {
          preview = await fetch(`${app.url}/review/${inquiryId}/files/${fileId}/preview`, {
            headers: { Cookie: cookie },
          });
          return preview.status;
        },
        { timeout: 120_000, interval: 500 },
      )
      .toBe(200);
    expect(preview!.headers.get("content-type")).toBe("model/gltf-binary");

    for (const response of [download, preview!, await fetch(statusLink), await fetch(`${app.url}/favicon.svg`)]) {
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    }
  }, 180_000);

  it("sends HSTS and upgrades insecure requests when PUBLIC_URL is https", async () => {
    const https = await startAppServer({ PUBLIC_URL: "https://rfq.acme-mim.test" });
    try {
      const response = await fetch(`${https.url}/`);
      expect(response.headers.get("strict-transport-security")).toBe("max-age=31536000");
      expect(directives(response.headers.get("content-security-policy")!).has("upgrade-insecure-requests")).toBe(true);
    } finally {
      await https.stop();
    }
  });
});

describe("9. health", () => {
  const HEALTH_TOKEN = crypto.randomBytes(32).toString("hex");
  let app: AppServer;
  let smtpPort: number;

  beforeAll(async () => {
    // Nothing listens on this port: mail is down, and its error names the host and port.
    smtpPort = await freePort();
    app = await startAppServer({ HEALTH_TOKEN, SMTP_URL: `smtp://rfq:hunter2@127.0.0.1:${smtpPort}` });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("tells the public each component's state and nothing else", async () => {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ ok: false, database: { ok: true }, storage: { ok: true }, mail: { ok: false } });
    expect(text).not.toContain(String(smtpPort));
    expect(text).not.toContain("ECONNREFUSED");
  });

  it("shows the details to a monitor with HEALTH_TOKEN", async () => {
    const response = await fetch(`${app.url}/healthz`, { headers: { Authorization: `Bearer ${HEALTH_TOKEN}` } });
    expect(response.status).toBe(503);
    const body = (await response.json()) as {
      mail: { ok: boolean; detail: string };
      storage: { detail: string };
      eventLoop: object;
    };
    expect(body.mail.ok).toBe(false);
    expect(body.mail.detail).toContain(String(smtpPort));
    expect(body.storage.detail).toContain("disk");
    expect(body.eventLoop).toHaveProperty("p99Ms");
  });

  it("shows the details to any signed-in staff member", async () => {
    const cookie = await sessionCookie(app, await createStaffUser(app.dataDir, ["sales"]));
    const body = (await (await fetch(`${app.url}/healthz`, { headers: { Cookie: cookie } })).json()) as {
      mail: { detail: string };
    };
    expect(body.mail.detail).toContain(String(smtpPort));
  });

  it("answers a wrong token with 401 and no details", async () => {
    for (const token of [HEALTH_TOKEN.slice(0, -1), `${HEALTH_TOKEN}0`, "x"]) {
      const response = await fetch(`${app.url}/healthz`, { headers: { Authorization: `Bearer ${token}` } });
      expect(response.status).toBe(401);
      const text = await response.text();
      expect(text).toContain("HEALTH_TOKEN");
      expect(text).not.toContain(String(smtpPort));
    }
  });

  it("refuses a HEALTH_TOKEN too short to resist guessing", () => {
    expect(() => loadConfig({ HEALTH_TOKEN: "secret" })).toThrow(/HEALTH_TOKEN: must be at least 32 characters/);
  });

  it("refuses any token when none is configured", async () => {
    const anyToken = await fetch(`${shared.url}/healthz`, { headers: { Authorization: `Bearer ${HEALTH_TOKEN}` } });
    expect(anyToken.status).toBe(401);
    expect(await (await fetch(`${shared.url}/healthz`)).json()).toEqual({
      ok: true,
      database: { ok: true },
      storage: { ok: true },
      mail: { ok: true },
    });
  });
});
