import crypto from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import { e2eDataDir } from "../../playwright.config";
import { createToken, hashToken } from "../../app/server/tokens.server";
import { recipient, statusLinkIn, waitForMailbox } from "./mailbox";
import type { Page } from "@playwright/test";
import { expect, scanPage, test } from "./axe";
import { createQuoteInBuilder, createStaff, openFromQueue, readyForQuoting, sendInquiry, signIn, PLATE } from "./staff";

/**
 * Every page a buyer or a member of staff sees, each in the states that matter, checked with axe
 * (WCAG 2.1 A/AA): `accessibilityWatch.check` fails on any serious or critical violation.
 */

const MAIL_DIR = path.join(e2eDataDir, "mail");

/** A set-password link for a new staff account, as the invitation e-mail carries it. */
async function setPasswordPath(): Promise<string> {
  const email = await createStaff("Ines", ["engineer"]);
  const token = createToken();
  const db = new Database(path.join(e2eDataDir, "mim-rfq.sqlite"), { fileMustExist: true });
  try {
    const { id } = db.prepare("select id from users where email = ?").get(email) as { id: string };
    db.prepare("insert into password_tokens (token_hash, user_id, expires_at) values (?, ?, ?)").run(
      hashToken(token),
      id,
      Date.now() + 60 * 60 * 1000,
    );
  } finally {
    db.close();
  }
  return `/set-password/${token}`;
}

test("the public pages: the intake form empty and with errors, the confirmation, sign-in and set-password", async ({
  page,
  baseURL,
  accessibilityWatch,
}) => {
  await page.goto("/");
  await accessibilityWatch.check(page);

  await page.goto("/rfq/new");
  await accessibilityWatch.check(page);
  await page.getByRole("button", { name: "Send for review" }).click();
  await expect(page.getByText("Enter the company name.")).toBeVisible();
  await accessibilityWatch.check(page);

  const reference = await sendInquiry(baseURL!, { partName: "Axe check plate" });
  await page.goto(`/rfq/received?ref=${reference}`);
  await expect(page.getByText(reference, { exact: true })).toBeVisible();
  await accessibilityWatch.check(page);

  await page.goto("/login");
  await accessibilityWatch.check(page);
  await page.getByLabel("E-mail").fill("nobody@factory.test");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await accessibilityWatch.check(page);

  await page.goto(await setPasswordPath());
  await expect(page.getByLabel("New password")).toBeVisible();
  await accessibilityWatch.check(page);
});

test("the queue with rows and its filters open, and every admin page", async ({
  page,
  baseURL,
  accessibilityWatch,
}) => {
  const company = `Axe ${crypto.randomUUID().slice(0, 8)}`;
  await sendInquiry(baseURL!, { company, material: "mim-316l", partName: `Axe queue part ${company}` });
  await signIn(page, await createStaff("Alma", ["admin", "engineer"]));

  await page.goto("/review");
  await expect(page.locator("#queue-rows tbody tr").first()).toBeVisible();
  await accessibilityWatch.check(page);
  await page.getByText("Filters and sort").click();
  await page.getByLabel("Material").selectOption("mim-316l");
  await page.getByLabel("Search").fill(company);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await page.waitForURL((url) => url.searchParams.get("q") === company);
  await page.reload();
  await expect(page.locator("details.queue-more")).toHaveAttribute("open");
  await expect(page.locator("#queue-rows tbody tr")).toHaveCount(1);
  await accessibilityWatch.check(page);

  for (const admin of ["/admin/users", "/admin/settings", "/admin/rates", "/admin/mail", "/admin/factory"]) {
    await page.goto(admin);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await accessibilityWatch.check(page);
  }
});

test("the workspace at each gate, the buyer's status page with a question and with a quote, and the quote pages", async ({
  page,
  browser,
  baseURL,
  accessibilityWatch,
}) => {
  // Three people through the whole review on a shared 2-core machine: a deadline, not a wait.
  test.setTimeout(300_000);
  const buyerEmail = `axe.${crypto.randomUUID()}@example.com`;
  const reference = await sendInquiry(baseURL!, { partName: "Axe bracket", email: buyerEmail }, PLATE);
  await signIn(page, await createStaff("Edda", ["engineer"]));
  await openFromQueue(page, reference);
  await accessibilityWatch.check(page);

  await page.getByRole("button", { name: "Start triage" }).click();
  await expect(page.getByLabel("Current state")).toContainText("Triage");
  await accessibilityWatch.check(page);

  await page.getByRole("button", { name: "Begin the engineering review" }).click();
  await expect(page.getByLabel("Current state")).toContainText("Suitability review");
  await accessibilityWatch.check(page);

  const ask = page.getByRole("form", { name: "Ask the buyer" });
  await ask.getByLabel("Question for the buyer").fill("Can the 0.3 mm wall become 0.5 mm?");
  await ask.getByRole("button", { name: "Send the question" }).click();
  await expect(page.getByLabel("Current state")).toContainText("Awaiting buyer");
  await accessibilityWatch.check(page);
  const [question] = await waitForMailbox(MAIL_DIR, (m) => (m.subject ?? "").startsWith(`Question about ${reference}`));
  const buyer = await (await browser.newContext()).newPage();
  await buyer.goto(statusLinkIn(question!));
  await expect(buyer.getByRole("region", { name: "A question from our engineers" })).toBeVisible();
  await accessibilityWatch.check(buyer);
  await buyer.getByLabel("Your answer").fill("Yes, 0.5 mm works.");
  await buyer.getByRole("button", { name: "Send answer" }).click();
  await expect(buyer.getByText("Thank you: your answer has reached our engineers")).toBeVisible();
  await accessibilityWatch.check(buyer);

  await page.reload();
  const suitability = page.getByRole("form", { name: "Suitability decision" });
  await suitability.getByLabel("Suitable for MIM").check();
  await suitability.getByLabel("Reason").fill("Small stainless bracket at volume: a classic MIM part.");
  await suitability.getByRole("button", { name: "Save suitability decision" }).click();
  await expect(page.getByLabel("Current state")).toContainText("Stage risk review");
  await accessibilityWatch.check(page);

  // Gate 2's stages fold into details/summary: checked with every level set and one stage folded.
  const risk = page.getByRole("form", { name: "Stage risk review" });
  await risk.getByRole("button", { name: "Set every stage not yet assessed to low" }).click();
  await expect(risk.getByRole("status")).toHaveText("Every stage has a risk level.");
  await risk.locator("summary", { hasText: "5. Sintering" }).click();
  await expect(risk.getByLabel("Notes on sintering")).toBeHidden();
  await accessibilityWatch.check(page);
  await risk.getByRole("button", { name: "Complete stage risk review" }).click();
  await expect(page.getByRole("heading", { name: /Gate 2: Stage risk/ })).toContainText("Decided");
  const reopen = page.locator("details.reopen").first();
  await reopen.locator("summary").click();
  await expect(reopen).toHaveAttribute("open");
  await accessibilityWatch.check(page);

  const sizing = page.getByRole("form", { name: "Sizing and secondary operations" });
  await sizing.getByRole("group", { name: "Post-sintering sizing needed?" }).getByLabel("No").check();
  await sizing.getByLabel("Dimensions").check();
  await sizing.getByRole("button", { name: "Complete sizing and secondary operations" }).click();
  await expect(page.getByLabel("Current state")).toContainText("Ready to quote");
  await accessibilityWatch.check(page);
  const workspace = page.url();

  const sales = await (await browser.newContext()).newPage();
  await signIn(sales, await createStaff("Sune", ["admin", "sales"]));
  await readyForQuoting(sales);
  await sales.goto(workspace);
  await sales.getByRole("link", { name: "Prepare the quote" }).click();
  await sales.waitForURL(/\/quote$/);
  await accessibilityWatch.check(sales);
  await sales.getByLabel("Order quantities").fill("");
  await sales.getByRole("button", { name: "Create the quote" }).click();
  await expect(sales.locator('[aria-invalid="true"]').first()).toBeVisible();
  await accessibilityWatch.check(sales);
  await createQuoteInBuilder(sales, "1000, 5000");
  await expect(sales.getByRole("heading", { name: "Version 1: draft" })).toBeVisible();
  await accessibilityWatch.check(sales);
  if (await sales.getByText("Needs an admin's approval (above").isVisible()) {
    await sales.getByRole("button", { name: "Ask an admin to approve" }).click();
    const approver = await (await browser.newContext()).newPage();
    await signIn(approver, await createStaff("Abba", ["admin"]));
    await approver.goto(sales.url());
    await accessibilityWatch.check(approver);
    await approver.getByRole("button", { name: "Approve this version" }).click();
    await expect(approver.getByRole("heading", { name: "Version 1: approved" })).toBeVisible();
    await sales.reload();
  }
  await sales.getByRole("button", { name: "Send to the buyer" }).click();
  await expect(sales.getByRole("heading", { name: "Version 1: sent" })).toBeVisible();
  await accessibilityWatch.check(sales);

  const [quoteMail] = await waitForMailbox(
    MAIL_DIR,
    (m) => recipient(m) === buyerEmail && (m.subject ?? "").startsWith(`Quotation ${reference} version 1`),
  );
  await buyer.goto(statusLinkIn(quoteMail!));
  await expect(buyer.getByLabel("Current state")).toContainText("Quotation sent");
  await accessibilityWatch.check(buyer);
  await buyer.getByRole("link", { name: /Read the quotation, accept it/ }).click();
  await expect(buyer.getByRole("heading", { name: "Your quotation v1" })).toBeVisible();
  await accessibilityWatch.check(buyer);
  await buyer.getByRole("button", { name: "Accept and order" }).click();
  await expect(buyer.locator('[aria-invalid="true"]').first()).toBeVisible();
  await accessibilityWatch.check(buyer);
});

test("a violation is reported with its rule, impact, elements and help", async ({ page }) => {
  await page.goto("/login");
  await page.evaluate(() =>
    document.querySelector("h1")!.insertAdjacentHTML("afterend", '<button id="unnamed"></button>'),
  );
  const scan = await scanPage(page);
  expect(scan.failing).toEqual([
    expect.stringMatching(
      /^critical button-name on \/login: .* \[#unnamed\] https:\/\/dequeuniversity\.com\/rules\/axe\//,
    ),
  ]);
  // The end-of-test scan sees the page as our server sends it.
  await page.evaluate(() => document.getElementById("unnamed")!.remove());
});

/** The focused element's outline, as the browser draws it. */
const focusRing = (page: Page) =>
  page.evaluate(() => {
    const style = getComputedStyle(document.activeElement!);
    return { style: style.outlineStyle, width: style.outlineWidth };
  });

test("keyboard focus shows as a 3 px ring on links, fields, buttons, summaries and queue rows", async ({
  page,
  baseURL,
}) => {
  const ring = { style: "solid", width: "3px" };
  await page.goto("/login");
  await page.keyboard.press("Tab");
  // The home link carries the factory's name once a test has saved the profile, else the product's.
  await expect(page.locator(".site-header .brand")).toBeFocused();
  expect(await focusRing(page)).toEqual(ring);
  await page.getByLabel("E-mail").focus();
  expect(await focusRing(page)).toEqual(ring);
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeFocused();
  expect(await focusRing(page)).toEqual(ring);

  await sendInquiry(baseURL!, { partName: "Focus ring part" });
  await signIn(page, await createStaff("Fenna", ["engineer"]));
  await page.goto("/review");
  await page.locator("details.queue-more summary").focus();
  expect(await focusRing(page)).toEqual(ring);
  await page.keyboard.press("j");
  await expect(page.locator("#queue-rows tbody tr").first().getByRole("link")).toBeFocused();
  expect(await focusRing(page)).toEqual(ring);
});
