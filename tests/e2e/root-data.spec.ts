import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./axe";
import { startAppServer, type AppServer, SHARED_SERVER_ENV } from "../support/app-server";
import { recipient, statusLinkIn, waitForMailbox } from "./mailbox";
import { solidPng } from "../support/png";
import { createStaffUser } from "../support/staff";
import { openFromQueue, PASSWORD, sendInquiry, signIn } from "./staff";

/**
 * Issue 11: the root's data (the page's language with all its messages, and the factory's brand) is
 * loaded again only when it can have changed. The file runs on its own server: it saves the factory
 * profile, whose name the suite's shared server gives every other test's quotations.
 */
const ownServer = test.extend<object, { app: AppServer }>({
  app: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's needs from this pattern.
    async ({}, use) => {
      const app = await startAppServer(SHARED_SERVER_ENV);
      await use(app);
      await app.stop();
    },
    { scope: "worker" },
  ],
  baseURL: async ({ app }, use) => use(app.url),
});

/** A drawing the analysis worker does not take: these tests wait for no analysis. */
const DRAWING = path.resolve("tests/fixtures/plate.dxf");

type RootLoad = { path: string; bytes?: number };

/** Every request for the root's data (`?_data=root`) the page makes from now on, with its size once answered. */
function watchRootData(page: Page): RootLoad[] {
  const loads: RootLoad[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.searchParams.get("_data") !== "root") return;
    const load: RootLoad = { path: url.pathname };
    loads.push(load);
    void request
      .response()
      .then((response) => response?.body())
      .then((body) => (load.bytes = body?.length))
      .catch(() => undefined);
  });
  return loads;
}

/** Marks the loaded document, so a test can tell that what it sees came without a page load. */
async function markDocument(page: Page) {
  await page.evaluate(() => document.documentElement.setAttribute("data-test-document", "kept"));
}

async function expectSameDocument(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-test-document", "kept");
}

async function buyerStatusPage(page: Page, app: AppServer, partName: string) {
  const email = `root-data.${crypto.randomUUID().slice(0, 8)}@example.com`;
  const reference = await sendInquiry(app.url, { partName, email });
  const [ack] = await waitForMailbox(path.join(app.dataDir, "mail"), (m) => recipient(m) === email);
  await page.goto(statusLinkIn(ack!));
  return reference;
}

ownServer(
  "a staff save and a buyer's answer leave the root's data alone, while each page's own data follows",
  async ({ page, browser, app }) => {
    const buyer = await (await browser.newContext({ baseURL: app.url })).newPage();
    const reference = await buyerStatusPage(buyer, app, "Hinge pin");
    await signIn(page, await createStaffUser(app.dataDir, ["engineer"], { name: "Kai", password: PASSWORD }));
    await openFromQueue(page, reference);
    const staffLoads = watchRootData(page);
    const buyerLoads = watchRootData(buyer);

    await page.getByRole("button", { name: "Start triage" }).click();
    await page.getByRole("button", { name: "Begin the engineering review" }).click();
    await expect(page.getByLabel("Current state")).toContainText("Suitability review");
    const ask = page.getByRole("form", { name: "Ask the buyer" });
    await ask.getByLabel("Question for the buyer").fill("Can the pin's chamfer be 0.3 mm instead of 0.1 mm?");
    await ask.getByRole("button", { name: "Send the question" }).click();
    await expect(page.getByLabel("Current state")).toContainText("Awaiting buyer");

    // The buyer's open page shows the question by its live update, its own loader alone.
    const question = buyer.getByRole("region", { name: "A question from our engineers" });
    await expect(question).toContainText("Can the pin's chamfer be 0.3 mm instead of 0.1 mm?");
    await question.getByLabel("Your answer").fill("Yes: 0.3 mm, revision B attached.");
    await question.getByLabel("Revised drawing or model (optional)").setInputFiles({
      name: "hinge-pin-rev-b.dxf",
      mimeType: "application/dxf",
      buffer: fs.readFileSync(DRAWING),
    });
    await question.getByRole("button", { name: "Send answer" }).click();
    await expect(buyer.getByText("Thank you: your answer has reached our engineers")).toBeVisible();
    await expect(buyer.getByRole("link", { name: "hinge-pin-rev-b.dxf", exact: true })).toBeVisible();

    await buyer.getByLabel("More drawings or models").setInputFiles({
      name: "hinge-pin-view-c.dxf",
      mimeType: "application/dxf",
      buffer: fs.readFileSync(DRAWING),
    });
    await buyer.getByRole("button", { name: "Add files" }).click();
    await expect(buyer.getByText("1 file was added.")).toBeVisible();
    await expect(buyer.getByRole("link", { name: "hinge-pin-view-c.dxf", exact: true })).toBeVisible();

    // The engineer's page follows the buyer by its live update, with no reload either.
    await expect(page.getByRole("region", { name: "Questions to the buyer" })).toContainText(
      "Yes: 0.3 mm, revision B attached.",
    );
    await expect(page.getByLabel("Current state")).toContainText("Suitability review");
    await expect(page.getByRole("row", { name: /hinge-pin-view-c\.dxf/ })).toBeVisible();
    expect(staffLoads).toEqual([]);
    expect(buyerLoads).toEqual([]);
    await buyer.context().close();
  },
);

ownServer(
  "a language switch and a factory profile save show at once: the root's data is loaded again",
  async ({ page, browser, app }) => {
    const buyer = await (await browser.newContext({ baseURL: app.url })).newPage();
    await buyerStatusPage(buyer, app, "Latch");
    await expect(buyer.getByRole("heading", { name: "Files", exact: true })).toBeVisible();
    await markDocument(buyer);
    const buyerLoads = watchRootData(buyer);
    await buyer.getByRole("button", { name: "Deutsch" }).click();
    await expect(buyer.locator("html")).toHaveAttribute("lang", "de");
    // The header's switcher (the root's messages) and the page (its own loader) both speak German.
    await expect(buyer.getByRole("heading", { name: "Dateien", exact: true })).toBeVisible();
    await expect(buyer.getByRole("button", { name: "Deutsch" })).toHaveAttribute("aria-current", "true");
    await expectSameDocument(buyer);
    expect(buyerLoads.length).toBeGreaterThan(0);

    await buyer.goto("/");
    await markDocument(buyer);
    await buyer.getByRole("button", { name: "Français" }).click();
    await expect(buyer.locator("html")).toHaveAttribute("lang", "fr");
    await expect(buyer).toHaveURL(/lng=fr/);
    await expectSameDocument(buyer);
    await buyer.context().close();

    await signIn(page, await createStaffUser(app.dataDir, ["admin"], { name: "Ada", password: PASSWORD }));
    await page.goto("/admin/factory");
    const home = page.locator(".site-header .brand");
    await expect(home).toHaveText("mim-rfq");
    await markDocument(page);
    const adminLoads = watchRootData(page);
    await page.getByLabel("Legal name").fill("Halvorsen Sinter AS");
    await page.getByLabel("Address").fill("Industriveien 4\n3611 Kongsberg\nNorway");
    await page.getByLabel("E-mail for quotations").fill("sales@halvorsen-sinter.example");
    await page.getByRole("button", { name: "Save the factory profile" }).click();
    await expect(page.getByText("The factory profile is saved")).toBeVisible();
    await expect(home).toHaveText("Halvorsen Sinter AS");

    await page.getByLabel(/^(Logo|Replace the logo)$/).setInputFiles({
      name: "logo.png",
      mimeType: "image/png",
      buffer: solidPng([20, 60, 120], 48),
    });
    await page.getByRole("button", { name: "Upload the logo" }).click();
    await expect(page.getByText("The logo is saved")).toBeVisible();
    await expect(home.locator("img")).toBeVisible();
    await expectSameDocument(page);
    expect(adminLoads.length).toBeGreaterThanOrEqual(2);
  },
);
