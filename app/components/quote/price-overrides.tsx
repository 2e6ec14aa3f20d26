import { getInputProps, type FieldMetadata } from "@conform-to/react";

/**
 * The builder's hand-set prices: per cavity option a disclosure with one row per unit price and
 * tooling line, each an amount (empty: the computed figure) and its reason. Plain fields, so it
 * works without JavaScript; for someone who may not set prices the fields are read-only, so saving
 * sends the hand-set prices back unchanged.
 */

export type OverrideRowView = { cavities: number; label: string; computed: string };

type OverrideFields = { cavities: number; quantity?: number; lineId: string; amount?: number; reason?: string };

function Errors({ field }: { field: FieldMetadata<unknown> }) {
  return field.errors ? (
    <span id={field.errorId} role="alert">
      {field.errors.join(" ")}
    </span>
  ) : null;
}

export function PriceOverrides(props: {
  rows: OverrideRowView[];
  fields: FieldMetadata<OverrideFields, Record<string, unknown>, string[]>[];
  currency: string;
  editable: boolean;
}) {
  const { rows, fields, currency, editable } = props;
  if (rows.length === 0) return <p>Save the quote first: then each price and tooling line can be set by hand.</p>;
  const cavities = [...new Set(rows.map((r) => r.cavities))];
  return (
    <fieldset>
      <legend>Prices set by hand ({currency}; empty: the computed price)</legend>
      {editable ? null : <p>Only sales or an admin sets a price by hand.</p>}
      {cavities.map((c) => {
        const indices = rows.flatMap((r, i) => (r.cavities === c && fields[i] ? [i] : []));
        const open = indices.some((i) => {
          const f = fields[i]!.getFieldset();
          return Boolean(f.amount.initialValue || f.amount.errors || f.reason.errors || f.reason.initialValue);
        });
        return (
          <details key={c} open={open}>
            <summary>{`${c}-cavity tool`}</summary>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Computed</th>
                  <th scope="col">Set by hand ({currency})</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {indices.map((i) => {
                  const row = rows[i]!;
                  const f = fields[i]!.getFieldset();
                  const name = `${row.label}, ${c}-cavity tool`;
                  return (
                    <tr key={fields[i]!.key}>
                      <th scope="row">
                        {row.label}
                        <input {...getInputProps(f.cavities, { type: "hidden" })} key={f.cavities.key} />
                        <input {...getInputProps(f.quantity, { type: "hidden" })} key={f.quantity.key} />
                        <input {...getInputProps(f.lineId, { type: "hidden" })} key={f.lineId.key} />
                      </th>
                      <td>{row.computed}</td>
                      <td>
                        <label className="visually-hidden" htmlFor={f.amount.id}>
                          {`${name}: set by hand (${currency})`}
                        </label>
                        <input
                          {...getInputProps(f.amount, { type: "text" })}
                          key={f.amount.key}
                          inputMode="decimal"
                          size={10}
                          readOnly={!editable}
                        />
                        <Errors field={f.amount} />
                      </td>
                      <td>
                        <label className="visually-hidden" htmlFor={f.reason.id}>
                          {`${name}: reason`}
                        </label>
                        <input {...getInputProps(f.reason, { type: "text" })} key={f.reason.key} readOnly={!editable} />
                        <Errors field={f.reason} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </details>
        );
      })}
    </fieldset>
  );
}
