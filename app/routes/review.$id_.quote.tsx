import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type FieldMetadata,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { BuyerLanguageHint } from "~/components/buyer-language-hint";
import { QuoteBuyerSide } from "~/components/quote-buyer-side";
import { PriceOverrides, type OverrideRowView } from "~/components/quote/price-overrides";
import { PriceTables, type HandSetView } from "~/components/quote/price-tables";
import { assumptionLines, quoteFormFor } from "~/forms/quote";
import { requireCsrf } from "~/server/auth/auth.server";
import { requirePermission, userMay } from "~/server/auth/permissions.server";
import { readForm } from "~/server/form-body.server";
import { buyerSideOf } from "~/server/buyer/quote-answer.server";
import { quoteSources } from "~/server/quotes/quote-builder-view.server";
import { sendQuote, sendRefusal } from "~/server/quotes/quote-sending.server";
import {
  approveQuote,
  copyQuote,
  createQuote,
  requestApproval,
  saveQuote,
} from "~/server/quotes/quote-versions.server";
import type { QuoteResult } from "~/server/quotes/quote-write.server";
import { CAVITY_COUNTS, type CavityCount, type HandSet, type PartInput } from "../../workflows/cost-model";
import { formatMass } from "../../workflows/numbers";
import { conversionStatement, QUOTE_CURRENCIES, type ExchangeRate } from "../../workflows/currency";
import { hasQuote, isApproved, stateLabel } from "../../workflows/inquiry";
import { defaultTerms, INCOTERM_RULES, overridableLines, type QuoteDraft } from "../../workflows/quote";

const NO_STORE = { "Cache-Control": "private, no-store" };

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Quote ${data.reference}: ${data.partName}` : "Quote" },
];

function sources(services: Parameters<typeof quoteSources>[0], id: string) {
  const found = quoteSources(services, id);
  if (!found)
    throw json("No inquiry has this address. It may have been mistyped: go back to the queue.", { status: 404 });
  if (!hasQuote(found.inquiry.state))
    throw json(
      `This inquiry is in "${stateLabel(found.inquiry.state)}": complete the engineering review before quoting.`,
      { status: 409 },
    );
  return found;
}

const money = (amount: number, currency: string) =>
  `${currency} ${amount.toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

const handSetView = (handSet: HandSet | undefined, currency: string): HandSetView =>
  handSet ? { computed: money(handSet.computed, currency), reason: handSet.reason } : null;

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requirePermission(request, context.services, "quote");
  const { inquiry, prefill, assumptions, quotes, ratesConfirmed, factoryNamed, ratesCurrency, stageRiskAssumptions } =
    sources(context.services, params.id ?? "");
  const latest = quotes[0] ?? null;
  // One row per figure sales may set by hand, in the order the form posts them back.
  const overrideRows = latest ? overridableLines(latest.prices, latest.overrides) : [];
  return json(
    {
      id: inquiry.id,
      reference: inquiry.reference,
      partName: inquiry.partName,
      buyerLanguage: inquiry.locale,
      state: inquiry.state,
      stateLabel: stateLabel(inquiry.state),
      csrf: user.csrfToken,
      mayApprove: userMay(user, "approve"),
      mayOverride: userMay(user, "override"),
      ratesCurrency,
      stageRiskAssumptions,
      maySend: userMay(user, "send"),
      target: inquiry.targetPrice === null ? null : { price: inquiry.targetPrice, currency: inquiry.currency ?? "" },
      measured: prefill.part?.kind === "measured",
      prefill: { quantities: prefill.inputs.quantities.join(", "), assumptions: assumptions.join("\n") },
      ratesConfirmed,
      factoryNamed,
      versions: quotes.map((q) => ({ id: q.id, version: q.version, status: q.status })),
      buyerSide: buyerSideOf(quotes),
      quote: latest && {
        id: latest.id,
        version: latest.version,
        status: latest.status,
        rowVersion: latest.rowVersion,
        currency: latest.currency,
        exchangeRate: latest.terms.exchangeRate ?? null,
        conversion: latest.terms.exchangeRate ? conversionStatement(latest.terms.exchangeRate) : null,
        notes: latest.prices.notes,
        overrideRows: overrideRows.map((r): OverrideRowView => ({
          cavities: r.cavities,
          label: r.label,
          computed: money(r.computed, latest.currency),
        })),
        overrides: overrideRows.map((r) => ({
          cavities: r.cavities,
          quantity: r.quantity ?? undefined,
          lineId: r.lineId,
          amount: r.set?.amount,
          reason: r.set?.reason,
        })),
        approvalNeeded: latest.approvalNeeded,
        approved: isApproved(latest),
        preparedByMe: latest.preparedBy === user.id,
        sendRefusal: sendRefusal(context.services.db, user, inquiry.id, latest.id),
        massG: latest.inputs.part.kind === "entered" ? latest.inputs.part.massG : undefined,
        footprintMm2:
          latest.inputs.part.kind === "entered" ? (latest.inputs.part.footprintMm2 ?? undefined) : undefined,
        quantities: latest.quantities.join(", "),
        cavities: latest.cavities.map(String),
        terms: latest.terms,
        assumptions: latest.assumptions.join("\n"),
        internalNotes: latest.internalNotes,
        buyerNotes: latest.buyerNotes,
        mass: latest.prices.mass,
        options: latest.prices.options.map((o) => ({
          cavities: o.cavities,
          utilisation: o.utilisation,
          tooling: o.tooling.lines.map((l) => ({
            id: l.id,
            label: l.label,
            working: l.working,
            text: money(l.amount, latest.currency),
            handSet: handSetView(l.handSet, latest.currency),
          })),
          toolingTotal: money(o.tooling.total, latest.currency),
          breaks: o.breaks.map((b) => ({
            quantity: b.quantity,
            lines: [...b.lines, b.overhead, b.profit].map((l) => ({
              id: l.id,
              label: l.label,
              working: l.working,
              text: money(l.amount, latest.currency),
            })),
            cost: money(b.cost, latest.currency),
            unitPrice: money(b.unitPrice, latest.currency),
            handSet: handSetView(b.handSet, latest.currency),
          })),
        })),
      },
    },
    { headers: NO_STORE },
  );
}

/** The cost model's part: measured when a model was, otherwise the mass and footprint typed here. */
function partFrom(measured: PartInput | null, massG: number | undefined, footprintMm2: number | undefined) {
  if (measured) return measured;
  if (massG === undefined) return null;
  return { kind: "entered", massG, footprintMm2: footprintMm2 ?? null } as const;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requirePermission(request, context.services, "quote");
  const form = readForm(context);
  requireCsrf(form, user);
  const id = params.id ?? "";
  const { prefill, ratesCurrency, stageRiskAssumptions } = sources(context.services, id);
  const intent = String(form.get("intent") ?? "");
  const quoteId = String(form.get("quoteId") ?? "");
  const rowVersion = Number(form.get("rowVersion"));
  const done = (result: QuoteResult) =>
    result.ok
      ? redirect(`/review/${id}/quote`, { headers: NO_STORE })
      : json({ message: result.message, result: undefined }, { status: result.status, headers: NO_STORE });

  switch (intent) {
    case "request_approval":
      return done(requestApproval(context.services, user, id, quoteId, rowVersion));
    case "approve":
      return done(approveQuote(context.services, user, id, quoteId, rowVersion));
    case "copy":
      return done(copyQuote(context.services, user, id, quoteId));
    case "send":
      return done(await sendQuote(context.services, user, id, quoteId, rowVersion));
    case "save": {
      const submission = parseWithZod(form, { schema: quoteFormFor(ratesCurrency) });
      if (submission.status !== "success")
        return json({ message: null, result: submission.reply() }, { status: 400, headers: NO_STORE });
      const v = submission.value;
      const part = partFrom(prefill.part, v.massG, v.footprintMm2);
      if (!part)
        return json(
          {
            message: null,
            result: submission.reply({
              fieldErrors: { massG: ["No model was measured: enter the sintered mass in grams."] },
            }),
          },
          { status: 400, headers: NO_STORE },
        );
      // Each hand-set price remembers its row, so a refusal lands beside the field that caused it.
      const rows = v.overrides.flatMap((o, row) =>
        o.amount === undefined
          ? []
          : [
              {
                row,
                override: {
                  cavities: o.cavities,
                  quantity: o.quantity ?? null,
                  lineId: o.lineId,
                  amount: o.amount,
                  reason: o.reason ?? "",
                },
              },
            ],
      );
      const exchangeRate: ExchangeRate | null =
        ratesCurrency &&
        v.currency !== undefined &&
        v.currency !== ratesCurrency &&
        v.exchangeRate !== undefined &&
        v.exchangeRateDate !== undefined &&
        v.exchangeRateSource
          ? {
              from: ratesCurrency,
              to: v.currency,
              rate: v.exchangeRate,
              date: v.exchangeRateDate,
              source: v.exchangeRateSource,
            }
          : null;
      const typed = assumptionLines(v.assumptions);
      const offered = stageRiskAssumptions.map((a) => a.text);
      const added = v.addAssumptions.filter((a) => offered.includes(a) && !typed.includes(a));
      const draft: QuoteDraft = {
        currency: v.currency,
        inputs: {
          ...prefill.inputs,
          part,
          quantities: v.quantities,
          cavities: v.cavities.length > 0 ? v.cavities.map((c) => Number(c) as CavityCount) : undefined,
        },
        overrides: rows.map((r) => r.override),
        assumptions: [...typed, ...added],
        terms: {
          validityDays: v.validityDays,
          incoterm: { rule: v.incotermRule, place: v.incotermPlace },
          paymentTerms: v.paymentTerms,
          toolingLeadWeeks: v.toolingLeadWeeks,
          productionLeadWeeks: v.productionLeadWeeks,
          rawMaterialClause: v.rawMaterialClause,
          toolingPaymentTerms: v.toolingPaymentTerms,
          toolingOwnership: v.toolingOwnership,
          shotLife: v.shotLife,
          exchangeRate,
        },
        internalNotes: v.internalNotes,
        buyerNotes: v.buyerNotes,
      };
      const result = quoteId
        ? saveQuote(context.services, user, id, quoteId, v.rowVersion ?? 0, draft)
        : createQuote(context.services, user, id, draft);
      if (result.ok) return redirect(`/review/${id}/quote`, { headers: NO_STORE });
      const at = result.at;
      const field = !at ? null : "override" in at ? `overrides[${rows[at.override]?.row ?? 0}].amount` : at.field;
      return json(
        {
          message: null,
          result: submission.reply(
            field ? { fieldErrors: { [field]: [result.message] } } : { formErrors: [result.message] },
          ),
        },
        { status: result.status, headers: NO_STORE },
      );
    }
    default:
      return json(
        { message: `Unknown action "${intent}": reload the page and try again.`, result: undefined },
        { status: 400, headers: NO_STORE },
      );
  }
}

/** A one-button form for a quote action; the server re-checks everything it implies. */
function QuoteAction(props: { csrf: string; intent: string; quoteId: string; rowVersion: number; label: string }) {
  return (
    <Form method="post">
      <input type="hidden" name="_csrf" value={props.csrf} />
      <input type="hidden" name="intent" value={props.intent} />
      <input type="hidden" name="quoteId" value={props.quoteId} />
      <input type="hidden" name="rowVersion" value={props.rowVersion} />
      <button type="submit">{props.label}</button>
    </Form>
  );
}

export default function QuoteBuilder() {
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const quote = data.quote;
  const terms = quote?.terms;
  const [form, fields] = useForm({
    // A new id after each save resets the form to the saved version (its price rows included).
    id: quote ? `quote-${quote.id}-${quote.rowVersion}` : "quote-new",
    lastResult: answer && "result" in answer ? answer.result : undefined,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: quoteFormFor(data.ratesCurrency) }),
    defaultValue: {
      currency: quote?.currency ?? data.ratesCurrency ?? "EUR",
      exchangeRate: quote?.exchangeRate?.rate,
      exchangeRateDate: quote?.exchangeRate?.date,
      exchangeRateSource: quote?.exchangeRate?.source,
      overrides: quote?.overrides ?? [],
      addAssumptions: [],
      rowVersion: quote?.rowVersion,
      massG: quote?.massG,
      footprintMm2: quote?.footprintMm2,
      quantities: quote?.quantities ?? data.prefill.quantities,
      cavities: quote?.cavities ?? [],
      validityDays: terms?.validityDays ?? 30,
      incotermRule: terms?.incoterm.rule ?? DEFAULT_TERMS.incoterm.rule,
      incotermPlace: terms?.incoterm.place ?? DEFAULT_TERMS.incoterm.place,
      paymentTerms: terms?.paymentTerms ?? "30 days net",
      toolingLeadWeeks: terms?.toolingLeadWeeks ?? 6,
      productionLeadWeeks: terms?.productionLeadWeeks ?? 4,
      rawMaterialClause: terms?.rawMaterialClause ?? DEFAULT_TERMS.rawMaterialClause,
      toolingPaymentTerms: terms?.toolingPaymentTerms ?? DEFAULT_TERMS.toolingPaymentTerms,
      toolingOwnership: terms?.toolingOwnership ?? DEFAULT_TERMS.toolingOwnership,
      shotLife: terms?.shotLife ?? DEFAULT_TERMS.shotLife,
      assumptions: quote?.assumptions ?? data.prefill.assumptions,
      internalNotes: quote?.internalNotes ?? "",
      buyerNotes: quote?.buyerNotes ?? "",
    },
  });
  const currencies = [
    ...new Set([...QUOTE_CURRENCIES, ...(data.ratesCurrency ? [data.ratesCurrency] : []), quote?.currency ?? "EUR"]),
  ];
  const currentAssumptions = assumptionLines(quote?.assumptions ?? data.prefill.assumptions);
  // One label, hint and error beside every control of the form.
  const labelled = <S,>(field: FieldMetadata<S>, label: string, control: ReactNode, hint?: ReactNode) => (
    <p>
      <label htmlFor={field.id}>{label}</label>
      {hint ? <small id={`${field.id}-hint`}> {hint}</small> : null}
      {control}
      {field.errors ? (
        <span id={field.errorId} role="alert">
          {field.errors.join(" ")}
        </span>
      ) : null}
    </p>
  );
  const text = <S,>(field: FieldMetadata<S>, label: string, hint?: string) =>
    labelled(field, label, <input {...getInputProps(field, { type: "text" })} key={field.key} />, hint);
  const area = (field: FieldMetadata<string>, label: string, hint?: ReactNode) =>
    labelled(
      field,
      label,
      <textarea
        {...getTextareaProps(field, { ariaDescribedBy: hint ? `${field.id}-hint` : undefined })}
        key={field.key}
        rows={4}
      />,
      hint,
    );
  const choice = <S,>(field: FieldMetadata<S>, label: string, options: readonly string[], hint?: string) =>
    labelled(
      field,
      label,
      <select {...getSelectProps(field)} key={field.key}>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>,
      hint,
    );

  return (
    <div className="panel">
      <p>
        <Link to={`/review/${data.id}`}>Back to the inquiry</Link>
      </p>
      <h1>
        Quote for {data.reference}: {data.partName}
      </h1>
      <p>
        Inquiry: {data.stateLabel}.{" "}
        {data.target
          ? `Buyer's target price: ${data.target.currency} ${data.target.price} per part.`
          : "No target price given."}
      </p>
      {data.ratesConfirmed ? null : (
        <p role="status">
          The factory&apos;s rates are still the shipped examples: no quote can be sent until an admin confirms them.
        </p>
      )}
      {data.factoryNamed ? null : (
        <p role="status">
          The factory profile is not filled in: no quote can be sent until an admin enters the factory&apos;s name and
          address (Factory profile).
        </p>
      )}
      {answer?.message ? <p role="alert">{answer.message}</p> : null}
      {quote ? (
        <section aria-labelledby="prices">
          <h2 id="prices">{`Version ${quote.version}: ${quote.status.replace("_", " ")}`}</h2>
          <p>
            {quote.approvalNeeded
              ? quote.approved
                ? "Needs an admin's approval: approved."
                : "Needs an admin's approval (above the approval limit or below the margin floor)."
              : "Within the approval limits."}{" "}
            Sintered mass {formatMass(quote.mass.sinteredG)} ({quote.mass.source}).
          </p>
          {quote.conversion ? <p>{quote.conversion}</p> : null}
          {quote.notes.map((n) => (
            <p key={n}>{n}</p>
          ))}
          <PriceTables
            options={quote.options}
            target={data.target ? `${data.target.currency} ${data.target.price}` : null}
          />
          <div>
            {quote.status === "draft" ? (
              <QuoteAction
                csrf={data.csrf}
                intent="request_approval"
                quoteId={quote.id}
                rowVersion={quote.rowVersion}
                label="Ask an admin to approve"
              />
            ) : null}
            {quote.status === "awaiting_approval" && data.mayApprove && !quote.preparedByMe ? (
              <QuoteAction
                csrf={data.csrf}
                intent="approve"
                quoteId={quote.id}
                rowVersion={quote.rowVersion}
                label="Approve this version"
              />
            ) : null}
            <QuoteAction
              csrf={data.csrf}
              intent="copy"
              quoteId={quote.id}
              rowVersion={quote.rowVersion}
              label="Copy as a new version"
            />
            {data.maySend && quote.sendRefusal ? <p>Cannot be sent yet: {quote.sendRefusal}</p> : null}
            {data.maySend && !quote.sendRefusal ? (
              <QuoteAction
                csrf={data.csrf}
                intent="send"
                quoteId={quote.id}
                rowVersion={quote.rowVersion}
                label="Send to the buyer"
              />
            ) : null}
          </div>
        </section>
      ) : null}
      <QuoteBuyerSide versions={data.buyerSide} />

      <Form method="post" {...getFormProps(form)}>
        <h2>{quote ? `Edit version ${quote.version}` : "Prepare the quote"}</h2>
        <input type="hidden" name="_csrf" value={data.csrf} />
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="quoteId" value={quote?.id ?? ""} />
        <input {...getInputProps(fields.rowVersion, { type: "hidden" })} key={fields.rowVersion.key} />
        {form.errors ? (
          <p id={form.errorId} role="alert">
            {form.errors.join(" ")}
          </p>
        ) : null}
        {data.measured ? (
          <p>The mass and footprint come from the measured model.</p>
        ) : (
          <>
            {text(fields.massG, "Sintered mass (g)", "No model was measured.")}
            {text(fields.footprintMm2, "Footprint on the furnace tray (mm²)")}
          </>
        )}
        {text(fields.quantities, "Order quantities", "Separated by commas.")}
        <fieldset>
          <legend>Currency</legend>
          {choice(
            fields.currency,
            "Quote currency",
            currencies,
            data.ratesCurrency
              ? `The rates are in ${data.ratesCurrency}; in another currency, enter the exchange rate, its date and its source. Prices set by hand are in the quote's currency.`
              : "The money rates are in more than one currency: an admin must set them in one before pricing.",
          )}
          {text(
            fields.exchangeRate,
            `Exchange rate: quote currency per 1 ${data.ratesCurrency ?? "rate currency"}`,
            "e.g. 1.0850",
          )}
          {text(fields.exchangeRateDate, "Date of the exchange rate (YYYY-MM-DD)")}
          {text(fields.exchangeRateSource, "Source of the exchange rate (e.g. ECB reference rate)")}
        </fieldset>
        <fieldset>
          <legend>Cavity options (none ticked: suggested from the annual volume)</legend>
          {CAVITY_COUNTS.map((c) => (
            <label key={c}>
              <input
                type="checkbox"
                name={fields.cavities.name}
                value={String(c)}
                defaultChecked={(quote?.cavities ?? []).includes(String(c))}
              />{" "}
              {c}
            </label>
          ))}
          {fields.cavities.errors ? <span role="alert">{fields.cavities.errors.join(" ")}</span> : null}
        </fieldset>
        {text(fields.validityDays, "Validity (days)")}
        {choice(fields.incotermRule, "Incoterms® 2020 rule", INCOTERM_RULES)}
        {text(fields.incotermPlace, "Named place (e.g. our factory, Nyköping)")}
        {text(fields.paymentTerms, "Payment terms")}
        {text(fields.toolingLeadWeeks, "Tooling to first samples (weeks)")}
        {text(fields.productionLeadWeeks, "Production after sample approval (weeks)")}
        {area(fields.rawMaterialClause, "Raw-material price clause")}
        {text(fields.toolingPaymentTerms, "Tooling payment terms")}
        {text(fields.toolingOwnership, "Tooling ownership")}
        {text(fields.shotLife, "Tool shot life (shots)")}
        {area(fields.assumptions, "Assumptions, one per line (the buyer reads them)")}
        {data.stageRiskAssumptions.length > 0 ? (
          <fieldset>
            <legend>Stage-risk notes from the review: tick to add them to the assumptions</legend>
            {data.stageRiskAssumptions.map((a) =>
              currentAssumptions.includes(a.text) ? (
                <p key={a.text}>{`${a.text} (already an assumption)`}</p>
              ) : (
                <p key={a.text}>
                  <label>
                    <input type="checkbox" name={fields.addAssumptions.name} value={a.text} /> {a.text}
                  </label>
                </p>
              ),
            )}
          </fieldset>
        ) : null}
        <PriceOverrides
          rows={quote?.overrideRows ?? []}
          fields={fields.overrides.getFieldList()}
          currency={quote?.currency ?? data.ratesCurrency ?? ""}
          editable={data.mayOverride}
        />
        {area(fields.buyerNotes, "Notes for the buyer", <BuyerLanguageHint language={data.buyerLanguage} />)}
        {area(fields.internalNotes, "Internal notes (never shown to the buyer)")}
        <button type="submit">{quote ? "Save (a saved change voids any approval)" : "Create the quote"}</button>
      </Form>
    </div>
  );
}

const DEFAULT_TERMS = defaultTerms({
  toolingTerms: {
    shotLife: 500_000,
    ownership: "The tooling passes to the buyer on payment.",
    payments: [
      { share: 0.5, when: "on order" },
      { share: 0.5, when: "on sample approval" },
    ],
  },
} as Parameters<typeof defaultTerms>[0]);
