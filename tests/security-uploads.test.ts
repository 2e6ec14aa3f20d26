import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../app/server/auth.server";
import { createDb, writeTransaction } from "../db/client";
import { insertUser } from "../db/queries/users";
import { startAppServer, type AppServer } from "./support/app-server";
import { fixture, intakeForm, post, validFields, type Upload } from "./support/intake-client";
import { recipient, statusLinkIn, waitForMailbox } from "./support/mailbox";
import { storedZip, threeMfPackage } from "./support/zip";

type Row = Record<string, unknown>;

function query(app: AppServer, sql: string, ...params: unknown[]): Row[] {
  const db = new Database(path.join(app.dataDir, "mim-rfq.sqlite"), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as Row[];
  } finally {
    db.close();
  }
}

const upload = (name: string, content: string | Buffer): Upload => ({ name, content: typeof content === "string" ? Buffer.from(content) : content });

const HTML = '<!DOCTYPE html><html><body><script>document.title="pwned"</script></body></html>';
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.domain)"><text>part</text></svg>';
const HTML_MENTIONING_PDF = `<html><head><title>x</title></head><body><script>alert(1)</script>%PDF-1.4</body></html>`;
const OLE = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);

async function filesOf(app: AppServer, response: Response): Promise<Row[]> {
  const reference = new URL(response.headers.get("location") ?? "", app.url).searchParams.get("ref");
  return query(app, "select f.* from files f join inquiries i on i.id = f.inquiry_id where i.reference = ? order by f.original_name", reference);
}

describe("6. content checks", () => {
  let app: AppServer;
  beforeAll(async () => {
    app = await startAppServer({ ENGINEERING_INBOX: "engineering@factory.test" });
  });
  afterAll(async () => {
    await app?.stop();
    if (app && !app.output().includes("SIGTERM")) console.log(app.output());
  });

  it.each([
    ["an SVG named .sldprt", upload("bracket.sldprt", SVG), "its content is an SVG image, not a SolidWorks part"],
    ["HTML named .sldprt", upload("bracket.SLDPRT", `<div>${HTML}</div>`), "its content is not a SolidWorks part: it is text"],
    ["HTML named .x_b", upload("bracket.x_b", `<div>${HTML}</div>`), "its content is not a Parasolid model: it starts with neither"],
    ["a web page named .x_b", upload("bracket.x_b", HTML), "its content is a web page, not a Parasolid model"],
    ["an SVG named .x_t", upload("bracket.x_t", SVG), "its content is an SVG image, not a Parasolid model"],
    ["HTML mentioning %PDF- named .pdf", upload("drawing.pdf", HTML_MENTIONING_PDF), "its content is a web page, not a PDF drawing"],
    ["a plain ZIP named .3mf", upload("part.3mf", storedZip([{ name: "part.step", content: Buffer.from("ISO-10303-21;") }])), "its content is a ZIP archive (or a document packed like one, such as Word or Excel), not a 3MF model"],
    ["HTML named .dwg", upload("plan.dwg", HTML), "its content is a web page, not a DWG drawing"],
  ])("refuses %s, naming what it is", async (_label, file, reason) => {
    const response = await post(`${app.url}/rfq/new`, intakeForm(validFields(), [file]));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(`${file.name}&quot; was not accepted: ${reason}`);
    expect(query(app, "select count(*) as n from files where original_name = ?", file.name)[0]!.n).toBe(0);
  });

  it("accepts each type by its real signature: OLE SLDPRT, Parasolid text and binary, 3MF package, DWG, PDF", async () => {
    const files = [
      upload("a-bracket.sldprt", OLE),
      upload("b-bracket.x_t", "**ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz**************************\n**PARASOLID !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~0123456789**************************\n**PART1;\n"),
      upload("c-bracket.x_b", Buffer.concat([Buffer.from("PS\0\0\0"), Buffer.alloc(200, 1)])),
      upload("d-bracket.3mf", threeMfPackage({ thumbnailBytes: 100_000 })),
      upload("e-plan.dwg", Buffer.concat([Buffer.from("AC1032"), Buffer.alloc(200)])),
      fixture("nist_ftc_11_asme1_rb.pdf", "f-drawing.pdf"),
    ];
    const response = await post(`${app.url}/rfq/new`, intakeForm(validFields(), files));
    expect(response.status).toBe(302);
    expect((await filesOf(app, response)).map((f) => [f.original_name, f.format])).toEqual([
      ["a-bracket.sldprt", "sldprt"],
      ["b-bracket.x_t", "parasolid"],
      ["c-bracket.x_b", "parasolid"],
      ["d-bracket.3mf", "3mf"],
      ["e-plan.dwg", "dwg"],
      ["f-drawing.pdf", "pdf"],
    ]);
  });

  it("inlines with ?view only a PDF whose stored bytes pass the check; anything else is an attachment", async () => {
    const fields = validFields();
    const response = await post(`${app.url}/rfq/new`, intakeForm(fields, [fixture("nist_ftc_11_asme1_rb.pdf", "good.pdf"), fixture("nist_ftc_06_asme1_rd.pdf", "old.pdf")]));
    expect(response.status).toBe(302);
    const [good, old] = await filesOf(app, response);
    const [ack] = await waitForMailbox(path.join(app.dataDir, "mail"), (m) => recipient(m) === fields.email);
    const link = statusLinkIn(ack!);

    const viewed = await fetch(`${link}/files/${good!.id}?view`);
    expect(viewed.headers.get("content-type")).toBe("application/pdf");
    expect(viewed.headers.get("content-disposition")).toMatch(/^inline; /);
    expect(Buffer.from(await viewed.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");

    // A file accepted by the old check (HTML that mentions %PDF-) is still in storage: never inline it.
    fs.writeFileSync(path.join(app.dataDir, "files", old!.stored_key as string), HTML_MENTIONING_PDF);
    const refused = await fetch(`${link}/files/${old!.id}?view`);
    expect(refused.status).toBe(200);
    expect(refused.headers.get("content-type")).toBe("application/octet-stream");
    expect(refused.headers.get("content-disposition")).toMatch(/^attachment; /);
    expect(refused.headers.get("x-content-type-options")).toContain("nosniff");
    expect(await refused.text()).toBe(HTML_MENTIONING_PDF);
  });
});

describe("7. control characters", () => {
  let app: AppServer;
  const staffEmail = `engineer.${crypto.randomUUID().slice(0, 6)}@factory.test`;
  const password = "correct horse battery staple";
  beforeAll(async () => {
    app = await startAppServer({ ENGINEERING_INBOX: "engineering@factory.test" });
    const db = createDb(path.join(app.dataDir, "mim-rfq.sqlite"), { migrate: false });
    const passwordHash = await hashPassword(password);
    writeTransaction(db, (tx) => insertUser(tx, { id: crypto.randomUUID(), email: staffEmail, name: "Eng", passwordHash, roles: ["engineer"] }));
    db.$client.close();
  });
  afterAll(async () => {
    await app?.stop();
    if (app && !app.output().includes("SIGTERM")) console.log(app.output());
  });

  const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

  it("strips NUL, escape and bidi overrides from every text field; the queue and e-mails show clean text", async () => {
    const id = crypto.randomUUID().slice(0, 6);
    const fields = validFields({
      company: `Acme ${id}\u202Egnp.exe\u0000`,
      contactName: "Dana\r\nBcc: victim@example.com",
      partName: `Cam\u2066${id}\u2069\u001b[31m`,
      partNumber: "LC\u0007-100",
      notes: "Line one\r\nLine two\u202E\u0000\twith tab",
    });
    const response = await post(`${app.url}/rfq/new`, intakeForm(fields, [fixture("cube-10mm.igs")]));
    expect(response.status).toBe(302);
    const reference = new URL(response.headers.get("location") ?? "", app.url).searchParams.get("ref");
    const [row] = query(app, "select company, contact_name, part_name, part_number, notes from inquiries where reference = ?", reference);
    expect(row).toEqual({
      company: `Acme ${id}gnp.exe`,
      contact_name: "DanaBcc: victim@example.com",
      part_name: `Cam${id}[31m`,
      part_number: "LC-100",
      notes: "Line one\nLine two\twith tab",
    });

    const mails = await waitForMailbox(path.join(app.dataDir, "mail"), (m) => (m.subject ?? "").includes(reference!) || recipient(m) === fields.email, 2);
    for (const mail of mails) {
      expect(mail.text ?? "").not.toMatch(UNSAFE);
      expect(mail.html || "").not.toMatch(UNSAFE);
      expect(mail.subject ?? "").not.toMatch(UNSAFE);
    }

    const signIn = await fetch(`${app.url}/login`, { method: "POST", body: new URLSearchParams({ email: staffEmail, password }), redirect: "manual" });
    expect(signIn.status).toBe(302);
    const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
    const queue = await fetch(`${app.url}/review?q=${encodeURIComponent(`Acme\u202E ${id}`)}`, { headers: { cookie } });
    expect(queue.status).toBe(200);
    const html = await queue.text();
    expect(html).toContain(`Acme ${id}gnp.exe`);
    expect(html).not.toMatch(UNSAFE);
  });

  it("strips them from a status-page answer too, keeping its line breaks", async () => {
    const fields = validFields();
    expect((await post(`${app.url}/rfq/new`, intakeForm(fields, [fixture("cube-10mm.igs")]))).status).toBe(302);
    const [ack] = await waitForMailbox(path.join(app.dataDir, "mail"), (m) => recipient(m) === fields.email);
    const link = statusLinkIn(ack!);
    // No open question: the post is refused, and the answer given back is the cleaned text.
    const form = new FormData();
    form.set("intent", "answer");
    form.set("answer", "Wall 0.8\u202E mm\r\nsee\u0000 drawing");
    const response = await fetch(`${link}?_data=${encodeURIComponent("routes/status.$token")}`, { method: "POST", body: form });
    expect(response.status).toBeGreaterThanOrEqual(400);
    const data = (await response.json()) as { answer?: string };
    expect(data.answer).toBe("Wall 0.8 mm\nsee drawing");
  });
});
