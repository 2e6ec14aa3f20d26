import type { StaffRole } from "./roles";

/**
 * Who may do what, in one table: every loader and action asks here (through requirePermission),
 * and pages ask the same table for which buttons to show.
 */
export const PERMISSIONS = {
  /** Open the queue, an inquiry's workspace, its files and previews, and leave internal comments. */
  see: ["engineer", "sales", "admin"],
  /** Decide the review: triage, the gates, questions to the buyer, assignment. */
  review: ["engineer", "admin"],
  /** Work on the quotation: open the builder and save versions. */
  quote: ["engineer", "sales", "admin"],
  /** Set, change or clear a price by hand. */
  override: ["sales", "admin"],
  /** Approve a quotation whose figures call for an approval. */
  approve: ["admin"],
  /** Send a quotation to the buyer. */
  send: ["sales", "admin"],
  /** Record the signed NDA a buyer asked for, which opens the buyer's files to staff. */
  record_nda: ["sales", "admin"],
  /** Users, rates, settings, the factory profile and the mail queue. */
  administer: ["admin"],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Whether a person holding `roles` may do `permission`. */
export function may(roles: readonly StaffRole[], permission: Permission): boolean {
  const allowed: readonly StaffRole[] = PERMISSIONS[permission];
  return roles.some((role) => allowed.includes(role));
}
