import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "./support/app-server";
import { sendInquiry } from "./support/inquiry";
import { fixture, intakeForm, post, sha256, validFields } from "./support/intake-client";
import { recipient, statusLinkIn, waitForMailbox } from "./support/mailbox";

type Row = Record<string, unknown>;

function query(app: AppServer, sql: string, ...params: unknown[]): Row[] {
  const db = new Database(path.join(app.dataDir, "mim-rfq.sqlite"), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as Row[];
  } finally {
    db.close();
  }
}

function storedFiles(app: AppServer): string[] {
  const root = path.join(app.dataDir, "files");
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((p) =>
    fs.statSync(path.join(root, p)).isFile(),
  );
}

async function submit(
  app: AppServer,
  fields: Record<string, string | string[]>,
  uploads = [fixture("nist_ftc_11_asme1_rb.stp")],
) {
  return post(`${app.url}/rfq/new`, intakeForm(fields, uploads));
}

describe("buyer intake on the real server (disk storage, local mailbox)", () => {
  let app: AppServer;
  beforeAll(async () => {
    app = await startAppServer({ ENGINEERING_INBOX: "engineering@factory.test" });
  });
  afterAll(async () => {
    await app?.stop();
    if (app && !app.output().includes("SIGTERM")) console.log(app.output());
  });

  it("shows the intake form with labelled fields and the confidentiality statement before the upload", async () => {
    const response = await fetch(`${app.url}/rfq/new`, { headers: { "Accept-Language": "fr-FR,fr;q=0.9" } });
    const html = await response.text();
    expect(response.status).toBe(200);
    for (const name of [
      "company",
      "contactName",
      "email",
      "partName",
      "material",
      "annualVolume",
      "criticalDimensions",
      "files",
    ]) {
      expect(html).toContain(`for="${name}"`);
    }
    // The browser asked for French: the page is in French, and so is the language of our replies.
    const confidentiality = "Comment nous protégeons la confidentialité de vos plans";
    expect(html.indexOf(confidentiality)).toBeGreaterThan(0);
    expect(html.indexOf(confidentiality)).toBeLessThan(html.indexOf('type="file"'));
    expect(html).toMatch(/<option value="fr"[^>]* selected="">/);
  });

  it("creates an inquiry from a STEP model and a PDF drawing, stores both, and sends both e-mails", async () => {
    const fields = validFields();
    const step = fixture("nist_ftc_11_asme1_rb.stp");
    const pdf = fixture("nist_ftc_11_asme1_rb.pdf");
    const response = await submit(app, fields, [step, pdf]);

    expect(response.status).toBe(302);
    const location = response.headers.get("location") ?? "";
    const reference = new URL(location, app.url).searchParams.get("ref");
    expect(reference).toMatch(new RegExp(`^RFQ-${new Date().getUTCFullYear()}-\\d{5}$`));

    const confirmation = await (await fetch(`${app.url}${location}`)).text();
    expect(confirmation).toContain(reference);

    const [inquiry] = query(app, "select * from inquiries where reference = ?", reference);
    expect(inquiry).toMatchObject({
      company: fields.company,
      state: "submitted",
      locale: "de",
      nda_required: 1,
      export_controlled: 0,
      annual_volume: 50000,
    });
    expect(JSON.parse(inquiry!.critical_dimensions as string)).toEqual([
      { label: "Bore diameter", nominalMm: 4, toleranceMm: 0.02, decimals: 2 },
      { label: "Slot width", nominalMm: 2.5, toleranceMm: 0.03, decimals: 2 },
    ]);
    const files = query(app, "select * from files where inquiry_id = ? order by original_name", inquiry!.id);
    expect(files.map((f) => [f.original_name, f.kind, f.format, f.size, f.sha256, f.status])).toEqual([
      [pdf.name, "drawing", "pdf", pdf.content.length, sha256(pdf.content), "stored"],
      [step.name, "model", "step", step.content.length, sha256(step.content), "stored"],
    ]);
    for (const f of files) {
      expect(f.stored_key).not.toContain(f.original_name);
      expect(
        fs
          .readFileSync(path.join(app.dataDir, "files", f.stored_key as string))
          .equals(f.kind === "drawing" ? pdf.content : step.content),
      ).toBe(true);
    }

    const [ack] = await waitForMailbox(path.join(app.dataDir, "mail"), (m) => recipient(m) === fields.email);
    expect(ack!.subject).toContain(reference!);
    expect(ack!.text).toContain(reference!);
    expect(ack!.html).toContain(reference!);
    expect(statusLinkIn(ack!)).toMatch(new RegExp(`^${app.url}/status/[A-Za-z0-9_-]{43,}$`));
    const [engineering] = await waitForMailbox(
      path.join(app.dataDir, "mail"),
      (m) => recipient(m) === "engineering@factory.test" && (m.subject ?? "").includes(reference!),
    );
    expect(engineering!.text).toContain(fields.company);
    expect(query(app, "select status from outbox where inquiry_id = ?", inquiry!.id)).toEqual([
      { status: "sent" },
      { status: "sent" },
    ]);
  });

  it("accepts IGES and STL models and numbers inquiries in sequence", async () => {
    const first = await submit(app, validFields(), [fixture("cube-10mm.igs")]);
    const second = await submit(app, validFields(), [
      fixture("cube-10mm-binary.stl"),
      fixture("cube-10mm-ascii.stl"),
      fixture("plate.dxf"),
    ]);
    expect(first.status).toBe(302);
    expect(second.status).toBe(302);
    const ref = (r: Response) =>
      Number(new URL(r.headers.get("location")!, app.url).searchParams.get("ref")!.slice(-5));
    expect(ref(second)).toBe(ref(first) + 1);
    const kinds = query(
      app,
      "select f.format, f.kind from files f join inquiries i on i.id = f.inquiry_id where i.reference like ? order by f.original_name",
      `%${String(ref(second)).padStart(5, "0")}`,
    );
    expect(kinds).toEqual([
      { format: "stl", kind: "model" },
      { format: "stl", kind: "model" },
      { format: "dxf", kind: "drawing" },
    ]);
  });

  it("shows every problem of an empty form at once, beside its field", async () => {
    const response = await post(`${app.url}/rfq/new`, intakeForm({}));
    const html = await response.text();
    expect(response.status).toBe(400);
    for (const name of [
      "company",
      "contactName",
      "email",
      "country",
      "partName",
      "material",
      "annualVolume",
      "ndaRequired",
      "exportControlled",
      "files",
    ]) {
      expect(html, `error for ${name}`).toContain(`id="${name}-error"`);
    }
    expect(html).toContain("Attach at least one drawing");
  });

  it("refuses a file whose content does not match its extension, names it, and keeps everything else", async () => {
    const fields = validFields({ partName: "Hinge <b>pin</b>" });
    const before = query(app, "select count(*) as n from inquiries")[0]!.n;
    const response = await submit(app, fields, [
      fixture("nist_ftc_06_asme1_rd.pdf", "bracket.step"),
      fixture("nist_ftc_06_asme1_rd.stp"),
    ]);
    const html = await response.text();
    expect(response.status).toBe(400);
    expect(html).toContain("bracket.step");
    expect(html).toMatch(/bracket\.step.{0,40}was not accepted: its content is a PDF/);
    expect(html).toContain(`value="${fields.company}"`);
    expect(html).toContain("Hinge &lt;b&gt;pin&lt;/b&gt;");
    expect(query(app, "select count(*) as n from inquiries")[0]!.n).toBe(before);

    const kept = [...html.matchAll(/name="keptFile"[^>]*value="([^"]+)"/g)].map((m) => m[1]!);
    const draft = html.match(/name="draft" value="([^"]+)"/)?.[1];
    expect(kept).toHaveLength(1);
    expect(html).toContain("nist_ftc_06_asme1_rd.stp");
    expect(draft).toBeTruthy();

    const resend = await submit(app, { ...fields, keptFile: kept, draft: draft! }, []);
    expect(resend.status).toBe(302);
    const reference = new URL(resend.headers.get("location")!, app.url).searchParams.get("ref");
    const files = query(
      app,
      "select f.original_name from files f join inquiries i on i.id = f.inquiry_id where i.reference = ?",
      reference,
    );
    expect(files).toEqual([{ original_name: "nist_ftc_06_asme1_rd.stp" }]);
  });

  it("does not let a draft token claim files of another draft", async () => {
    const first = await submit(app, validFields({ email: "" }), [fixture("cube-10mm.igs")]);
    const kept = [...(await first.text()).matchAll(/name="keptFile"[^>]*value="([^"]+)"/g)].map((m) => m[1]!);
    expect(kept).toHaveLength(1);
    const other = await submit(app, validFields({ keptFile: kept[0]!, draft: "A".repeat(43) }), []);
    expect(other.status).toBe(400);
    expect(await other.text()).toContain("Attach at least one drawing");
  });

  it("answers the browser's progress upload with JSON errors or a redirect header", async () => {
    const url = `${app.url}/rfq/new?_data=${encodeURIComponent("routes/rfq.new")}`;
    const bad = await post(url, intakeForm(validFields({ annualVolume: "lots" }), [fixture("cube-10mm.igs")]));
    expect(bad.status).toBe(400);
    const state = (await bad.json()) as { errors: Record<string, string>; keptFiles: unknown[] };
    expect(Object.keys(state.errors)).toEqual(["annualVolume"]);
    expect(state.keptFiles).toHaveLength(1);

    const good = await post(url, intakeForm(validFields(), [fixture("cube-10mm.igs")]));
    expect(good.status).toBe(204);
    expect(good.headers.get("x-remix-redirect")).toMatch(/^\/rfq\/received\?ref=RFQ-/);
  });

  it("discards a submission that fills the honeypot", async () => {
    const fields = validFields({ contact_me_by_fax_only: "buy cheap watches" });
    const response = await submit(app, fields);
    expect(response.status).toBe(400);
    expect(query(app, "select count(*) as n from inquiries where company = ?", fields.company)[0]!.n).toBe(0);
  });

  it("leaves no inquiry and no file behind when an upload is cut off half-way", async () => {
    const filesBefore = storedFiles(app).length;
    const rowsBefore = query(app, "select count(*) as n from files")[0]!.n;
    const boundary = "----cut-off-test";
    const head = Buffer.from(
      Object.entries(validFields())
        .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
        .join("") +
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="big.step"\r\nContent-Type: application/octet-stream\r\n\r\nISO-10303-21;\n`,
    );
    const request = http.request(`${app.url}/rfq/new`, {
      method: "POST",
      headers: {
        "Content-Type": `multipart/form-data; boundary=${boundary}`,
        "Content-Length": String(head.length + 20 * 1024 * 1024),
      },
    });
    request.on("error", () => {});
    request.write(head);
    for (let i = 0; i < 4; i++) request.write(Buffer.alloc(1024 * 1024, 0x41));
    await expect
      .poll(() => query(app, "select count(*) as n from files where status = 'receiving'")[0]!.n, { timeout: 30_000 })
      .toBe(1);
    request.destroy();

    await expect.poll(() => query(app, "select count(*) as n from files")[0]!.n, { timeout: 30_000 }).toBe(rowsBefore);
    expect(storedFiles(app)).toHaveLength(filesBefore);
  });

  it("lets the buyer follow the status link, download own files as attachments, and add files", async () => {
    // The status page speaks the inquiry's language: English here, for the English words checked below.
    const step = fixture("nist_ftc_06_asme1_rd.stp");
    const { fields, statusLink: link } = await sendInquiry(app, { fields: { language: "en" }, files: [step] });

    const page = await fetch(link);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toContain("no-store");
    expect(html).toContain("Received");
    expect(html).toContain(step.name);
    expect(html).toMatch(/\d+(\.\d)? (KB|MB)/);
    expect(html).toContain(fields.company);
    // The buyer's "4.00 ± 0.02" comes back with its decimals, not as "4 ± 0.02".
    expect(html).toContain("Bore diameter: 4.00 ± 0.02 mm");

    const fileId = html.match(/\/files\/([0-9a-f-]{36})/)?.[1];
    const download = await fetch(`${link}/files/${fileId}`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toBe(
      `attachment; filename="${step.name}"; filename*=UTF-8''${step.name}`,
    );
    expect(Buffer.from(await download.arrayBuffer()).equals(step.content)).toBe(true);

    const asView = await fetch(`${link}/files/${fileId}?view`);
    expect(asView.headers.get("content-disposition")).toMatch(/^attachment;/);

    const { statusLink: otherLink } = await sendInquiry(app, { files: [fixture("cube-10mm.igs")] });
    expect((await fetch(`${otherLink}/files/${fileId}`)).status).toBe(404);
    expect((await fetch(`${app.url}/status/${"x".repeat(43)}`)).status).toBe(404);

    const addForm = intakeForm({}, [fixture("nist_ftc_06_asme1_rd.pdf"), fixture("cube-10mm-ascii.stl", "notes.txt")]);
    const added = await post(link, addForm);
    const addedHtml = await added.text();
    expect(added.status).toBe(200);
    expect(addedHtml).toContain("notes.txt");
    expect(addedHtml).toContain("not accepted");
    const after = await (await fetch(link)).text();
    expect(after).toContain("nist_ftc_06_asme1_rd.pdf");
    expect(after).toContain("Files added");
    const [notice] = await waitForMailbox(
      path.join(app.dataDir, "mail"),
      (m) => recipient(m) === "engineering@factory.test" && (m.subject ?? "").startsWith("Files added"),
    );
    expect(notice!.text).toContain("nist_ftc_06_asme1_rd.pdf");
  });

  it("reports database, storage and mail on /healthz", async () => {
    const response = await fetch(`${app.url}/healthz`);
    const body = (await response.json()) as Record<string, { ok: boolean }>;
    expect(response.status).toBe(200);
    expect(body.database!.ok).toBe(true);
    expect(body.storage!.ok).toBe(true);
    expect(body.mail!.ok).toBe(true);
  });
});

describe("file size limit", () => {
  let app: AppServer;
  beforeAll(async () => {
    app = await startAppServer({ MAX_FILE_MB: "1" });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("refuses an oversize file with its name and the limit, keeping the answers and no bytes", async () => {
    const big = {
      name: "housing.step",
      content: Buffer.concat([Buffer.from("ISO-10303-21;\n"), Buffer.alloc(2 * 1024 * 1024, 0x20)]),
    };
    const fields = validFields();
    const response = await submit(app, fields, [big]);
    const html = await response.text();
    expect(response.status).toBe(400);
    expect(html).toMatch(/housing\.step.{0,40}was not accepted: it is larger than the 1\.0 MB limit per file/);
    expect(html).toContain(`value="${fields.email}"`);
    expect(query(app, "select count(*) as n from files")[0]!.n).toBe(0);
    expect(storedFiles(app)).toHaveLength(0);
  });
});

// Its own server: the count starts at zero whatever ran before, so the test passes alone and in any order.
describe("intake rate limit", () => {
  let app: AppServer;
  beforeAll(async () => {
    app = await startAppServer({ INTAKE_RATE_LIMIT: "2" });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("rate-limits intake per address and keeps the answers", async () => {
    for (let i = 0; i < 2; i++) expect((await submit(app, validFields())).status).toBe(302);
    const fields = validFields();
    const limited = await submit(app, fields);
    const html = await limited.text();
    expect(limited.status).toBe(429);
    expect(html).toContain("Too many inquiries");
    expect(html).toContain(`value="${fields.company}"`);
  });
});
