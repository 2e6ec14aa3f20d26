import path from "node:path";
import Database from "better-sqlite3";
import { e2eDataDir } from "../../playwright.config";
import { expect, test } from "./axe";
import { expectSharedStyle } from "./shared-style";
import { createStaff, openFromQueue, sendInquiry, signIn } from "./staff";

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
  const reference = await sendInquiry(baseURL!, { partName: "Style check plate" });
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
