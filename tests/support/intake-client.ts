import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fixturesDir } from "./paths";

export type Upload = { name: string; content: Buffer };

export function fixture(name: string, as = name): Upload {
  return { name: as, content: fs.readFileSync(path.join(fixturesDir, name)) };
}

export function sha256(content: Buffer): string {
  return crypto.createHash("sha256").update(content).digest("hex");
}

/** A complete, valid set of intake answers with a unique company and e-mail per call. */
export function validFields(overrides: Record<string, string> = {}): Record<string, string> {
  const id = crypto.randomUUID().slice(0, 8);
  return {
    company: `Acme Locks ${id}`,
    contactName: "Dana Buyer",
    email: `dana.${id}@example.com`,
    phone: "+49 30 1234567",
    country: "Germany",
    partName: "Lock cam",
    partNumber: "LC-100",
    revision: "B",
    material: "mim-17-4ph",
    annualVolume: "50000",
    generalTolerance: "ISO 2768-m",
    criticalDimensions: "Bore diameter: 4.00 ± 0.02\nSlot width: 2.50 ± 0.03",
    flatness: "0.05",
    roundness: "",
    surfaceTreatment: "Passivation",
    heatTreatment: "H900",
    application: "Door lock, indoor",
    targetPrice: "1.20",
    currency: "EUR",
    samplesNeededBy: "2027-02-01",
    ndaRequired: "yes",
    exportControlled: "no",
    notes: "Please quote 1 and 4 cavities.",
    language: "de",
    ...overrides,
  };
}

export function intakeForm(fields: Record<string, string | string[]>, uploads: Upload[] = []): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
  }
  for (const upload of uploads) form.append("files", new Blob([new Uint8Array(upload.content)]), upload.name);
  return form;
}

export async function post(url: string, form: FormData): Promise<Response> {
  return fetch(url, { method: "POST", body: form, redirect: "manual" });
}

/** What a test says about the inquiry it sends; everything is optional. */
export type InquiryOptions = {
  /** Answers over validFields' defaults. */
  fields?: Record<string, string>;
  /** A drawing alone (plate.dxf) unless given: no analysis worker takes it, so it costs no CPU. */
  files?: Upload[];
  /** The buyer's language: the form page's (`?lng=`) and the replies' (the `language` answer). */
  language?: string;
  headers?: Record<string, string>;
};

/** The intake form's answers and files for `options`, as the browser would post them. */
export function inquiryForm(options: InquiryOptions): { fields: Record<string, string>; form: FormData } {
  const language: Record<string, string> = options.language ? { language: options.language } : {};
  const fields = validFields({ ...language, ...options.fields });
  return { fields, form: intakeForm(fields, options.files ?? [fixture("plate.dxf")]) };
}

/**
 * A buyer's inquiry posted to a running server's /rfq/new; fails, with the page's answer, unless
 * the server took it (302 to the confirmation page). Runs in vitest and in Playwright alike.
 */
export async function submitInquiry(
  baseUrl: string,
  options: InquiryOptions = {},
): Promise<{ fields: Record<string, string>; reference: string; response: Response }> {
  const { fields, form } = inquiryForm(options);
  const response = await fetch(`${baseUrl}/rfq/new${options.language ? `?lng=${options.language}` : ""}`, {
    method: "POST",
    body: form,
    headers: options.headers,
    redirect: "manual",
  });
  const reference = new URL(response.headers.get("location") ?? "/", baseUrl).searchParams.get("ref");
  if (response.status !== 302 || !reference) {
    throw new Error(`the intake form answered ${response.status}: ${await response.text()}`);
  }
  return { fields, reference, response };
}
