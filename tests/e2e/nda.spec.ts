import path from "node:path";
import { expect, test } from "./axe";
import { fixturesDir } from "../support/paths";
import { createStaff, openFromQueue, sendInquiry, signIn } from "./staff";

const CLOSED = "Closed until the signed NDA is recorded";

test("sales records the signed NDA on the workspace, and the buyer's files open", async ({ page, baseURL }) => {
  const reference = await sendInquiry(baseURL!, { ndaRequired: "yes" });
  await signIn(page, await createStaff("Sam", ["sales"]));
  await openFromQueue(page, reference);

  const files = page.getByRole("table", { name: "Files" });
  await expect(files).toContainText("plate.dxf");
  await expect(files).toContainText(CLOSED);
  await expect(files.getByRole("link", { name: "plate.dxf" })).toHaveCount(0);

  const form = page.getByRole("form", { name: "Record the signed NDA" });
  // Checked in the browser with the server's schema: the error sits beside its field.
  await form.getByLabel("Date signed").fill("2099-01-01");
  await form.getByLabel("Signed NDA (PDF)").setInputFiles(path.join(fixturesDir, "nist_ftc_06_asme1_rd.pdf"));
  await form.getByRole("button", { name: "Record the signed NDA" }).click();
  await expect(form.getByText("That date is in the future: enter the date the NDA was signed.")).toBeVisible();
  await expect(form.getByLabel("Date signed")).toHaveAttribute("aria-invalid", "true");

  await form.getByLabel("Date signed").fill("2026-01-15");
  await form.getByRole("button", { name: "Record the signed NDA" }).click();

  await expect(page.getByRole("link", { name: "plate.dxf" })).toBeVisible();
  await expect(page.getByText(CLOSED)).toHaveCount(0);
  const nda = page.getByRole("region", { name: "Non-disclosure agreement" });
  await expect(nda).toContainText("Signed on 2026-01-15, recorded by Sam on");
  await expect(nda.getByRole("link", { name: "nist_ftc_06_asme1_rd.pdf" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Timeline", exact: true })).toContainText("Signed NDA recorded");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "plate.dxf" }).click();
  expect((await download).suggestedFilename()).toBe("plate.dxf");
});
