import { expect, test } from "./axe";
import { createStaff, signIn } from "./staff";

test("an administrator changes a rate through the labelled form, sees the history, and confirms the rates", async ({
  page,
}) => {
  await signIn(page, await createStaff("Rhea", ["admin"]));
  await page.getByRole("link", { name: "Cost rates" }).click();
  await expect(page.getByRole("heading", { name: "Cost rates" })).toBeVisible();
  const row = page
    .getByRole("table", { name: "Debinding and sintering" })
    .getByRole("row", { name: /Tray area each part takes, over its footprint/ });
  await expect(row).toContainText("Example: not yet set");
  await row.getByRole("link", { name: "Change Tray area each part takes, over its footprint" }).click();

  const form = page.getByRole("form", { name: "Change: Tray area each part takes, over its footprint" });
  await form.getByLabel("Value (x footprint)").fill("0");
  await form.getByLabel("Source note").fill("");
  await form.getByRole("button", { name: "Save the new value" }).click();
  await expect(form.getByLabel("Value (x footprint)")).toHaveAccessibleDescription(
    "From 1 to 20. Tray area each part takes, over its footprint: enter a number from 1 to 20 x footprint.",
  );
  await expect(form.getByLabel("Source note")).toHaveAttribute("aria-invalid", "true");

  await form.getByLabel("Value (x footprint)").fill("1.8");
  await form.getByLabel("Source note").fill("furnace trial, lot 42");
  await form.getByLabel("Reason for the change").fill("measured on the new trays");
  await form.getByRole("button", { name: "Save the new value" }).click();
  // Other browser tests may have confirmed the rates already: that notice is a status too.
  await expect(page.getByRole("status").filter({ hasText: "New value saved for" })).toContainText(
    "New value saved for Tray area each part takes",
  );
  await expect(row).toContainText("1.8");
  await expect(row).toContainText("Rhea");
  await expect(row).not.toContainText("Example");
  await expect(page.getByRole("table", { name: "Rate history" })).toContainText("measured on the new trays");

  await page.getByRole("button", { name: "Confirm these rates" }).click();
  await expect(page.getByText(/Rates confirmed by Rhea on/)).toBeVisible();
});
