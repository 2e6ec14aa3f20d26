import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { tempDir } from "./temp";

const execFileAsync = promisify(execFile);

/** Runs a poppler tool; a machine without it fails the test with the fix instead of skipping. */
export async function poppler(tool: "pdftotext" | "pdftoppm", args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await execFileAsync(tool, args, { cwd, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new Error(
        `${tool} is not installed: install poppler-utils (apt-get install poppler-utils) to run this test.`,
      );
    }
    throw error;
  }
}

/** The PDF's text as laid out (a table row stays one line), no-break spaces read as spaces. */
export async function pdfText(pdf: Buffer): Promise<string> {
  const dir = tempDir("quote-pdf");
  await fs.writeFile(path.join(dir, "quote.pdf"), pdf);
  const text = await poppler("pdftotext", ["-layout", "-enc", "UTF-8", "quote.pdf", "-"], dir);
  return text.replace(/\u00a0/g, " ");
}
