import { describe, expect, it } from "vitest";
import { formatCriticalDimension, parseCriticalDimensions } from "./tolerances";

describe("critical dimensions", () => {
  it.each([
    ["Bore A: 4.00 ± 0.02", { label: "Bore A", nominalMm: 4, toleranceMm: 0.02 }],
    ["Slot width = 2,50 +/- 0,03 mm", { label: "Slot width", nominalMm: 2.5, toleranceMm: 0.03 }],
    ["12.5 +- 0.05 mm slot width", { label: "slot width", nominalMm: 12.5, toleranceMm: 0.05 }],
    ["6 ± 0.1", { label: "Dimension 1", nominalMm: 6, toleranceMm: 0.1 }],
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
      message: 'Line 2 ("Wall about 1 mm") is not "name: nominal ± tolerance", e.g. "Bore A: 4.00 ± 0.02".',
    });
  });

  it("refuses a zero tolerance", () => {
    const parsed = parseCriticalDimensions("Bore: 4 ± 0");
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toContain("greater than zero");
  });

  it("formats a dimension back to the same reading", () => {
    const text = formatCriticalDimension({ label: "Bore", nominalMm: 4, toleranceMm: 0.02 });
    expect(text).toBe("Bore: 4 ± 0.02 mm");
    expect(parseCriticalDimensions(text)).toEqual({ ok: true, dimensions: [{ label: "Bore", nominalMm: 4, toleranceMm: 0.02 }] });
  });
});
