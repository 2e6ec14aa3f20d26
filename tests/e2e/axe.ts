import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import type { Result } from "axe-core";

/** The bar the issue sets: WCAG 2.1 A and AA. */
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const FAILING_IMPACTS = new Set(["serious", "critical"]);

/** One rule broken on one page, as a reader of a failed run needs it. */
function describe(url: string, violation: Result): string {
  const targets = violation.nodes.map((node) => node.target.join(" ")).join(", ");
  return `${violation.impact} ${violation.id} on ${url}: ${violation.help} [${targets}] ${violation.helpUrl}`;
}

export type AxeScan = { url: string; failing: string[]; noted: string[] };

/**
 * Runs axe on the page as it is now. Legacy mode keeps the scan inside this page: the default mode
 * opens a blank page in the same context, which a test waiting for a new page would take for its own.
 */
export async function scanPage(page: Page): Promise<AxeScan> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode(true).analyze();
  const url = new URL(results.url).pathname;
  const failing = results.violations.filter((v) => FAILING_IMPACTS.has(v.impact ?? ""));
  const noted = results.violations.filter((v) => !FAILING_IMPACTS.has(v.impact ?? ""));
  return { url, failing: failing.map((v) => describe(url, v)), noted: noted.map((v) => describe(url, v)) };
}

/** What the page shows, reduced to a key: the same URL in the same state is scanned once per test. */
const stateKey = (page: Page) =>
  page.evaluate(() => {
    if (document.contentType !== "text/html") return null;
    const html = document.documentElement.outerHTML;
    let hash = 0;
    for (let i = 0; i < html.length; i++) hash = (Math.imul(hash, 31) + html.charCodeAt(i)) | 0;
    return `${location.href} ${html.length} ${hash}`;
  });

/** A scan that met a navigation the test started: the page it meant to scan is gone. */
const isNavigationRace = (error: unknown) =>
  error instanceof Error &&
  /context was destroyed|navigation|Target (page, context or browser )?(has been )?closed/i.test(error.message);

/**
 * Watches every page a test opens (its own `page` and those of contexts it makes itself) and scans
 * each of our pages at moments when the test is waiting anyway: right after `goto`, `reload`,
 * `goBack`/`goForward` and `waitForURL` return, before `goto` or `close` leaves a page that was
 * reached by a click, and once more on every open page when the test ends. The scans never run beside
 * the test's own actions, so they cannot race with them.
 */
class AccessibilityWatch {
  readonly failing: string[] = [];
  scans = 0;
  private readonly seen = new Set<string>();
  private readonly pages = new Set<Page>();
  private readonly navigatedSinceScan = new WeakSet<Page>();

  constructor(private readonly origin: string) {}

  watchContext(context: BrowserContext) {
    for (const page of context.pages()) this.watch(page);
    context.on("page", (page) => this.watch(page));
    const close = context.close.bind(context);
    context.close = async (...args) => {
      for (const page of context.pages()) await this.scanIfOurs(page);
      return close(...args);
    };
  }

  watch(page: Page) {
    if (this.pages.has(page)) return;
    this.pages.add(page);
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame()) this.navigatedSinceScan.add(page);
    });
    const after =
      <A extends unknown[], R>(method: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        const result = await method(...args);
        await this.scanIfOurs(page);
        return result;
      };
    const before =
      <A extends unknown[], R>(method: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        if (this.navigatedSinceScan.has(page)) await this.scanIfOurs(page);
        return method(...args);
      };
    page.goto = after(before(page.goto.bind(page)));
    page.reload = after(page.reload.bind(page));
    page.goBack = after(page.goBack.bind(page));
    page.goForward = after(page.goForward.bind(page));
    page.waitForURL = after(page.waitForURL.bind(page));
    page.close = before(page.close.bind(page));
  }

  /** For a test that visits pages to check them: scans `page` now (unless this state was) and asserts. */
  async check(page: Page) {
    await page.waitForLoadState("load");
    expect(await stateKey(page), `${page.url()} is a page of ours`).not.toBeNull();
    await this.scanIfOurs(page);
    // Taken out of the list: the end of the test does not report them a second time.
    const found = this.failing.splice(0);
    expect(found, `serious or critical accessibility violations up to ${page.url()}`).toEqual([]);
  }

  async scanOpenPages() {
    for (const page of this.pages) await this.scanIfOurs(page);
  }

  private async scanIfOurs(page: Page) {
    this.navigatedSinceScan.delete(page);
    if (page.isClosed() || new URL(page.url(), "about:blank").origin !== this.origin) return;
    try {
      await page.waitForLoadState("load");
      const key = await stateKey(page);
      if (key === null || this.seen.has(key)) return;
      this.seen.add(key);
      const scan = await scanPage(page);
      this.scans += 1;
      for (const line of scan.noted) console.log(`axe (does not fail): ${line}`);
      this.failing.push(...scan.failing);
    } catch (error) {
      // The test moved on (a click's navigation, a closed page): the next page gets its own scan.
      if (!isNavigationRace(error)) throw error;
      console.log(`axe: ${page.url()} was left before its scan finished`);
    }
  }
}

/**
 * `test` for every browser test: each page of ours it reaches is checked with axe, and the test
 * fails listing every serious or critical WCAG 2.1 A/AA violation (rule, impact, elements, help).
 */
export const test = base.extend<{ accessibilityWatch: AccessibilityWatch }>({
  accessibilityWatch: [
    async ({ browser, context, baseURL }, use, testInfo) => {
      const watch = new AccessibilityWatch(new URL(baseURL!).origin);
      watch.watchContext(context);
      const newContext = browser.newContext;
      const newPage = browser.newPage;
      browser.newContext = async (...args: Parameters<Browser["newContext"]>) => {
        const created = await newContext.apply(browser, args);
        // axe runs as a script in the page: a context without JavaScript is checked by the others.
        if (args[0]?.javaScriptEnabled !== false) watch.watchContext(created);
        return created;
      };
      browser.newPage = async (...args: Parameters<Browser["newPage"]>) => {
        const created = await newPage.apply(browser, args);
        if (args[0]?.javaScriptEnabled !== false) watch.watchContext(created.context());
        return created;
      };
      try {
        await use(watch);
        await watch.scanOpenPages();
      } finally {
        browser.newContext = newContext;
        browser.newPage = newPage;
      }
      testInfo.annotations.push({ type: "axe", description: `${watch.scans} page states scanned` });
      console.log(`axe: ${watch.scans} page states scanned`);
      expect(watch.failing, "serious or critical accessibility violations (axe, WCAG 2.1 AA)").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
