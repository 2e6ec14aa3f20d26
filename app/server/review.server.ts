import { eq } from "drizzle-orm";
import type { Readable } from "node:stream";
import { writeTransaction } from "../../db/client";
import { appendEvent, findInquiryFile } from "../../db/queries/inquiries";
import { inquiries, type Inquiry, type StoredFile } from "../../db/schema";
import type { StaffUser } from "./auth.server";
import type { Services } from "./services.server";

export function findInquiry(services: Services, inquiryId: string): Inquiry | undefined {
  return services.db.select().from(inquiries).where(eq(inquiries.id, inquiryId)).get();
}

function staffActor(user: StaffUser) {
  return { actor: user.name, actorUserId: user.id };
}

/** Opens a file for a staff member and records who downloaded it, and when, on the timeline. */
export async function openFileForStaff(
  services: Services,
  user: StaffUser,
  inquiryId: string,
  fileId: string,
  now = new Date(),
): Promise<{ file: StoredFile; body: Readable; size: number } | null> {
  const file = findInquiryFile(services.db, inquiryId, fileId);
  if (!file || file.status !== "stored") return null;
  const { body, size } = await services.storage.get(file.storedKey);
  writeTransaction(services.db, (tx) =>
    appendEvent(tx, { inquiryId, type: "download", ...staffActor(user), payload: { file: file.originalName, fileId }, createdAt: now }),
  );
  return { file, body, size };
}
