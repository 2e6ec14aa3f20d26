import type { Page } from "@playwright/test";
import { expect, test } from "./axe";
import { createStaff, sendInquiry, signIn } from "./staff";

/** The element holding the keyboard focus, described well enough to compare. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return { tag: el?.tagName ?? "", text: el?.textContent?.trim() ?? "", id: el?.id ?? "" };
  });

test("the queue works from the keyboard alone: skip to the rows, / to search, j/k and arrows to move, Enter to open", async ({
  page,
  baseURL,
}) => {
  const company = `Keyboard ${crypto.randomUUID().slice(0, 8)}`;
  const older = await sendInquiry(baseURL!, { company, partName: "Hinge pin" });
  const newer = await sendInquiry(baseURL!, { company, partName: `Cam follower ${company}` });
  await signIn(page, await createStaff("Kira", ["engineer"]));

  // From a fresh load, Tab until the first row's link has the focus (the skip link is followed with Enter).
  await page.goto("/review");
  const firstRowLink = page.locator("#queue-rows tbody tr").first().getByRole("link");
  let tabs = 0;
  while (!(await firstRowLink.evaluate((el) => el === document.activeElement))) {
    expect(tabs, "Tab presses to reach the first row").toBeLessThan(4);
    await page.keyboard.press("Tab");
    tabs += 1;
    if ((await focused(page)).text === "Skip to the inquiries") await page.keyboard.press("Enter");
  }
  expect(tabs).toBeLessThanOrEqual(3);

  // "/" focuses the search; letters typed there stay letters (j and k do not move the rows).
  await page.keyboard.press("/");
  const search = page.getByLabel("Search");
  await expect(search).toBeFocused();
  await page.keyboard.type(company.toLowerCase());
  await expect(search).toHaveValue(company.toLowerCase());
  await page.keyboard.press("Enter");
  await page.waitForURL((url) => url.searchParams.get("q") === company.toLowerCase());
  const rows = page.locator("#queue-rows tbody tr");
  await expect(rows).toHaveCount(2);
  const link = (reference: string) => page.getByRole("link", { name: reference, exact: true });

  await page.keyboard.press("j");
  await expect(link(newer)).toBeFocused();
  // The selected row shows it: the accent bar of :focus-within.
  await expect(rows.first()).toHaveCSS("box-shadow", /rgb\(11, 92, 173\)/);
  await expect(rows.nth(1)).toHaveCSS("box-shadow", "none");
  await page.keyboard.press("j");
  await expect(link(older)).toBeFocused();
  await expect(rows.nth(1)).toHaveCSS("box-shadow", /rgb\(11, 92, 173\)/);
  await page.keyboard.press("k");
  await expect(link(newer)).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(link(older)).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(link(older)).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(link(newer)).toBeFocused();

  await page.keyboard.press("Enter");
  await page.waitForURL(/\/review\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: `Cam follower ${company}` })).toBeVisible();
  await expect(page.getByText(newer).first()).toBeVisible();
  // The workspace shows the buyer's tolerances with the decimals they were written with.
  await expect(page.getByText("Bore diameter: 4.00 ± 0.02 mm")).toBeVisible();
});

test("a click anywhere on a row opens its inquiry, and the filters fold away until one is in force", async ({
  page,
  baseURL,
}) => {
  const company = `Rowclick ${crypto.randomUUID().slice(0, 8)}`;
  const reference = await sendInquiry(baseURL!, { company, material: "mim-316l", partName: `Tappet ${company}` });
  await signIn(page, await createStaff("Rowan", ["engineer"]));

  await page.goto("/review");
  const filters = page.locator("details.queue-more");
  await expect(filters).not.toHaveAttribute("open");
  await expect(page.getByLabel("Material")).toBeHidden();
  await page.getByText("Filters and sort").click();
  await page.getByLabel("Material").selectOption("mim-316l");
  await page.getByLabel("Search").fill(company);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await page.waitForURL((url) => url.searchParams.get("material") === "mim-316l");

  // The filter is in the URL: a reload (or a bookmark) shows the same list with the panel open.
  await page.reload();
  await expect(filters).toHaveAttribute("open");
  await expect(page.getByText("Filters and sort (1 in use)")).toBeVisible();
  await expect(page.getByLabel("Material")).toHaveValue("mim-316l");
  await expect(page.getByLabel("Search")).toHaveValue(company);
  await page.getByLabel("Sort").selectOption("oldest");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await page.waitForURL((url) => url.searchParams.get("sort") === "oldest");
  expect(new URL(page.url()).searchParams.get("material")).toBe("mim-316l");
  expect(new URL(page.url()).searchParams.get("q")).toBe(company);

  const row = page.locator("#queue-rows tbody tr", { hasText: reference });
  await row.getByRole("cell", { name: company, exact: true }).click();
  await page.waitForURL(/\/review\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: `Tappet ${company}` })).toBeVisible();
  await expect(page.getByText(reference).first()).toBeVisible();
});
