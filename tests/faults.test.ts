import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "./support/app-server";
import { fixture, intakeForm, post, sha256, validFields, type Upload } from "./support/intake-client";
import { recipient, statusLinkIn, waitForMailbox } from "./support/mailbox";
import { fieldParts, multipartBody, rawPost } from "./support/raw-http";
import { startS3Server, type TestS3Server } from "./support/s3";

type Row = Record<string, unknown>;

function query(dataDir: string, sql: string, ...params: unknown[]): Row[] {
  const db = new Database(path.join(dataDir, "mim-rfq.sqlite"), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as Row[];
  } finally {
    db.close();
  }
}

/** Every file under the storage directory, relative to it (health probes included). */
function filesOnDisk(dataDir: string): string[] {
  const root = path.join(dataDir, "files");
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((p) => fs.statSync(path.join(root, p)).isFile());
}

async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function referenceOf(response: Response): string {
  const location = response.headers.get("location") ?? "";
  return new URL(location, "http://x").searchParams.get("ref") ?? "";
}

function dumpOutputOnFailure(app: AppServer | undefined) {
  if (app && !app.output().includes("SIGTERM")) console.log(app.output());
}

describe("10. UTF-8 file names", () => {
  let app: AppServer;
  beforeAll(async () => {
    app = await startAppServer({ ENGINEERING_INBOX: "engineering@factory.test" });
  });
  afterAll(async () => {
    await app?.stop();
    dumpOutputOnFailure(app);
  });

  const names = ["部品図面_ñ.stp", "رسم_القطعة.pdf", "Größenmaß_Übersicht.pdf", "🔩 bolt (v2) it's.stp"];

  it("keeps Japanese, Arabic, German and emoji names from the form to storage, page, e-mail and download", async () => {
    const fields = validFields();
    const uploads: Upload[] = [
      fixture("nist_ftc_11_asme1_rb.stp", names[0]),
      fixture("nist_ftc_11_asme1_rb.pdf", names[1]),
      fixture("nist_ftc_06_asme1_rd.pdf", names[2]),
      fixture("nist_ftc_06_asme1_rd.stp", names[3]),
    ];
    const response = await post(`${app.url}/rfq/new`, intakeForm(fields, uploads));
    expect(response.status).toBe(302);
    const reference = referenceOf(response);

    const [inquiry] = query(app.dataDir, "select id from inquiries where reference = ?", reference);
    const rows = query(app.dataDir, "select id, original_name, sha256 from files where inquiry_id = ?", inquiry!.id);
    expect(rows.map((r) => r.original_name).sort()).toEqual([...names].sort());

    const [ack] = await waitForMailbox(path.join(app.dataDir, "mail"), (m) => recipient(m) === fields.email);
    for (const name of names) expect(ack!.text).toContain(name);
    const [staffMail] = await waitForMailbox(
      path.join(app.dataDir, "mail"),
      (m) => recipient(m) === "engineering@factory.test" && (m.subject ?? "").includes(reference),
    );
    for (const name of names) expect(staffMail!.text).toContain(name);

    const link = statusLinkIn(ack!);
    const page = await (await fetch(link)).text();
    for (const name of names) expect(page).toContain(name.replace("'", "&#x27;"));

    for (const row of rows) {
      const download = await fetch(`${link}/files/${row.id}`);
      expect(download.status).toBe(200);
      const disposition = download.headers.get("content-disposition") ?? "";
      const fallback = disposition.match(/filename="([^"]*)"/)?.[1] ?? "";
      const exact = disposition.match(/filename\*=UTF-8''([^;\s]+)/)?.[1] ?? "";
      expect(fallback).toMatch(/^[\x20-\x7e]+$/);
      expect(exact).toMatch(/^[A-Za-z0-9%!#$&+.^_`|~-]+$/);
      expect(decodeURIComponent(exact)).toBe(row.original_name);
      expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(row.sha256);
    }
  });

  it("receives a bidi override in a file name intact, and strips it", async () => {
    const response = await post(`${app.url}/rfq/new`, intakeForm(validFields(), [fixture("nist_ftc_11_asme1_rb.pdf", "invoice\u202Egpj.pdf")]));
    expect(response.status).toBe(302);
    const [row] = query(
      app.dataDir,
      "select f.original_name from files f join inquiries i on i.id = f.inquiry_id where i.reference = ?",
      referenceOf(response),
    );
    expect(row!.original_name).toBe("invoicegpj.pdf");
  });
});

describe("11. refused uploads are answered", () => {
  let app: AppServer;
  beforeAll(async () => {
    app = await startAppServer({ ENGINEERING_INBOX: "engineering@factory.test" });
  });
  afterAll(async () => {
    await app?.stop();
    dumpOutputOnFailure(app);
  });

  it("answers a text field over the limit with 413 and its name, even with a large file still to come", async () => {
    const { body, contentType } = multipartBody([
      ...fieldParts(validFields({ notes: "x".repeat(70 * 1024) })),
      { name: "files", filename: "part.stp", value: Buffer.concat([fixture("nist_ftc_11_asme1_rb.stp").content, Buffer.alloc(8 * 1024 * 1024, 0x20)]) },
    ]);
    const answer = await rawPost(`${app.url}/rfq/new`, { "Content-Type": contentType }, body);
    expect(answer.status).toBe(413);
    expect(answer.text).toContain("The field &quot;notes&quot; is longer than 64 KB");
  });

  it("answers a file name with a NUL (busboy refuses the part header) with 400 and a message", async () => {
    const { body, contentType } = multipartBody([
      ...fieldParts(validFields()),
      { name: "files", filename: "part\u0000.step", value: Buffer.concat([fixture("nist_ftc_11_asme1_rb.stp").content, Buffer.alloc(4 * 1024 * 1024, 0x20)]) },
    ]);
    const answer = await rawPost(`${app.url}/rfq/new`, { "Content-Type": contentType }, body);
    expect(answer.status).toBe(400);
    expect(answer.text).toContain("The form data is malformed (Malformed part header). Send it again from the form.");
  });

  it("answers a refused file type without closing the connection first", async () => {
    const { body, contentType } = multipartBody([
      ...fieldParts(validFields()),
      { name: "files", filename: "setup.exe", value: Buffer.alloc(2 * 1024 * 1024, 0x4d) },
    ]);
    const answer = await rawPost(`${app.url}/rfq/new`, { "Content-Type": contentType }, body);
    expect(answer.status).toBe(400);
    expect(answer.text).toContain("this file type is not accepted");
  });

  describe("when disk storage refuses writes", () => {
    let broken: AppServer;
    beforeAll(async () => {
      broken = await startAppServer({ ENGINEERING_INBOX: "engineering@factory.test" });
      // The storage directory becomes a plain file: every write fails with ENOTDIR, as root too.
      const dir = path.join(broken.dataDir, "files");
      fs.rmSync(dir, { recursive: true, force: true });
      fs.writeFileSync(dir, "not a directory");
    });
    afterAll(async () => {
      await broken?.stop();
      dumpOutputOnFailure(broken);
    });

    it("says nothing was saved, keeps the answers, logs the cause and alerts staff once", async () => {
      const fields = validFields({ notes: "Keep these notes: 4 cavities." });
      const response = await post(`${broken.url}/rfq/new`, intakeForm(fields, [fixture("nist_ftc_11_asme1_rb.stp")]));
      expect(response.status).toBe(503);
      const html = await response.text();
      expect(html).toContain("We could not store your files, so nothing was saved. Please try again in a few minutes");
      expect(html).not.toContain("cut off");
      expect(html).toContain(`value="${fields.company}"`);
      expect(html).toContain("Keep these notes: 4 cavities.");
      expect(broken.output()).toMatch(/storage write failed \(disk\), upload refused: .*ENOTDIR/);

      const [alert] = await waitForMailbox(
        path.join(broken.dataDir, "mail"),
        (m) => recipient(m) === "engineering@factory.test" && m.subject === "Uploads are failing: file storage refused a write",
      );
      expect(alert!.text).toContain("ENOTDIR");

      // A second failure in the same outage is logged, not mailed again.
      const again = await post(`${broken.url}/rfq/new`, intakeForm(validFields(), [fixture("cube-10mm.igs")]));
      expect(again.status).toBe(503);
      expect(query(broken.dataDir, "select count(*) as n from outbox where kind = 'storage-failure'")[0]!.n).toBe(1);
      expect(broken.output().match(/storage write failed/g)).toHaveLength(2);
      expect(query(broken.dataDir, "select count(*) as n from inquiries")[0]!.n).toBe(0);
      expect(query(broken.dataDir, "select count(*) as n from files")[0]!.n).toBe(0);
    });
  });

  describe("when S3 is down", () => {
    let s3: TestS3Server;
    let onS3: AppServer;
    beforeAll(async () => {
      s3 = await startS3Server();
      onS3 = await startAppServer({
        ENGINEERING_INBOX: "engineering@factory.test",
        STORAGE: "s3",
        S3_BUCKET: s3.bucket,
        S3_ENDPOINT: s3.endpoint,
        S3_ACCESS_KEY_ID: "S3RVER",
        S3_SECRET_ACCESS_KEY: "S3RVER",
        S3_FORCE_PATH_STYLE: "true",
      });
    });
    afterAll(async () => {
      await onS3?.stop();
      await s3?.stop().catch(() => undefined);
      dumpOutputOnFailure(onS3);
    });

    it("stores while S3 is up; when it stops, answers 503 with the answers kept and alerts staff", async () => {
      expect((await post(`${onS3.url}/rfq/new`, intakeForm(validFields(), [fixture("cube-10mm.igs")]))).status).toBe(302);
      await s3.stop();
      const fields = validFields();
      const response = await post(`${onS3.url}/rfq/new`, intakeForm(fields, [fixture("nist_ftc_11_asme1_rb.stp")]));
      expect(response.status).toBe(503);
      const html = await response.text();
      expect(html).toContain("We could not store your files, so nothing was saved.");
      expect(html).toContain(`value="${fields.email}"`);
      expect(onS3.output()).toMatch(/storage write failed \(s3\), upload refused: .*ECONNREFUSED/);
      await waitForMailbox(path.join(onS3.dataDir, "mail"), (m) => m.subject === "Uploads are failing: file storage refused a write");
      expect(query(onS3.dataDir, "select count(*) as n from files where inquiry_id is null")[0]!.n).toBe(0);
    });
  });
});

describe("12. temporary files swept", () => {
  let app: AppServer | undefined;
  let restarted: AppServer | undefined;
  afterAll(async () => {
    await app?.stop();
    await restarted?.stop();
    dumpOutputOnFailure(restarted);
  });

  /** Starts a multipart upload and leaves it open after `fileBytes` bytes of its second file. */
  function openUpload(url: string, firstFile: Upload): http.ClientRequest {
    const boundary = `----mimrfq${crypto.randomUUID()}`;
    const head = Buffer.concat([
      ...Object.entries(validFields()).map(([name, value]) =>
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
      ),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${firstFile.name}"\r\n\r\n`),
      firstFile.content,
      Buffer.from(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="half.stp"\r\n\r\nISO-10303-21;\n`),
      Buffer.alloc(512 * 1024, 0x20),
    ]);
    const request = http.request(`${url}/rfq/new`, {
      method: "POST",
      headers: { "Content-Type": `multipart/form-data; boundary=${boundary}`, "Content-Length": String(head.length + 50 * 1024 * 1024) },
    });
    request.on("error", () => undefined);
    request.write(head);
    return request;
  }

  it("kill -9 during concurrent uploads, then restart: no acknowledged inquiry lost, no orphan or partial file", async () => {
    app = await startAppServer({ ENGINEERING_INBOX: "engineering@factory.test" });
    const dataDir = app.dataDir;
    const url = app.url;

    // Acknowledged before the crash: each 302 promises an inquiry with its files.
    const acknowledged = await Promise.all(
      [fixture("nist_ftc_11_asme1_rb.stp"), fixture("cube-10mm.igs"), fixture("nist_ftc_06_asme1_rd.pdf")].map(async (upload) => {
        const response = await post(`${url}/rfq/new`, intakeForm(validFields(), [upload]));
        expect(response.status).toBe(302);
        return { reference: referenceOf(response), upload };
      }),
    );
    // In flight at the crash: a first file stored, a second one half-written.
    const open = [0, 1, 2, 3].map(() => openUpload(url, fixture("cube-10mm.igs", "first.igs")));
    const unattached = (status: string) => query(dataDir, "select count(*) as n from files where inquiry_id is null and status = ?", status)[0]!.n;
    await waitFor(
      "four uploads with their first file stored and their second half-written",
      () => unattached("stored") === 4 && unattached("receiving") === 4 && filesOnDisk(dataDir).filter((f) => f.endsWith(".partial")).length === 4,
    );
    await app.crash();
    for (const request of open) request.destroy();

    const before = filesOnDisk(dataDir);
    expect(before.filter((f) => f.endsWith(".partial"))).toHaveLength(4);
    expect(query(dataDir, "select count(*) as n from files where inquiry_id is null")[0]!.n).toBe(8);

    restarted = await startAppServer({ DATA_DIR: dataDir, ENGINEERING_INBOX: "engineering@factory.test" });
    await waitFor(
      "the restart sweep",
      () =>
        filesOnDisk(dataDir).every((f) => !f.endsWith(".partial")) &&
        query(dataDir, "select count(*) as n from files where inquiry_id is null")[0]!.n === 0,
    );
    expect(restarted.output()).toContain("removed 8 abandoned upload(s) and 4 temporary file(s)");

    for (const { reference, upload } of acknowledged) {
      const [inquiry] = query(dataDir, "select id from inquiries where reference = ?", reference);
      expect(inquiry, reference).toBeDefined();
      const [file] = query(dataDir, "select stored_key, sha256, status from files where inquiry_id = ?", inquiry!.id);
      expect(file).toMatchObject({ sha256: sha256(upload.content), status: "stored" });
      expect(sha256(fs.readFileSync(path.join(dataDir, "files", file!.stored_key as string)))).toBe(sha256(upload.content));
    }
    const keys = new Set(query(dataDir, "select stored_key from files").map((r) => r.stored_key));
    const orphans = filesOnDisk(dataDir).filter((f) => !keys.has(f.split(path.sep).join("/")));
    expect(orphans).toEqual([]);
    expect(query(dataDir, "select count(*) as n from inquiries")[0]!.n).toBe(acknowledged.length);
    expect(query(dataDir, "pragma integrity_check")).toEqual([{ integrity_check: "ok" }]);
  });
});

describe("14. malformed multipart", () => {
  let app: AppServer;
  let statusLink: string;
  beforeAll(async () => {
    app = await startAppServer({ ENGINEERING_INBOX: "engineering@factory.test" });
    const fields = validFields();
    expect((await post(`${app.url}/rfq/new`, intakeForm(fields, [fixture("cube-10mm.igs")]))).status).toBe(302);
    const [ack] = await waitForMailbox(path.join(app.dataDir, "mail"), (m) => recipient(m) === fields.email);
    statusLink = statusLinkIn(ack!);
  });
  afterAll(async () => {
    await app?.stop();
    dumpOutputOnFailure(app);
  });

  const routes = () => [
    ["intake", `${app.url}/rfq/new`],
    ["status-page files", statusLink],
    ["status-page answer (progress upload)", `${statusLink}?_data=routes%2Fstatus.%24token`],
  ];

  it("answers multipart without a boundary with 400 and a message on every upload route", async () => {
    for (const [name, url] of routes()) {
      const answer = await rawPost(url!, { "Content-Type": "multipart/form-data" }, Buffer.from("intent=answer&answer=hello"));
      expect(answer.status, name).toBe(400);
      expect(answer.text, name).toContain("Boundary not found");
      expect(answer.text, name).toContain("multipart/form-data with its boundary");
    }
  });

  it("answers a body that breaks off mid-way with 400 and a message on every upload route, keeping nothing", async () => {
    for (const [name, url] of routes()) {
      const boundary = "----mimrfqbroken";
      const body = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nanswer\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="a.stp"\r\n\r\nISO-10303-21;\nDATA;`,
      );
      const answer = await rawPost(url!, { "Content-Type": `multipart/form-data; boundary=${boundary}` }, body);
      expect(answer.status, name).toBe(400);
      expect(answer.text, name).toContain("The form data is malformed (Unexpected end of form)");
    }
    expect(query(app.dataDir, "select count(*) as n from files where inquiry_id is null")[0]!.n).toBe(0);
  });

  it("answers a part without its header end with 400", async () => {
    const boundary = "----mimrfqheader";
    const body = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="company"\r\n${"X-Filler: y\r\n".repeat(3000)}`);
    const answer = await rawPost(`${app.url}/rfq/new`, { "Content-Type": `multipart/form-data; boundary=${boundary}` }, body);
    expect(answer.status).toBe(400);
    expect(answer.text).toContain("The form data is malformed");
  });
});
