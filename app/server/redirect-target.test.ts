import { describe, expect, it } from "vitest";
import { safeRedirect } from "./redirect-target";

const ORIGIN = "http://factory.test:3000";

describe("safeRedirect", () => {
  it.each([
    ["/review", "/review"],
    ["/review/abc?tab=files#notes", "/review/abc?tab=files#notes"],
    ["/admin/users?done=created", "/admin/users?done=created"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["http://factory.test:3000/review?x=1", "/review?x=1"],
    ["/review/../admin/users", "/admin/users"],
    // Same scheme without slashes is a relative path in a browser, sent back resolved.
    ["http:evil.example", "/evil.example"],
  ])("keeps %j on this site as %j", (target, expected) => {
    expect(safeRedirect(target, ORIGIN)).toBe(expected);
  });

  it.each([
    "//evil.example/phish",
    "/\\evil.example/phish",
    "\\\\evil.example/phish",
    "/\t/evil.example/phish",
    "/\n/evil.example/phish",
    "/\r/evil.example/phish",
    "/\r\nSet-Cookie: x=1",
    "\t//evil.example",
    "/\u0000/evil.example",
    "/.//evil.example/phish",
    "/%2e//evil.example/phish",
    "https://evil.example/phish",
    "http://factory.test:3001/review",
    "https://factory.test:3000/review",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "",
  ])("refuses %j", (target) => {
    expect(safeRedirect(target, ORIGIN)).toBe("/review");
  });

  it("refuses anything that is not a string", () => {
    expect(safeRedirect(null, ORIGIN)).toBe("/review");
    expect(safeRedirect(undefined, ORIGIN, "/")).toBe("/");
  });
});
