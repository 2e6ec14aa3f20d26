import crypto from "node:crypto";
import path from "node:path";
import { expect } from "vitest";
import { hashPassword } from "../../app/server/auth.server";
import { createDb, writeTransaction } from "../../db/client";
import { insertUser } from "../../db/queries/users";
import type { StaffRole } from "../../workflows/roles";
import type { AppServer } from "./app-server";

export const PASSWORD = "correct horse battery staple";

/** Staff accounts written straight into a running server's database, one unique e-mail each. */
export async function addStaff(app: AppServer, people: { key: string; roles: StaffRole[] }[]): Promise<Record<string, string>> {
  const db = createDb(path.join(app.dataDir, "mim-rfq.sqlite"), { migrate: false });
  const passwordHash = await hashPassword(PASSWORD);
  const emails: Record<string, string> = {};
  for (const { key, roles } of people) {
    emails[key] = `${key}.${crypto.randomUUID().slice(0, 6)}@factory.test`;
    writeTransaction(db, (tx) => insertUser(tx, { id: crypto.randomUUID(), email: emails[key]!, name: key, passwordHash, roles }));
  }
  db.$client.close();
  return emails;
}

export async function signIn(app: AppServer, email: string, password = PASSWORD): Promise<Response> {
  return fetch(`${app.url}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password }),
    redirect: "manual",
  });
}

export async function sessionCookie(app: AppServer, email: string): Promise<string> {
  const response = await signIn(app, email);
  expect(response.status).toBe(302);
  return response.headers.get("set-cookie")!.split(";")[0]!;
}

/** The CSRF token of a signed-in page (every staff form carries it). */
export async function csrfOf(app: AppServer, cookie: string, page = "/review"): Promise<string> {
  const html = await (await fetch(`${app.url}${page}`, { headers: { Cookie: cookie } })).text();
  return html.match(/name="_csrf" value="([^"]+)"/)![1]!;
}
