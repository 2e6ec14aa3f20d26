import { describe, expect, it } from "vitest";
import { shouldRevalidateRoot } from "./root-revalidation";

const TOKEN = "s9Yc2kQm3vV5b7N1xL0pR4tW8zA6dF2gH3jK5mN7qP9";

/** What the router asks the root before loading: going from `from` to `to`, after a post to `action` if given. */
function reloads(from: string, to: string, action?: string, method = "post"): boolean {
  return shouldRevalidateRoot({
    currentUrl: new URL(from, "http://localhost"),
    currentParams: {},
    nextUrl: new URL(to, "http://localhost"),
    nextParams: {},
    ...(action ? { formMethod: method as "post", formAction: action, formEncType: "multipart/form-data" } : {}),
    defaultShouldRevalidate: true,
  });
}

describe("the root's data is loaded again only when it can have changed", () => {
  it.each([
    ["a language switch on a status page (same address)", `/status/${TOKEN}`, `/status/${TOKEN}`, "/language"],
    ["a language switch elsewhere", "/rfq/new", "/rfq/new?lng=de", "/language"],
    ["the factory profile's save", "/admin/factory", "/admin/factory?saved=1", "/admin/factory"],
    [
      "a save of the profile from the saved page",
      "/admin/factory?saved=1",
      "/admin/factory?saved=1",
      "/admin/factory?saved=1",
    ],
    ["the logo's upload", "/admin/factory", "/admin/factory", "/admin/factory/logo?js=1"],
    ["a sign-in that lands on a buyer's page", "/login", "/", "/login"],
  ])("reloads after %s", (_, from, to, action) => {
    expect(reloads(from, to, action)).toBe(true);
  });

  it.each([
    ["?lng= changes", "/", "/?lng=ar"],
    ["?lng= goes", "/rfq/new?lng=fr", "/rfq/new"],
    ["a staff page leads to a buyer's page", "/review", "/"],
    ["another inquiry's status page opens", `/status/${TOKEN}`, `/status/${TOKEN.replace("s9", "t8")}`],
  ])("reloads when %s", (_, from, to) => {
    expect(reloads(from, to)).toBe(true);
  });

  it.each([
    ["a staff save", "/review/1", "/review/1", "/review/1"],
    ["a staff save that redirects with a query", "/review/1", "/review/1?saved=1", "/review/1"],
    ["a buyer's answer on the status page", `/status/${TOKEN}`, `/status/${TOKEN}?answered=1`, `/status/${TOKEN}`],
    [
      "a buyer's answer on the quotation page",
      `/status/${TOKEN}/quote`,
      `/status/${TOKEN}/quote?done=accept`,
      `/status/${TOKEN}/quote`,
    ],
    ["a sign-in to the staff pages", "/login", "/review", "/login"],
    ["a sign-out", "/review", "/login", "/logout"],
  ])("keeps it after %s", (_, from, to, action) => {
    expect(reloads(from, to, action)).toBe(false);
  });

  it.each([
    ["a live update or a revalidation (same address)", `/status/${TOKEN}`, `/status/${TOKEN}`],
    ["a query of the same page (a queue search)", "/review", "/review?q=bracket"],
    ["a move between buyer pages", "/", "/rfq/new"],
    ["a move within a status link's pages", `/status/${TOKEN}`, `/status/${TOKEN}/quote`],
  ])("keeps it on %s", (_, from, to) => {
    expect(reloads(from, to)).toBe(false);
  });

  it("keeps it on a GET form to a page that changes it when posted", () => {
    expect(reloads("/admin/factory", "/admin/factory?x=1", "/admin/factory", "get")).toBe(false);
  });
});
