import path from "node:path";
import type { Browser, Locator, Page } from "@playwright/test";
import { expect, test } from "./axe";
import Database from "better-sqlite3";
import { e2eDataDir } from "../../playwright.config";
import { statusLinkIn, waitForMailbox } from "./mailbox";
import { expectServedFont } from "./served-font";
import { expectSharedStyle } from "./shared-style";
import { createQuoteInBuilder, createStaff, readyForQuoting, sendInquiry, signIn } from "./staff";

/** What the three gates decided before quoting: the worked bracket's gate 3. */
const GATE3 = {
  sizingRequired: "yes",
  sizingRequirement: "flatness",
  sizingFeature: "assembly surface",
  sizingReason: "0.03 mm flatness on the mating face",
  secondary: [],
  inspection: ["dimensions"],
};

const MAIL_DIR = path.join(e2eDataDir, "mail");
const DAY = 24 * 60 * 60 * 1000;

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
  await expect(quantities).toHaveAccessibleDescription(/Enter 1 to 6 order quantities/);

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

async function boxOf(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error("not rendered");
  return box;
}

test("from 1280 px the builder's prices and build-up sit beside its form; narrower, above it; never a horizontal scroll; the staff style", async ({
  page,
  baseURL,
}) => {
  const engineer = await createStaff("Elin", ["engineer"]);
  const reference = await sendInquiry(baseURL!, { email: `buyer-${Date.now()}@example.test` });
  const id = readyToQuote(reference, engineer);
  await signIn(page, await createStaff("Sigrid", ["sales"]));
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/review/${id}/quote`);
  await createQuoteInBuilder(page, "1000, 5000, 20000");
  const prices = page.getByRole("region", { name: "Version 1: draft" });
  const form = page.getByRole("form", { name: "Edit version 1" });
  await expect(prices).toBeVisible();
  // Every box measured below depends on the font: the served one, never the machine's.
  await expectServedFont(page, "main h1");
  for (const width of [1280, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    const [p, f] = [await boxOf(prices), await boxOf(form)];
    // Side by side, both starting on the first screen: the form on the left, the prices on the right.
    expect(f.x + f.width).toBeLessThanOrEqual(p.x);
    expect(Math.max(p.y, f.y)).toBeLessThan(900);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await page.screenshot({ path: path.join(e2eDataDir, "..", `quote-builder-${width}.png`) });
  }

  await page.setViewportSize({ width: 1000, height: 900 });
  const [p, f] = [await boxOf(prices), await boxOf(form)];
  expect(f.x).toBe(p.x);
  expect(f.y).toBeGreaterThanOrEqual(p.y + p.height);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1000);
  // The staff pages' one button and table style, every disclosure open (the prices set by hand, the build-ups).
  await expectSharedStyle(page, "the quote builder", { buttons: true, tables: true });
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
  await readyForQuoting(admin);

  await signIn(page, await createStaff("Sven", ["sales"]));
  await page.goto(`/review/${id}/quote`);
  // 50,000 parts put the order above the default approval limit.
  await createQuoteInBuilder(page, "1000, 50000");
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

  // The buyer opens the link in the e-mail, reads the quotation and accepts it.
  const buyer = await openQuote(browser, mail!);
  const download = buyer.waitForEvent("download");
  await buyer.getByRole("link", { name: "Download the quotation (PDF)" }).click();
  expect((await download).suggestedFilename()).toBe(`${reference}-v1.pdf`);
  // The test inquiry was sent in English: the quotation reads in English (the Japanese buyer's below).
  await expect(buyer.getByRole("heading", { name: "Prices and lead times" })).toBeVisible();
  await buyer.screenshot({ path: path.join(e2eDataDir, "..", "buyer-quote.png"), fullPage: true });
  await buyer.getByRole("button", { name: "Accept and order" }).click();
  await expect(buyer.getByText("Choose the tool (cavity option) you order.")).toBeVisible();
  await expect(buyer.getByLabel("Purchase order reference")).toHaveAttribute("aria-invalid", "true");
  await buyer.getByRole("group", { name: "Tool" }).getByRole("radio").first().check();
  await buyer.getByRole("group", { name: "Order quantity" }).getByLabel("1,000 pcs").check();
  await buyer.getByLabel("Purchase order reference").fill("PO-2026-118");
  await buyer.getByLabel("Your name").fill("Anna Weber");
  await buyer.getByRole("button", { name: "Accept and order" }).click();
  await expect(buyer.getByRole("status").filter({ hasText: "Thank you for your order" })).toBeVisible();
  await expect(buyer.getByRole("heading", { name: /Your answer: accepted on/ })).toBeVisible();
  await expect(buyer.getByRole("button", { name: "Accept and order" })).toHaveCount(0);

  const [notice] = await waitForMailbox(MAIL_DIR, (m) => (m.subject ?? "").startsWith(`${reference} v1 accepted by`));
  expect(notice!.text).toContain("PO-2026-118");
  expect(notice!.text).toContain("1,000 pcs");
  await page.reload();
  await expect(page.getByText(/first viewed by the buyer at/)).toBeVisible();
  await expect(page.getByText(/Accepted by: Anna Weber/)).toBeVisible();
});

/** The buyer's browser on the quotation page, reached from the status link in the quotation e-mail. */
async function openQuote(browser: Browser, mail: Parameters<typeof statusLinkIn>[0]): Promise<Page> {
  const buyer = await (await browser.newContext()).newPage();
  await buyer.goto(statusLinkIn(mail));
  await buyer.getByRole("link", { name: /Read the quotation, accept it/ }).click();
  await expect(buyer.getByRole("heading", { name: "Your quotation v1" })).toBeVisible();
  return buyer;
}

/**
 * A fresh inquiry from a buyer reading `language`, quoted, approved when its figures call for it,
 * and sent by sales through the builder; returns its reference, the quotation e-mail the buyer
 * received and the sales page left on the quote builder.
 */
async function sendSmallQuote(browser: Browser, baseURL: string, language = "en") {
  const engineer = await createStaff("Egon", ["engineer"]);
  const reference = await sendInquiry(baseURL, { email: `buyer-${Date.now()}@example.test`, language });
  const id = readyToQuote(reference, engineer);
  const staff = await (await browser.newContext()).newPage();
  await signIn(staff, await createStaff("Ari", ["admin", "sales"]));
  await readyForQuoting(staff);
  await staff.goto(`/review/${id}/quote`);
  await createQuoteInBuilder(staff, "1000, 5000");
  await expect(staff.getByRole("heading", { name: "Version 1: draft" })).toBeVisible();
  // The example rates' tooling puts even a small order above the default approval limit.
  if (await staff.getByText("Needs an admin's approval (above").isVisible()) {
    await staff.getByRole("button", { name: "Ask an admin to approve" }).click();
    const approver = await (await browser.newContext()).newPage();
    await signIn(approver, await createStaff("Abe", ["admin"]));
    await approver.goto(`/review/${id}/quote`);
    await approver.getByRole("button", { name: "Approve this version" }).click();
    await expect(approver.getByRole("heading", { name: "Version 1: approved" })).toBeVisible();
    await staff.reload();
  }
  await staff.getByRole("button", { name: "Send to the buyer" }).click();
  await expect(staff.getByRole("heading", { name: "Version 1: sent" })).toBeVisible();
  // The quotation e-mail is the one with the PDF, whatever language its subject is in.
  const [mail] = await waitForMailbox(
    MAIL_DIR,
    (m) => (m.subject ?? "").includes(reference) && m.attachments.some((a) => a.contentType === "application/pdf"),
  );
  return { reference, mail: mail!, staff };
}

test("a Japanese buyer reads the quotation page and its validation messages in Japanese", async ({
  browser,
  baseURL,
}) => {
  const { mail, staff } = await sendSmallQuote(browser, baseURL!, "ja");
  // Sales writes the notes in the buyer's language: the builder says which.
  await expect(staff.getByText("The buyer reads 日本語 (ja): write in it.")).toBeVisible();

  const buyer = await (await browser.newContext()).newPage();
  await buyer.goto(statusLinkIn(mail));
  await expect(buyer.locator("html")).toHaveAttribute("lang", "ja");
  await expect(buyer.getByLabel("現在の状況").getByText("お見積り送付済み")).toBeVisible();
  await expect(buyer.getByText(/^送信日時：\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} UTC。/)).toBeVisible();
  await buyer.getByRole("link", { name: "お見積りを確認し、承諾・辞退、またはご質問をいただけます" }).click();
  await expect(buyer.getByRole("heading", { name: "お見積り v1" })).toBeVisible();

  // Checked in the browser before anything is sent, with the same schema and messages as the server.
  await buyer.getByRole("button", { name: "承諾して注文する" }).click();
  await expect(buyer.getByText("ご注文の金型（取り数）を選択してください。")).toBeVisible();
  await expect(buyer.getByLabel("注文書番号")).toHaveAttribute("aria-invalid", "true");
  await expect(buyer.getByText("注文書番号を入力してください。")).toBeVisible();
  await expect(buyer.getByRole("group", { name: "注文数量" }).getByLabel("5,000個")).toBeVisible();

  const reasons = buyer.getByRole("group", { name: "理由" });
  await reasons.getByLabel("その他の理由").check();
  await buyer.getByRole("button", { name: "辞退する" }).click();
  await expect(buyer.getByText("「その他の理由」を選択されました。辞退の理由をご記入ください。")).toBeVisible();
  await reasons.getByLabel("納期が長すぎる").check();
  await buyer.getByRole("button", { name: "辞退する" }).click();
  await expect(
    buyer.getByRole("status").filter({ hasText: "このお見積りを辞退されたことを記録しました。" }),
  ).toBeVisible();
  await expect(buyer.getByRole("heading", { name: /^ご回答：\d{4}年.*に辞退$/ })).toBeVisible();
});

test("a buyer declines with a reason", async ({ browser, baseURL }) => {
  const { reference, mail } = await sendSmallQuote(browser, baseURL!);
  const buyer = await openQuote(browser, mail);
  const reasons = buyer.getByRole("group", { name: "Reason" });
  await reasons.getByLabel("Another reason").check();
  await buyer.getByRole("button", { name: "Decline" }).click();
  await expect(buyer.getByText("Say why you decline: you chose “Another reason”.")).toBeVisible();
  await expect(buyer.getByLabel("In your words")).toHaveAttribute("aria-invalid", "true");
  await reasons.getByLabel("The lead time is too long").check();
  await buyer.getByLabel("In your words").fill("We need parts within 8 weeks.");
  await buyer.getByRole("button", { name: "Decline" }).click();
  await expect(buyer.getByRole("status").filter({ hasText: "you decline this quotation" })).toBeVisible();
  await expect(buyer.getByRole("heading", { name: /Your answer: declined on/ })).toBeVisible();
  const [notice] = await waitForMailbox(MAIL_DIR, (m) => (m.subject ?? "").startsWith(`${reference} v1 declined by`));
  expect(notice!.text).toContain("The lead time is too long");
  expect(notice!.text).toContain("We need parts within 8 weeks.");
});

/**
 * Moves a sent quote's validity into the past, as time passing would. The database freezes a sent
 * version's validity with the rest of it, so the trigger is lifted for this one update only.
 */
function lapse(reference: string) {
  const db = new Database(path.join(e2eDataDir, "mim-rfq.sqlite"), { fileMustExist: true });
  try {
    const { sql } = db
      .prepare("select sql from sqlite_master where type = 'trigger' and name = 'quotes_sent_frozen'")
      .get() as {
      sql: string;
    };
    db.transaction(() => {
      db.exec("drop trigger quotes_sent_frozen");
      db.prepare(
        "update quotes set valid_until = ? where inquiry_id = (select id from inquiries where reference = ?) and sent_at is not null",
      ).run(Date.now() - 2 * DAY, reference);
      db.exec(sql);
    })();
  } finally {
    db.close();
  }
}

test("a quote past its validity cannot be accepted", async ({ browser, baseURL }) => {
  const { reference, mail } = await sendSmallQuote(browser, baseURL!);
  lapse(reference);
  const buyer = await openQuote(browser, mail);
  await expect(buyer.getByText(/Version 1 expired on [^:]+: its prices and lead times no longer hold/)).toBeVisible();
  await expect(buyer.getByRole("button", { name: "Accept and order" })).toHaveCount(0);
  await buyer.getByLabel("Message to our sales team (optional)").fill("Same part, 8,000 pcs now.");
  await buyer.getByRole("button", { name: "Ask for an updated quotation" }).click();
  await expect(buyer.getByRole("status").filter({ hasText: "prepare an updated quotation" })).toBeVisible();
  await buyer.screenshot({ path: path.join(e2eDataDir, "..", "buyer-quote-expired.png"), fullPage: true });
  const [notice] = await waitForMailbox(MAIL_DIR, (m) =>
    (m.subject ?? "").startsWith(`${reference} v1: an updated quotation asked for`),
  );
  expect(notice!.text).toContain("Same part, 8,000 pcs now.");
});

/**
 * A post the page does not offer, made with the signed-in session and its anti-forgery token: what
 * a user with the browser's developer tools could send. The ids come from the page's own forms.
 */
async function forge(page: Page, intent: string) {
  const copy = page.locator("form").filter({ has: page.getByRole("button", { name: "Copy as a new version" }) });
  const field = (name: string) => copy.locator(`input[name="${name}"]`).inputValue();
  const response = await page.request.post(page.url(), {
    headers: { Origin: new URL(page.url()).origin },
    form: {
      _csrf: await field("_csrf"),
      intent,
      quoteId: await field("quoteId"),
      rowVersion: await field("rowVersion"),
    },
    maxRedirects: 0,
  });
  return { status: response.status(), text: await response.text() };
}

test("approval cannot be side-stepped from the browser: a forged send, self-approval, an edit after approval, a copy", async ({
  page,
  browser,
  baseURL,
}) => {
  const engineer = await createStaff("Edda", ["engineer"]);
  const reference = await sendInquiry(baseURL!, { email: `buyer-${Date.now()}@example.test` });
  const id = readyToQuote(reference, engineer);
  const other = await (await browser.newContext()).newPage();
  await signIn(other, await createStaff("Otto", ["admin"]));
  await readyForQuoting(other);

  // An admin who also sells prepares a quote above the approval limit.
  await signIn(page, await createStaff("Pia", ["admin", "sales"]));
  await page.goto(`/review/${id}/quote`);
  await createQuoteInBuilder(page, "1000, 50000");
  await expect(page.getByRole("heading", { name: "Version 1: draft" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Send to the buyer" })).toHaveCount(0);
  const forgedSend = await forge(page, "send");
  expect(forgedSend.status).toBe(400);
  expect(forgedSend.text).toContain("needs an admin&#x27;s approval before it is sent");

  await page.getByRole("button", { name: "Ask an admin to approve" }).click();
  await expect(page.getByRole("heading", { name: "Version 1: awaiting approval" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve this version" })).toHaveCount(0);
  const selfApproval = await forge(page, "approve");
  expect(selfApproval.status).toBe(400);
  expect(selfApproval.text).toContain("Nobody approves their own quotation");

  await other.goto(`/review/${id}/quote`);
  await other.getByRole("button", { name: "Approve this version" }).click();
  await expect(other.getByRole("heading", { name: "Version 1: approved" })).toBeVisible();

  // Any edit after the approval voids it: the send button goes, and a forged send is refused.
  await page.reload();
  await expect(page.getByRole("button", { name: "Send to the buyer" })).toBeVisible();
  await page.getByLabel("Payment terms", { exact: true }).fill("45 days net");
  await page.getByRole("button", { name: /^Save/ }).click();
  await expect(page.getByRole("heading", { name: "Version 1: draft" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Send to the buyer" })).toHaveCount(0);
  expect((await forge(page, "send")).status).toBe(400);

  // A copy of an approved version starts unapproved.
  await page.getByRole("button", { name: "Ask an admin to approve" }).click();
  // The request is saved before the admin looks: a reload sooner shows the draft without the button.
  await expect(page.getByRole("heading", { name: "Version 1: awaiting approval" })).toBeVisible();
  await other.reload();
  await other.getByRole("button", { name: "Approve this version" }).click();
  await expect(other.getByRole("heading", { name: "Version 1: approved" })).toBeVisible();
  await page.reload();
  await page.getByRole("button", { name: "Copy as a new version" }).click();
  await expect(page.getByRole("heading", { name: "Version 2: draft" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Send to the buyer" })).toHaveCount(0);
  expect((await forge(page, "send")).status).toBe(400);
});
