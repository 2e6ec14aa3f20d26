import crypto from "node:crypto";
import { writeTransaction, type Db } from "../../../db/client";
import {
  deleteOpenPasswordTokens,
  findUsablePasswordToken,
  findUserByEmail,
  findUserById,
  insertPasswordToken,
  insertUser,
  listUsersWithRoles,
  replaceRoles,
  rolesOf,
  setActive,
  usePasswordToken,
} from "../../../db/queries/users";
import { ROLE_LABELS, type StaffRole } from "../../../workflows/roles";
import { renderEmail } from "../../../emails";
import { formatDateTime } from "../../utils/format";
import { hashPassword, type StaffUser } from "./auth.server";
import { enqueueEmail } from "../mail/outbox.server";
import type { Services } from "../service-types";
import { createToken, hashToken, isTokenShaped } from "../tokens.server";

const INVITE_MS = 7 * 24 * 60 * 60 * 1000;
const LINK_DEAD = "This link has expired or was already used. Ask your administrator for a new invitation.";
// Said whenever an admin tries to lock themselves out.
const KEEP_ADMIN = "someone must remain able to administer accounts. Ask another administrator to do it.";

/** `field` names the form field a refusal belongs beside, when it belongs to one. */
export type UserResult = { ok: true } | { ok: false; message: string; field?: "email" };

/** Everyone with their roles, for the admin page; password hashes never leave the server. */
export function listUsers(services: Services) {
  return listUsersWithRoles(services.db).map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    roles: u.roles,
    active: u.active,
    invited: u.passwordHash === null,
  }));
}

/** Mints a fresh link (retiring any earlier one) and queues its e-mail, in the caller's transaction. */
function sendInvite(
  tx: Db,
  services: Services,
  admin: StaffUser,
  user: { id: string; email: string; name: string },
  roles: StaffRole[],
  now: Date,
) {
  const token = createToken();
  const expiresAt = new Date(now.getTime() + INVITE_MS);
  deleteOpenPasswordTokens(tx, user.id);
  insertPasswordToken(tx, { tokenHash: hashToken(token), userId: user.id, expiresAt });
  const email = renderEmail({
    kind: "staff-invite",
    data: {
      name: user.name,
      invitedBy: admin.name,
      roles: roles.map((role) => ROLE_LABELS[role]),
      setPasswordUrl: `${services.config.publicUrl}/set-password/${token}`,
      expiresAt: formatDateTime(expiresAt),
    },
  });
  enqueueEmail(tx, { kind: "staff-invite", inquiryId: null, to: user.email, ...email }, now);
}

/** Creates the account without a password and e-mails its one-time set-password link, together. */
export function inviteUser(
  services: Services,
  admin: StaffUser,
  invite: { email: string; name: string; roles: StaffRole[] },
  now = new Date(),
): UserResult {
  // Checked inside the write transaction, so two admins inviting the same address at once get
  // this message rather than a unique-constraint error.
  const result = writeTransaction(services.db, (tx): UserResult => {
    const existing = findUserByEmail(tx, invite.email);
    if (existing)
      return {
        ok: false,
        field: "email",
        message: `${existing.email} already has an account: change it in the list above.`,
      };
    const user = insertUser(tx, {
      id: crypto.randomUUID(),
      email: invite.email,
      name: invite.name,
      passwordHash: null,
      roles: invite.roles,
    });
    sendInvite(tx, services, admin, user, invite.roles, now);
    return { ok: true };
  });
  if (result.ok) services.outbox.nudge();
  return result;
}

export function resendInvite(services: Services, admin: StaffUser, userId: string, now = new Date()): UserResult {
  const user = findUserById(services.db, userId);
  if (!user) return { ok: false, message: "No such user." };
  if (user.passwordHash) return { ok: false, message: `${user.email} has already chosen a password.` };
  // A deactivated account's link would open nothing (see findUsablePasswordToken).
  if (!user.active) return { ok: false, message: `Reactivate ${user.email} first, then send the invitation again.` };
  writeTransaction(services.db, (tx) => sendInvite(tx, services, admin, user, rolesOf(tx, user.id), now));
  services.outbox.nudge();
  return { ok: true };
}

export function changeRoles(services: Services, admin: StaffUser, userId: string, roles: StaffRole[]): UserResult {
  if (!findUserById(services.db, userId)) return { ok: false, message: "No such user." };
  if (userId === admin.id && !roles.includes("admin"))
    return { ok: false, message: `You cannot remove your own admin role: ${KEEP_ADMIN}` };
  writeTransaction(services.db, (tx) => replaceRoles(tx, userId, roles));
  return { ok: true };
}

/** Deactivation also deletes the person's sessions (setActive), so it signs them out at once. */
export function changeActive(services: Services, admin: StaffUser, userId: string, active: boolean): UserResult {
  if (!findUserById(services.db, userId)) return { ok: false, message: "No such user." };
  if (userId === admin.id && !active) return { ok: false, message: `You cannot deactivate yourself: ${KEEP_ADMIN}` };
  writeTransaction(services.db, (tx) => setActive(tx, userId, active));
  return { ok: true };
}

/** Who a set-password link is for, or null when it is unknown, used or expired. */
export function passwordLinkUser(services: Services, token: string, now = new Date()) {
  if (!isTokenShaped(token)) return null;
  return findUsablePasswordToken(services.db, hashToken(token), now)?.user ?? null;
}

/** Sets the password and spends the link; signs nobody in, so the person proves the password at once. */
export async function setPasswordWithLink(
  services: Services,
  token: string,
  password: string,
  now = new Date(),
): Promise<UserResult> {
  const user = passwordLinkUser(services, token, now);
  if (!user) return { ok: false, message: LINK_DEAD };
  // Hashing takes a while, so it runs before the write lock is taken; usePasswordToken then
  // re-checks the link, and a link spent in the meantime is refused.
  const passwordHash = await hashPassword(password);
  const done = writeTransaction(services.db, (tx) => {
    if (!usePasswordToken(tx, hashToken(token), user.id, passwordHash, now)) return false;
    // An earlier invitation still in the mailbox must not be able to change the password later.
    deleteOpenPasswordTokens(tx, user.id);
    return true;
  });
  return done ? { ok: true } : { ok: false, message: LINK_DEAD };
}
