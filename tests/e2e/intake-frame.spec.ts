import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { expect, test } from "./axe";
import { control, fillRequired, messages, storedLanguage } from "./intake-page";
import { openFromQueue, PASSWORD, signIn } from "./staff";
import { startAppServer, type AppServer } from "../support/app-server";
import { createStaffUser } from "../support/staff";

/**
 * The factory lists its own site in the profile, which changes what every intake page sends: this
 * file runs on a server of its own, so the suite's shared server keeps its profile.
 */
const framedTest = test.extend<object, { app: AppServer }>({
  app: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's needs from this pattern.
    async ({}, use) => {
      const app = await startAppServer();
      await use(app);
      await app.stop();
    },
    { scope: "worker" },
  ],
  baseURL: async ({ app }, use) => use(app.url),
});

const DRAWING = path.resolve("tests/fixtures/plate.dxf");

/**
 * The factory's own site, a page with the form in an iframe. It is served as http://localhost while
 * the app is http://127.0.0.1: another site, so the browser treats our cookies in the frame as it
 * does in production (a SameSite=Lax cookie is neither sent nor stored there).
 */
async function startFactorySite(formUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const site = http.createServer((_req, res) => {
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.end(`<!doctype html><html lang="en"><title>Request a quote</title><main><h1>Request a quote</h1>
<iframe name="rfq" title="Inquiry form" src="${formUrl}" width="1000" height="900"></iframe></main></html>`);
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://localhost:${(site.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        site.closeAllConnections();
        site.close(() => resolve());
      }),
  };
}

framedTest(
  "a buyer on the factory's own site switches the framed form to French, sends it with a drawing and reads the confirmation in French",
  async ({ page, browser, app }) => {
    const site = await startFactorySite(`${app.url}/rfq/new`);
    const buyer = await browser.newContext({ locale: "en-GB" });
    try {
      const admin = await createStaffUser(app.dataDir, ["admin"], { name: "Admin", password: PASSWORD });
      await signIn(page, admin);
      await page.goto("/admin/factory");
      await page.getByLabel("Legal name").fill("Lindqvist Precision MIM AB");
      await page.getByLabel("Address").fill("Verkstadsgatan 12\n611 35 Nyköping\nSweden");
      await page.getByLabel("E-mail for quotations").fill("sales@lindqvist-mim.example");
      await page.getByLabel("Sites that may embed the inquiry form").fill(site.url);
      await page.getByRole("button", { name: "Save the factory profile" }).click();
      await expect(page.getByText("The factory profile is saved")).toBeVisible();

      const sitePage = await buyer.newPage();
      // Chromium denies a third-party frame its sessionStorage here, as it does wherever third-party
      // cookies are blocked: the framed page must run without it, and without an error.
      const errors: string[] = [];
      sitePage.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      sitePage.on("pageerror", (error) => errors.push(error.message));
      await sitePage.goto(`${site.url}/quote`);
      const frame = sitePage.frame("rfq")!;
      expect(frame, "the iframe named rfq").not.toBeNull();
      const fr = messages("fr");
      await expect(frame.locator("html")).toHaveAttribute("lang", "en");
      await frame.getByRole("form", { name: "Language" }).getByRole("button", { name: "Français" }).click();
      await expect(frame.locator("html")).toHaveAttribute("lang", "fr");
      await expect(frame.getByRole("heading", { level: 1 })).toHaveText("Soumettre une pièce à l’étude MIM");

      const email = `framed.${crypto.randomUUID()}@example.com`;
      await fillRequired(frame, fr, email);
      await frame.getByLabel(fr.files.label).setInputFiles(DRAWING);
      await expect(frame.getByRole("list", { name: fr.files.chosen })).toContainText("plate.dxf");
      await frame.getByRole("button", { name: fr.submit.send }).click();

      await frame.waitForURL(/\/rfq\/received\?ref=RFQ-\d{4}-\d{5}&lng=fr$/);
      const reference = new URL(frame.url()).searchParams.get("ref")!;
      await expect(frame.locator("html")).toHaveAttribute("lang", "fr");
      await expect(frame.getByRole("heading", { level: 1 })).toContainText(fr.received.heading);
      await expect(frame.getByRole("heading", { level: 1 })).toContainText(reference);
      // All of it happened inside the frame: the buyer is still on the factory's page.
      expect(new URL(sitePage.url()).origin).toBe(site.url);
      // The conditions were those of production: none of our cookies reached the framed form.
      expect(await buyer.cookies(app.url)).toEqual([]);
      // The next part, still in French.
      await frame.getByRole("link", { name: fr.received.another }).click();
      await frame.waitForURL(/\/rfq\/new\?lng=fr$/);
      await expect(frame.locator("html")).toHaveAttribute("lang", "fr");
      await expect(control(frame, fr, fr.about.company!, true)).toHaveValue("");
      expect(errors).toEqual([]);

      expect(storedLanguage(app, reference)).toBe("fr");
      await openFromQueue(page, reference);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lock cam");
      await expect(page.getByText("plate.dxf").first()).toBeVisible();
    } finally {
      await buyer.close();
      await site.close();
    }
  },
);
