import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { createContext, useContext, type ReactNode } from "react";
import {
  Document,
  Font,
  Image,
  Page,
  Text as PdfText,
  View,
  renderToBuffer,
  type TextProps,
} from "@react-pdf/renderer";
import type { Style } from "@react-pdf/types";
import type { Language } from "~/i18n/languages";
import {
  documentLanguage,
  identifierFor,
  intlLocale,
  quoteDocumentSchema,
  type QuoteDocument,
} from "../../../workflows/quote-document";
import { quoteFigures, quoteText, type QuoteText } from "../../../workflows/quote-document-text";
import type { PdfLogo } from "../factory/factory.server";
import { translatorFor } from "../i18n/i18n.server";

// Resolved from the working directory like the CAD worker's path: the server, the Remix build,
// tsx and vitest all run from the repository root, while import.meta.url differs between them.
const FONT_DIR = path.resolve("app/assets/fonts");
const FAMILY = "Noto Sans";
const ARABIC = "Noto Sans Arabic";
const JAPANESE = "Noto Sans JP";
const CHINESE = "Noto Sans SC";

function fontFile(name: string): string {
  const file = path.join(FONT_DIR, name);
  if (!fs.existsSync(file)) {
    throw new Error(
      `Quote PDF font ${file} is missing: start the server from the repository root (it ships the font).`,
    );
  }
  return file;
}

// Japanese and Chinese come as npm packages (Noto Sans JP and SC, SIL OFL 1.1), resolved from the
// repository root like the fonts above.
const fromRoot = createRequire(path.resolve("package.json"));
function packagedFont(name: string): string {
  try {
    return fromRoot.resolve(name);
  } catch {
    throw new Error(`Quote PDF font ${name} is missing: run npm install (it is a dependency of this app).`);
  }
}

Font.register({
  family: FAMILY,
  fonts: [
    { src: fontFile("NotoSans-Regular.ttf"), fontWeight: "normal" },
    { src: fontFile("NotoSans-Bold.ttf"), fontWeight: "bold" },
  ],
});
Font.register({
  family: ARABIC,
  fonts: [
    { src: fontFile("NotoSansArabic-Regular.ttf"), fontWeight: "normal" },
    { src: fontFile("NotoSansArabic-Bold.ttf"), fontWeight: "bold" },
  ],
});
Font.register({
  family: JAPANESE,
  fonts: [
    { src: packagedFont("@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf"), fontWeight: "normal" },
    { src: packagedFont("@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf"), fontWeight: "bold" },
  ],
});
Font.register({
  family: CHINESE,
  fonts: [
    { src: packagedFont("@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf"), fontWeight: "normal" },
    { src: packagedFont("@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf"), fontWeight: "bold" },
  ],
});

type Glyph = { codePoints: number[] };
type FontkitFont = { getGlyph(id: number, codePoints?: number[]): Glyph | null };
let glyphCacheMended: Promise<void> | undefined;

/**
 * fontkit caches a glyph with the characters of its first request, and writing a PDF's font subset
 * requests the parts of composite glyphs with none (Noto Sans draws ":" from "."). A later quote that
 * lays out such a glyph lost its place in the text: after an Arabic quote (its full stops from Noto
 * Sans Arabic), an English one had words split mid-word and full stops missing from its text. So a
 * cached glyph without characters takes those of the first request that names them. All faces are
 * fontkit TTFFonts (one class), patched once.
 */
function mendGlyphCache(): Promise<void> {
  glyphCacheMended ??= Font.load({ fontFamily: FAMILY, fontWeight: "normal" }).then(() => {
    // react-pdf types the loaded face as its own Font; it is a fontkit TTFFont.
    const face = Font.getFont({ fontFamily: FAMILY, fontWeight: "normal" })?.data as unknown as FontkitFont;
    const fontClass = Object.getPrototypeOf(face) as FontkitFont;
    const getGlyph = fontClass.getGlyph;
    fontClass.getGlyph = function (this: FontkitFont, id, codePoints = []) {
      const glyph = getGlyph.call(this, id, codePoints);
      if (glyph && glyph.codePoints.length === 0 && codePoints.length > 0) glyph.codePoints = codePoints;
      return glyph;
    };
  });
  return glyphCacheMended;
}

/**
 * The fonts a character is looked up in, in order (react-pdf falls back per character): the
 * language's own script first, then the others, so a buyer's name in another script still prints.
 * Japanese and Chinese share the ideographs but draw some differently, hence their order.
 */
function fontStack(language: Language): string[] {
  if (language === "ar") return [ARABIC, FAMILY, CHINESE, JAPANESE];
  if (language === "ja") return [FAMILY, JAPANESE, CHINESE, ARABIC];
  return [FAMILY, ARABIC, CHINESE, JAPANESE];
}

// Kana, ideographs, CJK punctuation and full-width forms: Japanese and Chinese lines may break between
// any two of them (there are no spaces), except before closing marks and small kana or after opening ones.
const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/;
const NO_LINE_START = new Set(
  Array.from("、。，．・：；？！ー）」』】〕〉》〗〙〟’”｝〜ゝゞぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ％"),
);
const NO_LINE_END = new Set(Array.from("（「『【〔〈《〖〘〝‘“｛"));
// A zero-width no-break space is white space to react-pdf's line breaker, so a line may end there; it
// draws nothing and pdftotext drops it.
const CJK_BREAK = "\ufeff";

/**
 * Where a "word" (react-pdf's: text between spaces) may break. A quote is a contract: no word, part
 * number or alloy ("17-4PH") is split with a hyphen (every Text also refuses hyphen breaks, see Text
 * below); lines break at spaces, identifiers keep theirs as no-break spaces (identifierFor, proseFor).
 */
function breakPoints(word: string): string[] {
  if (!CJK.test(word)) return [word];
  const chars = Array.from(word);
  const parts: string[] = [];
  let current = chars[0]!;
  for (let i = 1; i < chars.length; i += 1) {
    const before = chars[i - 1]!;
    const after = chars[i]!;
    if ((CJK.test(before) || CJK.test(after)) && !NO_LINE_START.has(after) && !NO_LINE_END.has(before)) {
      parts.push(current, CJK_BREAK);
      current = after;
    } else {
      current += after;
    }
  }
  parts.push(current);
  return parts;
}
Font.registerHyphenationCallback(breakPoints);

const INK = "#1f2933";
const MUTED = "#5b6672";
const ACCENT = "#1d4e89";
const RULE = "#c9d2dc";
const SHADE = "#eef2f6";

const BASE = {
  // No lineHeight here: with one on the page, react-pdf 4.9 drops the absolutely positioned footer.
  page: { fontSize: 9, color: INK, paddingTop: 36, paddingBottom: 56, paddingHorizontal: 42 },
  header: { flexDirection: "row", justifyContent: "space-between", alignItems: "flex-start" },
  // Lines at the start side as their own width: a stretched text box is not re-aligned (react-pdf 4.9).
  factoryBlock: { maxWidth: 300, alignItems: "flex-start" },
  brandRow: { flexDirection: "row", alignItems: "center" },
  logo: { height: 28, maxWidth: 90, objectFit: "contain", marginRight: 8 },
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
} satisfies Record<string, Style>;
type Styles = { [K in keyof typeof BASE]: Style };

/**
 * The page mirrored for right-to-left languages: react-pdf lays out boxes left to right whatever
 * the text direction, so rows run reversed, column contents and text alignment swap sides.
 */
function mirrored(style: Style): Style {
  const swap = { left: "right", right: "left", "flex-start": "flex-end", "flex-end": "flex-start" } as const;
  const out: Style = { ...style };
  if (style.flexDirection === "row") out.flexDirection = "row-reverse";
  else if (style.alignItems === "flex-start" || style.alignItems === "flex-end")
    out.alignItems = swap[style.alignItems];
  if (style.textAlign === "left" || style.textAlign === "right") out.textAlign = swap[style.textAlign];
  if (style.marginRight !== undefined || style.marginLeft !== undefined) {
    out.marginLeft = style.marginRight;
    out.marginRight = style.marginLeft;
  }
  return out;
}

const STYLES: Record<"ltr" | "rtl", Styles> = {
  ltr: BASE,
  rtl: Object.fromEntries(Object.entries(BASE).map(([name, style]) => [name, mirrored(style)])) as Styles,
};

const Direction = createContext<"ltr" | "rtl">("ltr");
const useStyles = () => STYLES[useContext(Direction)];

/** Text in the document's direction (Arabic right to left, bidi-ordered and shaped by react-pdf), never broken with a hyphen. */
function Text({ style, ...props }: Omit<TextProps, "style"> & { style?: Style | Style[]; children?: ReactNode }) {
  const direction = useContext(Direction);
  const own = Array.isArray(style) ? style : style ? [style] : [];
  // The alignment is stated, not left to the direction: react-pdf 4.9 only shifts a shrink-to-fit box's
  // lines back into it for an explicit textAlign, and right-to-left lines would overflow to the right.
  const align: Style = { direction, textAlign: direction === "rtl" ? "right" : "left" };
  // A penalty of 10000 is react-pdf's "never": a word whose script changes inside ("17-4" | "PH"
  // after Arabic or Japanese text is two runs) is not cut there with a hyphen.
  return <PdfText {...props} hyphenationPenalty={10000} style={[align, ...own]} />;
}

/**
 * Free text (assumptions, notes, terms) with the quote's own identifiers kept whole (and left to
 * right in Arabic), and the usual technical pairs too: a number and its unit ("6.2 g", "10 %") and a
 * grade and its suffix ("17-4 PH", "rev C").
 */
function proseFor(doc: QuoteDocument): (text: string) => string {
  const id = identifierFor(doc.locale);
  const identifiers = [doc.material.designation, doc.material.condition, doc.part.number, doc.part.revision]
    .filter((value): value is string => value !== undefined && (value.includes(" ") || id(value) !== value))
    .sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text
      .replace(/(\d) (%|mm|µm|g|kg|pcs|°C)(?=$|[\s.,;:)])/g, "$1\u00a0$2")
      .replace(/(\d[\w.-]*) ([A-Z]{1,3})(?=$|[\s.,;:)])/g, "$1\u00a0$2")
      .replace(/\b(rev\.?|revision|v) ([A-Z0-9]{1,3})\b/gi, "$1\u00a0$2");
    for (const value of identifiers) out = out.replaceAll(value, id(value));
    return out;
  };
}
type Prose = ReturnType<typeof proseFor>;

function Field({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  const styles = useStyles();
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
  const styles = useStyles();
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

function List({ items, numbered, prose }: { items: string[]; numbered?: boolean; prose: Prose }) {
  const styles = useStyles();
  return items.map((item, index) => (
    <View key={index} style={styles.listItem} wrap={false}>
      <Text style={styles.listMarker}>{numbered ? `${index + 1}.` : "•"}</Text>
      <Text style={styles.listText}>{prose(item)}</Text>
    </View>
  ));
}

/** A heading that never ends a page alone: it moves to the next page unless some content follows it there. */
function Section({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
  const styles = useStyles();
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
function Header({ doc, text, logo }: { doc: QuoteDocument; text: QuoteText; logo?: PdfLogo }) {
  const styles = useStyles();
  const id = identifierFor(doc.locale);
  return (
    <View style={styles.header}>
      <View style={styles.factoryBlock}>
        <View style={styles.brandRow}>
          {logo ? <Image src={logo} style={styles.logo} /> : null}
          <Text style={styles.factoryName}>{doc.factory.name}</Text>
        </View>
        <Text style={styles.small}>{doc.factory.address.join(", ")}</Text>
        <Text style={styles.small}>
          {[doc.factory.phone, doc.factory.email, doc.factory.website]
            .filter((item) => item !== undefined)
            .map(id)
            .join("  ·  ")}
        </Text>
        {doc.factory.registration ? <Text style={styles.small}>{doc.factory.registration}</Text> : null}
      </View>
      <View style={styles.titleBlock}>
        <Text style={styles.title}>{text.heading}</Text>
        <Text style={styles.reference}>{text.reference}</Text>
        {text.meta.map(([label, value], index) => (
          <View key={label} style={styles.metaRow}>
            <Text style={styles.metaLabel}>{label}</Text>
            <Text style={index === 1 ? styles.bold : {}}>{value}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

function Parties({ doc, text }: { doc: QuoteDocument; text: QuoteText }) {
  const styles = useStyles();
  const { buyer, part, material } = doc;
  const { labels } = text;
  return (
    <View style={styles.parties}>
      <View style={styles.party}>
        <Text style={styles.partyHeading}>{labels.buyerHeading}</Text>
        <Text style={styles.bold}>{buyer.company}</Text>
        <Text>{buyer.contactName}</Text>
        <Text>{identifierFor(doc.locale)(buyer.email)}</Text>
        <Text>{buyer.country}</Text>
        {text.buyerReference ? <Field label={labels.yourReference} value={text.buyerReference} /> : null}
      </View>
      <View style={[styles.party, { flex: 1.3 }]}>
        <Text style={styles.partyHeading}>{labels.partHeading}</Text>
        <Field label={labels.part} value={part.name} strong />
        <Field label={labels.number} value={text.part.number} />
        <Field label={labels.revision} value={text.part.revision} />
        <Field label={labels.material} value={text.part.material} strong />
        {material.standard ? <Field label={labels.standard} value={material.standard} /> : null}
        {part.files.length > 0 ? (
          <Field label={labels.files} value={part.files.map(identifierFor(doc.locale)).join("\n")} />
        ) : null}
      </View>
    </View>
  );
}

function OptionBlock({ option, text, prose }: { option: QuoteText["options"][number]; text: QuoteText; prose: Prose }) {
  const styles = useStyles();
  const { columns } = text;
  const amortised = option.amortisedNote !== null;
  const priceColumns: Column[] = amortised
    ? [
        { title: columns.quantity, width: 50, numeric: true },
        { title: columns.unitPrice, width: 50, numeric: true },
        { title: columns.orderValue, width: 62, numeric: true },
        { title: columns.leadTime, width: 46 },
        { title: columns.amortisedUnitPrice, width: 64, numeric: true },
      ]
    : [
        { title: columns.quantity, width: 58, numeric: true },
        { title: columns.unitPrice, width: 58, numeric: true },
        { title: columns.orderValue, width: 70, numeric: true },
        { title: columns.leadTime, width: 86 },
      ];
  const priceRows = option.rows.map((row) => [
    row.quantity,
    row.unitPrice,
    row.orderValue,
    row.weeks,
    ...(amortised ? [row.amortisedUnitPrice ?? ""] : []),
  ]);
  const toolingColumns: Column[] = [{ title: columns.tooling }, { title: columns.amount, width: 58, numeric: true }];
  return (
    <View style={styles.option} wrap={false}>
      <View style={styles.optionHeading}>
        <Text style={styles.optionTitle}>{option.name}</Text>
        <Text style={styles.small}>{option.samples}</Text>
      </View>
      <View style={styles.tables}>
        <View style={{ width: priceColumns.reduce((sum, c) => sum + c.width!, 0) + 1.5 }}>
          <Table columns={priceColumns} rows={priceRows} />
          <Text style={styles.note}>{option.leadTimeNote}</Text>
          {option.amortisedNote ? <Text style={styles.note}>{option.amortisedNote}</Text> : null}
        </View>
        <View style={{ flex: 1 }}>
          <Table
            columns={toolingColumns}
            rows={option.tooling.map((line) => [prose(line.label), line.amount])}
            total={[columns.toolingTotal, option.toolingTotal]}
          />
          <Text style={styles.note}>{option.toolingNote}</Text>
        </View>
      </View>
    </View>
  );
}

function Terms({ text, prose }: { text: QuoteText; prose: Prose }) {
  const styles = useStyles();
  return (
    <View style={{ paddingTop: 0.75 }}>
      {text.terms.map(([label, value]) => (
        <View key={label} style={styles.termRow} wrap={false}>
          <Text style={styles.termLabel}>{label}</Text>
          <Text style={styles.termValue}>{prose(value)}</Text>
        </View>
      ))}
    </View>
  );
}

function Signatures({ doc, text }: { doc: QuoteDocument; text: QuoteText }) {
  const styles = useStyles();
  const by = doc.preparedBy;
  return (
    <View style={styles.signatures} wrap={false}>
      <View style={styles.signature}>
        <Text style={[styles.small, { marginBottom: 2 }]}>{text.signature.forFactory}</Text>
        <View style={styles.signatureLine} />
        <Text>{by ? [by.name, by.role].filter(Boolean).join(", ") : text.signature.namePosition}</Text>
        {by?.email ? <Text style={styles.small}>{identifierFor(doc.locale)(by.email)}</Text> : null}
      </View>
      <View style={styles.signature}>
        <Text style={[styles.small, { marginBottom: 2 }]}>{text.signature.acceptedFor}</Text>
        <View style={styles.signatureLine} />
        <Text>{text.signature.acceptFields}</Text>
      </View>
    </View>
  );
}

function QuotePdf({ doc, language, logo }: { doc: QuoteDocument; language: Language; logo?: PdfLogo }) {
  const text = quoteText(doc, quoteFigures(doc), translatorFor(language));
  const styles = STYLES[text.dir];
  const prose = proseFor(doc);
  return (
    <Document
      title={text.title}
      author={doc.factory.name}
      subject={[doc.part.name, doc.part.number, doc.part.revision].filter(Boolean).join(" ")}
      creator="mim-rfq"
      producer="mim-rfq"
      language={intlLocale(doc.locale)}
    >
      <Direction.Provider value={text.dir}>
        <Page size="A4" style={[styles.page, { fontFamily: fontStack(language) }]}>
          <Header doc={doc} text={text} logo={logo} />
          <View style={styles.rule} />
          <Parties doc={doc} text={text} />
          <Text style={styles.intro}>{text.intro}</Text>

          <Section title={text.sections.prices}>
            {text.options.map((option, index) => (
              <OptionBlock key={index} option={option} text={text} prose={prose} />
            ))}
          </Section>
          {doc.assumptions.length > 0 ? (
            <Section title={text.sections.assumptions} intro={text.sections.assumptionsIntro}>
              <List items={doc.assumptions} numbered prose={prose} />
            </Section>
          ) : null}
          {doc.notesForBuyer.length > 0 ? (
            <Section title={text.sections.notes}>
              <List items={doc.notesForBuyer} prose={prose} />
            </Section>
          ) : null}
          <Section title={text.sections.terms}>
            <Terms text={text} prose={prose} />
          </Section>
          <Signatures doc={doc} text={text} />

          <View style={styles.footer} fixed>
            <Text>{`${doc.factory.name}  ·  ${text.title}`}</Text>
            <Text render={({ pageNumber, totalPages }) => text.page(pageNumber, totalPages)} />
          </View>
        </Page>
      </Direction.Provider>
    </Document>
  );
}

/**
 * The quotation as a PDF in the buyer's language, rendered in this process (no browser). The
 * document is validated first, so a malformed quote fails here with the field named instead of
 * printing a wrong figure.
 */
export async function renderQuotePdf(doc: QuoteDocument, options: { logo?: PdfLogo } = {}): Promise<Buffer> {
  const parsed = quoteDocumentSchema.safeParse(doc);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`The quote document cannot be printed: ${issues.join("; ")}.`);
  }
  await mendGlyphCache();
  return renderToBuffer(
    <QuotePdf doc={parsed.data} language={documentLanguage(parsed.data.locale)} logo={options.logo} />,
  );
}
