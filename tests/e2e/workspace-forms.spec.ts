import type { Page } from "@playwright/test";
import { expect, test } from "./axe";
import { createStaff, openFromQueue, sendInquiry, signIn } from "./staff";

async function toSuitability(page: Page, baseURL: string, partName: string) {
  const reference = await sendInquiry(baseURL, { partName, email: `buyer.${crypto.randomUUID()}@example.com` });
  await signIn(page, await createStaff("Ines", ["engineer"]));
  await openFromQueue(page, reference);
  await page.getByRole("button", { name: "Start triage" }).click();
  await page.getByRole("button", { name: "Begin the engineering review" }).click();
  await expect(page.getByLabel("Current state")).toContainText("Suitability review");
}

test("a gate refused for a missing field shows the error beside it, focuses it and keeps what was typed", async ({
  page,
  baseURL,
}) => {
  await toSuitability(page, baseURL!, "Refused hinge");
  const suitability = page.getByRole("form", { name: "Suitability decision" });
  await expect(suitability.getByRole("group", { name: "Decision (required)" })).toBeVisible();
  await suitability.getByLabel("Complex geometry").check();
  await suitability.getByLabel("Reason").fill("Small part, many features.");
  await suitability.getByRole("button", { name: "Save suitability decision" }).click();

  const decision = suitability.getByRole("group", { name: "Decision (required)" });
  await expect(decision).toContainText("Choose the suitability decision.");
  await expect(decision).toHaveAttribute("aria-invalid", "true");
  await expect(decision.getByRole("radio").first()).toBeFocused();
  await expect(suitability.getByRole("alert")).toHaveCount(0);
  await expect(suitability.getByLabel("Complex geometry")).toBeChecked();
  await expect(suitability.getByLabel("Reason")).toHaveValue("Small part, many features.");
  await expect(page.getByLabel("Current state")).toContainText("Suitability review");

  await decision.getByLabel("Suitable for MIM").check();
  await expect(decision).not.toContainText("Choose the suitability decision.");
  await suitability.getByRole("button", { name: "Save suitability decision" }).click();
  await expect(page.getByLabel("Current state")).toContainText("Stage risk review");
});

test("gate 2: unassessed stages are marked, one button sets them to low, assessed stages fold away", async ({
  page,
  baseURL,
}) => {
  await toSuitability(page, baseURL!, "Fast gate bracket");
  const suitability = page.getByRole("form", { name: "Suitability decision" });
  await suitability.getByLabel("Suitable for MIM").check();
  await suitability.getByLabel("Reason").fill("Typical MIM part.");
  await suitability.getByRole("button", { name: "Save suitability decision" }).click();

  const risk = page.getByRole("form", { name: "Stage risk review" });
  await expect(risk.getByText("Not assessed", { exact: true })).toHaveCount(8);
  await expect(risk.getByRole("status")).toHaveText("8 of 8 stages not assessed yet.");
  await risk.getByRole("radiogroup", { name: "Risk at Sintering" }).getByLabel("High").check();
  await risk.getByLabel("Notes on sintering").fill("Thin flange sags without a setter.");
  await expect(risk.getByText("Not assessed", { exact: true })).toHaveCount(7);

  await risk.getByRole("button", { name: "Set every stage not yet assessed to low" }).click();
  await expect(risk.getByText("Not assessed", { exact: true })).toHaveCount(0);
  await expect(risk.getByRole("status")).toHaveText("Every stage has a risk level.");
  await expect(risk.getByRole("radiogroup", { name: "Risk at Debinding" }).getByLabel("Low")).toBeChecked();
  await expect(risk.getByRole("radiogroup", { name: "Risk at Sintering" }).getByLabel("High")).toBeChecked();
  await expect(risk.getByLabel("Notes on sintering")).toHaveValue("Thin flange sags without a setter.");

  const sintering = risk.locator("summary", { hasText: "5. Sintering" });
  await expect(sintering).toContainText("Risk: High");
  await sintering.click();
  await expect(risk.getByLabel("Notes on sintering")).toBeHidden();
  await sintering.click();
  await expect(risk.getByLabel("Notes on sintering")).toBeVisible();

  await risk.getByRole("button", { name: "Complete stage risk review" }).click();
  await expect(page.getByRole("region", { name: /Gate 2/ })).toContainText("Overall risk: high (high at Sintering)");
});

test("gate 2 without JavaScript: the set-to-low button comes back with every level filled and the notes kept", async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    const reference = await sendInquiry(baseURL!, {
      partName: "No script pawl",
      email: `buyer.${crypto.randomUUID()}@example.com`,
    });
    await signIn(page, await createStaff("Noor", ["engineer"]));
    await openFromQueue(page, reference);
    await page.getByRole("button", { name: "Start triage" }).click();
    await page.getByRole("button", { name: "Begin the engineering review" }).click();
    const suitability = page.getByRole("form", { name: "Suitability decision" });
    await suitability.getByLabel("Suitable for MIM").check();
    await suitability.getByLabel("Reason").fill("Typical MIM part.");
    await suitability.getByRole("button", { name: "Save suitability decision" }).click();

    const risk = page.getByRole("form", { name: "Stage risk review" });
    await risk.getByRole("radiogroup", { name: "Risk at Debinding" }).getByLabel("Medium").check();
    await risk.getByLabel("Notes on debinding").fill("Thick boss: slow ramp.");
    // Refused by the server's schema: each missing level is an error beside its stage; nothing typed is lost.
    await risk.getByRole("button", { name: "Complete stage risk review" }).click();
    await expect(risk.getByRole("radiogroup", { name: "Risk at Sintering" })).toHaveAttribute("aria-invalid", "true");
    await expect(risk.getByRole("group", { name: "5. Sintering" })).toContainText("Choose the risk at sintering");
    await expect(risk.getByRole("group", { name: "4. Debinding" })).not.toContainText("Choose the risk");
    await expect(risk.getByRole("radiogroup", { name: "Risk at Debinding" }).getByLabel("Medium")).toBeChecked();
    await expect(risk.getByLabel("Notes on debinding")).toHaveValue("Thick boss: slow ramp.");
    await risk.getByRole("button", { name: "Set every stage not yet assessed to low" }).click();
    await expect(risk.getByRole("status")).toHaveText("Every stage has a risk level.");
    await expect(risk.getByRole("radiogroup", { name: "Risk at Debinding" }).getByLabel("Medium")).toBeChecked();
    await expect(risk.getByRole("radiogroup", { name: "Risk at Sintering" }).getByLabel("Low")).toBeChecked();
    await expect(risk.getByLabel("Notes on debinding")).toHaveValue("Thick boss: slow ramp.");
    await expect(page.getByLabel("Current state")).toContainText("Stage risk review");

    await risk.getByRole("button", { name: "Complete stage risk review" }).click();
    await expect(page.getByRole("region", { name: /Gate 2/ })).toContainText("Overall risk: medium");
  } finally {
    await context.close();
  }
});
