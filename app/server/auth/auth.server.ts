import crypto from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { json, redirect } from "@remix-run/node";
import { writeTransaction } from "../../../db/client";
import { deleteSession, findLiveSession, findUserByEmail, insertSession, rolesOf } from "../../../db/queries/users";
import type { StaffRole } from "../../../workflows/roles";
import type { Services } from "../service-types";
import { retryAfterText } from "../rate-limit.server";
import { createToken, hashToken, isTokenShaped } from "../tokens.server";
import { CSRF_FIELD } from "~/forms/csrf";

const COOKIE = "mim_session";
const SESSION_MS = 14 * 24 * 60 * 60 * 1000;
export const SIGN_IN_FAILED = "That e-mail and password do not match an active account. Check both and try again.";

export type StaffUser = { id: string; email: string; name: string; roles: StaffRole[]; csrfToken: string };

/** argon2id with the library's defaults (19 MiB, 2 passes), as OWASP recommends. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Unknown addresses are checked against this hash too, so timing does not tell who has an account.
let dummyHash: Promise<string> | undefined;

function cookieValue(request: Request): string | null {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === COOKIE) return rest.join("=");
  }
  return null;
}

function sessionCookie(services: Services, token: string, maxAgeSeconds: number): string {
  const secure = services.config.publicUrl.startsWith("https:") ? "; Secure" : "";
  return `${COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`;
}

export type SignInResult = { ok: true; setCookie: string } | { ok: false; status: number; message: string };

export async function signIn(
  services: Services,
  credentials: { email: string; password: string },
  clientIp: string,
  now = new Date(),
): Promise<SignInResult> {
  // The point is taken before the password is checked, so concurrent guesses cannot all pass a
  // count that only grows afterwards; a successful sign-in gives it back (an office signing in
  // from one address is not a password guesser).
  const limit = await services.rateLimits.consume("loginFailures", clientIp);
  if (!limit.ok) {
    return {
      ok: false,
      status: 429,
      message: `Too many sign-in attempts: wait ${retryAfterText(limit)} and try again.`,
    };
  }
  const user = findUserByEmail(services.db, credentials.email);
  const usable = user && user.active && user.passwordHash ? user : null;
  dummyHash ??= hash(crypto.randomBytes(16).toString("hex"));
  const valid = await verify(usable?.passwordHash ?? (await dummyHash), credentials.password);
  if (!usable || !valid) return { ok: false, status: 401, message: SIGN_IN_FAILED };
  await services.rateLimits.refund("loginFailures", clientIp);

  const token = createToken();
  writeTransaction(services.db, (tx) =>
    insertSession(tx, {
      idHash: hashToken(token),
      userId: usable.id,
      csrfToken: createToken(),
      expiresAt: new Date(now.getTime() + SESSION_MS),
    }),
  );
  return { ok: true, setCookie: sessionCookie(services, token, SESSION_MS / 1000) };
}

export function signOut(request: Request, services: Services): string {
  const token = cookieValue(request);
  if (isTokenShaped(token)) deleteSession(services.db, hashToken(token));
  return sessionCookie(services, "", 0);
}

/** The signed-in staff member, or null. Buyers never have a session. */
export function getStaffUser(request: Request, services: Services, now = new Date()): StaffUser | null {
  const token = cookieValue(request);
  if (!isTokenShaped(token)) return null;
  const found = findLiveSession(services.db, hashToken(token), now);
  if (!found) return null;
  const { user, session } = found;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: rolesOf(services.db, user.id),
    csrfToken: session.csrfToken,
  };
}

/**
 * Every staff loader and action starts here: no session sends the person to sign in (and back),
 * a session without one of `roles` gets 403.
 */
export function requireStaff(request: Request, services: Services, roles: readonly StaffRole[]): StaffUser {
  const user = getStaffUser(request, services);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  if (!roles.some((role) => user.roles.includes(role))) {
    throw json(`This page is for ${roles.join(" or ")} staff. Ask an administrator for the role if you need it.`, {
      status: 403,
    });
  }
  return user;
}

/** Staff forms carry the session's token: another site can make a browser post, not read it. */
export function requireCsrf(form: FormData, user: StaffUser): void {
  const sent = Buffer.from(String(form.get(CSRF_FIELD) ?? ""));
  const expected = Buffer.from(user.csrfToken);
  if (sent.length !== expected.length || !crypto.timingSafeEqual(sent, expected)) {
    throw json("This form has expired or did not come from this site. Reload the page and send it again.", {
      status: 403,
    });
  }
}
