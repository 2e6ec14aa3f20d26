import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIGN_IN_FAILED } from "../app/server/auth/auth.server";
import type { StaffRole } from "../workflows/roles";
import { startAppServer, type AppServer } from "./support/app-server";
import { repoRoot } from "./support/paths";
import { createStaffUser, sessionCookie, signIn, STAFF_PASSWORD } from "./support/staff";

/**
 * Every route file is either public (buyers, sign-in, health) or a staff route with the roles it
 * admits. A new route that is in neither list fails this test, so none can be forgotten.
 */
const PUBLIC_ROUTES = new Set([
  "_index",
  "rfq.new",
  "rfq.received",
  "status.$token",
  "status.$token.files.$fileId",
  "healthz",
  "login",
  "logout",
  "set-password.$token",
  "status.$token.files.$fileId.preview",
  "status.$token_.quote",
  "status.$token.quote.pdf.$version",
  "status.$token.events",
  // The factory's logo: buyer pages and e-mails show it.
  "factory.logo",
  "language",
  // Any other address: the 404 page, in the page's language.
  "$",
]);
const NO_SUCH = "00000000-0000-0000-0000-000000000000";
/** `admitted` is the answer an admitted role gets (404 where the sample path names nothing). */
const STAFF_ROUTES: Record<string, { path: string; roles: StaffRole[]; admitted?: number }> = {
  "review._index": { path: "/review", roles: ["engineer", "sales", "admin"] },
  "admin.users": { path: "/admin/users", roles: ["admin"] },
  "admin.settings": { path: "/admin/settings", roles: ["admin"] },
  "admin.mail": { path: "/admin/mail", roles: ["admin"] },
  "admin.rates": { path: "/admin/rates", roles: ["admin"] },
  "admin.factory": { path: "/admin/factory", roles: ["admin"] },
  // Takes the logo form's posts only; a visit goes back to the factory page.
  "admin.factory_.logo": { path: "/admin/factory/logo", roles: ["admin"], admitted: 302 },
  "review.$id": { path: `/review/${NO_SUCH}`, roles: ["engineer", "sales", "admin"], admitted: 404 },
  "review.$id.events": { path: `/review/${NO_SUCH}/events`, roles: ["engineer", "sales", "admin"], admitted: 404 },
  "review.$id_.quote": { path: `/review/${NO_SUCH}/quote`, roles: ["engineer", "sales", "admin"], admitted: 404 },
  "review.$id.files.$fileId.preview": {
    path: `/review/${NO_SUCH}/files/${NO_SUCH}/preview`,
    roles: ["engineer", "sales", "admin"],
    admitted: 404,
  },
  "review.$id_.nda": { path: `/review/${NO_SUCH}/nda`, roles: ["sales", "admin"], admitted: 404 },
  "review.$id_.nda.signed": {
    path: `/review/${NO_SUCH}/nda/signed`,
    roles: ["engineer", "sales", "admin"],
    admitted: 404,
  },
  "review.$id.files.$fileId": {
    path: `/review/${NO_SUCH}/files/${NO_SUCH}`,
    roles: ["engineer", "sales", "admin"],
    admitted: 404,
  },
};
const ALL_ROLES: StaffRole[] = ["engineer", "sales", "admin"];

function routeFiles(): string[] {
  return fs.readdirSync(path.join(repoRoot, "app/routes")).map((f) => f.replace(/\.tsx?$/, ""));
}

describe("staff sign-in and route access on the real server", () => {
  let app: AppServer;
  const emails: Record<string, string> = {};

  beforeAll(async () => {
    app = await startAppServer();
    const people: [string, StaffRole[]][] = [...ALL_ROLES.map((r): [string, StaffRole[]] => [r, [r]]), ["none", []]];
    for (const [key, roles] of people) emails[key] = await createStaffUser(app.dataDir, roles, { name: key });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("knows every route file as public or staff", () => {
    const unknown = routeFiles().filter((r) => !PUBLIC_ROUTES.has(r) && !(r in STAFF_ROUTES));
    expect(unknown, "add new routes to PUBLIC_ROUTES or STAFF_ROUTES with their roles").toEqual([]);
  });

  it.each(Object.entries(STAFF_ROUTES))("sends anonymous visitors of %s to sign in", async (_file, route) => {
    const response = await fetch(`${app.url}${route.path}`, { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent(route.path)}`);
  });

  it.each(Object.entries(STAFF_ROUTES))("lets exactly the admitted roles into %s", async (_file, route) => {
    for (const key of [...ALL_ROLES, "none"]) {
      const response = await fetch(`${app.url}${route.path}`, {
        headers: { Cookie: await sessionCookie(app, emails[key]!) },
        redirect: "manual",
      });
      expect(response.status, `${key} on ${route.path}`).toBe(
        route.roles.includes(key as StaffRole) ? (route.admitted ?? 200) : 403,
      );
    }
  });

  it("refuses a buyer's status token as a staff credential", async () => {
    const response = await fetch(`${app.url}/review`, {
      headers: { Cookie: `mim_session=${"A".repeat(43)}` },
      redirect: "manual",
    });
    expect(response.status).toBe(302);
  });

  it("gives a wrong password and an unknown e-mail the same answer", async () => {
    const wrong = await signIn(app, emails.engineer!, "not the password");
    const unknown = await signIn(app, "nobody@factory.test");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [await wrong.text(), await unknown.text()];
    expect(a).toContain(SIGN_IN_FAILED.slice(0, 40));
    expect(b).toContain(SIGN_IN_FAILED.slice(0, 40));
    expect(wrong.headers.get("set-cookie")).toBeNull();
  });

  it("signs in with an httpOnly, SameSite=Lax cookie, returns to the page asked for, and signs out", async () => {
    const response = await signIn(app, emails.sales!.toUpperCase(), STAFF_PASSWORD, { redirectTo: "/review" });
    expect(response.headers.get("location")).toBe("/review");
    const setCookie = response.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const cookie = setCookie.split(";")[0]!;
    expect((await fetch(`${app.url}/review`, { headers: { Cookie: cookie } })).status).toBe(200);

    const forged = await fetch(`${app.url}/logout`, {
      method: "POST",
      headers: { Cookie: cookie },
      body: new URLSearchParams({ _csrf: "x" }),
      redirect: "manual",
    });
    expect(forged.status).toBe(403);
    const page = await (await fetch(`${app.url}/review`, { headers: { Cookie: cookie } })).text();
    const csrf = page.match(/name="_csrf" value="([^"]+)"/)![1]!;
    const out = await fetch(`${app.url}/logout`, {
      method: "POST",
      headers: { Cookie: cookie },
      body: new URLSearchParams({ _csrf: csrf }),
      redirect: "manual",
    });
    expect(out.headers.get("location")).toBe("/login");
    expect((await fetch(`${app.url}/review`, { headers: { Cookie: cookie }, redirect: "manual" })).status).toBe(302);
  });

  it("never redirects a sign-in to another site", async () => {
    const response = await signIn(app, emails.admin!, STAFF_PASSWORD, { redirectTo: "//evil.example/x" });
    expect(response.headers.get("location")).toBe("/review");
  });
});

// Failed sign-ins count per client address, and every test signs in from 127.0.0.1: the limit gets
// a server of its own, so reaching it cannot lock the tests above out, whatever the order.
describe("sign-in rate limit on the real server", () => {
  let app: AppServer;
  let admin: string;

  beforeAll(async () => {
    app = await startAppServer();
    admin = await createStaffUser(app.dataDir, ["admin"]);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("rate-limits sign-in attempts", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await signIn(app, "nobody@factory.test", "guess")).status);
    expect(statuses).toContain(429);
    expect(await (await signIn(app, admin)).text()).toContain("Too many sign-in attempts");
  });
});
