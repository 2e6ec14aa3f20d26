import path from "node:path";
import { expect, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import type { StaffRole } from "../../workflows/roles";
import { e2eDataDir } from "../../playwright.config";
import { fixture, submitInquiry } from "../support/intake-client";
import { createStaffUser } from "../support/staff";

export const PASSWORD = "a long e2e password";

/** A staff account in the running server's database. */
export function createStaff(name: string, roles: StaffRole[]): Promise<string> {
  return createStaffUser(e2eDataDir, roles, { name, password: PASSWORD });
}

export async function signIn(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/review/);
}

/** The NIST plate as a model and its drawing: what a buyer typically sends (both are analysed). */
/** The NIST plate's STEP model and PDF drawing, for a test that looks at what the analysis worker makes of them. */
export const PLATE = ["nist_ftc_11_asme1_rb.stp", "nist_ftc_11_asme1_rb.pdf"];

/**
 * A buyer's inquiry sent to the real intake route; returns its reference. Unless a test gives its
 * files, a DXF drawing alone: the analysis worker does not take it, so it delays no test that waits
 * for the worker (one file at a time, for the whole run).
 */
export async function sendInquiry(
  baseURL: string,
  fields: Record<string, string>,
  fixtures: string[] = ["plate.dxf"],
): Promise<string> {
  const { reference } = await submitInquiry(baseURL, {
    // No NDA unless a test asks for one: with it, staff could not open the files. An English-reading
    // buyer unless a test asks for another language: the buyer's pages and e-mails are asserted in English.
    fields: { ndaRequired: "no", language: "en", ...fields },
    files: fixtures.map((name) => fixture(name)),
  });
  return reference;
}

export async function openFromQueue(page: Page, reference: string) {
  await page.goto("/review");
  await page.getByLabel("Search").fill(reference);
  await page.getByRole("button", { name: "Show" }).click();
  await page.getByRole("link", { name: reference }).click();
  await page.waitForURL(/\/review\/[0-9a-f-]{36}$/);
}

/** How long a browser test waits for the analysis worker: its queue is shared by every spec's uploads. */
export const ANALYSIS_DEADLINE = 4 * 60_000;

export type AnalysisState = { name: string; status: string; reason: string | null };

/**
 * Waits until the background worker has handled every model and drawing of an inquiry, and says
 * how each ended. The worker takes one file at a time in upload order, in a fresh process (about
 * 2 s to start, 5 s for the NIST plate on a loaded 2-core machine), so this inquiry's files queue
 * behind every file the other browser tests uploaded: hence a deadline in minutes.
 */
export async function waitForAnalyses(reference: string, timeoutMs: number): Promise<AnalysisState[]> {
  const db = new Database(path.join(e2eDataDir, "mim-rfq.sqlite"), { readonly: true, fileMustExist: true });
  const read = db.prepare(`select f.original_name as name, coalesce(a.status, 'pending') as status, a.reason as reason
    from files f join inquiries i on i.id = f.inquiry_id left join model_analyses a on a.file_id = f.id
    where i.reference = ? and (f.kind = 'model' or f.format = 'pdf') order by f.original_name`);
  try {
    let states: AnalysisState[] = [];
    await expect
      .poll(
        () => {
          states = read.all(reference) as AnalysisState[];
          return states.filter((s) => s.status === "pending" || s.status === "running");
        },
        { message: `analysis of ${reference}'s files`, timeout: timeoutMs, intervals: [500, 1000] },
      )
      .toEqual([]);
    return states;
  } finally {
    db.close();
  }
}

/**
 * What an admin does once before the first quotation: confirm the rates and fill in the factory
 * profile. The browser tests share one server, so another test may have filled the profile in.
 */
export async function readyForQuoting(admin: Page) {
  await admin.goto("/admin/rates");
  await admin.getByRole("button", { name: "Confirm these rates" }).click();
  await expect(admin.getByText("Thank you: the rates are confirmed")).toBeVisible();
  await admin.goto("/admin/factory");
  if (await admin.getByText("Not filled in yet").isVisible()) {
    await admin.getByLabel("Legal name").fill("Lindqvist Precision MIM AB");
    await admin.getByLabel("Address").fill("Verkstadsgatan 12\n611 35 Nyköping\nSweden");
    await admin.getByLabel("E-mail for quotations").fill("sales@lindqvist-mim.example");
    await admin.getByRole("button", { name: "Save the factory profile" }).click();
    await expect(admin.getByText("The factory profile is saved")).toBeVisible();
  }
}

/**
 * Creates version 1 in the open quote builder for `quantities`. The mass and tray footprint come
 * from the measured model once its analysis has finished; until then they are entered by hand.
 */
export async function createQuoteInBuilder(
  page: Page,
  quantities: string,
  part: { massG: string; footprintMm2: string } = { massG: "12.5", footprintMm2: "600" },
) {
  await page.getByLabel("Order quantities").fill(quantities);
  const mass = page.getByLabel("Sintered mass (g)");
  if (await mass.isVisible()) {
    await mass.fill(part.massG);
    await page.getByLabel("Footprint on the furnace tray (mm²)").fill(part.footprintMm2);
  }
  await page.getByRole("button", { name: "Create the quote" }).click();
}
