import type { Page, Response } from "@playwright/test";
import { expect, test } from "./axe";
import { expectServedFont, fontsDrawing, SERVED_FONT } from "./served-font";

/** Every font file the page fetched while it loaded. */
function collectFonts(page: Page): Response[] {
  const fonts: Response[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "font") fonts.push(response);
  });
  return fonts;
}

test("the buyer's form is drawn in the served font, preloaded from the page's head and cached for good", async ({
  page,
}) => {
  const fonts = collectFonts(page);
  await page.goto("/rfq/new?lng=en");
  await expectServedFont(page, "main h1");
  await expectServedFont(page, "main label");
  await expectServedFont(page, "main button[type=submit]");

  const preload = page.locator('head link[rel="preload"][as="font"]');
  await expect(preload).toHaveCount(1);
  const href = new URL((await preload.getAttribute("href"))!, page.url()).href;
  expect(await preload.getAttribute("crossorigin")).toBe("anonymous");
  // English needs the Latin file only, the one preloaded; it is fetched once and kept for a year.
  await expect.poll(() => fonts.map((f) => f.url())).toEqual([href]);
  expect(fonts[0]!.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  expect(fonts[0]!.headers()["content-type"]).toBe("font/woff2");
});

test("Turkish letters outside basic Latin come from the served extended-Latin file", async ({ page }) => {
  const fonts = collectFonts(page);
  await page.goto("/rfq/new?lng=tr");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("değerlendirmesi");
  await expectServedFont(page, "main h1");
  const drawn = await fontsDrawing(page, "main h1");
  // Two faces of the one family: the basic file and the extended one for ğ.
  expect(drawn.length).toBeGreaterThan(0);
  expect(drawn.every((f) => f.familyName === SERVED_FONT && f.isCustomFont)).toBe(true);
  await expect
    .poll(() => fonts.map((f) => new URL(f.url()).pathname).sort())
    .toEqual([
      expect.stringMatching(/^\/build\/_assets\/noto-sans-latin-ext-wght-normal-\w+\.woff2$/),
      expect.stringMatching(/^\/build\/_assets\/noto-sans-latin-wght-normal-\w+\.woff2$/),
    ]);
});

test("staff pages are drawn in the served font too", async ({ page }) => {
  await page.goto("/login");
  await expectServedFont(page, "main h1");
  await expectServedFont(page, "main label");
  await expectServedFont(page, "main button[type=submit]");
});
