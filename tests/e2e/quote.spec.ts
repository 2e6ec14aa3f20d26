import path from "node:path";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { e2eDataDir } from "../../playwright.config";
import { waitForMailbox } from "../support/mailbox";
import { createStaff, sendInquiry, signIn } from "./staff";

/** What the three gates decided before quoting: the worked bracket's gate 3. */
const GATE3 = {
  sizingRequired: "yes",
  sizingRequirement: "flatness",
  sizingFeature: "assembly surface",
  sizingReason: "0.03 mm flatness on the mating face",
  secondary: [],
  inspection: ["dimensions"],
};

/** Puts the inquiry where the review leaves it: gate 3 decided, ready to quote. */
function readyToQuote(reference: string, engineerEmail: string): string {
  const db = new Database(path.join(e2eDataDir, "mim-rfq.sqlite"), { fileMustExist: true });
  try {
    const { id } = db.prepare("select id from inquiries where reference = ?").get(reference) as { id: string };
    const engineer = db.prepare("select id from users where email = ?").get(engineerEmail) as { id: string };
    db.prepare(
      "insert into gate_decisions (inquiry_id, gate, payload, decided_by, decided_at) values (?, 'sizing_secondary', ?, ?, ?)",
    ).run(id, JSON.stringify(GATE3), engineer.id, Date.now());
    db.prepare("update inquiries set state = 'ready_to_quote' where id = ?").run(id);
    return id;
  } finally {
    db.close();
  }
}

test("sales opens the quote from the workspace, prefilled from the review, and builds it with errors beside fields", async ({
  page,
  baseURL,
}) => {
  const engineer = await createStaff("Enno", ["engineer"]);
  const reference = await sendInquiry(baseURL!, { email: `buyer-${Date.now()}@example.test` });
  const id = readyToQuote(reference, engineer);
  await signIn(page, await createStaff("Sally", ["sales"]));
  await page.goto(`/review/${id}`);
  await page.getByRole("link", { name: "Prepare the quote" }).click();
  await expect(page.getByRole("heading", { name: new RegExp(`Quote for ${reference}`) })).toBeVisible();
  await expect(page.getByLabel("Assumptions, one per line (the buyer reads them)")).toHaveValue(
    /Post-sintering sizing of the assembly surface for flatness\./,
  );

  const quantities = page.getByLabel("Order quantities");
  await quantities.fill("lots");
  await quantities.blur();
  await expect(quantities).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("alert").filter({ hasText: "Enter 1 to 6 order quantities" })).toBeVisible();

  await quantities.fill("1000, 5000");
  const mass = page.getByLabel("Sintered mass (g)");
  if (await mass.isVisible()) {
    await mass.fill("12.5");
    await page.getByLabel("Footprint on the furnace tray (mm²)").fill("600");
  }
  await page.getByLabel("Named place (e.g. our factory, Nyköping)").fill("Nyköping, Sweden");
  await page.getByRole("button", { name: "Create the quote" }).click();
  await expect(page.getByRole("heading", { name: "Version 1: draft" })).toBeVisible();
  await expect(page.getByRole("table").first()).toContainText("Our price per part");

  // Sales sets the first unit price by hand: the reason is required, and the build-up shows both figures.
  const handSet = page.getByRole("group", { name: /Prices set by hand/ });
  await handSet.locator("summary").first().click();
  const unitPrice = handSet.getByLabel(/^Unit price, 1,000 parts, \d-cavity tool: set by hand/).first();
  await unitPrice.fill("2.5");
  await page.getByRole("button", { name: /^Save/ }).click();
  const reason = handSet.getByLabel(/^Unit price, 1,000 parts, \d-cavity tool: reason/).first();
  await expect(reason).toHaveAttribute("aria-invalid", "true");
  await expect(
    handSet.getByRole("alert").filter({ hasText: "Give the reason for setting this price by hand" }),
  ).toBeVisible();
  await reason.fill("Matches the buyer's target for the first order");
  await page.getByRole("button", { name: /^Save/ }).click();
  const firstRow = page
    .getByRole("table")
    .first()
    .getByRole("row", { name: /^1,000 / });
  await expect(firstRow).toContainText(
    /[A-Z]{3} 2\.50 set by hand \(computed [A-Z]{3} [\d.,]+\): Matches the buyer's target/,
  );
  await expect(unitPrice).toHaveValue("2.5");
});

test("sales asks for approval, another admin approves, and the sent quote reaches the buyer with its PDF", async ({
  page,
  browser,
  baseURL,
}) => {
  const engineer = await createStaff("Enid", ["engineer"]);
  const buyerEmail = `buyer-${Date.now()}@example.test`;
  const reference = await sendInquiry(baseURL!, { email: buyerEmail });
  const id = readyToQuote(reference, engineer);
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, await createStaff("Ada", ["admin"]));
  await admin.goto("/admin/rates");
  await admin.getByRole("button", { name: "Confirm these rates" }).click();
  await expect(admin.getByText(/Rates confirmed by Ada on/)).toBeVisible();

  await signIn(page, await createStaff("Sven", ["sales"]));
  await page.goto(`/review/${id}/quote`);
  // 50,000 parts put the order above the default approval limit.
  await page.getByLabel("Order quantities").fill("1000, 50000");
  const mass = page.getByLabel("Sintered mass (g)");
  if (await mass.isVisible()) {
    await mass.fill("12.5");
    await page.getByLabel("Footprint on the furnace tray (mm²)").fill("600");
  }
  await page.getByRole("button", { name: "Create the quote" }).click();
  await expect(page.getByText("Needs an admin's approval (above the approval limit")).toBeVisible();
  await expect(page.getByRole("button", { name: "Send to the buyer" })).toHaveCount(0);
  await page.getByRole("button", { name: "Ask an admin to approve" }).click();
  await expect(page.getByRole("heading", { name: "Version 1: awaiting approval" })).toBeVisible();

  await admin.goto(`/review/${id}/quote`);
  await admin.getByRole("button", { name: "Approve this version" }).click();
  await expect(admin.getByRole("heading", { name: "Version 1: approved" })).toBeVisible();

  await page.reload();
  await page.getByRole("button", { name: "Send to the buyer" }).click();
  await expect(page.getByRole("heading", { name: "Version 1: sent" })).toBeVisible();
  await expect(page.getByText("Inquiry: Quoted.")).toBeVisible();

  const [mail] = await waitForMailbox(path.join(e2eDataDir, "mail"), (m) =>
    (m.subject ?? "").startsWith(`Quotation ${reference} version 1`),
  );
  expect(mail!.text).toContain("Post-sintering sizing of the assembly surface for flatness.");
  expect(mail!.attachments.map((a) => [a.filename, a.contentType])).toEqual([
    [`${reference}-v1.pdf`, "application/pdf"],
  ]);
  expect(mail!.attachments[0]!.content.subarray(0, 5).toString()).toBe("%PDF-");
});
