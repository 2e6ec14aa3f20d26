import path from "node:path";
import Database from "better-sqlite3";
import type { Page } from "@playwright/test";
import { e2eDataDir } from "../../playwright.config";
import { expect, test } from "./axe";
import { createStaff, openFromQueue, sendInquiry, signIn } from "./staff";

/** What a button and a table on a staff page look like, against the one shared style of each. */
type StyleCheck = { buttons: number; tables: number; wrong: string[] };

/**
 * Every visible button (every <details> opened first) and every table of the page as it is now.
 * The shared look is read from two probe buttons the page's own stylesheet styles, a plain
 * <button> and a <button class="button">: they must match each other (a form that forgets the
 * class still gets the look), and every button on the page must match them.
 */
function checkSharedStyle(page: Page): Promise<StyleCheck> {
  return page.evaluate(() => {
    for (const details of document.querySelectorAll("details")) details.open = true;
    const SHAPE = ["borderRadius", "borderTopWidth", "paddingTop", "paddingInlineStart", "fontFamily", "fontSize"];
    const look = (element: Element) => {
      const style = getComputedStyle(element) as unknown as Record<string, string>;
      return Object.fromEntries([...SHAPE, "backgroundColor"].map((key) => [key, style[key]!]));
    };
    const probe = (className: string) => {
      const button = document.createElement("button");
      button.className = className;
      document.body.append(button);
      const probed = look(button);
      button.remove();
      return probed;
    };
    const shared = probe("button");
    const primary = probe("button primary");
    const wrong: string[] = [];
    const differences = (found: Record<string, string>, keys: string[]) =>
      keys.filter((key) => found[key] !== shared[key]).map((key) => `${key} ${found[key]} (not ${shared[key]})`);
    const plain = differences(probe(""), [...SHAPE, "backgroundColor"]);
    if (plain.length > 0) wrong.push(`a plain <button> does not look like .button: ${plain.join(", ")}`);

    const buttons = [...document.querySelectorAll("button, a.button")].filter((b) => b.getClientRects().length > 0);
    for (const button of buttons) {
      const found = look(button);
      const shape = differences(found, SHAPE);
      const background = [shared.backgroundColor, primary.backgroundColor].includes(found.backgroundColor!)
        ? []
        : [`backgroundColor ${found.backgroundColor} (not ${shared.backgroundColor} or ${primary.backgroundColor})`];
      const off = [...shape, ...background];
      const name = (button.textContent ?? "").trim() || button.getAttribute("aria-label");
      if (off.length > 0) wrong.push(`button "${name}": ${off.join(", ")}`);
    }
    const tables = [...document.querySelectorAll("table")];
    for (const table of tables) {
      const name = table.caption?.textContent?.trim() || table.getAttribute("aria-label") || table.className;
      if (!table.classList.contains("data")) wrong.push(`table "${name}" is not table.data`);
    }
    return { buttons: buttons.length, tables: tables.length, wrong };
  });
}

async function expectSharedStyle(page: Page, where: string, expected: { buttons: boolean; tables: boolean }) {
  const check = await checkSharedStyle(page);
  expect.soft(check.wrong, `buttons and tables on ${where} (${page.url()}) off the shared style`).toEqual([]);
  // A page that rendered nothing would pass the check above: each page shows what it is known to hold.
  expect(check.buttons > 0, `${where} shows buttons`).toBe(expected.buttons);
  expect(check.tables > 0, `${where} shows tables`).toBe(expected.tables);
}

/** A message the mail server refused for good, so that /admin/mail shows its table and retry button. */
function addDeadLetter(to: string) {
  const db = new Database(path.join(e2eDataDir, "mim-rfq.sqlite"), { fileMustExist: true });
  try {
    db.prepare(
      `insert into outbox (kind, "to", subject, text, html, status, attempts, next_attempt_at, last_error, failed_at)
       values ('staff-invite', ?, 'Style check', 'text', '<p>html</p>', 'dead', 1, ?, '550 5.1.1 unknown user', ?)`,
    ).run(to, Date.now(), Date.now());
  } finally {
    db.close();
  }
}

test("staff pages: every button has the look of .button and every table is table.data", async ({ page, baseURL }) => {
  const reference = await sendInquiry(baseURL!, { partName: "Style check plate" }, ["plate.dxf"]);
  // A colleague, so that the accounts page shows the buttons for another person's account.
  const colleague = await createStaff("Colm", ["engineer"]);
  addDeadLetter(colleague);

  await page.goto("/login");
  await expectSharedStyle(page, "the sign-in page", { buttons: true, tables: false });
  await signIn(page, await createStaff("Stella", ["admin", "engineer", "sales"]));
  await expect(page.locator("#queue-rows tbody tr").first()).toBeVisible();
  await expectSharedStyle(page, "the review queue", { buttons: true, tables: true });

  await openFromQueue(page, reference);
  await expectSharedStyle(page, "the workspace of a new inquiry", { buttons: true, tables: true });
  await page.getByRole("button", { name: "Start triage" }).click();
  await page.getByRole("button", { name: "Begin the engineering review" }).click();
  await expect(page.getByRole("form", { name: "Suitability decision" })).toBeVisible();
  await expectSharedStyle(page, "the workspace at gate 1", { buttons: true, tables: true });

  const admin = [
    ["/admin/users", true],
    ["/admin/rates", true],
    ["/admin/settings", false],
    ["/admin/factory", false],
    ["/admin/mail", true],
  ] as const;
  for (const [adminPage, tables] of admin) {
    await page.goto(adminPage);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectSharedStyle(page, adminPage, { buttons: true, tables });
  }
});
