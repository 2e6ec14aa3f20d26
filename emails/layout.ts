import type { TFunction } from "i18next";
import { ltr } from "../app/i18n/bidi";
import { languageInfo, type Language } from "../app/i18n/languages";
import { formatBytes } from "../app/utils/format";

/** One piece of an e-mail in both of its forms; every e-mail has a plain-text part and an HTML part. */
export type Rendered = { text: string; html: string };

/** `contentLanguage`: the BCP 47 tag of the language it is written in, for its Content-Language header. */
export type RenderedEmail = Rendered & { subject: string; contentLanguage: string };

/** The language a buyer's e-mail is written in and its translator (the server's, `email:` messages). */
export type EmailLanguage = { language: Language; t: TFunction };

/** Safe for element content and for quoted attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

const ISOLATED = /\u2066([^\u2066\u2069]*)\u2069/g;

/**
 * Text for the HTML part: escaped, and each left-to-right run that ltr() marked (a reference, a part
 * number, a file name) in a <span dir="ltr">, which isolates it as <bdi> does; mail clients that
 * clean HTML keep a span and its dir where some drop <bdi>.
 */
function htmlText(value: string): string {
  return escapeHtml(value).replace(ISOLATED, '<span dir="ltr">$1</span>');
}

/**
 * The text part and the subject keep the isolating characters only in a right-to-left e-mail, where
 * the bidi algorithm would otherwise reorder "RFQ-2026-00001". In a left-to-right one they change
 * nothing on screen, yet a reference copied from the text would carry them into the buyer's systems.
 */
function plainText(value: string, dir: "ltr" | "rtl"): string {
  return dir === "rtl" ? value : value.replace(ISOLATED, "$1");
}

const FONT = "font-family:Arial,Helvetica,sans-serif;";
const TEXT_COLOR = "#1f2937";

/** The factory a buyer's e-mail comes from: its name and logo head it, its contact line ends it. */
export type EmailBrand = { name: string; logoUrl?: string; contact: string[] };

function brandHeaderHtml(brand: EmailBrand, dir: "ltr" | "rtl"): string {
  const logo = brand.logoUrl
    ? `<img src="${escapeHtml(brand.logoUrl)}" alt="" height="40" style="height:40px;width:auto;vertical-align:middle;margin-${dir === "rtl" ? "left" : "right"}:12px;border:0;">`
    : "";
  return `<tr><td dir="${dir}" style="padding:16px 28px;border-bottom:1px solid #e5e7eb;${FONT}font-size:18px;font-weight:bold;color:#111827;">${logo}${escapeHtml(brand.name)}</td></tr>
`;
}

function brandFooterHtml(brand: EmailBrand, dir: "ltr" | "rtl"): string {
  return `<tr><td dir="${dir}" style="padding:12px 28px;border-top:1px solid #e5e7eb;${FONT}font-size:13px;line-height:1.5;color:#4b5563;">${[brand.name, ...brand.contact].map(escapeHtml).join(" · ")}</td></tr>
`;
}

/**
 * The HTML page around an e-mail body. Styles are inline because many mail clients drop <style>;
 * layout tables are marked presentational so screen readers do not announce them.
 */
export function layout({
  title,
  preheader,
  bodyHtml,
  brand,
  language = "en",
}: {
  title: string;
  preheader?: string;
  bodyHtml: string;
  brand?: EmailBrand;
  language?: Language;
}): string {
  const { locale, dir } = languageInfo(language);
  // The preheader is the line clients show after the subject in the inbox list.
  const hiddenPreheader = preheader
    ? `<div style="display:none;max-height:0;overflow:hidden;opacity:0;">${htmlText(preheader)}</div>`
    : "";
  // Webmail drops the <html> element's attributes: the content cell states the direction again inline.
  const direction = `direction:${dir};text-align:${dir === "rtl" ? "right" : "left"};`;
  return `<!doctype html>
<html lang="${locale}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(plainText(title, dir))}</title>
</head>
<body style="margin:0;padding:0;background:#f3f4f6;">
${hiddenPreheader}
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f4f6;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:640px;background:#ffffff;border:1px solid #e5e7eb;">
${brand ? brandHeaderHtml(brand, dir) : ""}<tr><td dir="${dir}" style="padding:24px 28px;${FONT}font-size:16px;line-height:1.5;color:${TEXT_COLOR};${direction}">
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;color:#111827;">${htmlText(title)}</h1>
${bodyHtml}
</td></tr>
${brand ? brandFooterHtml(brand, dir) : ""}</table>
</td></tr>
</table>
</body>
</html>
`;
}

/** Assembles the e-mail: the title opens the text part as it heads the HTML one. Staff e-mails are English. */
export function composeEmail({
  subject,
  title,
  preheader,
  parts,
  brand,
  language = "en",
}: {
  subject: string;
  title: string;
  preheader?: string;
  parts: Rendered[];
  brand?: EmailBrand;
  language?: Language;
}): RenderedEmail {
  const { locale, dir } = languageInfo(language);
  const signature = brand ? [`-- \n${[brand.name, ...brand.contact].join("\n")}`] : [];
  return {
    subject: plainText(subject, dir),
    text: plainText(`${[title, ...parts.map((p) => p.text), ...signature].join("\n\n")}\n`, dir),
    html: layout({ title, preheader, bodyHtml: parts.map((p) => p.html).join("\n"), brand, language }),
    contentLanguage: locale,
  };
}

export function paragraph(text: string): Rendered {
  return { text, html: `<p style="margin:0 0 16px;">${htmlText(text)}</p>` };
}

export function heading(text: string): Rendered {
  return {
    text: `${text}\n${"-".repeat(text.length)}`,
    html: `<h2 style="margin:24px 0 8px;font-size:18px;line-height:1.3;color:#111827;">${htmlText(text)}</h2>`,
  };
}

/** The label says where the link goes; the text part shows the address itself. */
export function link(label: string, url: string): Rendered {
  return {
    text: `${label}:\n${url}`,
    html: `<p style="margin:0 0 16px;"><a href="${escapeHtml(url)}" style="color:#1d4ed8;font-weight:bold;text-decoration:underline;">${htmlText(label)}</a></p>`,
  };
}

/** A value of several lines is a list (files, say): one item per line in both forms. */
export type SummaryRow = { label: string; value: string | string[]; highlight?: boolean };

const LABEL_GAP = 2;

/** Label/value rows as a two-column HTML table and as plain text with the values aligned; `dir`: the e-mail's. */
export function summaryTable(rows: SummaryRow[], dir: "ltr" | "rtl" = "ltr"): Rendered {
  const lines = (row: SummaryRow) => (typeof row.value === "string" ? [row.value] : row.value);
  const width = Math.max(...rows.map((row) => row.label.length)) + LABEL_GAP;
  const text = rows
    .flatMap((row) => lines(row).map((line, i) => `${(i === 0 ? row.label : "").padEnd(width)}${line}`))
    .join("\n");
  const cell = `padding:6px 8px;border-bottom:1px solid #e5e7eb;vertical-align:top;text-align:${dir === "rtl" ? "right" : "left"};${FONT}font-size:15px;`;
  const htmlRows = rows.map((row) => {
    const style = row.highlight
      ? `${cell}background:#fef2f2;color:#991b1b;font-weight:bold;`
      : `${cell}color:${TEXT_COLOR};`;
    return `<tr><th scope="row" style="${cell}color:#4b5563;font-weight:normal;white-space:nowrap;">${htmlText(row.label)}</th><td style="${style}">${lines(row).map(htmlText).join("<br>")}</td></tr>`;
  });
  return {
    text,
    html: `<table cellpadding="0" cellspacing="0" border="0" style="width:100%;border-collapse:collapse;margin:0 0 16px;">\n${htmlRows.join("\n")}\n</table>`,
  };
}

/** Files as list lines, each with its size (as `language` writes numbers, if given), for a summary row. */
export function fileLines(files: { name: string; size: number }[], language?: Language): string[] {
  return files.map((file) => `${ltr(file.name)} (${formatBytes(file.size, language)})`);
}
