import type { Page } from "@playwright/test";
import { expect, test } from "./axe";
import { createStaff, openFromQueue, sendInquiry, signIn } from "./staff";

async function toSuitability(page: Page, baseURL: string, fields: Record<string, string>) {
  const reference = await sendInquiry(baseURL, { email: `buyer.${crypto.randomUUID()}@example.com`, ...fields });
  await signIn(page, await createStaff("Noor", ["engineer"]));
  await openFromQueue(page, reference);
  await page.getByRole("button", { name: "Start triage" }).click();
  await page.getByRole("button", { name: "Begin the engineering review" }).click();
  await expect(page.getByLabel("Current state")).toContainText("Suitability review");
}

test("the screen shows a 316L part asked in H900 as a heat-treatment mismatch", async ({ page, baseURL }) => {
  await toSuitability(page, baseURL!, { partName: "H900 clip", material: "mim-316l", heatTreatment: "H900" });
  const screen = page.getByRole("complementary", { name: "Automatic MIM screen" });
  const mismatch = screen.getByRole("note", { name: "Heat treatment mismatch" });
  await expect(mismatch).toContainText("does not suit MIM-316L");
  await expect(mismatch).toContainText("MIM-17-4 PH");
  await expect(screen.getByRole("region", { name: "Material facts" })).toContainText("1.25 times oversize");
  await expect(screen.getByRole("region", { name: "Material facts" })).toContainText("yield 140 MPa (MPIF 35 minimum)");
});

test("the criteria warning follows the ticks, and gate 3 saves a second sizing feature added in the page", async ({
  page,
  baseURL,
}) => {
  await toSuitability(page, baseURL!, { partName: "Two-feature bracket" });
  const suitability = page.getByRole("form", { name: "Suitability decision" });
  await suitability.getByLabel("Simple shape").check();
  await suitability.getByLabel("Suitable for MIM").check();
  const warning = suitability.getByRole("status", { name: "Criteria warning" });
  await expect(warning).toContainText('You ticked "Simple shape"');
  await suitability.getByLabel("Simple shape").uncheck();
  await suitability.getByLabel("Complex geometry").check();
  await expect(warning).toHaveCount(0);
  await suitability.getByLabel("Reason").fill("Small part with many features.");
  await suitability.getByRole("button", { name: "Save suitability decision" }).click();

  const risk = page.getByRole("form", { name: "Stage risk review" });
  await risk.getByRole("button", { name: "Set every stage not yet assessed to low" }).click();
  await risk.getByRole("button", { name: "Complete stage risk review" }).click();
  await expect(page.getByRole("heading", { name: /Gate 2: Stage risk/ })).toContainText("Decided");

  const sizing = page.getByRole("form", { name: "Sizing and secondary operations" });
  // The buyer's H900 and passivation open the gate as suggested operations, with their reasons.
  await expect(sizing.getByLabel("Heat treatment", { exact: true })).toBeChecked();
  await expect(sizing.getByLabel("Drawing requirement for heat treatment")).toHaveValue(/The buyer asks for H900/);
  await sizing.getByRole("group", { name: "Post-sintering sizing needed?" }).getByLabel("Yes").check();
  await sizing.getByLabel("Sizing for", { exact: true }).selectOption({ label: "Flatness" });
  await sizing.getByLabel("Feature to size", { exact: true }).fill("Assembly surface");
  await sizing.getByLabel("Why sizing is needed", { exact: true }).fill("0.03 mm flatness on the mating face.");
  await sizing.getByRole("button", { name: "Add another feature" }).click();
  await sizing.getByLabel("Sizing for (feature 2)").selectOption({ label: "Roundness" });
  await sizing.getByLabel("Feature to size (feature 2)").fill("Pin bore");
  await sizing.getByLabel("Why sizing is needed (feature 2)").fill("0.01 mm roundness for the press fit.");
  await expect(sizing.getByLabel("Feature to size", { exact: true })).toHaveValue("Assembly surface");
  await sizing.getByRole("button", { name: "Complete sizing and secondary operations" }).click();

  await expect(page.getByRole("heading", { name: /Gate 3/ })).toContainText("Decided");
  const gate3 = page.getByRole("region", { name: /Gate 3/ });
  await expect(gate3).toContainText("Flatness of Assembly surface. 0.03 mm flatness on the mating face.");
  await expect(gate3).toContainText("Roundness of Pin bore. 0.01 mm roundness for the press fit.");
  await expect(page.getByRole("region", { name: /Gate 1/ })).not.toContainText("Criteria warning");
});

test("a red screen names the better process and pre-selects it when the engineer picks not suitable", async ({
  page,
  baseURL,
}) => {
  await toSuitability(page, baseURL!, { partName: "Prototype lever", annualVolume: "50", language: "tr" });
  const suitability = page.getByRole("form", { name: "Suitability decision" });
  // Staff write the question to the buyer in the buyer's language, and the reason once it goes to them.
  const buyerReads = "The buyer reads Türkçe (tr): write in it.";
  await expect(page.getByRole("form", { name: "Ask the buyer" }).getByText(buyerReads)).toBeVisible();
  await expect(suitability.getByText(buyerReads)).toHaveCount(0);
  await expect(
    suitability.getByRole("complementary", { name: "Better process suggested by the screen" }),
  ).toContainText("The screen suggests CNC machining");
  const recommended = suitability.getByLabel("Recommended process (when not suitable)");
  await expect(recommended).toHaveValue("");
  await suitability.getByLabel("Not suitable: recommend another process").check();
  await expect(recommended).toHaveValue("cnc_machining");
  await expect(suitability.getByText(buyerReads)).toBeVisible();
  await expect(suitability.getByLabel("Reason")).toHaveAccessibleDescription(buyerReads);
  // A complex part this rare is printed rather than machined: the suggestion follows the ticks.
  await suitability.getByLabel("Complex geometry").check();
  await expect(
    suitability.getByRole("complementary", { name: "Better process suggested by the screen" }),
  ).toContainText("The screen suggests Metal 3D printing");
});
