import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { signedNdas, type SignedNda } from "../schema";

export type { SignedNda };

/** The signed NDA recorded for an inquiry, if any. */
export function findSignedNda(db: Db, inquiryId: string): SignedNda | undefined {
  return db.select().from(signedNdas).where(eq(signedNdas.inquiryId, inquiryId)).get();
}

/** Records the signed NDA inside the caller's write transaction; false when one is already recorded. */
export function insertSignedNda(tx: Db, values: SignedNda): boolean {
  return tx.insert(signedNdas).values(values).onConflictDoNothing().run().changes === 1;
}
