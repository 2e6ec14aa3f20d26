import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./axe";
import { e2eDataDir } from "../../playwright.config";
import { recipient, statusLinkIn, waitForMailbox } from "./mailbox";
import { createStaff, openFromQueue, sendInquiry, signIn } from "./staff";

/** A signed-in staff member in a browser context of their own (their own session, their own tab). */
async function staffPage(browser: Browser, name: string, init?: string): Promise<Page> {
  const context = await browser.newContext();
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  await signIn(page, await createStaff(name, ["engineer"]));
  return page;
}

/** A mark on the page's window: still there after an update means the page was never reloaded. */
const markPage = (page: Page) => page.evaluate(() => Object.assign(window, { notReloaded: true }));
const stillTheSamePage = (page: Page) => page.evaluate(() => "notReloaded" in window);

async function colleagueComments(browser: Browser, reference: string, text: string) {
  const colleague = await staffPage(browser, "Ben");
  await openFromQueue(colleague, reference);
  await colleague.getByRole("form", { name: "Add a comment" }).getByLabel("Comment").fill(text);
  await colleague.getByRole("button", { name: "Add comment" }).click();
  await expect(colleague.getByRole("region", { name: "Internal comments" })).toContainText(text);
  await colleague.context().close();
}

test("a colleague's comment appears in the open workspace without a reload, and what is being typed stays", async ({
  browser,
  baseURL,
}) => {
  const reference = await sendInquiry(baseURL!, { partName: "Live latch" });
  const page = await staffPage(browser, "Ada");
  await openFromQueue(page, reference);
  await page.getByRole("button", { name: "Start triage" }).click();
  await page.getByRole("button", { name: "Begin the engineering review" }).click();
  await expect(page.getByLabel("Current state")).toContainText("Suitability review");
  await markPage(page);

  const suitability = page.getByRole("form", { name: "Suitability decision" });
  await suitability.getByLabel("Complex geometry").check();
  await suitability.getByLabel("Reason").fill("Small latch with an undercut; half-way through the ");
  const myComment = page.getByRole("form", { name: "Add a comment" }).getByLabel("Comment");
  await myComment.fill("Draft: ask sales about the");
  await suitability.getByLabel("Reason").focus();

  await colleagueComments(browser, reference, "The customer's last latch cracked at the hinge.");

  await expect(page.getByRole("region", { name: "Internal comments" })).toContainText(
    "The customer's last latch cracked at the hinge.",
  );
  expect(await stillTheSamePage(page)).toBe(true);
  await expect(suitability.getByLabel("Reason")).toHaveValue("Small latch with an undercut; half-way through the ");
  await expect(suitability.getByLabel("Reason")).toBeFocused();
  await expect(suitability.getByLabel("Complex geometry")).toBeChecked();
  await expect(myComment).toHaveValue("Draft: ask sales about the");
  await page.context().close();
});

test("the buyer's status page shows the engineer's new question without a reload", async ({
  page,
  browser,
  baseURL,
}) => {
  const email = `buyer.${crypto.randomUUID()}@example.com`;
  const reference = await sendInquiry(baseURL!, { partName: "Live hinge", email });
  const [ack] = await waitForMailbox(path.join(e2eDataDir, "mail"), (m) => recipient(m) === email);
  await page.goto(statusLinkIn(ack!));
  await expect(page.getByRole("heading", { name: "Live hinge" })).toBeVisible();
  await markPage(page);

  const engineer = await staffPage(browser, "Ada");
  await openFromQueue(engineer, reference);
  await engineer.getByRole("button", { name: "Start triage" }).click();
  await engineer.getByRole("button", { name: "Begin the engineering review" }).click();
  await engineer.getByLabel("Question for the buyer").fill("Is the hinge pin pressed in after sintering?");
  await engineer.getByRole("button", { name: "Send the question" }).click();
  await expect(engineer.getByRole("region", { name: "Questions to the buyer" })).toContainText("hinge pin");

  const question = page.getByRole("region", { name: "A question from our engineers" });
  await expect(question).toContainText("Is the hinge pin pressed in after sintering?");
  await expect(question.getByLabel("Your answer")).toBeVisible();
  expect(await stillTheSamePage(page)).toBe(true);
  await engineer.context().close();
});

test("without EventSource the workspace polls while visible and still keeps what is being typed", async ({
  browser,
  baseURL,
}) => {
  const reference = await sendInquiry(baseURL!, { partName: "Polled bracket" });
  const page = await staffPage(browser, "Ada", "delete window.EventSource;");
  await openFromQueue(page, reference);
  await markPage(page);
  const myComment = page.getByRole("form", { name: "Add a comment" }).getByLabel("Comment");
  await myComment.fill("Half a thought about the");

  await colleagueComments(browser, reference, "Bracket drawing is revision C, not B.");

  // The next poll is at most 15 s away.
  await expect(page.getByRole("region", { name: "Internal comments" })).toContainText(
    "Bracket drawing is revision C, not B.",
    { timeout: 45_000 },
  );
  expect(await stillTheSamePage(page)).toBe(true);
  await expect(myComment).toHaveValue("Half a thought about the");
  await page.context().close();
});

test("a workspace tab out of view lets its stream go and catches up as soon as it is looked at again", async ({
  browser,
  baseURL,
}) => {
  const reference = await sendInquiry(baseURL!, { partName: "Background bushing" });
  const page = await staffPage(browser, "Ada");
  const streams: string[] = [];
  page.on("request", (request) => {
    if (request.url().endsWith("/events")) streams.push(request.url());
  });
  await openFromQueue(page, reference);
  await expect.poll(() => streams.length).toBe(1);
  await markPage(page);
  const setVisibility = (state: "hidden" | "visible") =>
    page.evaluate((value) => {
      Object.defineProperty(document, "visibilityState", { value, configurable: true });
      document.dispatchEvent(new Event("visibilitychange"));
    }, state);

  await setVisibility("hidden");
  await colleagueComments(browser, reference, "Bushing wall is 0.4 mm at the slot.");
  await setVisibility("visible");

  await expect(page.getByRole("region", { name: "Internal comments" })).toContainText(
    "Bushing wall is 0.4 mm at the slot.",
  );
  // Back in view, the page listens again on a new stream.
  await expect.poll(() => streams.length).toBe(2);
  expect(await stillTheSamePage(page)).toBe(true);
  await page.context().close();
});
