import crypto from "node:crypto";
import { writeTransaction, type Db } from "../../db/client";
import {
  findUsablePasswordToken,
  findUserByEmail,
  findUserById,
  insertPasswordToken,
  insertUser,
  replaceRoles,
  rolesOf,
  setActive,
  usePasswordToken,
} from "../../db/queries/users";
import type { StaffRole } from "../../workflows/roles";
import { renderEmail } from "../../emails";
import { hashPassword, type StaffUser } from "./auth.server";
import { enqueueEmail } from "./outbox.server";
import type { Services } from "./services.server";
import { createToken, hashToken, isTokenShaped } from "./tokens.server";

const INVITE_DAYS = 7;

export type UserResult = { ok: true } | { ok: false; message: string };

function sendInvite(tx: Db, services: Services, admin: StaffUser, user: { id: string; email: string; name: string }, roles: StaffRole[], now: Date) {
  const token = createToken();
  const expiresAt = new Date(now.getTime() + INVITE_DAYS * 24 * 60 * 60 * 1000);
  insertPasswordToken(tx, { tokenHash: hashToken(token), userId: user.id, expiresAt });
  const email = renderEmail({
    kind: "staff-invite",
    data: {
      name: user.name,
      invitedBy: admin.name,
      roles,
      setPasswordUrl: `${services.config.publicUrl}/set-password/${token}`,
      expiresOn: expiresAt.toISOString().slice(0, 10),
    },
  });
  enqueueEmail(tx, { kind: "staff-invite", inquiryId: null, to: user.email, ...email }, now);
}

/** Creates the account without a password and e-mails its one-time set-password link, together. */
export function inviteUser(services: Services, admin: StaffUser, invite: { email: string; name: string; roles: StaffRole[] }, now = new Date()): UserResult {
  if (findUserByEmail(services.db, invite.email)) return { ok: false, message: `${invite.email} already has an account: change its roles below instead.` };
  writeTransaction(services.db, (tx) => {
    const user = insertUser(tx, { id: crypto.randomUUID(), email: invite.email, name: invite.name, passwordHash: null, roles: invite.roles });
    sendInvite(tx, services, admin, user, invite.roles, now);
  });
  services.outbox.nudge();
  return { ok: true };
}

export function resendInvite(services: Services, admin: StaffUser, userId: string, now = new Date()): UserResult {
  const user = findUserById(services.db, userId);
  if (!user) return { ok: false, message: "No such user." };
  if (user.passwordHash) return { ok: false, message: `${user.email} has already chosen a password.` };
  writeTransaction(services.db, (tx) => sendInvite(tx, services, admin, user, rolesOf(tx, user.id), now));
  services.outbox.nudge();
  return { ok: true };
}

/** Someone must always be able to administer: an admin cannot lock themselves out. */
export function changeRoles(services: Services, admin: StaffUser, userId: string, roles: StaffRole[]): UserResult {
  if (!findUserById(services.db, userId)) return { ok: false, message: "No such user." };
  if (userId === admin.id && !roles.includes("admin")) return { ok: false, message: "You cannot remove your own admin role: ask another administrator." };
  writeTransaction(services.db, (tx) => replaceRoles(tx, userId, roles));
  return { ok: true };
}

export function changeActive(services: Services, admin: StaffUser, userId: string, active: boolean): UserResult {
  if (!findUserById(services.db, userId)) return { ok: false, message: "No such user." };
  if (userId === admin.id && !active) return { ok: false, message: "You cannot deactivate yourself: ask another administrator." };
  writeTransaction(services.db, (tx) => setActive(tx, userId, active));
  return { ok: true };
}

/** Who a set-password link is for, or null when it is unknown, used or expired. */
export function passwordLinkUser(services: Services, token: string, now = new Date()) {
  if (!isTokenShaped(token)) return null;
  return findUsablePasswordToken(services.db, hashToken(token), now)?.user ?? null;
}

export async function setPasswordWithLink(services: Services, token: string, password: string, now = new Date()): Promise<UserResult> {
  const user = passwordLinkUser(services, token, now);
  if (!user) return { ok: false, message: "This link has expired or was already used. Ask your administrator for a new invitation." };
  const passwordHash = await hashPassword(password);
  const done = writeTransaction(services.db, (tx) => usePasswordToken(tx, hashToken(token), user.id, passwordHash, now));
  return done ? { ok: true } : { ok: false, message: "This link was just used. Ask your administrator for a new invitation." };
}
