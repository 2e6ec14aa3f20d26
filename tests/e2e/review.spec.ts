import path from "node:path";
import { expect, test } from "@playwright/test";
import { e2eDataDir } from "../../playwright.config";
import { statusLinkIn, waitForMailbox } from "../support/mailbox";
import { createStaff, openFromQueue, sendInquiry, signIn } from "./staff";

const fixtures = path.resolve("tests/fixtures");

test("the domain's worked example: a small stainless bracket walked from the queue to ready to quote", async ({
  page,
  baseURL,
}) => {
  const reference = await sendInquiry(baseURL!, {
    partName: "Stainless bracket",
    material: "mim-316l",
    notes: "Thin edges, two small holes, flat assembly surface.",
  });
  await signIn(page, await createStaff("Eva", ["engineer"]));
  await openFromQueue(page, reference);
  await expect(page.getByLabel("Current state")).toContainText("New");

  await page.getByRole("button", { name: "Start triage" }).click();
  await page.getByRole("button", { name: "Begin the engineering review" }).click();

  const screen = page.getByRole("complementary", { name: "Automatic MIM screen" });
  await expect(screen).toContainText("Automatic screen: AMBER");
  await expect(screen.getByRole("row", { name: /Bore diameter/ })).toContainText("Machining");

  const suitability = page.getByRole("form", { name: "Suitability decision" });
  for (const criterion of [
    "Small or medium-sized metal part",
    "Complex geometry",
    "Thin features (walls, ribs, edges)",
    "High-volume demand",
  ]) {
    await suitability.getByLabel(criterion).check();
  }
  await suitability.getByLabel("Suitable for MIM").check();
  await suitability
    .getByLabel("Reason")
    .fill("Small 316L bracket with thin edges and two small holes at 50,000 a year: a classic MIM part.");
  await suitability.getByRole("button", { name: "Save suitability decision" }).click();
  await expect(page.getByRole("heading", { name: /Gate 1: MIM suitability/ })).toContainText("Decided");

  const risk = page.getByRole("form", { name: "Stage risk review" });
  const levels: Record<string, string> = { "Green part handling": "High", Sintering: "Medium" };
  for (const stage of [
    "Feedstock preparation",
    "Injection molding",
    "Green part handling",
    "Debinding",
    "Sintering",
    "Post-sintering sizing",
    "Secondary operations",
    "Final inspection & traceability",
  ]) {
    await risk
      .getByRole("radiogroup", { name: `Risk at ${stage}` })
      .getByLabel(levels[stage] ?? "Low")
      .check();
  }
  const green = risk.getByRole("group", { name: "3. Green part handling" });
  await green.getByLabel("chipped corners").check();
  await green.getByLabel("tray dents").check();
  await green
    .getByLabel("Notes on green part handling")
    .fill("Exposed thin edges at degating; support the flat face on the tray.");
  await risk.getByRole("group", { name: "5. Sintering" }).getByLabel("distortion").check();
  await risk.getByRole("button", { name: "Complete stage risk review" }).click();
  await expect(page.getByRole("heading", { name: /Gate 2: Stage risk/ })).toContainText("Decided");
  await expect(page.getByRole("region", { name: /Gate 2/ })).toContainText(
    "Overall risk: high (high at Green part handling)",
  );

  const sizing = page.getByRole("form", { name: "Sizing and secondary operations" });
  await expect(sizing.getByRole("complementary", { name: "Suggested by the tolerance check" })).toContainText(
    "Bore diameter",
  );
  await expect(sizing.getByLabel("CNC machining of critical surfaces", { exact: true })).toBeChecked();
  await sizing.getByRole("group", { name: "Post-sintering sizing needed?" }).getByLabel("Yes").check();
  await sizing.getByLabel("Sizing for").selectOption({ label: "Flatness" });
  await sizing.getByLabel("Feature to size").fill("Assembly surface");
  await sizing
    .getByLabel("Why sizing is needed")
    .fill("The unsupported flat surface distorts in sintering beyond the drawing's flatness.");
  await sizing.getByLabel("Dimensions").check();
  await sizing.getByLabel("Appearance").check();
  await sizing.getByRole("button", { name: "Complete sizing and secondary operations" }).click();

  await expect(page.getByLabel("Current state")).toContainText("Ready to quote");
  await expect(page.getByText("All three gates are decided.")).toBeVisible();
  await expect(page.getByRole("heading", { name: /Gate 3/ })).toContainText("Decided");
  await expect(page.getByText("Yes: Flatness of Assembly surface.")).toBeVisible();
});

test("an engineer asks a question, the buyer answers with a revised drawing, and the review goes on", async ({
  page,
  baseURL,
  browser,
}) => {
  const buyerEmail = `buyer.${crypto.randomUUID()}@example.com`;
  const reference = await sendInquiry(baseURL!, { partName: "Latch pawl", email: buyerEmail });
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
  await expect(buyer.getByRole("link", { name: "nist_ftc_11_asme1_rb.pdf" })).toBeVisible();
  await expect(buyer.getByRole("link", { name: "nist_ftc_06_asme1_rd.pdf" })).toBeVisible();

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
