import path from "node:path";
import { expect, test } from "./axe";
import { e2eDataDir } from "../../playwright.config";
import { recipient, statusLinkIn, waitForMailbox } from "./mailbox";
import { createQuoteInBuilder, createStaff, openFromQueue, readyForQuoting, signIn } from "./staff";

const fixtures = path.resolve("tests/fixtures");
const mailbox = path.join(e2eDataDir, "mail");

/**
 * The domain's worked example (docs/domain/review.md): a small stainless bracket with thin edges,
 * two small holes and a flat assembly surface, from the buyer's form through the three gates to a
 * quotation that states the sizing of the assembly surface, sent, and accepted by the buyer.
 */
test("the worked bracket goes from the buyer's form through the three gates to an accepted quotation", async ({
  page,
  browser,
}) => {
  // The whole loop, three people and the CAD analysis on a shared 2-core machine: a deadline, not a wait.
  test.setTimeout(300_000);
  const buyerEmail = `buyer.${crypto.randomUUID()}@example.com`;
  const buyer = await (await browser.newContext()).newPage();
  await buyer.goto("/rfq/new");
  await buyer.getByLabel("Company").fill("Bracket Buyers GmbH");
  await buyer.getByLabel("Contact name").fill("Bea Buyer");
  await buyer.getByLabel("E-mail").fill(buyerEmail);
  await buyer.getByLabel("Country").fill("Germany");
  await buyer.getByLabel("Part name").fill("Stainless bracket");
  await buyer.getByLabel("Part number").fill("BR-316-01");
  await buyer.getByLabel("Revision").fill("C");
  await buyer.getByLabel("Material").selectOption({ label: "MIM-316L" });
  await buyer.getByLabel("Annual volume (parts per year)").fill("50000");
  await buyer.getByLabel("Critical dimensions").fill("Bore diameter: 4.00 ± 0.02");
  await buyer.getByLabel("Flatness (mm)").fill("0.03");
  await buyer.getByRole("group", { name: "NDA required?" }).getByLabel("No").check();
  await buyer.getByRole("group", { name: "Export-controlled data (ITAR/EAR)?" }).getByLabel("No").check();
  await buyer.getByLabel("Notes").fill("Thin edges, two small holes, flat assembly surface.");
  await buyer
    .getByLabel("Drawings and 3D models")
    .setInputFiles([path.join(fixtures, "nist_ftc_11_asme1_rb.stp"), path.join(fixtures, "nist_ftc_11_asme1_rb.pdf")]);
  await buyer.getByRole("button", { name: "Send for review" }).click();
  await buyer.waitForURL(/\/rfq\/received\?ref=RFQ-\d{4}-\d{5}&lng=[a-z]{2}$/);
  const reference = new URL(buyer.url()).searchParams.get("ref")!;
  const [received] = await waitForMailbox(mailbox, (m) => recipient(m) === buyerEmail);
  await buyer.goto(statusLinkIn(received!));
  await expect(buyer.getByLabel("Current state")).toContainText("Received");

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
  await risk.getByRole("group", { name: "5. Sintering" }).getByLabel("distortion", { exact: true }).check();
  await risk.getByRole("button", { name: "Complete stage risk review" }).click();
  await expect(page.getByRole("heading", { name: /Gate 2: Stage risk/ })).toContainText("Decided");
  await expect(page.getByRole("region", { name: /Gate 2/ })).toContainText(
    "Overall risk: high (high at Green part handling)",
  );

  const sizing = page.getByRole("form", { name: "Sizing and secondary operations" });
  await expect(sizing.getByRole("complementary", { name: "Suggested by the screen" })).toContainText("Bore diameter");
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
  await expect(page.getByText("Flatness of Assembly surface.")).toBeVisible();

  const workspace = page.url();
  const sales = await (await browser.newContext()).newPage();
  await signIn(sales, await createStaff("Sam", ["sales"]));
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, await createStaff("Adam", ["admin"]));
  await readyForQuoting(admin);

  await sales.goto(workspace);
  await sales.getByRole("link", { name: "Prepare the quote" }).click();
  await expect(sales.getByLabel("Assumptions, one per line (the buyer reads them)")).toHaveValue(
    /Post-sintering sizing of the assembly surface for flatness\./,
  );
  await sales.getByLabel("Named place (e.g. our factory, Nyköping)").fill("Our factory");
  await createQuoteInBuilder(sales, "5000, 20000, 50000", { massG: "4.2", footprintMm2: "900" });
  await expect(sales.getByText("Needs an admin's approval (above the approval limit")).toBeVisible();
  await sales.getByRole("button", { name: "Ask an admin to approve" }).click();
  await admin.goto(sales.url());
  await admin.getByRole("button", { name: "Approve this version" }).click();
  await expect(admin.getByRole("heading", { name: "Version 1: approved" })).toBeVisible();
  await sales.reload();
  await sales.getByRole("button", { name: "Send to the buyer" }).click();
  await expect(sales.getByRole("heading", { name: "Version 1: sent" })).toBeVisible();

  const [quoteMail] = await waitForMailbox(mailbox, (m) =>
    (m.subject ?? "").startsWith(`Quotation ${reference} version 1`),
  );
  expect(quoteMail!.text).toContain("Post-sintering sizing of the assembly surface for flatness.");
  await buyer.goto(statusLinkIn(quoteMail!));
  await expect(buyer.getByLabel("Current state")).toContainText("Quotation sent");
  await buyer.getByRole("link", { name: /Read the quotation, accept it/ }).click();
  await expect(buyer.getByRole("heading", { name: "Your quotation v1" })).toBeVisible();
  await expect(buyer.getByText("Post-sintering sizing of the assembly surface for flatness.")).toBeVisible();
  await expect(buyer.getByText("Lindqvist Precision MIM AB").first()).toBeVisible();
  await buyer.getByRole("group", { name: "Tool" }).getByRole("radio").first().check();
  await buyer.getByRole("group", { name: "Order quantity" }).getByLabel("20,000 pcs").check();
  await buyer.getByLabel("Purchase order reference").fill("PO-BR-0001");
  await buyer.getByLabel("Your name").fill("Bea Buyer");
  await buyer.getByRole("button", { name: "Accept and order" }).click();
  await expect(buyer.getByRole("status").filter({ hasText: "Thank you for your order" })).toBeVisible();

  await sales.reload();
  await expect(sales.getByText(/Accepted by: Bea Buyer/)).toBeVisible();
  await sales.goto(workspace);
  await expect(sales.getByLabel("Current state")).toContainText("Won");
});
