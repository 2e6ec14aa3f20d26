import fs from "node:fs";
import path from "node:path";
import { expect, test } from "./axe";
import { e2eDataDir } from "../../playwright.config";
import { recipient, statusLinkIn, waitForMailbox } from "./mailbox";

const fixtures = path.resolve("tests/fixtures");

test("a file with a Japanese name goes through the real form and is shown under that name", async ({ page }) => {
  const email = `tanaka.${Date.now()}@example.jp`;
  const name = "部品図面_ñ.stp";
  await page.goto("/rfq/new");
  await page.getByLabel("Company").fill("株式会社テスト");
  await page.getByLabel("Contact name").fill("田中 太郎");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Country").fill("Japan");
  await page.getByLabel("Part name").fill("ロックカム");
  await page.getByLabel("Material").selectOption({ label: "MIM-316L" });
  await page.getByLabel("Annual volume (parts per year)").fill("30000");
  await page.getByRole("group", { name: "NDA required?" }).getByLabel("No").check();
  await page.getByRole("group", { name: "Export-controlled data (ITAR/EAR)?" }).getByLabel("No").check();
  await page.getByLabel("Drawings and 3D models").setInputFiles({
    name,
    mimeType: "application/step",
    buffer: fs.readFileSync(path.join(fixtures, "nist_ftc_11_asme1_rb.stp")),
  });
  await expect(page.getByRole("list", { name: "Files chosen" })).toContainText(name);

  await page.getByRole("button", { name: "Send for review" }).click();
  await page.waitForURL(/\/rfq\/received\?ref=RFQ-\d{4}-\d{5}&lng=[a-z]{2}$/);
  const reference = new URL(page.url()).searchParams.get("ref")!;

  const [mail] = await waitForMailbox(path.join(e2eDataDir, "mail"), (m) => recipient(m) === email);
  expect(mail!.text).toContain(name);
  await page.goto(statusLinkIn(mail!));
  await expect(page.getByText(`Inquiry ${reference}`)).toBeVisible();
  const link = page.getByRole("table").getByRole("link", { name });
  await expect(link).toBeVisible();

  const download = await page.request.get((await link.getAttribute("href"))!);
  expect(download.headers()["content-disposition"]).toContain(`filename*=UTF-8''${encodeURIComponent(name)}`);
});
