import { formatTolerance, writtenDecimals } from "./numbers";

/** A dimension the buyer marked critical: nominal and symmetric tolerance, in millimetres. */
export type CriticalDimension = {
  label: string;
  nominalMm: number;
  toleranceMm: number;
  /** The most decimals the buyer wrote in either number (absent on dimensions sent before it was kept). */
  decimals?: number;
};

/** ± as-sintered tolerance by nominal size up to 60 mm (metalgoods.it band table, docs/domain/facts.md 3.2). */
export const SIZE_BANDS: readonly { upToMm: number; toleranceMm: number }[] = [
  { upToMm: 3, toleranceMm: 0.05 },
  { upToMm: 6, toleranceMm: 0.06 },
  { upToMm: 15, toleranceMm: 0.075 },
  { upToMm: 30, toleranceMm: 0.15 },
  { upToMm: 60, toleranceMm: 0.25 },
];

/**
 * What sintering alone holds on a dimension: the band table, then a percentage of the dimension.
 * Never less than the last band, so a larger dimension is never held tighter than a smaller one
 * (with 0.3 % a 61 mm dimension used to get ±0.18 mm where a 59 mm one got ±0.25 mm).
 */
export function sizeBandToleranceMm(nominalMm: number, abovePercent: number): number {
  const band = SIZE_BANDS.find((b) => nominalMm < b.upToMm);
  if (band) return band.toleranceMm;
  return Math.max(SIZE_BANDS.at(-1)!.toleranceMm, (nominalMm * abovePercent) / 100);
}

const NUMBER = String.raw`(\d+(?:[.,]\d+)?)`;
const LINE = new RegExp(
  String.raw`^(?<label>.*?)[\s:=]*${NUMBER}\s*(?:mm)?\s*(?:±|\+/-|\+-)\s*${NUMBER}\s*(?:mm)?\s*(?<rest>.*)$`,
  "i",
);

/**
 * A failure names the line (1-based, as written) and what is wrong with it: "format" when it does
 * not read as nominal ± tolerance, "not_positive" when a number is zero. The page words it in the
 * buyer's language (intake:errors.dimensionLine, dimensionPositive).
 */
export type ParsedDimensions =
  | { ok: true; dimensions: CriticalDimension[] }
  | { ok: false; problem: "format" | "not_positive"; line: number; text: string };

const toNumber = (s: string) => Number(s.replace(",", "."));

/**
 * Reads critical dimensions written one per line, e.g. "Bore A: 4.00 ± 0.02" or
 * "12.5 +/- 0.05 mm slot width". A line that does not read as nominal ± tolerance is named
 * in the error, so the buyer can fix exactly that line.
 */
export function parseCriticalDimensions(input: string): ParsedDimensions {
  const dimensions: CriticalDimension[] = [];
  const lines = input
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  for (const [i, line] of lines.entries()) {
    const m = LINE.exec(line);
    if (!m) {
      return { ok: false, problem: "format", line: i + 1, text: line };
    }
    const nominalMm = toNumber(m[2]!);
    const toleranceMm = toNumber(m[3]!);
    if (!(nominalMm > 0) || !(toleranceMm > 0)) {
      return { ok: false, problem: "not_positive", line: i + 1, text: line };
    }
    const label = [m.groups?.label, m.groups?.rest]
      .map((s) => (s ?? "").replace(/^[\s:=-]+|[\s:=-]+$/g, ""))
      .filter(Boolean)
      .join(" ");
    const decimals = Math.max(writtenDecimals(m[2]!), writtenDecimals(m[3]!));
    dimensions.push({ label: label || `Dimension ${i + 1}`, nominalMm, toleranceMm, decimals });
  }
  return { ok: true, dimensions };
}

export function formatCriticalDimension(d: CriticalDimension): string {
  return `${d.label}: ${formatTolerance(d.nominalMm, d.toleranceMm, d.decimals)}`;
}
