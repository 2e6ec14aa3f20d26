/** A dimension the buyer marked critical: nominal and symmetric tolerance, in millimetres. */
export type CriticalDimension = {
  label: string;
  nominalMm: number;
  toleranceMm: number;
};

const NUMBER = String.raw`(\d+(?:[.,]\d+)?)`;
const LINE = new RegExp(
  String.raw`^(?<label>.*?)[\s:=]*${NUMBER}\s*(?:mm)?\s*(?:±|\+/-|\+-)\s*${NUMBER}\s*(?:mm)?\s*(?<rest>.*)$`,
  "i",
);

export type ParsedDimensions =
  | { ok: true; dimensions: CriticalDimension[] }
  | { ok: false; message: string };

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
      return {
        ok: false,
        message: `Line ${i + 1} ("${line}") is not "name: nominal ± tolerance", e.g. "Bore A: 4.00 ± 0.02".`,
      };
    }
    const nominalMm = toNumber(m[2]!);
    const toleranceMm = toNumber(m[3]!);
    if (!(nominalMm > 0) || !(toleranceMm > 0)) {
      return {
        ok: false,
        message: `Line ${i + 1} ("${line}"): nominal and tolerance must both be greater than zero.`,
      };
    }
    const label = [m.groups?.label, m.groups?.rest]
      .map((s) => (s ?? "").replace(/^[\s:=-]+|[\s:=-]+$/g, ""))
      .filter(Boolean)
      .join(" ");
    dimensions.push({ label: label || `Dimension ${i + 1}`, nominalMm, toleranceMm });
  }
  return { ok: true, dimensions };
}

export function formatCriticalDimension(d: CriticalDimension): string {
  return `${d.label}: ${d.nominalMm} ± ${d.toleranceMm} mm`;
}
