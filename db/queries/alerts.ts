import { and, eq, gt } from "drizzle-orm";
import type { Db } from "../client";
import { outbox } from "../schema";

/** Whether an e-mail of this kind was queued after `since` (sent or not): alerts are throttled by it. */
export function queuedSince(db: Db, kind: string, since: Date): boolean {
  return (
    db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.kind, kind), gt(outbox.createdAt, since)))
      .limit(1)
      .get() !== undefined
  );
}
