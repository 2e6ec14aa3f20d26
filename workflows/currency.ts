/**
 * Quoting in another currency than the factory's rates: the rates stay in their one currency, and a
 * priced model is converted with an exchange rate entered by sales (with its date and source), so the
 * quote states what it was converted at. Pure.
 */
import type { CostLine, CostModel } from "./cost-model";

/** ISO 4217 codes a quote may be in: the common trading currencies. */
export const QUOTE_CURRENCIES = [
  "EUR",
  "USD",
  "GBP",
  "CNY",
  "JPY",
  "CHF",
  "SEK",
  "DKK",
  "NOK",
  "PLN",
  "CZK",
  "HUF",
  "CAD",
  "MXN",
  "BRL",
  "AUD",
  "NZD",
  "KRW",
  "TWD",
  "HKD",
  "SGD",
  "INR",
  "THB",
  "MYR",
  "ILS",
  "TRY",
  "ZAR",
  "AED",
] as const;
export type QuoteCurrency = (typeof QUOTE_CURRENCIES)[number];

/** How many units of `to` (the quote's currency) one unit of `from` (the rates' currency) buys, on a day, per a source. */
export type ExchangeRate = { from: string; to: string; rate: number; date: string; source: string };

/** "1 EUR = 1.0850 USD" ("1,0850" in German): at least four decimals, as banks quote them. */
export function rateText(exchange: Pick<ExchangeRate, "from" | "to" | "rate">, locale = "en"): string {
  const digits = exchange.rate.toLocaleString(locale, { minimumFractionDigits: 4, maximumFractionDigits: 6 });
  return `1 ${exchange.from} = ${digits} ${exchange.to}`;
}

/** The sentence the quote builder prints (the buyer's document words it in the buyer's language): "Prices converted from EUR at 1 EUR = 1.0850 USD, 2026-11-28 (ECB)." */
export function conversionStatement(exchange: ExchangeRate): string {
  return `Prices converted from ${exchange.from} at ${rateText(exchange)}, ${exchange.date} (${exchange.source}).`;
}

/**
 * The model with every money figure in the quote's currency. The workings keep the rates as
 * entered (in the rates' currency); a note on the model says so and names the exchange rate.
 */
export function convertModel(model: CostModel, exchange: ExchangeRate): CostModel {
  const k = exchange.rate;
  const line = <L extends CostLine>(l: L): L => ({ ...l, amount: l.amount * k });
  return {
    ...model,
    options: model.options.map((o) => ({
      ...o,
      tooling: { lines: o.tooling.lines.map(line), total: o.tooling.total * k },
      breaks: o.breaks.map((b) => ({
        ...b,
        lines: b.lines.map(line),
        manufacturingCost: b.manufacturingCost * k,
        overhead: line(b.overhead),
        cost: b.cost * k,
        profit: line(b.profit),
        amortisation: b.amortisation && line(b.amortisation),
        unitPrice: b.unitPrice * k,
        extendedPrice: b.extendedPrice * k,
      })),
    })),
    notes: [...model.notes, `${conversionStatement(exchange)} The workings show the rates in ${exchange.from}.`],
  };
}

/** A figure in the quote's currency back in the rates' currency, where the approval limits are set. */
export function toRatesCurrency(amount: number, exchange: ExchangeRate | null): number {
  return exchange ? amount / exchange.rate : amount;
}
