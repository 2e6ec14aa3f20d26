import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./axe";
import { expectServedFont } from "./served-font";
import { createStaff, openFromQueue, sendInquiry, signIn, waitForAnalyses, PLATE } from "./staff";

const ANALYSIS_DEADLINE = 4 * 60_000;

async function boxOf(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error("not rendered");
  return box;
}

/** An inquiry with the NIST plate's STEP model and drawing, measured, open at gate 1 in the workspace. */
async function openAtSuitability(page: Page, baseURL: string, partName: string) {
  const reference = await sendInquiry(baseURL, { partName, ndaRequired: "no" }, PLATE);
  await waitForAnalyses(reference, ANALYSIS_DEADLINE);
  await signIn(page, await createStaff("Lena", ["engineer"]));
  await openFromQueue(page, reference);
  await page.getByRole("button", { name: "Start triage" }).click();
  await page.getByRole("button", { name: "Begin the engineering review" }).click();
  await expect(page.getByLabel("Current state")).toContainText("Suitability review");
  // Every box measured below depends on the font: the served one, never the machine's.
  await expectServedFont(page, "main h1");
}

test("at 1920 x 1080 the gate form and the 3D view share the first screen, and the gate stays in view as the part scrolls", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(ANALYSIS_DEADLINE + 2 * 60_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openAtSuitability(page, baseURL!, "Layout plate wide");

  const form = page.getByRole("form", { name: "Suitability decision" });
  const canvas = page.getByRole("img", { name: "3D preview of nist_ftc_11_asme1_rb.stp" });
  // Nothing scrolled: both already inside the window, top to bottom.
  await expect(canvas).toBeVisible({ timeout: 60_000 });
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  for (const box of [await boxOf(form), await boxOf(canvas)]) {
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(1080);
  }
  // Side by side: the part on the left, the decision on the right.
  expect((await boxOf(canvas)).x + (await boxOf(canvas)).width).toBeLessThan((await boxOf(form)).x);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1920);

  // Down to the timeline at the foot of the part's side: the decision is still on screen.
  const decision = page.getByRole("region", { name: "Decision" });
  await page.getByRole("heading", { name: "Timeline" }).scrollIntoViewIfNeeded();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
  const stuck = await boxOf(decision);
  expect(stuck.y).toBeGreaterThanOrEqual(0);
  expect(stuck.y).toBeLessThan(1080);
  const gate1 = await boxOf(page.getByRole("heading", { name: /Gate 1: MIM suitability/ }));
  expect(gate1.y).toBeGreaterThanOrEqual(0);
  expect(gate1.y + gate1.height).toBeLessThanOrEqual(1080);

  // Deciding against the screen's suggestion: the decision says so, and what the screen had said.
  const screen = page.getByRole("complementary", { name: "Automatic MIM screen" });
  const said = await screen.locator("p").first().innerText();
  const [, flag, suggested] = said.match(/Automatic screen: (\w+), suggesting “(.+?)”/)!;
  const outcome = suggested === "Suitable for MIM" ? "Suitable with conditions" : "Suitable for MIM";
  await form.getByLabel(outcome).check();
  await form.getByLabel("Reason").fill("The plate suits MIM: the wall is even and the tolerances are routine.");
  await form.getByRole("button", { name: "Save suitability decision" }).click();
  const gate = page.getByRole("region", { name: /Gate 1: MIM suitability/ });
  await expect(gate).toContainText(outcome);
  await expect(gate).toContainText(`Overrides the screen: ${flag}, suggesting “${suggested}”`);
});

test("at 1000 px wide the workspace is one column: the part's essentials, then the gate, then the history", async ({
  page,
  baseURL,
}) => {
  await page.setViewportSize({ width: 1000, height: 800 });
  // A drawing alone: the order of the columns needs no measured model.
  const reference = await sendInquiry(baseURL!, { partName: "Layout plate narrow", ndaRequired: "no" });
  await signIn(page, await createStaff("Nils", ["engineer"]));
  await openFromQueue(page, reference);
  await page.getByRole("button", { name: "Start triage" }).click();
  await page.getByRole("button", { name: "Begin the engineering review" }).click();
  await expect(page.getByLabel("Current state")).toContainText("Suitability review");

  const part = await boxOf(page.getByRole("region", { name: "What the buyer sent" }));
  const decision = await boxOf(page.getByRole("region", { name: "Decision" }));
  const history = await boxOf(page.getByRole("region", { name: "Questions to the buyer" }));
  expect(decision.x).toBe(part.x);
  expect(decision.width).toBe(part.width);
  expect(decision.y).toBeGreaterThanOrEqual(part.y + part.height);
  expect(history.y).toBeGreaterThanOrEqual(decision.y + decision.height);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1000);
});
