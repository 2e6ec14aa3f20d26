import crypto from "node:crypto";
import type { Db } from "../../../db/client";
import {
  deleteFactoryLogo,
  findFactoryLogo,
  findFactoryLogoVersion,
  findFactoryProfile,
  isInquiryBuyer,
  saveFactoryLogo,
  saveFactoryProfile,
} from "../../../db/queries/factory";
import type { FactoryFormValues, PromiseUnit } from "~/forms/factory";
import type { LogoType } from "~/forms/factory-logo";
import type { FactoryProfile } from "../../../workflows/quote-document";
import type { EmailBrand } from "../../../emails/layout";
import { languageInfo } from "~/i18n/languages";
import { translatorFor } from "../i18n/i18n.server";

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

/** What the admin page shows in its form: the stored values as the fields take them. */
export function factoryFormDefaults(db: Db) {
  const row = findFactoryProfile(db);
  if (!row) return undefined;
  return {
    name: row.name,
    address: row.address,
    email: row.email,
    phone: row.phone ?? "",
    website: row.website ?? "",
    registration: row.registration ?? "",
    accent: row.accent ?? "",
    senderName: row.senderName ?? "",
    senderEmail: row.senderEmail ?? "",
    frameOrigins: row.frameOrigins ?? "",
    promiseCount: row.promiseCount === null ? "" : String(row.promiseCount),
    promiseUnit: row.promiseUnit ?? "working_days",
  };
}

export function saveFactory(db: Db, userId: string, values: FactoryFormValues, now = new Date()): void {
  const promise = values.promiseCount === undefined ? null : values.promiseCount;
  saveFactoryProfile(db, {
    name: values.name,
    address: values.address.join("\n"),
    email: values.email,
    phone: values.phone || null,
    website: values.website || null,
    registration: values.registration || null,
    accent: values.accent || null,
    senderName: values.senderName || null,
    senderEmail: values.senderEmail || null,
    frameOrigins: values.frameOrigins.length > 0 ? values.frameOrigins.join("\n") : null,
    promiseCount: promise,
    promiseUnit: promise === null ? null : values.promiseUnit,
    updatedBy: userId,
    updatedAt: now,
  });
}

/** The public address of the logo; its version in the query makes a replaced logo a new URL. */
export const LOGO_PATH = "/factory/logo";

/** How buyer pages, e-mails and the quote PDF show the factory; every field null until set. */
export type FactoryBrand = { name: string | null; logoPath: string | null; accent: string | null };

export function factoryBrand(db: Db): FactoryBrand {
  const row = findFactoryProfile(db);
  const logo = findFactoryLogoVersion(db);
  return {
    name: row?.name ?? null,
    logoPath: logo ? `${LOGO_PATH}?v=${logo.sha256.slice(0, 16)}` : null,
    accent: row?.accent ?? null,
  };
}

export type FirstAnswerPromise = { count: number; unit: PromiseUnit };

/** How soon the factory promises its first answer to a new inquiry, or null for no promise. */
export function firstAnswerPromise(db: Db): FirstAnswerPromise | null {
  const row = findFactoryProfile(db);
  if (!row || row.promiseCount === null || row.promiseUnit === null) return null;
  return { count: row.promiseCount, unit: row.promiseUnit };
}

/** The other sites allowed to show the intake pages in an iframe. */
export function frameOrigins(db: Db): string[] {
  return findFactoryProfile(db)?.frameOrigins?.split("\n") ?? [];
}

/**
 * Who a message comes from when the admin set a sender and it goes to an inquiry's buyer; else
 * undefined, and the mailer uses MAIL_FROM. Staff alerts keep MAIL_FROM, so a relay that refuses
 * the factory's address cannot silence them.
 */
export function buyerSender(
  db: Db,
  message: { inquiryId: string | null; to: string },
): { name: string; address: string } | undefined {
  const row = findFactoryProfile(db);
  if (!row?.senderEmail || !message.inquiryId || !isInquiryBuyer(db, message.inquiryId, message.to)) return undefined;
  return { name: row.senderName ?? row.name, address: row.senderEmail };
}

export function storeFactoryLogo(db: Db, userId: string, bytes: Buffer, contentType: LogoType, now = new Date()) {
  saveFactoryLogo(db, {
    bytes,
    contentType,
    sha256: crypto.createHash("sha256").update(bytes).digest("hex"),
    updatedBy: userId,
    updatedAt: now,
  });
}

export function removeFactoryLogo(db: Db): void {
  deleteFactoryLogo(db);
}

export function factoryLogoFile(db: Db) {
  return findFactoryLogo(db);
}

/** The factory as buyers' e-mails show it (logo by absolute address), or undefined before a profile exists. */
export function emailBrand(db: Db, publicUrl: string): EmailBrand | undefined {
  const row = findFactoryProfile(db);
  if (!row) return undefined;
  const { logoPath } = factoryBrand(db);
  return {
    name: row.name,
    logoUrl: logoPath ? `${publicUrl}${logoPath}` : undefined,
    contact: [row.email, row.phone, row.website].filter((item): item is string => Boolean(item)),
  };
}

/** The first-answer promise as one sentence in the buyer's language, or undefined when none is set. */
export function firstAnswerSentence(db: Db, language: string): string | undefined {
  const promise = firstAnswerPromise(db);
  if (!promise) return undefined;
  return translatorFor(languageInfo(language).code)("factory:promise.firstAnswer", promise);
}

/** The factory's logo as the quote PDF embeds it beside the factory's name. */
export type PdfLogo = { data: Buffer; format: "png" | "jpg" };

/** The logo for the quote PDF, or undefined when there is none. */
export function pdfLogo(db: Db): PdfLogo | undefined {
  const logo = findFactoryLogo(db);
  return logo ? { data: logo.bytes, format: logo.contentType === "image/png" ? "png" : "jpg" } : undefined;
}
