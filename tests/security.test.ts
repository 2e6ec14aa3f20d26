import crypto from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../app/server/config.server";
import { CROSS_ORIGIN_REFUSED } from "../app/server/origin-check.server";
import { freePort, startAppServer, type AppServer } from "./support/app-server";
import { fixture, intakeForm, post, validFields } from "./support/intake-client";
import { recipient, statusLinkIn, waitForMailbox } from "./support/mailbox";
import { createStaffUser, sessionCookie, signIn } from "./support/staff";

/** What the server printed since `from`: a refusal must not be logged as a crash. */
function crashesIn(app: AppServer, from: number): string[] {
  return app
    .output()
    .slice(from)
    .split("\n")
    .filter((line) => /Error|^\s+at /.test(line));
}

/** A buyer's inquiry through the intake form, with one STEP file; returns the status page link. */
async function sendInquiry(app: AppServer): Promise<string> {
  const fields = validFields();
  const response = await post(`${app.url}/rfq/new`, intakeForm(fields, [fixture("nist_ftc_11_asme1_rb.stp")]));
  expect(response.status).toBe(302);
  const [ack] = await waitForMailbox(path.join(app.dataDir, "mail"), (m) => recipient(m) === fields.email);
  return statusLinkIn(ack!);
}

describe("1. open redirect", () => {
  let app: AppServer;
  let email: string;
  let cookie: string;

  beforeAll(async () => {
    app = await startAppServer();
    email = await createStaffUser(app.dataDir, ["engineer"]);
    cookie = await sessionCookie(app, email);
  });
  afterAll(async () => {
    await app?.stop();
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
    const response = await fetch(`${app.url}/login?redirectTo=${target}`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/review");
  });

  it.each(OFF_SITE)("sends someone signing in through the form to the queue instead (%s)", async (_name, target) => {
    const response = await signIn(app, email, undefined, { redirectTo: decodeURIComponent(target) });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/review");
  });

  it("still returns people to the page on this site that sent them to sign in", async () => {
    const signedIn = await fetch(`${app.url}/login?redirectTo=${encodeURIComponent("/review?q=RFQ#list")}`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(signedIn.headers.get("location")).toBe("/review?q=RFQ#list");
    const viaForm = await signIn(app, email, undefined, { redirectTo: `${app.url}/review?state=new` });
    expect(viaForm.headers.get("location")).toBe("/review?state=new");
    // A still-encoded `%2F` is a path on this site, never a host.
    const encoded = await fetch(`${app.url}/login?redirectTo=${encodeURIComponent("/%2F%2Fevil.example")}`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(new URL(encoded.headers.get("location")!, app.url).origin).toBe(app.url);
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
    await fetch(`${app.url}/logout`, { method: "POST", headers: { Cookie: cookie, Origin: "https://evil.example" }, body: new URLSearchParams(), redirect: "manual" });
    expect((await fetch(`${app.url}/admin/settings`, { headers: { Cookie: cookie }, redirect: "manual" })).status).toBe(200);
  });

  it("accepts an inquiry posted from the manufacturer's own website, end to end", async () => {
    const before = app.output().length;
    const fields = validFields();
    const response = await fetch(`${app.url}/rfq/new`, {
      method: "POST",
      headers: { Origin: MANUFACTURER },
      body: intakeForm(fields, [fixture("nist_ftc_11_asme1_rb.stp")]),
      redirect: "manual",
    });
    expect(response.status).toBe(302);
    const received = new URL(response.headers.get("location")!, app.url);
    expect(received.pathname).toBe("/rfq/received");
    const reference = received.searchParams.get("ref")!;
    expect(await (await fetch(received)).text()).toContain(reference);

    const db = new Database(path.join(app.dataDir, "mim-rfq.sqlite"), { readonly: true });
    const row = db.prepare("select company from inquiries where reference = ?").get(reference) as { company: string } | undefined;
    db.close();
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
    expect(loadConfig({ INTAKE_ORIGINS: " https://www.acme-mim.test , http://shop.acme-mim.test:8080/ " }).intakeOrigins).toEqual([
      "https://www.acme-mim.test",
      "http://shop.acme-mim.test:8080",
    ]);
    expect(loadConfig({}).intakeOrigins).toEqual([]);
    for (const entry of ["www.acme-mim.test", "https://www.acme-mim.test/quote", "*"]) {
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

describe("8. headers", () => {
  let app: AppServer;

  beforeAll(async () => {
    app = await startAppServer();
  });
  afterAll(async () => {
    await app?.stop();
  });

  const directives = (csp: string) => new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

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
    const statusLink = await sendInquiry(app);
    const page = await (await fetch(statusLink)).text();
    const fileId = page.match(/\/files\/([0-9a-f-]{36})/)![1]!;
    const download = await fetch(`${statusLink}/files/${fileId}`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toMatch(/^attachment;/);

    // The model's glTF preview exists once the background worker has analysed it.
    const db = new Database(path.join(app.dataDir, "mim-rfq.sqlite"), { readonly: true });
    const { inquiryId } = db.prepare("select inquiry_id as inquiryId from files where id = ?").get(fileId) as { inquiryId: string };
    db.close();
    const cookie = await sessionCookie(app, await createStaffUser(app.dataDir, ["engineer"]));
    let preview: Response | undefined;
    await expect
      .poll(
        async () => {
          preview = await fetch(`${app.url}/review/${inquiryId}/files/${fileId}/preview`, { headers: { Cookie: cookie } });
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
    const body = (await response.json()) as { mail: { ok: boolean; detail: string }; storage: { detail: string }; eventLoop: object };
    expect(body.mail.ok).toBe(false);
    expect(body.mail.detail).toContain(String(smtpPort));
    expect(body.storage.detail).toContain("disk");
    expect(body.eventLoop).toHaveProperty("p99Ms");
  });

  it("shows the details to any signed-in staff member", async () => {
    const cookie = await sessionCookie(app, await createStaffUser(app.dataDir, ["sales"]));
    const body = (await (await fetch(`${app.url}/healthz`, { headers: { Cookie: cookie } })).json()) as { mail: { detail: string } };
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
    const open = await startAppServer();
    try {
      const anyToken = await fetch(`${open.url}/healthz`, { headers: { Authorization: `Bearer ${HEALTH_TOKEN}` } });
      expect(anyToken.status).toBe(401);
      expect(await (await fetch(`${open.url}/healthz`)).json()).toEqual({ ok: true, database: { ok: true }, storage: { ok: true }, mail: { ok: true } });
    } finally {
      await open.stop();
    }
  });
});
