import { useEffect } from "react";

/** The table of rows, or the line saying there are none: where the skip link lands. */
export const QUEUE_ROWS_ID = "queue-rows";
const ROW_LINK = "a[data-row-link]";

/** Typing in a field keeps its keys: "j" in the search box is a letter, not a move. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

export function rowLinks(table: HTMLElement): HTMLAnchorElement[] {
  return [...table.querySelectorAll<HTMLAnchorElement>(`tbody ${ROW_LINK}`)];
}

/** Moves the focus to a row's link; the row shows it (CSS :focus-within) and Enter follows it. */
export function focusRow(table: HTMLElement, index: number) {
  const links = rowLinks(table);
  const link = links[Math.max(0, Math.min(index, links.length - 1))];
  link?.focus();
  link?.closest("tr")?.scrollIntoView({ block: "nearest" });
}

/**
 * The queue by keyboard, as an enhancement over its links: "/" focuses the search, j/k (and the
 * arrows, once a row has the focus, so they still scroll the page otherwise) move between rows,
 * Enter opens the row's inquiry (the focused link does that itself). A click anywhere on a row
 * follows its link, unless it lands on another control or ends a text selection.
 */
export function useQueueKeys(searchId: string) {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (isTyping(event.target)) {
        if (event.key === "Escape" && event.target instanceof HTMLElement && event.target.id === searchId) {
          event.target.blur();
        }
        return;
      }
      if (event.key === "/") {
        event.preventDefault();
        document.getElementById(searchId)?.focus();
        return;
      }
      const table = document.getElementById(QUEUE_ROWS_ID);
      if (!table) return;
      const current = rowLinks(table).findIndex((link) => link === document.activeElement);
      const down = event.key === "j" || (event.key === "ArrowDown" && current >= 0);
      const up = event.key === "k" || (event.key === "ArrowUp" && current >= 0);
      if (!down && !up) return;
      event.preventDefault();
      focusRow(table, current < 0 ? 0 : current + (down ? 1 : -1));
    }

    function onClick(event: MouseEvent) {
      if (event.button !== 0 || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      if (!(event.target instanceof Element)) return;
      const row = event.target.closest(`#${QUEUE_ROWS_ID} tbody tr`);
      if (!row || event.target.closest("a, button, input, select, textarea, label, summary")) return;
      if (window.getSelection()?.toString()) return;
      row.querySelector<HTMLAnchorElement>(ROW_LINK)?.click();
    }

    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("click", onClick);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("click", onClick);
    };
  }, [searchId]);
}
