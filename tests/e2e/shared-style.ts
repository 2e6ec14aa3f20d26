import { expect, type Page } from "@playwright/test";

/** What a button and a table on a staff page look like, against the one shared style of each. */
type StyleCheck = { buttons: number; tables: number; wrong: string[] };

/**
 * Every visible button (every <details> opened first) and every table of the page as it is now.
 * The shared look is read from two probe buttons the page's own stylesheet styles, a plain
 * <button> and a <button class="button">: they must match each other (a form that forgets the
 * class still gets the look), and every button on the page must match them.
 */
function checkSharedStyle(page: Page): Promise<StyleCheck> {
  return page.evaluate(() => {
    for (const details of document.querySelectorAll("details")) details.open = true;
    const SHAPE = ["borderRadius", "borderTopWidth", "paddingTop", "paddingInlineStart", "fontFamily", "fontSize"];
    const look = (element: Element) => {
      const style = getComputedStyle(element) as unknown as Record<string, string>;
      return Object.fromEntries([...SHAPE, "backgroundColor"].map((key) => [key, style[key]!]));
    };
    const probe = (className: string) => {
      const button = document.createElement("button");
      button.className = className;
      document.body.append(button);
      const probed = look(button);
      button.remove();
      return probed;
    };
    const shared = probe("button");
    const primary = probe("button primary");
    const wrong: string[] = [];
    const differences = (found: Record<string, string>, keys: string[]) =>
      keys.filter((key) => found[key] !== shared[key]).map((key) => `${key} ${found[key]} (not ${shared[key]})`);
    const plain = differences(probe(""), [...SHAPE, "backgroundColor"]);
    if (plain.length > 0) wrong.push(`a plain <button> does not look like .button: ${plain.join(", ")}`);

    const buttons = [...document.querySelectorAll("button, a.button")].filter((b) => b.getClientRects().length > 0);
    for (const button of buttons) {
      const found = look(button);
      const shape = differences(found, SHAPE);
      const background = [shared.backgroundColor, primary.backgroundColor].includes(found.backgroundColor!)
        ? []
        : [`backgroundColor ${found.backgroundColor} (not ${shared.backgroundColor} or ${primary.backgroundColor})`];
      const off = [...shape, ...background];
      const name = (button.textContent ?? "").trim() || button.getAttribute("aria-label");
      if (off.length > 0) wrong.push(`button "${name}": ${off.join(", ")}`);
    }
    const tables = [...document.querySelectorAll("table")];
    for (const table of tables) {
      const name = table.caption?.textContent?.trim() || table.getAttribute("aria-label") || table.className;
      if (!table.classList.contains("data")) wrong.push(`table "${name}" is not table.data`);
    }
    return { buttons: buttons.length, tables: tables.length, wrong };
  });
}

export async function expectSharedStyle(page: Page, where: string, expected: { buttons: boolean; tables: boolean }) {
  const check = await checkSharedStyle(page);
  expect.soft(check.wrong, `buttons and tables on ${where} (${page.url()}) off the shared style`).toEqual([]);
  // A page that rendered nothing would pass the check above: each page shows what it is known to hold.
  expect(check.buttons > 0, `${where} shows buttons`).toBe(expected.buttons);
  expect(check.tables > 0, `${where} shows tables`).toBe(expected.tables);
}
