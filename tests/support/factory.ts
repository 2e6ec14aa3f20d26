import type { Db } from "../../db/client";
import { saveFactory } from "../../app/server/factory/factory.server";
import { TEST_FACTORY } from "./quote-documents";

/** What an admin does once before the first quotation: the factory profile, as /admin/factory saves it. */
export function fillFactoryProfile(db: Db, adminId: string): void {
  saveFactory(db, adminId, {
    ...TEST_FACTORY,
    address: [...TEST_FACTORY.address],
    frameOrigins: [],
    promiseUnit: "working_days",
  });
}
