import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./axe";
import { e2eIntakeOrigin } from "../../playwright.config";
import { validFields } from "../support/intake-client";

const fixtures = path.resolve("tests/fixtures");

/** A page on another website with a plain HTML form posting to our intake, as the README describes. */
async function serveQuotePage(page: Page, origin: string, action: string) {
  const fields = validFields();
  const inputs = Object.entries(fields)
    .map(
      ([name, value]) =>
        `<input type="hidden" name="${name}" value="${value.replaceAll("&", "&amp;").replaceAll('"', "&quot;")}">`,
    )
    .join("\n");
  await page.route(`${origin}/**`, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><title>Quote</title><form method="post" action="${action}" enctype="multipart/form-data">
${inputs}
<label>Drawing <input type="file" name="files"></label>
<button type="submit">Request a quote</button></form>`,
    }),
  );
  await page.goto(`${origin}/quote`);
  await page.getByLabel("Drawing").setInputFiles(path.join(fixtures, "nist_ftc_11_asme1_rb.stp"));
  return fields;
}

test("a manufacturer's own website posts the intake form and the buyer lands on the confirmation", async ({
  page,
  baseURL,
}) => {
  await serveQuotePage(page, e2eIntakeOrigin, `${baseURL}/rfq/new`);
  await page.getByRole("button", { name: "Request a quote" }).click();
  await page.waitForURL(/\/rfq\/received\?ref=RFQ-\d{4}-\d{5,}&lng=[a-z]{2}$/);
  const reference = new URL(page.url()).searchParams.get("ref")!;
  await expect(page.getByRole("heading", { level: 1 })).toContainText(reference);
});

test("a form on any other website is refused with a message", async ({ page, baseURL }) => {
  await serveQuotePage(page, "http://www.not-the-manufacturer.test", `${baseURL}/rfq/new`);
  const [response] = await Promise.all([
    page.waitForResponse(`${baseURL}/rfq/new`),
    page.getByRole("button", { name: "Request a quote" }).click(),
  ]);
  expect(response.status()).toBe(403);
  await expect(page.getByText("This form was sent from another website, so it was not accepted.")).toBeVisible();
});
