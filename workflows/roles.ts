/** Staff roles; a person may hold several. Buyers have no account at all. */
export const STAFF_ROLES = ["engineer", "sales", "admin"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ROLE_LABELS: Record<StaffRole, string> = { engineer: "Engineer", sales: "Sales", admin: "Admin" };
