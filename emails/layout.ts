import { formatBytes } from "../app/utils/format";

/** One piece of an e-mail in both of its forms; every e-mail has a plain-text part and an HTML part. */
export type Rendered = { text: string; html: string };

export type RenderedEmail = Rendered & { subject: string };

/** Safe for element content and for quoted attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

const FONT = "font-family:Arial,Helvetica,sans-serif;";
const TEXT_COLOR = "#1f2937";

/** The factory a buyer's e-mail comes from: its name and logo head it, its contact line ends it. */
export type EmailBrand = { name: string; logoUrl?: string; contact: string[] };

function brandHeaderHtml(brand: EmailBrand): string {
  const logo = brand.logoUrl
    ? `<img src="${escapeHtml(brand.logoUrl)}" alt="" height="40" style="height:40px;width:auto;vertical-align:middle;margin-right:12px;border:0;">`
    : "";
  return `<tr><td style="padding:16px 28px;border-bottom:1px solid #e5e7eb;${FONT}font-size:18px;font-weight:bold;color:#111827;">${logo}${escapeHtml(brand.name)}</td></tr>
`;
}

function brandFooterHtml(brand: EmailBrand): string {
  return `<tr><td style="padding:12px 28px;border-top:1px solid #e5e7eb;${FONT}font-size:13px;line-height:1.5;color:#4b5563;">${[brand.name, ...brand.contact].map(escapeHtml).join(" · ")}</td></tr>
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
}: {
  title: string;
  preheader?: string;
  bodyHtml: string;
  brand?: EmailBrand;
}): string {
  // The preheader is the line clients show after the subject in the inbox list.
  const hiddenPreheader = preheader
    ? `<div style="display:none;max-height:0;overflow:hidden;opacity:0;">${escapeHtml(preheader)}</div>`
    : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
</head>
<body style="margin:0;padding:0;background:#f3f4f6;">
${hiddenPreheader}
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f4f6;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:640px;background:#ffffff;border:1px solid #e5e7eb;">
${brand ? brandHeaderHtml(brand) : ""}<tr><td style="padding:24px 28px;${FONT}font-size:16px;line-height:1.5;color:${TEXT_COLOR};">
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;color:#111827;">${escapeHtml(title)}</h1>
${bodyHtml}
</td></tr>
${brand ? brandFooterHtml(brand) : ""}</table>
</td></tr>
</table>
</body>
</html>
`;
}

/** Assembles the e-mail: the title opens the text part as it heads the HTML one. */
export function composeEmail({
  subject,
  title,
  preheader,
  parts,
  brand,
}: {
  subject: string;
  title: string;
  preheader?: string;
  parts: Rendered[];
  brand?: EmailBrand;
}): RenderedEmail {
  const signature = brand ? [`-- \n${[brand.name, ...brand.contact].join("\n")}`] : [];
  return {
    subject,
    text: `${[title, ...parts.map((p) => p.text), ...signature].join("\n\n")}\n`,
    html: layout({ title, preheader, bodyHtml: parts.map((p) => p.html).join("\n"), brand }),
  };
}

export function paragraph(text: string): Rendered {
  return { text, html: `<p style="margin:0 0 16px;">${escapeHtml(text)}</p>` };
}

export function heading(text: string): Rendered {
  return {
    text: `${text}\n${"-".repeat(text.length)}`,
    html: `<h2 style="margin:24px 0 8px;font-size:18px;line-height:1.3;color:#111827;">${escapeHtml(text)}</h2>`,
  };
}

/** The label says where the link goes; the text part shows the address itself. */
export function link(label: string, url: string): Rendered {
  return {
    text: `${label}:\n${url}`,
    html: `<p style="margin:0 0 16px;"><a href="${escapeHtml(url)}" style="color:#1d4ed8;font-weight:bold;text-decoration:underline;">${escapeHtml(label)}</a></p>`,
  };
}

/** A value of several lines is a list (files, say): one item per line in both forms. */
export type SummaryRow = { label: string; value: string | string[]; highlight?: boolean };

const LABEL_GAP = 2;

/** Label/value rows as a two-column HTML table and as plain text with the values aligned. */
export function summaryTable(rows: SummaryRow[]): Rendered {
  const lines = (row: SummaryRow) => (typeof row.value === "string" ? [row.value] : row.value);
  const width = Math.max(...rows.map((row) => row.label.length)) + LABEL_GAP;
  const text = rows
    .flatMap((row) => lines(row).map((line, i) => `${(i === 0 ? row.label : "").padEnd(width)}${line}`))
    .join("\n");
  const cell = `padding:6px 8px;border-bottom:1px solid #e5e7eb;vertical-align:top;text-align:left;${FONT}font-size:15px;`;
  const htmlRows = rows.map((row) => {
    const style = row.highlight
      ? `${cell}background:#fef2f2;color:#991b1b;font-weight:bold;`
      : `${cell}color:${TEXT_COLOR};`;
    return `<tr><th scope="row" style="${cell}color:#4b5563;font-weight:normal;white-space:nowrap;">${escapeHtml(row.label)}</th><td style="${style}">${lines(row).map(escapeHtml).join("<br>")}</td></tr>`;
  });
  return {
    text,
    html: `<table cellpadding="0" cellspacing="0" border="0" style="width:100%;border-collapse:collapse;margin:0 0 16px;">\n${htmlRows.join("\n")}\n</table>`,
  };
}

/** Files as list lines, each with its size, for a summary row. */
export function fileLines(files: { name: string; size: number }[]): string[] {
  return files.map((file) => `${file.name} (${formatBytes(file.size)})`);
}
