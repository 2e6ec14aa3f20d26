import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "./axe";
import { solidPng } from "../support/png";
import { createStaff, signIn } from "./staff";

// The browser tests share one server: the profile is the one other tests fill in (staff.ts), so
// quotations elsewhere still carry the name they expect.
const NAME = "Lindqvist Precision MIM AB";
const ACCENT = "#7a1f3d";

test("the admin's name, logo and accent colour head the buyer's form, which the listed site may frame", async ({
  page,
  browser,
  baseURL,
}) => {
  // The factory's own site, served on this machine: Chromium refuses to let a public address
  // (which is what a page the test fulfils itself counts as) frame a loopback one, whatever the CSP says.
  const site = http.createServer((_req, res) => {
    res.setHeader("Content-Type", "text/html");
    res.end(`<!doctype html><html lang="en"><title>Quote</title><main><h1>Request a quote</h1>
<iframe title="Inquiry form" src="${baseURL}/rfq/new" width="800" height="600"></iframe>
<iframe title="Sign-in" src="${baseURL}/login" width="800" height="200"></iframe></main></html>`);
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  const factorySite = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  const admin = await createStaff(`Admin ${Date.now()}`, ["admin"]);
  await signIn(page, admin);
  await page.goto("/admin/factory");
  await page.getByLabel("Legal name").fill(NAME);
  await page.getByLabel("Address").fill("Verkstadsgatan 12\n611 35 Nyköping\nSweden");
  await page.getByLabel("E-mail for quotations").fill("sales@lindqvist-mim.example");

  await page.getByLabel("Accent colour").fill("#f5c400");
  await page.getByRole("button", { name: "Save the factory profile" }).click();
  await expect(page.getByText("White text on #f5c400 has a contrast of")).toBeVisible();
  await expect(page.getByLabel("Legal name")).toHaveValue(NAME);

  await page.getByLabel("Accent colour").fill(ACCENT);
  await page.getByLabel("Sites that may embed the inquiry form").fill(factorySite);
  await page.getByRole("button", { name: "Save the factory profile" }).click();
  await expect(page.getByText("The factory profile is saved")).toBeVisible();

  await page.getByLabel(/^(Logo|Replace the logo)$/).setInputFiles({
    name: "logo.png",
    mimeType: "image/png",
    buffer: solidPng([122, 31, 61], 64),
  });
  await page.getByRole("button", { name: "Upload the logo" }).click();
  await expect(page.getByText("The logo is saved")).toBeVisible();
  await expect(page.getByRole("img", { name: "The factory's current logo" })).toBeVisible();

  const buyer = await browser.newPage();
  await buyer.goto("/rfq/new");
  const home = buyer.locator(".site-header .brand");
  await expect(home).toHaveText(NAME);
  const logo = home.locator("img");
  await expect(logo).toBeVisible();
  expect(await logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(64);
  await expect(buyer.locator("main button.primary").first()).toHaveCSS("background-color", "rgb(122, 31, 61)");
  await expect(buyer.locator("footer")).toContainText("mim-rfq");

  // The factory's own site shows the form in an iframe; a staff page in the same place stays blank.
  try {
    const refused = buyer.waitForEvent("console", (message) => /frame-ancestors/.test(message.text()));
    await buyer.goto(`${factorySite}/our-quote-page`);
    await expect(buyer.frameLocator('iframe[title="Inquiry form"]').getByLabel(/^Company/)).toBeVisible();
    await refused;
    await expect(buyer.frameLocator('iframe[title="Sign-in"]').getByLabel("Password")).toHaveCount(0);
  } finally {
    await buyer.close();
    site.closeAllConnections();
    site.close();
  }

  await page.getByRole("button", { name: "Remove the logo" }).click();
  await expect(page.getByText("The logo is removed.")).toBeVisible();
  await expect(page.getByText("No logo yet.")).toBeVisible();
});
