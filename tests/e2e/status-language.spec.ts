import path from "node:path";
import { expect, test } from "./axe";
import { e2eDataDir } from "../../playwright.config";
import { recipient, statusLinkIn, waitForMailbox } from "./mailbox";
import { sendInquiry } from "./staff";

test("an Arabic buyer's status page runs right to left, with part numbers left to right", async ({ page, baseURL }) => {
  const email = `status-ar.${crypto.randomUUID().slice(0, 8)}@example.com`;
  await sendInquiry(baseURL!, { email, language: "ar", partNumber: "17-4PH-200" });
  const [mail] = await waitForMailbox(path.join(e2eDataDir, "mail"), (m) => recipient(m) === email);
  // The browser asks for English: the page follows the language stored with the inquiry.
  await page.setExtraHTTPHeaders({ "Accept-Language": "en-US,en;q=0.9" });
  await page.goto(statusLinkIn(mail!));

  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  const section = page.locator("section.status-page");
  expect(await section.evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
  await expect(page.getByRole("heading", { name: "ما أرسلتموه" })).toBeVisible();
  await expect(page.getByText("تم الاستلام").first()).toBeVisible();
  await expect(page.getByText("استلمنا طلبكم. سيفحصه أحد مهندسينا قريبًا.")).toBeVisible();

  const partNumber = page.locator("bdi", { hasText: "17-4PH-200" });
  await expect(partNumber).toHaveAttribute("dir", "ltr");
  expect(await partNumber.evaluate((el) => getComputedStyle(el).direction)).toBe("ltr");
});
