import crypto from "node:crypto";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../app/server/tokens.server";
import { createDb } from "../db/client";
import { passwordTokens } from "../db/schema";
import { startAppServer, type AppServer } from "./support/app-server";
import { recipient, waitForMailbox } from "./support/mailbox";
import { createStaffUser, signIn, STAFF_PASSWORD } from "./support/staff";

const uid = crypto.randomUUID().slice(0, 8);
const address = (who: string) => `${who}.${uid}@factory.test`;

function setPasswordLinkIn(mail: ParsedMail): string {
  const link = mail.text?.match(/https?:\/\/\S+\/set-password\/[A-Za-z0-9_-]{43}/)?.[0];
  if (!link) throw new Error(`no set-password link in e-mail "${mail.subject}"`);
  return link;
}

/** The table row that shows `email`, as the admin page renders it. */
function rowOf(html: string, email: string): string {
  const row = html.split("<tr").find((r) => r.includes(`<td>${email}</td>`));
  if (!row) throw new Error(`no row for ${email}`);
  return row;
}

/** The roles ticked in a row's roles form. */
function tickedRoles(row: string): string[] {
  return [...row.matchAll(/<input[^>]*name="role"[^>]*>/g)]
    .filter((m) => /\bchecked\b/.test(m[0]))
    .map((m) => m[0].match(/value="([^"]+)"/)![1]!);
}

describe("staff accounts administered on the real server", () => {
  let app: AppServer;
  let ROOT: string;
  let ENG: string;
  let adminCookie: string;
  let engineerCookie: string;
  let csrf: string;
  const mailDir = () => path.join(app.dataDir, "mail");
  const openDb = () => createDb(path.join(app.dataDir, "mim-rfq.sqlite"), { migrate: false });

  const post = (cookie: string, body: Record<string, string | string[]>, token: string | null = csrf) => {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...body, ...(token === null ? {} : { _csrf: token }) }))
      for (const x of [v].flat()) form.append(k, x);
    return fetch(`${app.url}/admin/users`, {
      method: "POST",
      headers: { Cookie: cookie },
      body: form,
      redirect: "manual",
    });
  };
  const setPassword = (link: string, password: string, repeat = password) =>
    fetch(link, { method: "POST", body: new URLSearchParams({ password, repeat }), redirect: "manual" });
  /** The session cookie of a sign-in, or null when it is refused. */
  const cookieOf = async (email: string, password = STAFF_PASSWORD) => {
    const response = await signIn(app, email, password);
    return response.status === 302 ? response.headers.get("set-cookie")!.split(";")[0]! : null;
  };
  const get = (pathname: string, cookie: string) =>
    fetch(`${app.url}${pathname}`, { headers: { Cookie: cookie }, redirect: "manual" });
  const page = async () => (await get("/admin/users", adminCookie)).text();
  const userIdOf = async (email: string) =>
    rowOf(await page(), email).match(/name="userId" value="([0-9a-f-]{36})"/)![1]!;
  const invite = async (who: string, roles: string[]) => {
    const email = address(who);
    const response = await post(adminCookie, { intent: "invite", email, name: who, role: roles });
    expect(response.status).toBe(302);
    return email;
  };

  beforeAll(async () => {
    app = await startAppServer();
    ROOT = await createStaffUser(app.dataDir, ["admin"], { name: "Root" });
    ENG = await createStaffUser(app.dataDir, ["engineer"], { name: "Eng" });
    adminCookie = (await cookieOf(ROOT))!;
    engineerCookie = (await cookieOf(ENG))!;
    csrf = (await page()).match(/name="_csrf" value="([^"]+)"/)![1]!;
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("invites by e-mail with a one-time link that sets the password, and signs nobody in", async () => {
    const invited = await post(adminCookie, {
      intent: "invite",
      email: address("Nia").toUpperCase(),
      name: "Nia",
      role: ["engineer", "sales"],
    });
    expect(invited.headers.get("location")).toBe("/admin/users?done=invited");
    const nia = address("nia");
    const row = rowOf(await page(), nia);
    expect(row).toContain("Invited");
    expect(tickedRoles(row)).toEqual(["engineer", "sales"]);

    const [mail] = await waitForMailbox(mailDir(), (m) => recipient(m) === nia);
    expect(mail!.subject).toBe("You are invited to the mim-rfq review board");
    expect(mail!.text).toContain("Root invited you");
    expect(mail!.text).toContain("Engineer, Sales");
    expect(mail!.text).toMatch(/until \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    const link = setPasswordLinkIn(mail!);
    expect(link.startsWith(`${app.url}/set-password/`)).toBe(true);
    expect(mail!.html).toContain(`href="${link}"`);

    const form = await fetch(link);
    expect(form.status).toBe(200);
    expect(form.headers.get("cache-control")).toBe("private, no-store");
    const formHtml = await form.text();
    expect(formHtml).toContain('<label for="set-password-password">New password');
    expect(formHtml).toContain('<label for="set-password-repeat">Repeat password');

    expect(await cookieOf(nia, "")).toBeNull();
    const short = await setPassword(link, "short");
    expect(short.status).toBe(400);
    expect(await short.text()).toContain("at least 12 characters");
    const differ = await setPassword(link, "nia's own long password", "nia's other long password");
    expect(differ.status).toBe(400);
    expect(await differ.text()).toContain("The two passwords differ");

    const set = await setPassword(link, "nia's own long password");
    expect(set.headers.get("location")).toBe("/login?passwordSet=1");
    expect(set.headers.get("set-cookie")).toBeNull();
    expect(await (await fetch(`${app.url}/login?passwordSet=1`)).text()).toContain("Your password is set");
    expect(await cookieOf(nia, "nia's own long password")).not.toBeNull();
    expect(rowOf(await page(), nia)).toContain("Active");

    // Spent: the page says so, and a second password is refused.
    const spent = await fetch(link);
    expect(spent.status).toBe(410);
    expect(await spent.text()).toContain("ask your administrator for a new invitation");
    const again = await setPassword(link, "another long password");
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("expired or was already used");
    expect(await cookieOf(nia, "another long password")).toBeNull();
  });

  it("refuses an expired invitation link", async () => {
    const late = await invite("late", ["sales"]);
    const [mail] = await waitForMailbox(mailDir(), (m) => recipient(m) === late);
    const link = setPasswordLinkIn(mail!);
    const db = openDb();
    const expired = db
      .update(passwordTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(passwordTokens.tokenHash, hashToken(link.split("/").pop()!)))
      .run();
    db.$client.close();
    expect(expired.changes).toBe(1);

    const shown = await fetch(link);
    expect(shown.status).toBe(410);
    expect(await shown.text()).toContain("This link no longer works");
    const refused = await setPassword(link, "a password set too late");
    expect(refused.status).toBe(400);
    expect(await cookieOf(late, "a password set too late")).toBeNull();
  });

  it("sends the invitation again with a fresh link, and the earlier link stops working", async () => {
    const sam = await invite("sam", ["engineer"]);
    const [first] = await waitForMailbox(mailDir(), (m) => recipient(m) === sam);
    const resent = await post(adminCookie, { intent: "resend", userId: await userIdOf(sam) });
    expect(resent.headers.get("location")).toBe("/admin/users?done=resent");
    const mails = await waitForMailbox(mailDir(), (m) => recipient(m) === sam, 2);
    const links = mails.map(setPasswordLinkIn);
    const newest = links.find((l) => l !== setPasswordLinkIn(first!))!;
    expect(new Set(links).size).toBe(2);

    expect((await fetch(setPasswordLinkIn(first!))).status).toBe(410);
    expect((await setPassword(newest, "sam's long password")).status).toBe(302);
    expect(await cookieOf(sam, "sam's long password")).not.toBeNull();

    const noNeed = await post(adminCookie, { intent: "resend", userId: await userIdOf(sam) });
    expect(noNeed.status).toBe(400);
    expect(await noNeed.text()).toContain("has already chosen a password");
  });

  it("shows invitation errors beside their fields and keeps what was typed", async () => {
    const empty = await post(adminCookie, { intent: "invite", email: "not an address", name: "" });
    expect(empty.status).toBe(400);
    const html = await empty.text();
    expect(html).toMatch(/id="invite-email-error">Enter the person&#x27;s e-mail address/);
    expect(html).toMatch(/id="invite-name-error">Enter the person&#x27;s name/);
    expect(html).toMatch(/id="invite-role-error">Give at least one role/);
    expect(html).toContain('value="not an address"');

    const duplicate = await post(adminCookie, {
      intent: "invite",
      email: ENG.toUpperCase(),
      name: "Someone Else",
      role: "sales",
    });
    expect(duplicate.status).toBe(400);
    const dupHtml = await duplicate.text();
    expect(dupHtml).toContain(`id="invite-email-error">${ENG} already has an account`);
    expect(dupHtml).toContain('value="Someone Else"');
    expect((await page()).split(`<td>${ENG}</td>`).length).toBe(2);
  });

  it("lets only admins in, and only with the session's anti-forgery token", async () => {
    expect((await get("/admin/users", engineerCookie)).status).toBe(403);
    const body = { intent: "invite", email: address("x"), name: "X", role: "admin" };
    expect((await post(engineerCookie, body)).status).toBe(403);
    expect((await post("", body)).headers.get("location")).toBe("/login?redirectTo=%2Fadmin%2Fusers");
    expect((await post(adminCookie, body, null)).status).toBe(403);
    expect((await post(adminCookie, body, "A".repeat(csrf.length))).status).toBe(403);
    expect(await page()).not.toContain(body.email);
  });

  it("changes roles, which take effect on the next request", async () => {
    const engId = await userIdOf(ENG);
    expect(
      (await post(adminCookie, { intent: "roles", userId: engId, role: ["engineer", "admin"] })).headers.get(
        "location",
      ),
    ).toBe("/admin/users?done=roles");
    expect(tickedRoles(rowOf(await page(), ENG))).toEqual(["engineer", "admin"]);
    expect((await get("/admin/users", engineerCookie)).status).toBe(200);

    const none = await post(adminCookie, { intent: "roles", userId: engId });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("Give at least one role.");

    expect((await post(adminCookie, { intent: "roles", userId: engId, role: "engineer" })).status).toBe(302);
    expect(tickedRoles(rowOf(await page(), ENG))).toEqual(["engineer"]);
    expect((await get("/admin/users", engineerCookie)).status).toBe(403);
  });

  it("signs a deactivated person out at once and refuses their sign-in until reactivated", async () => {
    const engId = await userIdOf(ENG);
    expect((await get("/review", engineerCookie)).status).toBe(200);
    expect((await post(adminCookie, { intent: "deactivate", userId: engId })).headers.get("location")).toBe(
      "/admin/users?done=deactivated",
    );
    expect(rowOf(await page(), ENG)).toContain("Deactivated");
    expect((await get("/review", engineerCookie)).headers.get("location")).toMatch(/^\/login/);
    expect(await cookieOf(ENG)).toBeNull();

    expect((await post(adminCookie, { intent: "reactivate", userId: engId })).status).toBe(302);
    // The old session was deleted, not merely hidden: reactivation does not bring it back.
    expect((await get("/review", engineerCookie)).status).toBe(302);
    engineerCookie = (await cookieOf(ENG))!;
    expect((await get("/review", engineerCookie)).status).toBe(200);
  });

  it("never lets an admin lock themselves out", async () => {
    const rootId = await userIdOf(ROOT);
    const dropped = await post(adminCookie, { intent: "roles", userId: rootId, role: "engineer" });
    expect(dropped.status).toBe(400);
    expect(await dropped.text()).toContain(
      "You cannot remove your own admin role: someone must remain able to administer",
    );
    const off = await post(adminCookie, { intent: "deactivate", userId: rootId });
    expect(off.status).toBe(400);
    expect(await off.text()).toContain("You cannot deactivate yourself: someone must remain able to administer");

    const row = rowOf(await page(), ROOT);
    expect(tickedRoles(row)).toEqual(["admin"]);
    expect(row).toContain("Active");
    expect(row).not.toContain(">Deactivate</button>");
  });
});
