import { z } from "zod";
import { ltr } from "../app/i18n/bidi";
import { isLanguage, languageInfo, type Language } from "../app/i18n/languages";

/**
 * Everything the quotation PDF (and later the buyer's quote page) shows, as plain JSON: a sent
 * version stores this object beside its frozen PDF, so it holds values, never lookups. Money is a
 * number in the quote's currency; formatting is the document's job.
 */

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "use an ISO date, YYYY-MM-DD")
  // Round-trip through Date: V8 parses 2026-02-30 as 2 March rather than refusing it.
  .refine((value) => {
    const time = Date.parse(`${value}T00:00:00Z`);
    return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
  }, "not a calendar date");
const money = z.number().finite().nonnegative();
const text = z.string().trim().min(1);
const weeks = z.number().int().positive().max(104);

export const factoryProfileSchema = z.object({
  name: text,
  /** Street, town and country lines, printed as given. */
  address: z.array(text).min(1),
  phone: text.optional(),
  email: z.string().email(),
  website: text.optional(),
  /** Company registration or VAT number, when the factory prints one. */
  registration: text.optional(),
});
export type FactoryProfile = z.infer<typeof factoryProfileSchema>;

/**
 * The cost model's tooling items the document names in the buyer's language; a line without one
 * (written by hand, or priced before the item was recorded) prints its label as given.
 */
export const TOOLING_ITEMS = [
  "mould_base",
  "cavities",
  "slides",
  "hot_runner",
  "sizing_die",
  "setters",
  "t1_samples",
  "fai_ppap",
] as const;
export type ToolingItem = (typeof TOOLING_ITEMS)[number];

const toolingLineSchema = z.object({
  label: text,
  amount: money,
  /** What the line is, and for cavities and slides how many: the document words it in the buyer's language. */
  item: z.object({ kind: z.enum(TOOLING_ITEMS), count: z.number().int().positive().optional() }).optional(),
});

const quantityBreakSchema = z.object({
  quantity: z.number().int().positive(),
  unitPrice: money,
  /** Unit price with the tooling spread over the option's `amortisedOver` pieces. */
  amortisedUnitPrice: money.optional(),
  /** Weeks from order release (after sample approval) to shipment, when this break differs from the option's. */
  productionWeeks: weeks.optional(),
});
export type QuantityBreak = z.infer<typeof quantityBreakSchema>;

const cavityOptionSchema = z
  .object({
    cavities: z.number().int().positive().max(64),
    breaks: z.array(quantityBreakSchema).min(1),
    leadTimes: z.object({
      /** Tooling order (and first tooling payment) to T1 samples shipped. */
      toolingToSamplesWeeks: weeks,
      /** Sample approval to first production shipment. */
      productionWeeks: weeks,
    }),
    tooling: z.object({
      lines: z.array(toolingLineSchema).min(1),
      /** Shots the mould is guaranteed for before the factory maintains or replaces it at its cost. */
      shotLife: z.number().int().positive(),
    }),
    /** Pieces the tooling is spread over in `amortisedUnitPrice`; absent when tooling is only invoiced apart. */
    amortisedOver: z.number().int().positive().optional(),
  })
  .superRefine((option, ctx) => {
    option.breaks.forEach((row, index) => {
      if (index > 0 && row.quantity <= option.breaks[index - 1]!.quantity) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["breaks", index, "quantity"],
          message: "list quantity breaks in rising order, each quantity once",
        });
      }
      if ((option.amortisedOver === undefined) !== (row.amortisedUnitPrice === undefined)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["breaks", index, "amortisedUnitPrice"],
          message:
            option.amortisedOver === undefined
              ? "an amortised unit price needs the option's amortisedOver quantity"
              : "every break needs an amortised unit price when the option states amortisedOver",
        });
      }
    });
  });
export type CavityOption = z.infer<typeof cavityOptionSchema>;

export const quoteDocumentSchema = z
  .object({
    factory: factoryProfileSchema,
    /** The inquiry's reference, e.g. RFQ-2026-00042. */
    reference: text,
    version: z.number().int().positive(),
    issueDate: isoDate,
    validUntil: isoDate,
    /** The buyer's language as the inquiry stores it ("de", "zh"), or a BCP 47 tag (en-GB): words, dates and numbers follow it. */
    locale: text,
    /** ISO 4217 code, e.g. EUR. */
    currency: z.string().regex(/^[A-Z]{3}$/, "use a three-letter ISO 4217 code such as EUR"),
    /** When the prices were converted from the factory's rates in another currency: the rate used. */
    conversion: z
      .object({
        from: z.string().regex(/^[A-Z]{3}$/, "use a three-letter ISO 4217 code such as EUR"),
        to: z.string().regex(/^[A-Z]{3}$/, "use a three-letter ISO 4217 code such as EUR"),
        rate: z.number().finite().positive(),
        date: isoDate,
        source: text,
      })
      .optional(),
    preparedBy: z.object({ name: text, role: text.optional(), email: z.string().email().optional() }).optional(),
    buyer: z.object({
      company: text,
      contactName: text,
      email: z.string().email(),
      country: text,
      /** The buyer's own RFQ or project reference, when they gave one. */
      reference: text.optional(),
    }),
    part: z.object({
      name: text,
      /** Absent when the buyer did not state it: the document says so in the buyer's language. */
      number: text.optional(),
      revision: text.optional(),
      /** Drawing and model file names as the buyer uploaded them. */
      files: z.array(text),
    }),
    material: z.object({
      designation: text,
      /** The standard the designation comes from, e.g. MPIF Standard 35. */
      standard: text.optional(),
      /** Heat-treat or supply condition, e.g. H900. */
      condition: text.optional(),
    }),
    cavityOptions: z.array(cavityOptionSchema).min(1).max(4),
    /** The review's decisions and the quote's premises, one plain sentence each. */
    assumptions: z.array(text),
    notesForBuyer: z.array(text),
    terms: z.object({
      incoterm: z.object({
        rule: z.enum(["EXW", "FCA", "CPT", "CIP", "DAP", "DPU", "DDP", "FAS", "FOB", "CFR", "CIF"]),
        place: text,
      }),
      paymentTerms: text,
      toolingPaymentTerms: text,
      toolingOwnership: text,
      rawMaterialClause: text,
    }),
  })
  .superRefine((doc, ctx) => {
    if (doc.conversion && doc.conversion.to !== doc.currency) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["conversion", "to"],
        message: `the prices are in ${doc.currency}, so the conversion must be into ${doc.currency}`,
      });
    }
    if (doc.validUntil < doc.issueDate) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["validUntil"],
        message: "the validity date must not be before the issue date",
      });
    }
    try {
      new Intl.NumberFormat(intlLocale(doc.locale), { style: "currency", currency: doc.currency });
    } catch {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["locale"],
        message: `no number format for locale "${doc.locale}" and currency ${doc.currency}`,
      });
    }
  });
export type QuoteDocument = z.infer<typeof quoteDocumentSchema>;

/** The language the document speaks: the stored code, or a tag's language ("en-GB" is English); else English. */
export function documentLanguage(locale: string): Language {
  if (isLanguage(locale)) return locale;
  const primary = locale.split("-")[0]?.toLowerCase();
  return isLanguage(primary) ? primary : "en";
}

/** The Intl locale of the document: a stored code names its locale ("zh" is zh-Hans); a full tag is used as given. */
export function intlLocale(locale: string): string {
  return isLanguage(locale) ? languageInfo(locale).locale : locale;
}

export function documentDir(locale: string): "ltr" | "rtl" {
  return languageInfo(documentLanguage(locale)).dir;
}

/** Part numbers, revisions and alloy names: kept on one line, and read left to right inside right-to-left text. */
export function identifierFor(locale: string): (value: string) => string {
  const rtl = documentDir(locale) === "rtl";
  return (value) => {
    const whole = value.replace(/ /g, "\u00a0");
    return rtl ? ltr(whole) : whole;
  };
}

/** The sum of an option's tooling lines, invoiced apart from the piece prices. */
export function toolingTotal(option: Pick<CavityOption, "tooling">): number {
  return option.tooling.lines.reduce((sum, line) => sum + line.amount, 0);
}

/**
 * How the document prints a unit price, in the buyer's locale: cheap parts are priced in
 * fractions of a cent, so up to four decimals, never fewer than the currency's own. The e-mail
 * that carries the document states its prices in the same words.
 */
export function unitPriceFormat(locale: string, currency: string): Intl.NumberFormat {
  const tag = intlLocale(locale);
  const digits =
    new Intl.NumberFormat(tag, { style: "currency", currency }).resolvedOptions().minimumFractionDigits ?? 2;
  return new Intl.NumberFormat(tag, {
    style: "currency",
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: Math.max(digits, 4),
  });
}
