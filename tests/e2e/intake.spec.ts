import path from "node:path";
import { expect, test } from "./axe";
import { e2eDataDir } from "../../playwright.config";
import { recipient, statusLinkIn, waitForMailbox } from "./mailbox";

const fixtures = path.resolve("tests/fixtures");

test("a buyer sends a STEP model and a PDF drawing, follows the upload, and opens the status link", async ({
  page,
}) => {
  const email = `buyer.${crypto.randomUUID()}@example.com`;
  await page.goto("/rfq/new");

  // The browser checks before sending: every missing answer is shown at once, beside its field.
  await page.getByRole("button", { name: "Send for review" }).click();
  await expect(page.getByText("Enter the company name.")).toBeVisible();
  await expect(page.getByText("Enter the part name.")).toBeVisible();
  await expect(page.getByText("Attach at least one drawing")).toBeVisible();
  await expect(page.getByLabel("Company")).toBeFocused();

  await page.getByLabel("Company").fill("Nordic Hinges AB");
  await page.getByLabel("Contact name").fill("Sam Engineer");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Country").fill("Sweden");
  await page.getByLabel("Part name").fill("Hinge knuckle");
  await page.getByLabel("Material").selectOption({ label: "MIM-316L" });
  await page.getByLabel("Annual volume (parts per year)").fill("120000");
  await page.getByLabel("Critical dimensions").fill("Pin bore: 3.00 ± 0.02");
  await page.getByRole("group", { name: "NDA required?" }).getByLabel("No").check();
  await page.getByRole("group", { name: "Export-controlled data (ITAR/EAR)?" }).getByLabel("No").check();
  await expect(page.getByText("Enter the company name.")).toBeHidden();

  await page
    .getByLabel("Drawings and 3D models")
    .setInputFiles([path.join(fixtures, "nist_ftc_06_asme1_rd.stp"), path.join(fixtures, "nist_ftc_06_asme1_rd.pdf")]);
  await expect(page.getByRole("list", { name: "Files chosen" })).toContainText("nist_ftc_06_asme1_rd.stp");

  // Slow the upload down so the progress bar is there to be seen, as on a real office line.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 20,
    downloadThroughput: -1,
    uploadThroughput: 200 * 1024,
  });

  await page.getByRole("button", { name: "Send for review" }).click();
  const progress = page.getByRole("progressbar");
  await expect(progress).toBeVisible();
  await expect(page.getByText(/Uploading nist_ftc_06_asme1_rd\.(stp|pdf): \d+ %/)).toBeVisible();

  await page.waitForURL(/\/rfq\/received\?ref=RFQ-\d{4}-\d{5}&lng=[a-z]{2}$/);
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  const reference = new URL(page.url()).searchParams.get("ref")!;
  await expect(page.getByRole("heading", { level: 1 })).toContainText(reference);

  const [mail] = await waitForMailbox(path.join(e2eDataDir, "mail"), (m) => recipient(m) === email);
  expect(mail!.subject).toContain(reference);
  await page.goto(statusLinkIn(mail!));

  await expect(page.getByText(`Inquiry ${reference}`)).toBeVisible();
  await expect(page.getByLabel("Current state")).toContainText("Received");
  const files = page.getByRole("table");
  await expect(files.getByRole("link", { name: "nist_ftc_06_asme1_rd.stp", exact: true })).toBeVisible();
  await expect(files.getByRole("link", { name: "nist_ftc_06_asme1_rd.pdf", exact: true })).toBeVisible();
  await expect(files).toContainText("217.6 KB");
});

test("without JavaScript the form still sends, and errors come back beside the fields with answers kept", async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/rfq/new");
  await page.getByLabel("Company").fill("No Script GmbH");
  await page.getByLabel("Drawings and 3D models").setInputFiles(path.join(fixtures, "nist_ftc_11_asme1_rb.stp"));
  await page.getByRole("button", { name: "Send for review" }).click();

  await expect(page.getByText("Enter the contact name.")).toBeVisible();
  await expect(page.getByLabel("Company")).toHaveValue("No Script GmbH");
  await expect(page.getByRole("checkbox", { name: /nist_ftc_11_asme1_rb\.stp/ })).toBeChecked();

  await page.getByLabel("Contact name").fill("Kim");
  await page.getByLabel("E-mail").fill("kim@example.com");
  await page.getByLabel("Country").fill("Austria");
  await page.getByLabel("Part name").fill("Gear segment");
  await page.getByLabel("Material").selectOption({ label: "Not sure: please recommend one" });
  await page.getByLabel("Annual volume (parts per year)").fill("8000");
  await page.getByRole("group", { name: "NDA required?" }).getByLabel("Yes").check();
  await page.getByRole("group", { name: "Export-controlled data (ITAR/EAR)?" }).getByLabel("No").check();
  await page.getByRole("button", { name: "Send for review" }).click();
  await page.waitForURL(/\/rfq\/received\?ref=RFQ-/);
  await context.close();
});
