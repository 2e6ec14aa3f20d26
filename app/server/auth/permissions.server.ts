import { may, PERMISSIONS, type Permission } from "../../../workflows/permissions";
import { getStaffUser, requireStaff, type StaffUser } from "./auth.server";
import type { Services } from "../service-types";

/**
 * The first line of every staff loader and action: no session sends the person to sign in (and
 * back), a session whose roles lack `permission` gets 403.
 */
export function requirePermission(request: Request, services: Services, permission: Permission): StaffUser {
  return requireStaff(request, services, PERMISSIONS[permission]);
}

/** Whether this signed-in person may do `permission`: for the buttons a page shows and the checks inside actions. */
export function userMay(user: Pick<StaffUser, "roles">, permission: Permission): boolean {
  return may(user.roles, permission);
}

/**
 * Whether the request's session still belongs to someone who may do `permission`, for a response
 * that outlives the check its request passed (an event stream): a deactivated person's sessions are
 * deleted, so they no longer may.
 */
export function stillMay(request: Request, services: Services, permission: Permission): boolean {
  const user = getStaffUser(request, services);
  return user !== null && userMay(user, permission);
}
