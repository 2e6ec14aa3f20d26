/**
 * Numbers as engineers write them. A tolerance's decimals carry meaning ("4.00 ± 0.02" is not
 * "4 ± 0.02"), so a nominal and its tolerance share one count of decimals: as many as the buyer
 * wrote, and never fewer than either value needs. Pure, shared by the screens and the e-mails.
 */

/** Decimals in a number's shortest form: 4 -> 0, 4.5 -> 1, 0.02 -> 2. */
export function decimalsOf(value: number): number {
  const [digits = "", exponent = "0"] = String(value).split(/e/i);
  return Math.max(0, (digits.split(".")[1]?.length ?? 0) - Number(exponent));
}

/** Decimals as written: "4.00" -> 2, "4,5" -> 1, "4" -> 0. */
export function writtenDecimals(text: string): number {
  return /[.,](\d+)$/.exec(text.trim())?.[1]?.length ?? 0;
}

/** A nominal and its tolerance with one count of decimals, e.g. ["4.00", "0.02"]. */
export function toleranceParts(nominal: number, tolerance: number, writtenAs = 0): [string, string] {
  const decimals = Math.min(6, Math.max(writtenAs, decimalsOf(nominal), decimalsOf(tolerance)));
  return [nominal.toFixed(decimals), tolerance.toFixed(decimals)];
}

/** "4.00 ± 0.02 mm". */
export function formatTolerance(nominalMm: number, toleranceMm: number, writtenAs = 0): string {
  const [nominal, tolerance] = toleranceParts(nominalMm, toleranceMm, writtenAs);
  return `${nominal} ± ${tolerance} mm`;
}

/**
 * A mass in the unit that fits: "0.42 g" (two significant figures below a gram, where "0.0 g"
 * would hide a part 25.4³ too small), "8.4 g", "412 g", "1.25 kg".
 */
export function formatMass(grams: number): string {
  if (grams < 1) return `${Number(grams.toPrecision(2))} g`;
  if (grams < 100) return `${grams.toFixed(1)} g`;
  if (grams < 999.5) return `${Math.round(grams)} g`;
  const kg = grams / 1000;
  return `${kg.toFixed(kg < 10 ? 2 : 1)} kg`;
}
