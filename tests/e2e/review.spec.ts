import path from "node:path";
import { expect, test } from "./axe";
import { e2eDataDir } from "../../playwright.config";
import { statusLinkIn, waitForMailbox } from "./mailbox";
import { createStaff, openFromQueue, sendInquiry, signIn } from "./staff";

const fixtures = path.resolve("tests/fixtures");

test("an engineer asks a question, the buyer answers with a revised drawing, and the review goes on", async ({
  page,
  baseURL,
  browser,
}) => {
  const buyerEmail = `buyer.${crypto.randomUUID()}@example.com`;
  const reference = await sendInquiry(baseURL!, { partName: "Latch pawl", email: buyerEmail }, [
    "nist_ftc_11_asme1_rb.pdf",
  ]);
  await signIn(page, await createStaff("Kai", ["engineer"]));
  await openFromQueue(page, reference);
  await page.getByRole("button", { name: "Start triage" }).click();
  await page.getByRole("button", { name: "Begin the engineering review" }).click();
  await expect(page.getByLabel("Current state")).toContainText("Suitability review");

  const ask = page.getByRole("form", { name: "Ask the buyer" });
  await ask.getByLabel("Question for the buyer").fill("Can the 0.3 mm wall at the pawl tip become 0.5 mm?");
  await ask.getByLabel("Ask for a revised drawing or model").check();
  await ask.getByRole("button", { name: "Send the question" }).click();
  await expect(page.getByLabel("Current state")).toContainText("Awaiting buyer");
  const workspaceUrl = page.url();

  const [mail] = await waitForMailbox(path.join(e2eDataDir, "mail"), (m) =>
    (m.subject ?? "").startsWith(`Question about ${reference}`),
  );
  const buyer = await (await browser.newContext()).newPage();
  await buyer.goto(statusLinkIn(mail!));
  await expect(buyer.getByRole("region", { name: "A question from our engineers" })).toContainText(
    "Can the 0.3 mm wall at the pawl tip become 0.5 mm?",
  );
  await buyer.getByLabel("Your answer").fill("Yes, 0.5 mm works: revision C attached.");
  await buyer
    .getByLabel("Revised drawing or model (requested)")
    .setInputFiles(path.join(fixtures, "nist_ftc_06_asme1_rd.pdf"));
  await buyer.getByRole("button", { name: "Send answer" }).click();
  await expect(buyer.getByText("Thank you: your answer has reached our engineers")).toBeVisible();
  await expect(buyer.getByRole("link", { name: "nist_ftc_11_asme1_rb.pdf", exact: true })).toBeVisible();
  await expect(buyer.getByRole("link", { name: "nist_ftc_06_asme1_rd.pdf", exact: true })).toBeVisible();

  await page.goto(workspaceUrl);
  await expect(page.getByLabel("Current state")).toContainText("Suitability review");
  await expect(page.getByRole("region", { name: "Questions to the buyer" })).toContainText(
    "Yes, 0.5 mm works: revision C attached.",
  );
  await expect(page.getByRole("row", { name: /nist_ftc_06_asme1_rd\.pdf/ })).toContainText("revision");

  const suitability = page.getByRole("form", { name: "Suitability decision" });
  await suitability.getByLabel("Suitable with conditions").check();
  await suitability.getByLabel("Reason").fill("Fine at 0.5 mm wall (rev C).");
  await suitability.getByRole("button", { name: "Save suitability decision" }).click();
  await expect(page.getByLabel("Current state")).toContainText("Stage risk review");
});
