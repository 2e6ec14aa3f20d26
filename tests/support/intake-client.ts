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
