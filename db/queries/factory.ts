import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { factoryLogo, factoryProfile, inquiries, type FactoryLogoRow, type FactoryProfileRow } from "../schema";

export function findFactoryProfile(db: Db): FactoryProfileRow | undefined {
  return db.select().from(factoryProfile).get();
}

/** Writes the one profile row, whether it is the first or a change. */
export function saveFactoryProfile(db: Db, values: Omit<FactoryProfileRow, "id">): void {
  db.insert(factoryProfile)
    .values({ id: 1, ...values })
    .onConflictDoUpdate({ target: factoryProfile.id, set: values })
    .run();
}

/** The logo's version and type, without its bytes. */
export function findFactoryLogoVersion(db: Db): Pick<FactoryLogoRow, "sha256" | "contentType"> | undefined {
  return db.select({ sha256: factoryLogo.sha256, contentType: factoryLogo.contentType }).from(factoryLogo).get();
}

export function findFactoryLogo(db: Db): FactoryLogoRow | undefined {
  return db.select().from(factoryLogo).get();
}

export function saveFactoryLogo(db: Db, values: Omit<FactoryLogoRow, "id">): void {
  db.insert(factoryLogo)
    .values({ id: 1, ...values })
    .onConflictDoUpdate({ target: factoryLogo.id, set: values })
    .run();
}

export function deleteFactoryLogo(db: Db): void {
  db.delete(factoryLogo).run();
}

/** Whether an outgoing message is addressed to the buyer of its inquiry. */
export function isInquiryBuyer(db: Db, inquiryId: string, address: string): boolean {
  return (
    db
      .select({ id: inquiries.id })
      .from(inquiries)
      .where(and(eq(inquiries.id, inquiryId), eq(inquiries.email, address)))
      .get() !== undefined
  );
}
