import crypto from "node:crypto";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./axe";
import { e2eDataDir } from "../../playwright.config";
import { recipient, statusLinkIn, waitForMailbox } from "./mailbox";
import { createStaff, openFromQueue, sendInquiry, signIn, PLATE } from "./staff";

/**
 * Every Content-Security-Policy violation the page reports, as Chromium's console message and as
 * the DOM event (whichever a future Chromium stops sending, the other still counts).
 */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction("reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline code"} on ${document.location.pathname}`,
      );
    });
  });
  return violations;
}

/** React has taken over the server's HTML: it only can if the nonce let Remix's scripts run. */
async function expectHydrated(page: Page, violations: string[]) {
  const hydrated = await page
    .waitForFunction(() => Object.keys(document.body).some((key) => key.startsWith("__reactFiber$")), undefined, {
      timeout: 20_000,
    })
    .then(
      () => true,
      () => false,
    );
  expect(hydrated, `${page.url()} hydrated (CSP violations so far: ${violations.join("; ") || "none"})`).toBe(true);
}

test("the intake form, the status page and the workspace with its 3D viewer run under the CSP without a violation", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const violations = await watchCsp(page);

  await page.goto("/rfq/new");
  await expectHydrated(page, violations);
  await expect(page.getByRole("button", { name: "Send for review" })).toBeVisible();

  const email = `csp.${crypto.randomUUID().slice(0, 8)}@example.com`;
  const reference = await sendInquiry(baseURL!, { email, partName: "CSP test plate" }, PLATE);
  const [mail] = await waitForMailbox(path.join(e2eDataDir, "mail"), (m) => recipient(m) === email);
  await page.goto(statusLinkIn(mail!));
  await expectHydrated(page, violations);
  await expect(page.getByText(`Inquiry ${reference}`)).toBeVisible();

  await signIn(page, await createStaff("Csp", ["engineer"]));
  await openFromQueue(page, reference);
  await expectHydrated(page, violations);
  const model = page.getByRole("article", { name: "3D model nist_ftc_11_asme1_rb.stp" });
  // The analysis runs in a background worker; the viewer (three.js, imported lazily) appears once it is done.
  await expect(async () => {
    await page.reload();
    await expect(model).toContainText("Measured", { timeout: 1000 });
  }).toPass({ timeout: 120_000 });
  await expectHydrated(page, violations);
  // The viewer loads once it comes near the screen.
  await model.scrollIntoViewIfNeeded();
  await expect(model.getByRole("img", { name: "3D preview of nist_ftc_11_asme1_rb.stp" })).toBeVisible({
    timeout: 20_000,
  });
  await expect(model.getByRole("button", { name: "Fit" })).toBeVisible();

  expect(violations).toEqual([]);
});
