import crypto from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../app/server/auth.server";
import { createDb, writeTransaction } from "../db/client";
import { insertUser } from "../db/queries/users";
import { passwordTokens } from "../db/schema";
import { startAppServer, type AppServer } from "./support/app-server";
import { recipient, waitForMailbox } from "./support/mailbox";

const PASSWORD = "admin test password";

describe("staff accounts administered on the real server", () => {
  let app: AppServer;
  let adminCookie: string;
  let engineerCookie: string;
  let csrf: string;

  const post = (cookie: string, body: Record<string, string | string[]>, withCsrf = true) => {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...body, ...(withCsrf ? { _csrf: csrf } : {}) })) for (const x of [v].flat()) form.append(k, x);
    return fetch(`${app.url}/admin/users`, { method: "POST", headers: { Cookie: cookie }, body: form, redirect: "manual" });
  };
  const signIn = async (email: string, password = PASSWORD) => {
    const r = await fetch(`${app.url}/login`, { method: "POST", body: new URLSearchParams({ email, password }), redirect: "manual" });
    return r.status === 302 ? r.headers.get("set-cookie")!.split(";")[0]! : null;
  };
  const page = async (cookie: string) => (await fetch(`${app.url}/admin/users`, { headers: { Cookie: cookie } })).text();
  const userIdOf = async (email: string) => (await page(adminCookie)).match(new RegExp(`${email}[\\s\\S]*?name="userId" value="([0-9a-f-]{36})"`))![1]!;

  beforeAll(async () => {
    app = await startAppServer();
    const db = createDb(path.join(app.dataDir, "mim-rfq.sqlite"), { migrate: false });
    const passwordHash = await hashPassword(PASSWORD);
    writeTransaction(db, (tx) => {
      insertUser(tx, { id: crypto.randomUUID(), email: "root@factory.test", name: "Root", passwordHash, roles: ["admin"] });
      insertUser(tx, { id: crypto.randomUUID(), email: "eng@factory.test", name: "Eng", passwordHash, roles: ["engineer"] });
    });
    db.$client.close();
    adminCookie = (await signIn("root@factory.test"))!;
    engineerCookie = (await signIn("eng@factory.test"))!;
    csrf = (await page(adminCookie)).match(/name="_csrf" value="([^"]+)"/)![1]!;
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("invites by e-mail with a one-time link that sets the password", async () => {
    const invited = await post(adminCookie, { intent: "invite", email: "Nia@Factory.test", name: "Nia", role: ["engineer", "sales"] });
    expect(invited.status).toBe(302);
    expect(await page(adminCookie)).toContain("nia@factory.test");
    const [mail] = await waitForMailbox(path.join(app.dataDir, "mail"), (m) => recipient(m) === "nia@factory.test");
    const link = mail!.text!.match(/http\S+\/set-password\/[A-Za-z0-9_-]{43}/)![0];

    expect(await signIn("nia@factory.test", "")).toBeNull();
    const short = await fetch(link, { method: "POST", body: new URLSearchParams({ password: "short", repeat: "short" }) });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain("at least 12 characters");
    const set = await fetch(link, { method: "POST", body: new URLSearchParams({ password: "nia's own long password", repeat: "nia's own long password" }), redirect: "manual" });
    expect(set.headers.get("location")).toBe("/login?passwordSet=1");
    expect(await signIn("nia@factory.test", "nia's own long password")).not.toBeNull();

    const again = await fetch(link, { method: "POST", body: new URLSearchParams({ password: "another long password", repeat: "another long password" }) });
    expect(await again.text()).toContain("expired or was already used");
  });

  it("refuses an expired invitation link", async () => {
    await post(adminCookie, { intent: "invite", email: "late@factory.test", name: "Late", role: "sales" });
    const [mail] = await waitForMailbox(path.join(app.dataDir, "mail"), (m) => recipient(m) === "late@factory.test");
    const link = mail!.text!.match(/http\S+\/set-password\/[A-Za-z0-9_-]{43}/)![0];
    const db = createDb(path.join(app.dataDir, "mim-rfq.sqlite"), { migrate: false });
    db.update(passwordTokens).set({ expiresAt: new Date(Date.now() - 1000) }).run();
    db.$client.close();
    expect(await (await fetch(link)).text()).toContain("This link no longer works");
  });

  it("lets only admins in, and only with the form's anti-forgery token", async () => {
    expect((await fetch(`${app.url}/admin/users`, { headers: { Cookie: engineerCookie } })).status).toBe(403);
    expect((await post(engineerCookie, { intent: "invite", email: "x@factory.test", name: "X", role: "admin" })).status).toBe(403);
    expect((await post(adminCookie, { intent: "invite", email: "y@factory.test", name: "Y", role: "admin" }, false)).status).toBe(403);
  });

  it("changes roles, and deactivation signs the person out at once", async () => {
    const engId = await userIdOf("eng@factory.test");
    expect((await post(adminCookie, { intent: "roles", userId: engId, role: ["engineer", "sales"] })).status).toBe(302);
    const engRow = (await page(adminCookie)).split("<tr").find((row) => row.includes("eng@factory.test"))!;
    expect(engRow).toContain('name="role" checked="" value="sales"');
    expect(engRow).not.toContain('name="role" checked="" value="admin"');

    expect((await fetch(`${app.url}/review`, { headers: { Cookie: engineerCookie }, redirect: "manual" })).status).toBe(200);
    expect((await post(adminCookie, { intent: "deactivate", userId: engId })).status).toBe(302);
    expect((await fetch(`${app.url}/review`, { headers: { Cookie: engineerCookie }, redirect: "manual" })).status).toBe(302);
    expect(await signIn("eng@factory.test")).toBeNull();
    expect((await post(adminCookie, { intent: "reactivate", userId: engId })).status).toBe(302);
    expect(await signIn("eng@factory.test")).not.toBeNull();
  });

  it("never lets an admin lock themselves out", async () => {
    const rootId = await userIdOf("root@factory.test");
    const dropped = await post(adminCookie, { intent: "roles", userId: rootId, role: "engineer" });
    expect(dropped.status).toBe(400);
    expect(await dropped.text()).toContain("cannot remove your own admin role");
    const off = await post(adminCookie, { intent: "deactivate", userId: rootId });
    expect(await off.text()).toContain("cannot deactivate yourself");
  });
});
