import crypto from "node:crypto";
import path from "node:path";
import { hashPassword } from "../../app/server/auth.server";
import { createDb, writeTransaction } from "../../db/client";
import { insertUser } from "../../db/queries/users";
import type { StaffRole } from "../../workflows/roles";
import type { AppServer } from "./app-server";

export const STAFF_PASSWORD = "correct horse battery staple";

/**
 * A staff account with a unique e-mail address in a running server's database (the server migrated
 * it at start); returns the address.
 */
export async function createStaffUser(
  dataDir: string,
  roles: StaffRole[],
  { name = roles[0] ?? "none", password = STAFF_PASSWORD }: { name?: string; password?: string } = {},
): Promise<string> {
  const email = `${name.toLowerCase()}.${crypto.randomUUID().slice(0, 8)}@factory.test`;
  const passwordHash = await hashPassword(password);
  const db = createDb(path.join(dataDir, "mim-rfq.sqlite"), { migrate: false });
  try {
    writeTransaction(db, (tx) => insertUser(tx, { id: crypto.randomUUID(), email, name, passwordHash, roles }));
  } finally {
    db.$client.close();
  }
  return email;
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
