import { Form, Link } from "@remix-run/react";
import { SearchField, SelectField } from "~/components/fields";

type Option = { value: string; label: string };

export type QueueFilterValues = {
  q: string;
  state?: string;
  gate?: string;
  assignee?: string;
  material?: string;
  overdue: boolean;
  quote?: string;
  reason?: string;
  sort: string;
};

export type QueueFilterOptions = {
  states: Option[];
  gates: Option[];
  engineers: { id: string; name: string }[];
  materials: Option[];
  quoteFilters: Option[];
  declineReasons: Option[];
  sorts: Option[];
  defaultSort: string;
  searchMax: number;
};

/** How many of the folded filters narrow or reorder the list: the panel opens when any does. */
export function activeFilterCount(filters: QueueFilterValues, defaultSort: string): number {
  const { state, gate, assignee, material, overdue, quote, reason, sort } = filters;
  return [state, gate, assignee, material, overdue, quote, reason, sort !== defaultSort].filter(Boolean).length;
}

/**
 * A plain GET form: filters live in the URL, work without JavaScript, and start again at page one.
 * The search stays in view; the other filters fold away, open while one of them is in force.
 */
export function QueueFilters({ filters, options }: { filters: QueueFilterValues; options: QueueFilterOptions }) {
  const active = activeFilterCount(filters, options.defaultSort);
  const filtered = active > 0 || filters.q !== "";
  return (
    <Form method="get" className="queue-filters">
      <div className="queue-search">
        <SearchField
          name="q"
          label="Search"
          defaultValue={filters.q}
          maxLength={options.searchMax}
          hint={
            <>
              A reference (RFQ-2025-00042, or its start), or part of a company, part name, part number or e-mail. Press{" "}
              <kbd>/</kbd> to search, <kbd>j</kbd> and <kbd>k</kbd> to move through the list.
            </>
          }
        />
        <button type="submit" className="button primary">
          Show
        </button>
        {filtered ? <Link to="/review">Clear filters</Link> : null}
      </div>
      <details className="queue-more" open={active > 0}>
        <summary>Filters and sort{active > 0 ? ` (${active} in use)` : ""}</summary>
        <div className="grid">
          <SelectField name="state" label="State" defaultValue={filters.state}>
            <option value="">Any state</option>
            {options.states.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </SelectField>
          <SelectField name="gate" label="Gate" defaultValue={filters.gate}>
            <option value="">Any gate</option>
            {options.gates.map((g) => (
              <option key={g.value} value={g.value}>
                {g.label}
              </option>
            ))}
          </SelectField>
          <SelectField name="assignee" label="Assignee" defaultValue={filters.assignee}>
            <option value="">Anyone</option>
            <option value="mine">Mine</option>
            <option value="unassigned">Unassigned</option>
            {options.engineers.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </SelectField>
          <SelectField name="material" label="Material" defaultValue={filters.material}>
            <option value="">Any material</option>
            {options.materials.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </SelectField>
          <SelectField name="quote" label="Quotation" defaultValue={filters.quote}>
            <option value="">Any</option>
            {options.quoteFilters.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </SelectField>
          <SelectField
            name="reason"
            label="Decline reason"
            defaultValue={filters.reason}
            hint="Lost inquiries whose last quotation the buyer declined for this reason."
          >
            <option value="">Any reason</option>
            {options.declineReasons.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </SelectField>
          <SelectField name="sort" label="Sort" defaultValue={filters.sort}>
            {options.sorts.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </SelectField>
        </div>
        <p className="actions-row">
          <label className="inline">
            <input type="checkbox" name="overdue" defaultChecked={filters.overdue} /> Overdue only
          </label>
          <button type="submit" className="button">
            Apply filters
          </button>
        </p>
      </details>
    </Form>
  );
}
