import type { Db } from "../../db/client";
import { findFactoryProfile, saveFactoryProfile } from "../../db/queries/factory";
import type { FactoryFormValues } from "~/forms/factory";
import type { FactoryProfile } from "../../workflows/quote-document";

/** The seller every quotation names, or null until an admin has entered it. */
export function factoryProfile(db: Db): FactoryProfile | null {
  const row = findFactoryProfile(db);
  if (!row) return null;
  return {
    name: row.name,
    address: row.address.split("\n"),
    email: row.email,
    phone: row.phone ?? undefined,
    website: row.website ?? undefined,
    registration: row.registration ?? undefined,
  };
}

export function saveFactory(db: Db, userId: string, values: FactoryFormValues, now = new Date()): void {
  saveFactoryProfile(db, {
    name: values.name,
    address: values.address.join("\n"),
    email: values.email,
    phone: values.phone || null,
    website: values.website || null,
    registration: values.registration || null,
    updatedBy: userId,
    updatedAt: now,
  });
}
