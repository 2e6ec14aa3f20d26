import { z } from "zod";

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
      lines: z.array(z.object({ label: text, amount: money })).min(1),
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
    /** BCP 47 tag for dates and numbers, e.g. en-GB. */
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
      number: text,
      revision: text,
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
      new Intl.NumberFormat(doc.locale, { style: "currency", currency: doc.currency });
    } catch {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["locale"],
        message: `no number format for locale "${doc.locale}" and currency ${doc.currency}`,
      });
    }
  });
export type QuoteDocument = z.infer<typeof quoteDocumentSchema>;

/** "Quotation RFQ-2026-00042 v2": the title the PDF, its file name and the e-mail share. */
export function quoteTitle(doc: Pick<QuoteDocument, "reference" | "version">): string {
  return `Quotation ${doc.reference} v${doc.version}`;
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
  const digits =
    new Intl.NumberFormat(locale, { style: "currency", currency }).resolvedOptions().minimumFractionDigits ?? 2;
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: Math.max(digits, 4),
  });
}

/**
 * Money, counts, dates and lead times as the quotation prints them, in the inquiry's locale and the
 * quote's currency: one set for the PDF and the quotation page, so both read the same.
 */
export function documentFormat(doc: Pick<QuoteDocument, "locale" | "currency">) {
  const money = new Intl.NumberFormat(doc.locale, { style: "currency", currency: doc.currency });
  const unit = unitPriceFormat(doc.locale, doc.currency);
  const count = new Intl.NumberFormat(doc.locale, { maximumFractionDigits: 0 });
  const date = new Intl.DateTimeFormat(doc.locale, { dateStyle: "long", timeZone: "UTC" });
  return {
    money: (value: number) => money.format(value),
    unitPrice: (value: number) => unit.format(value),
    count: (value: number) => count.format(value),
    date: (iso: string) => date.format(new Date(`${iso}T00:00:00Z`)),
    weeks: (value: number) => `${value}\u00a0${value === 1 ? "week" : "weeks"}`,
  };
}
