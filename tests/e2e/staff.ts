import type { Page } from "@playwright/test";
import type { StaffRole } from "../../workflows/roles";
import { e2eDataDir } from "../../playwright.config";
import { fixture, intakeForm, validFields } from "../support/intake-client";
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

/** A buyer's inquiry sent to the real intake route; returns its reference. */
export async function sendInquiry(baseURL: string, fields: Record<string, string>): Promise<string> {
  const response = await fetch(`${baseURL}/rfq/new`, {
    method: "POST",
    body: intakeForm(validFields(fields), [fixture("nist_ftc_11_asme1_rb.stp"), fixture("nist_ftc_11_asme1_rb.pdf")]),
    redirect: "manual",
  });
  const reference = new URL(response.headers.get("location") ?? "", baseURL).searchParams.get("ref");
  if (!reference) throw new Error(`intake answered ${response.status}`);
  return reference;
}

export async function openFromQueue(page: Page, reference: string) {
  await page.goto("/review");
  await page.getByLabel("Search").fill(reference);
  await page.getByRole("button", { name: "Show" }).click();
  await page.getByRole("link", { name: reference }).click();
  await page.waitForURL(/\/review\/[0-9a-f-]{36}$/);
}
