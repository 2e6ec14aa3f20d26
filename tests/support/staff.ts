import crypto from "node:crypto";
import path from "node:path";
import { hashPassword, type StaffUser } from "../../app/server/auth/auth.server";
import { createDb, writeTransaction, type Db } from "../../db/client";
import { insertUser } from "../../db/queries/users";
import type { StaffRole } from "../../workflows/roles";
import type { AppServer } from "./app-server";

export const STAFF_PASSWORD = "correct horse battery staple";

/** A staff account with a unique e-mail address written straight into `db`. */
export async function insertStaff(
  db: Db,
  name: string,
  roles: StaffRole[],
  password = STAFF_PASSWORD,
): Promise<StaffUser> {
  const id = crypto.randomUUID();
  const email = `${name.toLowerCase()}.${id.slice(0, 8)}@factory.test`;
  const passwordHash = await hashPassword(password);
  writeTransaction(db, (tx) => insertUser(tx, { id, email, name, passwordHash, roles }));
  return { id, email, name, roles, csrfToken: "unused" };
}

/**
 * A staff account in a running server's database (the server migrated it at start); returns the
 * address.
 */
export async function createStaffUser(
  dataDir: string,
  roles: StaffRole[],
  { name = roles[0] ?? "none", password = STAFF_PASSWORD }: { name?: string; password?: string } = {},
): Promise<string> {
  const db = createDb(path.join(dataDir, "mim-rfq.sqlite"), { migrate: false });
  try {
    return (await insertStaff(db, name, roles, password)).email;
  } finally {
    db.$client.close();
  }
}

/** The sign-in form's post, as a browser sends it; `fields` adds e.g. `redirectTo`. */
export function signIn(
  app: AppServer,
  email: string,
  password = STAFF_PASSWORD,
  fields: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${app.url}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password, ...fields }),
    redirect: "manual",
  });
}

/** The `name=value` session cookie of a successful sign-in. */
export async function sessionCookie(app: AppServer, email: string, password = STAFF_PASSWORD): Promise<string> {
  const response = await signIn(app, email, password);
  if (response.status !== 302)
    throw new Error(`sign-in as ${email} answered ${response.status}: ${await response.text()}`);
  return response.headers.get("set-cookie")!.split(";")[0]!;
}

/** The CSRF token of a signed-in page (every staff form carries it). */
export async function csrfOf(app: AppServer, cookie: string, page = "/review"): Promise<string> {
  const html = await (await fetch(`${app.url}${page}`, { headers: { Cookie: cookie } })).text();
  return html.match(/name="_csrf" value="([^"]+)"/)![1]!;
}
