import fs from "node:fs";
import path from "node:path";
import type { ReactNode } from "react";
import { Document, Font, Image, Page, StyleSheet, Text, View, renderToBuffer } from "@react-pdf/renderer";
import { conversionStatement } from "../../workflows/currency";
import {
  quoteDocumentSchema,
  quoteTitle,
  toolingTotal,
  type CavityOption,
  type QuoteDocument,
  documentFormat,
} from "../../workflows/quote-document";

// Resolved from the working directory like the CAD worker's path: the server, the Remix build,
// tsx and vitest all run from the repository root, while import.meta.url differs between them.
const FONT_DIR = path.resolve("app/assets/fonts");
const FAMILY = "Noto Sans";

function fontFile(name: string): string {
  const file = path.join(FONT_DIR, name);
  if (!fs.existsSync(file)) {
    throw new Error(
      `Quote PDF font ${file} is missing: start the server from the repository root (it ships the font).`,
    );
  }
  return file;
}

Font.register({
  family: FAMILY,
  fonts: [
    { src: fontFile("NotoSans-Regular.ttf"), fontWeight: "normal" },
    { src: fontFile("NotoSans-Bold.ttf"), fontWeight: "bold" },
  ],
});
// A quote is a contract: no word, part number or alloy ("17-4PH") is split across lines with a hyphen.
// Lines still break at spaces; identifiers keep theirs as no-break spaces (keepTogether, proseFor).
Font.registerHyphenationCallback((word) => [word]);

const INK = "#1f2933";
const MUTED = "#5b6672";
const ACCENT = "#1d4e89";
const RULE = "#c9d2dc";
const SHADE = "#eef2f6";

const styles = StyleSheet.create({
  // No lineHeight here: with one on the page, react-pdf 4.9 drops the absolutely positioned footer.
  page: { fontFamily: FAMILY, fontSize: 9, color: INK, paddingTop: 36, paddingBottom: 56, paddingHorizontal: 42 },
  header: { flexDirection: "row", justifyContent: "space-between", alignItems: "flex-start" },
  factoryName: { fontSize: 15, fontWeight: "bold", color: ACCENT, marginBottom: 3 },
  small: { fontSize: 8, color: MUTED },
  titleBlock: { alignItems: "flex-end", maxWidth: 230 },
  title: { fontSize: 17, fontWeight: "bold", color: INK },
  reference: { fontSize: 11, fontWeight: "bold", marginBottom: 4 },
  metaRow: { flexDirection: "row", justifyContent: "flex-end" },
  metaLabel: { color: MUTED, width: 70, textAlign: "right", marginRight: 6 },
  rule: { borderBottomWidth: 1.5, borderBottomColor: ACCENT, marginTop: 12, marginBottom: 12 },
  parties: { flexDirection: "row", gap: 14 },
  party: { flex: 1, borderWidth: 0.75, borderColor: RULE, borderRadius: 3, padding: 8 },
  partyHeading: { fontSize: 7.5, fontWeight: "bold", color: ACCENT, marginBottom: 4 },
  field: { flexDirection: "row", marginBottom: 1.5 },
  fieldLabel: { width: 78, color: MUTED },
  fieldValue: { flex: 1 },
  bold: { fontWeight: "bold" },
  intro: { marginTop: 12 },
  sectionHeading: {
    fontSize: 10.5,
    fontWeight: "bold",
    color: ACCENT,
    marginTop: 14,
    marginBottom: 6,
    paddingBottom: 2,
    borderBottomWidth: 0.75,
    borderBottomColor: RULE,
  },
  option: { marginBottom: 10 },
  optionHeading: { flexDirection: "row", justifyContent: "space-between", alignItems: "flex-end", marginBottom: 4 },
  optionTitle: { fontSize: 10, fontWeight: "bold" },
  tables: { flexDirection: "row", gap: 14, alignItems: "flex-start" },
  table: { borderWidth: 0.75, borderColor: RULE },
  headRow: { flexDirection: "row", backgroundColor: SHADE, borderBottomWidth: 0.75, borderBottomColor: RULE },
  row: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: RULE },
  lastRow: { flexDirection: "row" },
  totalRow: { flexDirection: "row", backgroundColor: SHADE, borderTopWidth: 0.75, borderTopColor: RULE },
  cell: { paddingVertical: 2.5, paddingHorizontal: 4, fontSize: 8 },
  headCell: { fontSize: 7, fontWeight: "bold", color: MUTED },
  num: { textAlign: "right" },
  note: { fontSize: 7.5, color: MUTED, marginTop: 3 },
  listItem: { flexDirection: "row", marginBottom: 2.5 },
  listMarker: { width: 16, color: MUTED },
  listText: { flex: 1 },
  // Each row carries its own border, so a table split across pages stays closed on both.
  termRow: { flexDirection: "row", borderWidth: 0.75, borderColor: RULE, marginTop: -0.75 },
  termLabel: { width: 120, padding: 5, backgroundColor: SHADE, fontWeight: "bold" },
  termValue: { flex: 1, padding: 5 },
  signatures: { flexDirection: "row", gap: 24, marginTop: 16 },
  signature: { flex: 1 },
  signatureLine: { borderBottomWidth: 0.75, borderBottomColor: INK, height: 26, marginBottom: 3 },
  footer: {
    position: "absolute",
    bottom: 24,
    left: 42,
    right: 42,
    flexDirection: "row",
    justifyContent: "space-between",
    borderTopWidth: 0.75,
    borderTopColor: RULE,
    paddingTop: 5,
    fontSize: 7.5,
    color: MUTED,
  },
});

/** Part numbers, revisions and alloy names stay on one line: their spaces become no-break spaces. */
function keepTogether(value: string): string {
  return value.replace(/ /g, "\u00a0");
}

/**
 * Free text (assumptions, notes, terms) with the quote's own identifiers kept whole, and the
 * usual technical pairs too: a number and its unit ("6.2 g", "10 %") and a grade and its suffix
 * ("17-4 PH", "rev C").
 */
function proseFor(doc: QuoteDocument): (text: string) => string {
  const identifiers = [doc.material.designation, doc.material.condition, doc.part.number, doc.part.revision]
    .filter((id): id is string => id !== undefined && id.includes(" "))
    .sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text
      .replace(/(\d) (%|mm|µm|g|kg|pcs|°C)(?=$|[\s.,;:)])/g, "$1\u00a0$2")
      .replace(/(\d[\w.-]*) ([A-Z]{1,3})(?=$|[\s.,;:)])/g, "$1\u00a0$2")
      .replace(/\b(rev\.?|revision|v) ([A-Z0-9]{1,3})\b/gi, "$1\u00a0$2");
    for (const id of identifiers) out = out.replaceAll(id, keepTogether(id));
    return out;
  };
}

function formatters(doc: QuoteDocument) {
  return { ...documentFormat(doc), prose: proseFor(doc) };
}
type Format = ReturnType<typeof formatters>;

function optionName(option: CavityOption, index: number, count: number): string {
  const mould = `${option.cavities}-cavity mould`;
  return count === 1 ? mould : `Option ${String.fromCharCode(65 + index)}: ${mould}`;
}

function Field({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <View style={styles.field}>
      <Text style={styles.fieldLabel}>{label}</Text>
      <Text style={[styles.fieldValue, strong ? styles.bold : {}]}>{value}</Text>
    </View>
  );
}

/** A column of fixed width, or (without width) one that takes the table's remaining width. */
type Column = { title: string; width?: number; numeric?: boolean };

function Table({ columns, rows, total }: { columns: Column[]; rows: string[][]; total?: string[] }) {
  const cellStyle = (column: Column) => [
    styles.cell,
    column.width === undefined ? { flex: 1 } : { width: column.width },
    column.numeric ? styles.num : {},
  ];
  return (
    <View style={styles.table} wrap={false}>
      <View style={styles.headRow}>
        {columns.map((column) => (
          <Text key={column.title} style={[...cellStyle(column), styles.headCell]}>
            {column.title}
          </Text>
        ))}
      </View>
      {rows.map((cells, r) => (
        <View key={r} style={r === rows.length - 1 && !total ? styles.lastRow : styles.row}>
          {cells.map((value, c) => (
            <Text key={c} style={cellStyle(columns[c]!)}>
              {value}
            </Text>
          ))}
        </View>
      ))}
      {total ? (
        <View style={styles.totalRow}>
          {total.map((value, c) => (
            <Text key={c} style={[...cellStyle(columns[c]!), styles.bold]}>
              {value}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  );
}

function List({ items, numbered, f }: { items: string[]; numbered?: boolean; f: Format }) {
  return items.map((item, index) => (
    <View key={index} style={styles.listItem} wrap={false}>
      <Text style={styles.listMarker}>{numbered ? `${index + 1}.` : "•"}</Text>
      <Text style={styles.listText}>{f.prose(item)}</Text>
    </View>
  ));
}

/** A heading that never ends a page alone: it moves to the next page unless some content follows it there. */
function Section({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
  // A fragment, not a View: react-pdf weighs minPresenceAhead against siblings, so the heading and
  // the section's rows must be siblings on the page.
  return (
    <>
      <View wrap={false} minPresenceAhead={36}>
        <Text style={styles.sectionHeading}>{title}</Text>
        {intro ? <Text style={[styles.small, { marginBottom: 4 }]}>{intro}</Text> : null}
      </View>
      {children}
    </>
  );
}

/** The factory's logo as the PDF embeds it. */
export type PdfLogo = { data: Buffer; format: "png" | "jpg" };

function Header({ doc, f, logo }: { doc: QuoteDocument; f: Format; logo?: PdfLogo }) {
  return (
    <View style={styles.header}>
      <View style={{ maxWidth: 300 }}>
        <View style={{ flexDirection: "row", alignItems: "center" }}>
          {logo ? (
            <Image src={logo} style={{ height: 28, maxWidth: 90, objectFit: "contain", marginRight: 8 }} />
          ) : null}
          <Text style={styles.factoryName}>{doc.factory.name}</Text>
        </View>
        <Text style={styles.small}>{doc.factory.address.join(", ")}</Text>
        <Text style={styles.small}>
          {[doc.factory.phone, doc.factory.email, doc.factory.website]
            .filter((item) => item !== undefined)
            .map(keepTogether)
            .join("  ·  ")}
        </Text>
        {doc.factory.registration ? <Text style={styles.small}>{doc.factory.registration}</Text> : null}
      </View>
      <View style={styles.titleBlock}>
        <Text style={styles.title}>QUOTATION</Text>
        <Text style={styles.reference}>{keepTogether(`${doc.reference} v${doc.version}`)}</Text>
        <View style={styles.metaRow}>
          <Text style={styles.metaLabel}>Date</Text>
          <Text>{f.date(doc.issueDate)}</Text>
        </View>
        <View style={styles.metaRow}>
          <Text style={styles.metaLabel}>Valid until</Text>
          <Text style={styles.bold}>{f.date(doc.validUntil)}</Text>
        </View>
        {doc.version > 1 ? (
          <View style={styles.metaRow}>
            <Text style={styles.metaLabel}>Replaces</Text>
            <Text>{`v${doc.version - 1}`}</Text>
          </View>
        ) : null}
      </View>
    </View>
  );
}

function Parties({ doc }: { doc: QuoteDocument }) {
  const { buyer, part, material } = doc;
  const materialText = [
    keepTogether(material.designation),
    material.condition ? keepTogether(material.condition) : null,
  ]
    .filter(Boolean)
    .join(", ");
  return (
    <View style={styles.parties}>
      <View style={styles.party}>
        <Text style={styles.partyHeading}>PREPARED FOR</Text>
        <Text style={styles.bold}>{buyer.company}</Text>
        <Text>{buyer.contactName}</Text>
        <Text>{buyer.email}</Text>
        <Text>{buyer.country}</Text>
        {buyer.reference ? <Field label="Your reference" value={keepTogether(buyer.reference)} /> : null}
      </View>
      <View style={[styles.party, { flex: 1.3 }]}>
        <Text style={styles.partyHeading}>PART</Text>
        <Field label="Part" value={part.name} strong />
        <Field label="Part number" value={keepTogether(part.number)} />
        <Field label="Revision" value={keepTogether(part.revision)} />
        <Field label="Material" value={materialText} strong />
        {material.standard ? <Field label="Standard" value={material.standard} /> : null}
        {part.files.length > 0 ? <Field label="Files" value={part.files.join("\n")} /> : null}
      </View>
    </View>
  );
}

function OptionBlock({
  doc,
  option,
  index,
  f,
}: {
  doc: QuoteDocument;
  option: CavityOption;
  index: number;
  f: Format;
}) {
  const amortised = option.amortisedOver !== undefined;
  const priceColumns: Column[] = amortised
    ? [
        { title: "Quantity (pcs)", width: 50, numeric: true },
        { title: "Unit price", width: 50, numeric: true },
        { title: "Order value", width: 62, numeric: true },
        { title: "Lead time", width: 46 },
        { title: "Unit price incl. tooling", width: 64, numeric: true },
      ]
    : [
        { title: "Quantity (pcs)", width: 58, numeric: true },
        { title: "Unit price", width: 58, numeric: true },
        { title: "Order value", width: 70, numeric: true },
        { title: "Lead time", width: 86 },
      ];
  const priceRows = option.breaks.map((row) => [
    f.count(row.quantity),
    f.unitPrice(row.unitPrice),
    f.money(row.quantity * row.unitPrice),
    f.weeks(row.productionWeeks ?? option.leadTimes.productionWeeks),
    ...(amortised ? [f.unitPrice(row.amortisedUnitPrice!)] : []),
  ]);
  const toolingColumns: Column[] = [{ title: "Tooling" }, { title: "Amount", width: 58, numeric: true }];
  return (
    <View style={styles.option} wrap={false}>
      <View style={styles.optionHeading}>
        <Text style={styles.optionTitle}>{optionName(option, index, doc.cavityOptions.length)}</Text>
        <Text style={styles.small}>
          {`First samples (T1) ${f.weeks(option.leadTimes.toolingToSamplesWeeks)} after the tooling order`}
        </Text>
      </View>
      <View style={styles.tables}>
        <View style={{ width: priceColumns.reduce((sum, c) => sum + c.width!, 0) + 1.5 }}>
          <Table columns={priceColumns} rows={priceRows} />
          <Text style={styles.note}>Lead time: from sample approval (first order) or from order (repeat orders).</Text>
          {amortised ? (
            <Text style={styles.note}>
              {`Unit price incl. tooling: the tooling spread over ${f.count(option.amortisedOver!)} pieces instead of invoiced separately.`}
            </Text>
          ) : null}
        </View>
        <View style={{ flex: 1 }}>
          <Table
            columns={toolingColumns}
            rows={option.tooling.lines.map((line) => [f.prose(line.label), f.money(line.amount)])}
            total={["Tooling total", f.money(toolingTotal(option))]}
          />
          <Text style={styles.note}>
            {`Invoiced separately. Guaranteed shot life ${f.count(option.tooling.shotLife)} shots.`}
          </Text>
        </View>
      </View>
    </View>
  );
}

function Terms({ doc, f }: { doc: QuoteDocument; f: Format }) {
  const { terms } = doc;
  const rows: [string, string][] = [
    [
      "Prices",
      `Per piece in ${doc.currency}, for the quantity of one order release.${doc.conversion ? ` ${conversionStatement(doc.conversion)}` : ""}`,
    ],
    ["Delivery", `${terms.incoterm.rule} ${terms.incoterm.place} (Incoterms® 2020)`],
    ["Payment, parts", terms.paymentTerms],
    ["Payment, tooling", terms.toolingPaymentTerms],
    ["Tooling ownership", terms.toolingOwnership],
    ["Raw material", terms.rawMaterialClause],
    ["Validity", `This quotation is valid until ${f.date(doc.validUntil)}.`],
  ];
  return (
    <View style={{ paddingTop: 0.75 }}>
      {rows.map(([label, value]) => (
        <View key={label} style={styles.termRow} wrap={false}>
          <Text style={styles.termLabel}>{label}</Text>
          <Text style={styles.termValue}>{f.prose(value)}</Text>
        </View>
      ))}
    </View>
  );
}

function Signatures({ doc }: { doc: QuoteDocument }) {
  const by = doc.preparedBy;
  return (
    <View style={styles.signatures} wrap={false}>
      <View style={styles.signature}>
        <Text style={[styles.small, { marginBottom: 2 }]}>{`For ${doc.factory.name}`}</Text>
        <View style={styles.signatureLine} />
        <Text>{by ? [by.name, by.role].filter(Boolean).join(", ") : "Name, position"}</Text>
        {by?.email ? <Text style={styles.small}>{by.email}</Text> : null}
      </View>
      <View style={styles.signature}>
        <Text style={[styles.small, { marginBottom: 2 }]}>{`Accepted for ${doc.buyer.company}`}</Text>
        <View style={styles.signatureLine} />
        <Text>Name, position, date, purchase order number</Text>
      </View>
    </View>
  );
}

function QuotePdf({ doc, logo }: { doc: QuoteDocument; logo?: PdfLogo }) {
  const f = formatters(doc);
  const title = quoteTitle(doc);
  return (
    <Document
      title={title}
      author={doc.factory.name}
      subject={`${doc.part.name} ${doc.part.number} rev. ${doc.part.revision}`}
      creator="mim-rfq"
      producer="mim-rfq"
      language={doc.locale}
    >
      <Page size="A4" style={styles.page}>
        <Header doc={doc} f={f} logo={logo} />
        <View style={styles.rule} />
        <Parties doc={doc} />
        <Text style={styles.intro}>
          {`Thank you for your inquiry. We quote for ${doc.part.name} (part number ${keepTogether(doc.part.number)}, revision ${keepTogether(doc.part.revision)}) in ${keepTogether(doc.material.designation)} as follows, on the ${doc.assumptions.length > 0 ? "assumptions and terms" : "terms"} stated below.`}
        </Text>

        <Section title="Prices and lead times">
          {doc.cavityOptions.map((option, index) => (
            <OptionBlock key={index} doc={doc} option={option} index={index} f={f} />
          ))}
        </Section>
        {doc.assumptions.length > 0 ? (
          <Section
            title="Assumptions"
            intro="The prices rest on these points. If one does not hold, we will revise the quotation."
          >
            <List items={doc.assumptions} numbered f={f} />
          </Section>
        ) : null}
        {doc.notesForBuyer.length > 0 ? (
          <Section title="Notes">
            <List items={doc.notesForBuyer} f={f} />
          </Section>
        ) : null}
        <Section title="Terms">
          <Terms doc={doc} f={f} />
        </Section>
        <Signatures doc={doc} />

        <View style={styles.footer} fixed>
          <Text>{`${doc.factory.name}  ·  ${title}`}</Text>
          <Text render={({ pageNumber, totalPages }) => `Page ${pageNumber} of ${totalPages}`} />
        </View>
      </Page>
    </Document>
  );
}

/**
 * The quotation as a PDF, rendered in this process (no browser). The document is validated first,
 * so a malformed quote fails here with the field named instead of printing a wrong figure.
 */
export async function renderQuotePdf(doc: QuoteDocument, options: { logo?: PdfLogo } = {}): Promise<Buffer> {
  const parsed = quoteDocumentSchema.safeParse(doc);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`The quote document cannot be printed: ${issues.join("; ")}.`);
  }
  return renderToBuffer(<QuotePdf doc={parsed.data} logo={options.logo} />);
}
