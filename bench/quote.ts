/**
 * npm run bench:quote: renders quotation PDFs in this process, as the server will, and prints the
 * render time per quote (median, p95) and the process RSS growth, beside a baseline measured in the
 * same run: a one-line document in the same fonts, rendered alternately with the quotes, so machine
 * load weighs on both. Targets (issue 9): median under 500 ms per quote, RSS growth under 50 MB.
 *
 * Run with --expose-gc (the npm script does) so RSS is read after a full collection.
 * Options (environment): BENCH_QUOTES (default 200), BENCH_ROUNDS (default 5).
 */
import { machineReport } from "./machine";
import { createElement as h } from "react";
import { Document, Page, Text, renderToBuffer } from "@react-pdf/renderer";
import { renderQuotePdf } from "../app/server/quotes/quote-pdf.server";
import { bracketQuote } from "../tests/support/quote-documents";

const quotes = Number(process.env.BENCH_QUOTES ?? 200);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const TARGET_MEDIAN_MS = 500;
const TARGET_RSS_GROWTH_MB = 50;

const gc = (globalThis as { gc?: () => void }).gc;
/** RSS after two full collections a turn apart: one leaves finalisers' garbage for the next. */
const rssMb = async () => {
  gc?.();
  await new Promise((resolve) => setImmediate(resolve));
  gc?.();
  return process.memoryUsage().rss / 1024 / 1024;
};
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const ms = (value: number) => `${value.toFixed(0).padStart(5)} ms`;

/** A distinct quote each time, as a server renders: reference, version and prices vary. */
function nthQuote(n: number) {
  const doc = bracketQuote({ reference: `RFQ-2026-${String(n).padStart(5, "0")}`, version: 1 + (n % 3) });
  return {
    ...doc,
    cavityOptions: doc.cavityOptions.map((option) => ({
      ...option,
      breaks: option.breaks.map((row) => ({ ...row, unitPrice: row.unitPrice + (n % 7) / 100 })),
    })),
  };
}

const baselineDoc = () =>
  h(Document, null, h(Page, { size: "A4" }, h(Text, { style: { fontFamily: "Noto Sans" } }, "One line.")));

async function timed(render: () => Promise<Buffer>): Promise<number> {
  const start = performance.now();
  const pdf = await render();
  const elapsed = performance.now() - start;
  if (pdf.subarray(0, 5).toString() !== "%PDF-") throw new Error("the renderer returned something other than a PDF");
  return elapsed;
}

async function main() {
  const machine = machineReport();
  console.log(machine.start);
  if (!gc) console.log("No global gc (run node with --expose-gc): RSS is read without a collection first.");
  const rssStart = await rssMb();

  // Warm-up: font parsing, module initialisation and JIT, paid once per process.
  for (let i = 0; i < 5; i += 1) {
    await timed(() => renderToBuffer(baselineDoc()));
    await timed(() => renderQuotePdf(nthQuote(i)));
  }
  const rssBefore = await rssMb();
  const heapBefore = process.memoryUsage().heapUsed / 1024 / 1024;
  console.log(`RSS ${rssStart.toFixed(0)} MB at start, ${rssBefore.toFixed(0)} MB after a warm-up of 5 quotes\n`);

  const perRound = Math.ceil(quotes / rounds);
  const quoteTimes: number[] = [];
  const baseTimes: number[] = [];
  const roundStats: { quoteMedian: number; baseMedian: number; rss: number }[] = [];
  console.log(`round  quotes  quote median   quote p95  baseline median  RSS after`);
  for (let round = 0; round < rounds; round += 1) {
    const q: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < perRound && quoteTimes.length + q.length < quotes; i += 1) {
      const n = round * perRound + i;
      // Alternate which goes first, so neither always follows the other's garbage.
      if (n % 2 === 0) {
        b.push(await timed(() => renderToBuffer(baselineDoc())));
        q.push(await timed(() => renderQuotePdf(nthQuote(n))));
      } else {
        q.push(await timed(() => renderQuotePdf(nthQuote(n))));
        b.push(await timed(() => renderToBuffer(baselineDoc())));
      }
    }
    quoteTimes.push(...q);
    baseTimes.push(...b);
    const stats = { quoteMedian: quantile(q, 0.5), baseMedian: quantile(b, 0.5), rss: await rssMb() };
    roundStats.push(stats);
    console.log(
      `${String(round + 1).padStart(5)}  ${String(q.length).padStart(6)}  ${ms(stats.quoteMedian).padStart(12)}  ${ms(quantile(q, 0.95)).padStart(10)}  ${ms(stats.baseMedian).padStart(15)}  ${stats.rss.toFixed(0).padStart(6)} MB`,
    );
  }

  const rssAfter = await rssMb();
  const heapAfter = process.memoryUsage().heapUsed / 1024 / 1024;
  const medians = roundStats.map((r) => r.quoteMedian);
  const baseMedians = roundStats.map((r) => r.baseMedian);
  const median = quantile(medians, 0.5);
  const growth = rssAfter - rssBefore;
  console.log(`\n${quoteTimes.length} quotes, ${baseTimes.length} baseline documents; ${machine.end()}`);
  console.log(
    `quote render:    median ${median.toFixed(0)} ms (median of ${rounds} round medians, spread ${Math.min(...medians).toFixed(0)}-${Math.max(...medians).toFixed(0)} ms), p95 ${quantile(quoteTimes, 0.95).toFixed(0)} ms over all quotes`,
  );
  console.log(
    `baseline render: median ${quantile(baseMedians, 0.5).toFixed(0)} ms (spread ${Math.min(...baseMedians).toFixed(0)}-${Math.max(...baseMedians).toFixed(0)} ms), p95 ${quantile(baseTimes, 0.95).toFixed(0)} ms`,
  );
  console.log(
    `quote minus baseline: ${(median - quantile(baseMedians, 0.5)).toFixed(0)} ms per quote for the layout itself`,
  );
  console.log(
    `RSS growth: ${growth.toFixed(1)} MB (${rssBefore.toFixed(0)} -> ${rssAfter.toFixed(0)} MB after GC); JS heap ${heapBefore.toFixed(0)} -> ${heapAfter.toFixed(0)} MB`,
  );
  console.log(
    `targets: median < ${TARGET_MEDIAN_MS} ms ${median < TARGET_MEDIAN_MS ? "met" : "MISSED"}; RSS growth < ${TARGET_RSS_GROWTH_MB} MB ${growth < TARGET_RSS_GROWTH_MB ? "met" : "MISSED"}`,
  );
}

await main();
