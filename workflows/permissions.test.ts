import { describe, expect, it } from "vitest";
import { may, PERMISSIONS, type Permission } from "./permissions";
import { STAFF_ROLES, type StaffRole } from "./roles";

/** The table as the product defines it: one row per permission, one column per role. */
const EXPECTED: Record<Permission, Record<StaffRole, boolean>> = {
  see: { engineer: true, sales: true, admin: true },
  review: { engineer: true, sales: false, admin: true },
  quote: { engineer: true, sales: true, admin: true },
  override: { engineer: false, sales: true, admin: true },
  approve: { engineer: false, sales: false, admin: true },
  send: { engineer: false, sales: true, admin: true },
  record_nda: { engineer: false, sales: true, admin: true },
  administer: { engineer: false, sales: false, admin: true },
};

const cases = (Object.keys(EXPECTED) as Permission[]).flatMap((permission) =>
  STAFF_ROLES.map((role) => [permission, role, EXPECTED[permission][role]] as const),
);

describe("permissions", () => {
  it("has a row for every permission and nothing else", () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(cases)("%s for a person who is only %s: %s", (permission, role, allowed) => {
    expect(may([role], permission)).toBe(allowed);
  });

  it("grants what any one of several roles grants", () => {
    expect(may(["engineer", "sales"], "send")).toBe(true);
    expect(may(["engineer", "sales"], "administer")).toBe(false);
  });

  it("grants nothing to a person without roles", () => {
    for (const permission of Object.keys(PERMISSIONS) as Permission[]) expect(may([], permission)).toBe(false);
  });
});
