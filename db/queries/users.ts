import { and, eq, gt } from "drizzle-orm";
import type { Db } from "../client";
import { sessions, userRoles, users, type StaffRole, type User } from "../schema";

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function findUserByEmail(db: Db, email: string): User | undefined {
  return db.select().from(users).where(eq(users.email, normaliseEmail(email))).get();
}

export function rolesOf(db: Db, userId: string): StaffRole[] {
  return db
    .select({ role: userRoles.role })
    .from(userRoles)
    .where(eq(userRoles.userId, userId))
    .all()
    .map((r) => r.role);
}

/** Creates a person with their roles, inside the caller's write transaction. */
export function insertUser(
  tx: Db,
  values: { id: string; email: string; name: string; passwordHash: string | null; roles: StaffRole[] },
): User {
  const user = tx
    .insert(users)
    .values({ id: values.id, email: normaliseEmail(values.email), name: values.name, passwordHash: values.passwordHash })
    .returning()
    .get();
  for (const role of new Set(values.roles)) tx.insert(userRoles).values({ userId: user.id, role }).run();
  return user;
}

export function insertSession(tx: Db, values: typeof sessions.$inferInsert): void {
  tx.insert(sessions).values(values).run();
}

/** The live session behind a cookie, with its active user; expired sessions open nothing. */
export function findLiveSession(db: Db, idHash: string, now: Date) {
  return db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, now), eq(users.active, true)))
    .get();
}

export function deleteSession(db: Db, idHash: string): void {
  db.delete(sessions).where(eq(sessions.idHash, idHash)).run();
}
