import { describe, expect, it } from "vitest";
import { formatCriticalDimension, parseCriticalDimensions, SIZE_BANDS, sizeBandToleranceMm } from "./tolerances";

describe("critical dimensions", () => {
  it.each([
    ["Bore A: 4.00 ± 0.02", { label: "Bore A", nominalMm: 4, toleranceMm: 0.02, decimals: 2 }],
    ["Slot width = 2,50 +/- 0,03 mm", { label: "Slot width", nominalMm: 2.5, toleranceMm: 0.03, decimals: 2 }],
    ["12.5 +- 0.05 mm slot width", { label: "slot width", nominalMm: 12.5, toleranceMm: 0.05, decimals: 2 }],
    ["6 ± 0.1", { label: "Dimension 1", nominalMm: 6, toleranceMm: 0.1, decimals: 1 }],
    ["Length: 20.000 +/- 0.05", { label: "Length", nominalMm: 20, toleranceMm: 0.05, decimals: 3 }],
  ])("reads %j", (line, expected) => {
    expect(parseCriticalDimensions(line)).toEqual({ ok: true, dimensions: [expected] });
  });

  it("reads one dimension per line and skips blank lines", () => {
    const parsed = parseCriticalDimensions("Bore: 4 ± 0.02\r\n\r\nLength: 20.0 ± 0.1\n");
    expect(parsed.ok && parsed.dimensions.map((d) => d.label)).toEqual(["Bore", "Length"]);
  });

  it("names the line that does not read as nominal ± tolerance", () => {
    expect(parseCriticalDimensions("Bore: 4 ± 0.02\nWall about 1 mm")).toEqual({
      ok: false,
      problem: "format",
      line: 2,
      text: "Wall about 1 mm",
    });
  });

  it("refuses a zero tolerance", () => {
    const parsed = parseCriticalDimensions("Bore: 4 ± 0");
    expect(parsed.ok).toBe(false);
    expect(parsed).toEqual({ ok: false, problem: "not_positive", line: 1, text: "Bore: 4 ± 0" });
  });

  it.each([
    ["Bore: 4.00 +/- 0.02", "Bore: 4.00 ± 0.02 mm"],
    ["Slot: 2,5 ± 0,03", "Slot: 2.50 ± 0.03 mm"],
    ["Length: 20.000 ± 0.05", "Length: 20.000 ± 0.050 mm"],
    ["Hole: 6 ± 0.1", "Hole: 6.0 ± 0.1 mm"],
  ])("shows %j with the decimals an engineer wrote: %j", (line, shown) => {
    const parsed = parseCriticalDimensions(line);
    expect(parsed.ok && parsed.dimensions.map(formatCriticalDimension)).toEqual([shown]);
    expect(parseCriticalDimensions(shown)).toEqual(parsed);
  });

  it("keeps the decimals of a dimension stored before they were recorded", () => {
    expect(formatCriticalDimension({ label: "Bore", nominalMm: 4, toleranceMm: 0.02 })).toBe("Bore: 4.00 ± 0.02 mm");
  });
});

describe("size-band table", () => {
  const edges = SIZE_BANDS.map((b) => b.upToMm);
  const below = (edge: number) => edge - 0.001;
  const above = (edge: number) => edge + 0.001;

  it.each(edges)("never holds a dimension just above %s mm tighter than one just below", (edge) => {
    for (const percent of [0.3, 0.5]) {
      expect(sizeBandToleranceMm(above(edge), percent)).toBeGreaterThanOrEqual(
        sizeBandToleranceMm(below(edge), percent),
      );
    }
  });

  it.each([
    [2.999, 0.05],
    [3, 0.06],
    [5.999, 0.06],
    [6, 0.075],
    [14.999, 0.075],
    [15, 0.15],
    [29.999, 0.15],
    [30, 0.25],
    [59.999, 0.25],
    [60, 0.3],
    [61, 0.305],
    [100, 0.5],
  ])("gives ± at %s mm with 0.5 %% above 60 mm: %s mm", (nominal, tolerance) => {
    expect(sizeBandToleranceMm(nominal, 0.5)).toBeCloseTo(tolerance, 6);
  });

  it("keeps the 60 mm band where a smaller percentage would fall below it", () => {
    expect(sizeBandToleranceMm(61, 0.3)).toBe(0.25);
    expect(sizeBandToleranceMm(100, 0.3)).toBeCloseTo(0.3, 6);
  });

  it("grows with the dimension everywhere from 0.5 to 200 mm", () => {
    let previous = 0;
    for (let nominal = 0.5; nominal <= 200; nominal += 0.25) {
      const tolerance = sizeBandToleranceMm(nominal, 0.5);
      expect(tolerance).toBeGreaterThanOrEqual(previous);
      previous = tolerance;
    }
  });
});
