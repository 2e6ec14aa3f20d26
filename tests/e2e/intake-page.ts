import fs from "node:fs";
import path from "node:path";
import type { Frame, Page } from "@playwright/test";
import Database from "better-sqlite3";
import type { AppServer } from "../support/app-server";

/** The intake form's messages a test reads its labels from, in one language. */
export type Messages = {
  field: { required: string; yes: string; no: string };
  about: Record<string, string>;
  part: Record<string, string>;
  commercial: Record<string, string>;
  files: { label: string; chosen: string };
  submit: { send: string };
  received: { heading: string; another: string };
};

export function messages(language: string): Messages {
  return JSON.parse(fs.readFileSync(path.resolve("app/locales", language, "intake.json"), "utf8")) as Messages;
}

/** The language an inquiry was stored with, read from the server's database. */
export function storedLanguage(app: AppServer, reference: string): string | undefined {
  const db = new Database(path.join(app.dataDir, "mim-rfq.sqlite"), { readonly: true, fileMustExist: true });
  try {
    return (
      db.prepare("select locale from inquiries where reference = ?").get(reference) as { locale: string } | undefined
    )?.locale;
  } finally {
    db.close();
  }
}

/** The form on a page of its own, or framed in another site's page. */
type Where = Page | Frame;

/** A labelled control found by its translated label, exactly, with the translated "(required)" mark. */
export function control(where: Where, m: Messages, label: string, required = false) {
  return where.getByLabel(required ? `${label} ${m.field.required}` : label, { exact: true });
}

/** Fills every required answer through the labels of the page's language. */
export async function fillRequired(where: Where, m: Messages, email: string) {
  await control(where, m, m.about.company!, true).fill(`Languages ${crypto.randomUUID().slice(0, 8)}`);
  await control(where, m, m.about.contactName!, true).fill("Dana Buyer");
  await control(where, m, m.about.email!, true).fill(email);
  await control(where, m, m.about.country!, true).fill("Oman");
  await control(where, m, m.part.partName!, true).fill("Lock cam");
  await control(where, m, m.part.material!, true).selectOption("mim-17-4ph");
  await control(where, m, m.part.annualVolume!, true).fill("20000");
  await where
    .getByRole("group", { name: `${m.commercial.nda} ${m.field.required}` })
    .getByLabel(m.field.no, { exact: true })
    .check();
  await where
    .getByRole("group", { name: `${m.commercial.exportControlled} ${m.field.required}` })
    .getByLabel(m.field.no, { exact: true })
    .check();
}
