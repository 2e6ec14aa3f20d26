import { describe, expect, it } from "vitest";
import { decimalsOf, formatMass, formatTolerance, toleranceParts, writtenDecimals } from "./numbers";

describe("tolerances keep their decimals", () => {
  it.each([
    [4, 0.02, 0, "4.00 ± 0.02 mm"],
    [4, 0.02, 3, "4.000 ± 0.020 mm"],
    [12.5, 0.05, 0, "12.50 ± 0.05 mm"],
    [25, 0.1, 0, "25.0 ± 0.1 mm"],
    [10, 1, 0, "10 ± 1 mm"],
  ])("%s ± %s written with %s decimals reads %j", (nominal, tolerance, written, shown) => {
    expect(formatTolerance(nominal, tolerance, written)).toBe(shown);
  });

  it("gives nominal and tolerance one count of decimals", () => {
    expect(toleranceParts(4, 0.025)).toEqual(["4.000", "0.025"]);
  });

  it.each([
    ["4.00", 2],
    ["2,5", 1],
    ["4", 0],
    [" 0.020 ", 3],
  ])("counts the decimals written in %j: %s", (text, decimals) => {
    expect(writtenDecimals(text)).toBe(decimals);
  });

  it.each([
    [4, 0],
    [0.02, 2],
    [1e-7, 7],
    [1.5e-7, 8],
  ])("counts the decimals %s needs: %s", (value, decimals) => {
    expect(decimalsOf(value)).toBe(decimals);
  });
});

describe("mass in the unit that fits", () => {
  it.each([
    [0.0042, "0.0042 g"],
    [0.42, "0.42 g"],
    [8.4, "8.4 g"],
    [8.44, "8.4 g"],
    [94.8, "94.8 g"],
    [412.3, "412 g"],
    [999.4, "999 g"],
    [999.6, "1.00 kg"],
    [1250, "1.25 kg"],
    [12_340, "12.3 kg"],
  ])("%s g reads %j", (grams, shown) => {
    expect(formatMass(grams)).toBe(shown);
  });
});
