/**
 * A draft priced with the rates in force: the snapshot it was priced with, the model in the quote's
 * currency with the hand-set figures in place, and whether approval is needed. Approval is decided
 * here from the quote's own figures, never taken from a form.
 */
import type { Db } from "../../../db/client";
import type { Quote } from "../../../db/queries/quotes";
import { priceParts } from "../../../workflows/cost-model";
import { convertModel, toRatesCurrency } from "../../../workflows/currency";
import {
  applyOverrides,
  approvalFigures,
  approvalReason,
  defaultTerms,
  type QuoteDraft,
} from "../../../workflows/quote";
import { pricingRates } from "../../../workflows/rates";
import { currentRates } from "./rates.server";
import { Refused } from "../refused.server";

/**
 * The quote's currency and the exchange rate its prices are converted at: none when it is the
 * rates' own currency; otherwise one from the rates' currency into the quote's, or a refusal beside
 * the field. Hand-set prices are in the quote's currency, so they cannot silently follow a change of it.
 */
function currencyOf(draft: QuoteDraft, ratesCurrency: string, before: Quote | null) {
  const currency = draft.currency ?? ratesCurrency;
  if (before && before.currency !== currency && draft.overrides.length > 0)
    throw new Refused(
      400,
      `The prices set by hand are in ${before.currency}: clear them before quoting in ${currency}, then set them again in ${currency}.`,
      { field: "currency" },
    );
  if (currency === ratesCurrency) return { currency, exchange: null };
  const exchange = draft.terms?.exchangeRate;
  if (!exchange)
    throw new Refused(400, `The rates are in ${ratesCurrency}: enter how many ${currency} one ${ratesCurrency} buys.`, {
      field: "exchangeRate",
    });
  if (exchange.from !== ratesCurrency || exchange.to !== currency)
    throw new Refused(
      400,
      `This exchange rate converts ${exchange.from} into ${exchange.to}, but the rates are now in ${ratesCurrency}: enter how many ${currency} one ${ratesCurrency} buys.`,
      { field: "exchangeRate" },
    );
  return { currency, exchange };
}

/**
 * Prices a draft with the rates in force now: the snapshot, the model in the quote's currency with
 * the hand-set figures in place, and whether approval is needed. The approval limits are in the
 * rates' currency, so the stored total is too (the margin share is the same in any currency).
 * `before` is the version the draft follows, whose currency its hand-set prices are in.
 */
export function priceDraft(db: Db, draft: QuoteDraft, now: Date, before: Quote | null) {
  const snapshot = currentRates(db, now);
  const rates = pricingRates(snapshot);
  if (!rates.ok) throw new Refused(400, rates.problem);
  const priced = priceParts(draft.inputs, rates.values);
  if (!priced.ok) throw new Refused(400, priced.problems.join(" "));
  const { currency, exchange } = currencyOf(draft, rates.currency, before);
  const converted = exchange ? convertModel(priced.model, exchange) : priced.model;
  const overridden = applyOverrides(converted, draft.overrides);
  if (!overridden.ok) throw new Refused(400, overridden.problem, { override: overridden.index });
  const figures = approvalFigures(overridden.model);
  const total = toRatesCurrency(figures.total, exchange);
  const needed = approvalReason(
    { total, lowestMarginShare: figures.lowestMarginShare },
    {
      aboveTotal: rates.values.approvalAboveTotal ?? Number.POSITIVE_INFINITY,
      belowMarginShare: rates.values.approvalBelowMarginShare ?? 0,
    },
  );
  return {
    currency,
    cavities: overridden.model.options.map((o) => o.cavities),
    quantities: [...draft.inputs.quantities],
    inputs: draft.inputs,
    overrides: draft.overrides,
    assumptions: draft.assumptions,
    terms: { ...(draft.terms ?? defaultTerms(overridden.model.toolingTerms)), exchangeRate: exchange },
    internalNotes: draft.internalNotes,
    buyerNotes: draft.buyerNotes,
    ratesSnapshot: snapshot,
    prices: overridden.model,
    total,
    lowestMarginShare: figures.lowestMarginShare,
    approvalNeeded: needed !== null,
  };
}
