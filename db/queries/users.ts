import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import { cachedStatement } from "../statements";
import type { StaffRole } from "../../workflows/roles";
import { passwordTokens, sessions, userRoles, users, type User } from "../schema";

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function findUserByEmail(db: Db, email: string): User | undefined {
  return db
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .get();
}

// Every staff request reads the session and the roles: prepared once per connection (db/statements.ts).
export function rolesOf(db: Db, userId: string): StaffRole[] {
  const statement = cachedStatement(db, "users.rolesOf", () =>
    db
      .select({ role: userRoles.role })
      .from(userRoles)
      .where(eq(userRoles.userId, sql.placeholder("userId")))
      .prepare(),
  );
  return statement.all({ userId }).map((r) => r.role);
}

/** Creates a person with their roles, inside the caller's write transaction. */
export function insertUser(
  tx: Db,
  values: { id: string; email: string; name: string; passwordHash: string | null; roles: StaffRole[] },
): User {
  const user = tx
    .insert(users)
    .values({
      id: values.id,
      email: normaliseEmail(values.email),
      name: values.name,
      passwordHash: values.passwordHash,
    })
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
  const statement = cachedStatement(db, "users.findLiveSession", () =>
    db
      .select({ session: sessions, user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(
        and(
          eq(sessions.idHash, sql.placeholder("idHash")),
          // A placeholder skips the column's Date encoder: the stored milliseconds are bound.
          gt(sessions.expiresAt, sql.placeholder("now")),
          eq(users.active, true),
        ),
      )
      .prepare(),
  );
  return statement.get({ idHash, now: now.getTime() });
}

export function deleteSession(db: Db, idHash: string): void {
  db.delete(sessions).where(eq(sessions.idHash, idHash)).run();
}

export function listUsersWithRoles(db: Db) {
  const rows = db.select().from(users).orderBy(asc(users.name), asc(users.email)).all();
  const roles = db.select().from(userRoles).all();
  return rows.map((u) => ({ ...u, roles: roles.filter((r) => r.userId === u.id).map((r) => r.role) }));
}

export function findUserById(db: Db, id: string): User | undefined {
  const statement = cachedStatement(db, "users.findUserById", () =>
    db
      .select()
      .from(users)
      .where(eq(users.id, sql.placeholder("id")))
      .prepare(),
  );
  return statement.get({ id });
}

export function replaceRoles(tx: Db, userId: string, roles: readonly StaffRole[]): void {
  tx.delete(userRoles).where(eq(userRoles.userId, userId)).run();
  for (const role of new Set(roles)) tx.insert(userRoles).values({ userId, role }).run();
}

export function setActive(tx: Db, userId: string, active: boolean): void {
  tx.update(users).set({ active }).where(eq(users.id, userId)).run();
  // Deactivation signs the person out everywhere at once.
  if (!active) tx.delete(sessions).where(eq(sessions.userId, userId)).run();
}

export function insertPasswordToken(tx: Db, values: typeof passwordTokens.$inferInsert): void {
  tx.insert(passwordTokens).values(values).run();
}

/** An unused, unexpired set-password token and its user. */
export function findUsablePasswordToken(db: Db, tokenHash: string, now: Date) {
  return db
    .select({ token: passwordTokens, user: users })
    .from(passwordTokens)
    .innerJoin(users, eq(users.id, passwordTokens.userId))
    .where(
      and(
        eq(passwordTokens.tokenHash, tokenHash),
        isNull(passwordTokens.usedAt),
        gt(passwordTokens.expiresAt, now),
        eq(users.active, true),
      ),
    )
    .get();
}

export function usePasswordToken(tx: Db, tokenHash: string, userId: string, passwordHash: string, now: Date): boolean {
  const used = tx
    .update(passwordTokens)
    .set({ usedAt: now })
    .where(and(eq(passwordTokens.tokenHash, tokenHash), isNull(passwordTokens.usedAt)))
    .run();
  if (used.changes !== 1) return false;
  tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
  return true;
}

/** Retires a person's set-password links that are still open, so only the newest one works. */
export function deleteOpenPasswordTokens(tx: Db, userId: string): void {
  tx.delete(passwordTokens)
    .where(and(eq(passwordTokens.userId, userId), isNull(passwordTokens.usedAt)))
    .run();
}
