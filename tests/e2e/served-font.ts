import { expect, type Page } from "@playwright/test";

/** The family of the interface's own Latin font (app/styles/app.css, app/assets/fonts). */
export const SERVED_FONT = "Noto Sans";

/**
 * The fonts Chromium really drew an element's text with, as its DevTools protocol reports them:
 * the only way to tell the served font from an installed one of the same look.
 */
export async function fontsDrawing(page: Page, selector: string) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send("DOM.enable");
    await cdp.send("CSS.enable");
    const { root } = await cdp.send("DOM.getDocument", { depth: 0 });
    const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector });
    if (!nodeId) throw new Error(`No element matches ${selector}`);
    const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
    return fonts;
  } finally {
    await cdp.detach();
  }
}

/**
 * Waits for the page's fonts and fails, saying why, when an element's text is not drawn in the served
 * font: layout tests measure boxes whose size depends on it, so they must not run on a machine's own.
 */
export async function expectServedFont(page: Page, selector = "main h1") {
  await page.evaluate(() => document.fonts.ready);
  const fonts = await fontsDrawing(page, selector);
  const drawnBy = fonts.map((f) => `${f.familyName}${f.isCustomFont ? " (served)" : " (installed)"}`).join(", ");
  expect(
    fonts.length > 0 && fonts.every((f) => f.isCustomFont && f.familyName === SERVED_FONT),
    `"${selector}" is drawn in ${drawnBy || "no font"}, not in the served ${SERVED_FONT}: the page's layout now ` +
      "depends on the machine's fonts. Check the @font-face rules in app/styles/app.css and the font preload in app/root.tsx.",
  ).toBe(true);
}
