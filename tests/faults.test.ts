/**
 * Issue 8 (hardening), items 10-15, against the real server (server.ts with the built app): UTF-8
 * file names, refused uploads, temporary files swept after a crash, the mail outbox, malformed
 * requests, shutdown. A describe or test that breaks its server, crashes or stops it, or needs its
 * own settings starts a server of its own; the others share one.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { freePort, startAppServer, type AppServer, SHARED_SERVER_ENV } from "./support/app-server";
import { query } from "./support/db";
import { FORM, NO_SUCH, SPENT_TOKEN } from "./support/form-routes";
import { sendInquiry } from "./support/inquiry";
import { fixture, intakeForm, post, sha256, submitInquiry, validFields, type Upload } from "./support/intake-client";
import { recipient, waitForMailbox } from "./support/mailbox";
import { fieldParts, multipartBody, rawPost, send } from "./support/raw-http";
import { startS3Server, type TestS3Server } from "./support/s3";
import { startSmtpServer } from "./support/smtp";
import { sphereStl } from "./support/meshes";
import { createStaffUser, sessionCookie } from "./support/staff";

const SECOND = 1000;
/** Servers and mail servers a test starts for itself (items 13 and 15), stopped after it. */
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const stop of cleanup.splice(0).reverse()) await stop();
});

/** Every file under the storage directory, relative to it (health probes included). */
function filesOnDisk(dataDir: string): string[] {
  const root = path.join(dataDir, "files");
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((p) =>
    fs.statSync(path.join(root, p)).isFile(),
  );
}

function referenceOf(response: Response): string {
  const location = response.headers.get("location") ?? "";
  return new URL(location, "http://x").searchParams.get("ref") ?? "";
}

function dumpOutputOnFailure(app: AppServer | undefined) {
  if (app && !app.output().includes("SIGTERM")) console.log(app.output());
}

type OutboxRow = { id: number; to: string; status: string; attempts: number; last_error: string | null };

/** The server of items 10, 11 and 14, whose tests leave it as they found it. Every test posts from 127.0.0.1. */
let shared: AppServer;
beforeAll(async () => {
  shared = await startAppServer(SHARED_SERVER_ENV);
});
afterAll(async () => {
  await shared?.stop();
  dumpOutputOnFailure(shared);
});

describe("10. UTF-8 file names", () => {
  let app: AppServer;
  beforeAll(() => {
    app = shared;
  });

  const names = ["部品図面_ñ.stp", "رسم_القطعة.pdf", "Größenmaß_Übersicht.pdf", "🔩 bolt (v2) it's.stp"];

  it("keeps Japanese, Arabic, German and emoji names from the form to storage, page, e-mail and download", async () => {
    const files: Upload[] = [
      fixture("nist_ftc_11_asme1_rb.stp", names[0]),
      fixture("nist_ftc_11_asme1_rb.pdf", names[1]),
      fixture("nist_ftc_06_asme1_rd.pdf", names[2]),
      fixture("nist_ftc_06_asme1_rd.stp", names[3]),
    ];
    const { id, reference, acknowledgement: ack, statusLink: link } = await sendInquiry(app, { files });

    const rows = query(app.dataDir, "select id, original_name, sha256 from files where inquiry_id = ?", id);
    expect(rows.map((r) => r.original_name).sort()).toEqual([...names].sort());

    for (const name of names) expect(ack.text).toContain(name);
    const [staffMail] = await waitForMailbox(
      path.join(app.dataDir, "mail"),
      (m) => recipient(m) === "engineering@factory.test" && (m.subject ?? "").includes(reference),
    );
    for (const name of names) expect(staffMail!.text).toContain(name);

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
    const response = await post(
      `${app.url}/rfq/new`,
      intakeForm(validFields(), [fixture("nist_ftc_11_asme1_rb.pdf", "invoice\u202Egpj.pdf")]),
    );
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
  beforeAll(() => {
    app = shared;
  });

  it("answers a text field over the limit with 413 and its name, even with a large file still to come", async () => {
    const { body, contentType } = multipartBody([
      ...fieldParts(validFields({ notes: "x".repeat(70 * 1024) })),
      {
        name: "files",
        filename: "part.stp",
        value: Buffer.concat([fixture("nist_ftc_11_asme1_rb.stp").content, Buffer.alloc(8 * 1024 * 1024, 0x20)]),
      },
    ]);
    const answer = await rawPost(`${app.url}/rfq/new`, { "Content-Type": contentType }, body);
    expect(answer.status).toBe(413);
    expect(answer.text).toContain("The field &quot;notes&quot; is longer than 64 KB");
  });

  it("answers a file name with a NUL (busboy refuses the part header) with 400 and a message", async () => {
    const { body, contentType } = multipartBody([
      ...fieldParts(validFields()),
      {
        name: "files",
        filename: "part\u0000.step",
        value: Buffer.concat([fixture("nist_ftc_11_asme1_rb.stp").content, Buffer.alloc(4 * 1024 * 1024, 0x20)]),
      },
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
      // The page's data script carries every intake message, this one too: read what the page shows.
      expect(html.replace(/<script[\s\S]*?<\/script>/g, "")).not.toContain("cut off");
      expect(html).toContain(`value="${fields.company}"`);
      expect(html).toContain("Keep these notes: 4 cavities.");
      expect(broken.output()).toMatch(/storage write failed \(disk\), upload refused: .*ENOTDIR/);

      const [alert] = await waitForMailbox(
        path.join(broken.dataDir, "mail"),
        (m) =>
          recipient(m) === "engineering@factory.test" &&
          m.subject === "Uploads are failing: file storage refused a write",
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
      expect((await post(`${onS3.url}/rfq/new`, intakeForm(validFields(), [fixture("cube-10mm.igs")]))).status).toBe(
        302,
      );
      await s3.stop();
      const fields = validFields();
      const response = await post(`${onS3.url}/rfq/new`, intakeForm(fields, [fixture("nist_ftc_11_asme1_rb.stp")]));
      expect(response.status).toBe(503);
      const html = await response.text();
      expect(html).toContain("We could not store your files, so nothing was saved.");
      expect(html).toContain(`value="${fields.email}"`);
      expect(onS3.output()).toMatch(/storage write failed \(s3\), upload refused: .*ECONNREFUSED/);
      await waitForMailbox(
        path.join(onS3.dataDir, "mail"),
        (m) => m.subject === "Uploads are failing: file storage refused a write",
      );
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
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${firstFile.name}"\r\n\r\n`,
      ),
      firstFile.content,
      Buffer.from(
        `\r\n--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="half.stp"\r\n\r\nISO-10303-21;\n`,
      ),
      Buffer.alloc(512 * 1024, 0x20),
    ]);
    const request = http.request(`${url}/rfq/new`, {
      method: "POST",
      headers: {
        "Content-Type": `multipart/form-data; boundary=${boundary}`,
        "Content-Length": String(head.length + 50 * 1024 * 1024),
      },
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
      [fixture("nist_ftc_11_asme1_rb.stp"), fixture("cube-10mm.igs"), fixture("nist_ftc_06_asme1_rd.pdf")].map(
        async (upload) => {
          const response = await post(`${url}/rfq/new`, intakeForm(validFields(), [upload]));
          expect(response.status).toBe(302);
          return { reference: referenceOf(response), upload };
        },
      ),
    );
    // In flight at the crash: a first file stored, a second one half-written.
    const open = [0, 1, 2, 3].map(() => openUpload(url, fixture("cube-10mm.igs", "first.igs")));
    const unattached = (status: string) =>
      query(dataDir, "select count(*) as n from files where inquiry_id is null and status = ?", status)[0]!.n;
    await expect
      .poll(
        () => ({
          stored: unattached("stored"),
          receiving: unattached("receiving"),
          partial: filesOnDisk(dataDir).filter((f) => f.endsWith(".partial")).length,
        }),
        { message: "four uploads with their first file stored and their second half-written", timeout: 30 * SECOND },
      )
      .toEqual({ stored: 4, receiving: 4, partial: 4 });
    await app.crash();
    for (const request of open) request.destroy();

    const before = filesOnDisk(dataDir);
    expect(before.filter((f) => f.endsWith(".partial"))).toHaveLength(4);
    expect(query(dataDir, "select count(*) as n from files where inquiry_id is null")[0]!.n).toBe(8);

    restarted = await startAppServer({ DATA_DIR: dataDir, ENGINEERING_INBOX: "engineering@factory.test" });
    await expect
      .poll(
        () => ({
          partial: filesOnDisk(dataDir).filter((f) => f.endsWith(".partial")).length,
          unattached: query(dataDir, "select count(*) as n from files where inquiry_id is null")[0]!.n,
        }),
        { message: "the restart sweep", timeout: 30 * SECOND },
      )
      .toEqual({ partial: 0, unattached: 0 });
    expect(restarted.output()).toContain("removed 8 abandoned upload(s) and 4 temporary file(s)");

    for (const { reference, upload } of acknowledged) {
      const [inquiry] = query(dataDir, "select id from inquiries where reference = ?", reference);
      expect(inquiry, reference).toBeDefined();
      const [file] = query(dataDir, "select stored_key, sha256, status from files where inquiry_id = ?", inquiry!.id);
      expect(file).toMatchObject({ sha256: sha256(upload.content), status: "stored" });
      expect(sha256(fs.readFileSync(path.join(dataDir, "files", file!.stored_key as string)))).toBe(
        sha256(upload.content),
      );
    }
    const keys = new Set(query(dataDir, "select stored_key from files").map((r) => r.stored_key));
    const orphans = filesOnDisk(dataDir).filter((f) => !keys.has(f.split(path.sep).join("/")));
    expect(orphans).toEqual([]);
    expect(query(dataDir, "select count(*) as n from inquiries")[0]!.n).toBe(acknowledged.length);
    expect(query(dataDir, "pragma integrity_check")).toEqual([{ integrity_check: "ok" }]);
  });
});
describe("13. outbox", () => {
  it("keeps a 550-refused message as a dead letter, stays healthy, and shows it to the admin, whose Retry sends it", async () => {
    const buyer = `nobody.${crypto.randomUUID().slice(0, 8)}@example.com`;
    const smtp = await startSmtpServer({ bounce: [buyer] });
    cleanup.push(() => smtp.stop());
    const app = await startAppServer({ SMTP_URL: smtp.url, ENGINEERING_INBOX: "engineering@factory.test" });
    cleanup.push(() => app.stop());

    await submitInquiry(app.url, { fields: { email: buyer, language: "en" } });
    const [engineering] = await smtp.waitFor(1, 30 * SECOND);
    expect(recipient(engineering!)).toBe("engineering@factory.test");
    const deadLetter = () =>
      query<OutboxRow>(app.dataDir, "select * from outbox where \"to\" = ? and status = 'dead'", buyer);
    await expect
      .poll(deadLetter, { message: "the acknowledgement to the unknown address becomes a dead letter" })
      .toHaveLength(1);
    const [dead] = deadLetter() as [OutboxRow];
    expect(dead.attempts).toBe(1);
    expect(dead.last_error).toContain("550");
    expect(smtp.messages).toHaveLength(1);

    const health = await fetch(`${app.url}/healthz`);
    expect(health.status, await health.clone().text()).toBe(200);

    const cookie = await sessionCookie(app, await createStaffUser(app.dataDir, ["admin"]));
    const page = await (await fetch(`${app.url}/admin/mail`, { headers: { Cookie: cookie } })).text();
    expect(page).toContain(buyer);
    expect(page).toContain("User unknown");
    expect(page).toMatch(/Inquiry RFQ-\d{4}-\d{5} received/);
    const csrf = page.match(/name="_csrf" value="([^"]+)"/)![1]!;
    expect(page).toContain(`name="id" value="${dead.id}"`);

    const retry = (body: Record<string, string>) =>
      fetch(`${app.url}/admin/mail`, {
        method: "POST",
        headers: { Cookie: cookie },
        body: new URLSearchParams(body),
        redirect: "manual",
      });
    expect((await retry({ id: String(dead.id) })).status, "without the CSRF token").toBe(403);
    expect((await retry({ _csrf: csrf, id: "x" })).status).toBe(400);

    smtp.bounce.delete(buyer);
    const accepted = await retry({ _csrf: csrf, id: String(dead.id) });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("location")).toBe("/admin/mail?retried=1");
    const mails = await smtp.waitFor(2, 30 * SECOND);
    expect(recipient(mails[1]!)).toBe(buyer);
    await expect
      .poll(() => query<OutboxRow>(app.dataDir, "select status from outbox where id = ?", dead.id)[0]?.status, {
        message: "the retried message is marked sent",
      })
      .toBe("sent");
    expect((await retry({ _csrf: csrf, id: String(dead.id) })).status, "a second Retry of the same message").toBe(409);
    expect(await (await fetch(`${app.url}/admin/mail`, { headers: { Cookie: cookie } })).text()).not.toContain(buyer);
  }, 120_000);

  it("retries mail queued during an SMTP outage on MAIL_RETRY_SECONDS, its last wait repeating, and delivers it once the server is back", async () => {
    const port = await freePort();
    // Waits of a fraction of a second stand in for the default 10 s, 20 s, 30 s (mail.test.ts checks those).
    const app = await startAppServer({
      SMTP_URL: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
      ENGINEERING_INBOX: "engineering@factory.test",
      MAIL_RETRY_SECONDS: "0.2,0.4,0.6",
    });
    cleanup.push(() => app.stop());
    await submitInquiry(app.url);

    // Four failed attempts: with the old doubling backoff the next wait would be 1.6 s, not 0.6 s.
    const waitsAfterFourFailures = () =>
      query<{ wait: number }>(
        app.dataDir,
        "select distinct next_attempt_at - failed_at as wait from outbox where status = 'pending' and attempts >= 4",
      ).map((row) => row.wait);
    await expect.poll(waitsAfterFourFailures, { timeout: 60 * SECOND }).toEqual([600]);
    expect(query<OutboxRow>(app.dataDir, "select * from outbox where status = 'pending'")).toHaveLength(2);

    const smtp = await startSmtpServer({ port });
    cleanup.push(() => smtp.stop());
    const mails = await smtp.waitFor(2, 30 * SECOND);
    expect(mails.map(recipient)).toContain("engineering@factory.test");
    await expect
      .poll(() => query<OutboxRow>(app.dataDir, "select * from outbox where status = 'sent'").length, {
        timeout: 10 * SECOND,
      })
      .toBe(2);
  });
});
describe("14. malformed requests", () => {
  describe("form posts", () => {
    let app: AppServer;
    let adminCookie: string;
    let statusLink: string;
    beforeAll(async () => {
      app = shared;
      adminCookie = await sessionCookie(app, await createStaffUser(app.dataDir, ["admin"]));
      ({ statusLink } = await sendInquiry(app, { files: [fixture("cube-10mm.igs")] }));
    });

    const NOT_A_FORM = "This address takes HTML form posts (application/x-www-form-urlencoded)";
    // The status page speaks its inquiry's language (the test buyer's is German).
    const NOT_MULTIPART = "Senden Sie das Formular als multipart/form-data";
    const CSRF = "This form has expired or did not come from this site";
    // [route, what an empty form gets]
    const routes: [string, number, string][] = [
      ["/login", 400, "Enter your e-mail address."],
      ["/logout", 403, CSRF],
      [`/set-password/${SPENT_TOKEN}`, 400, "This link no longer works"],
      [`/review/${NO_SUCH}`, 403, CSRF],
      ["/admin/users", 403, CSRF],
      ["/admin/settings", 403, CSRF],
      ["status page", 415, NOT_MULTIPART],
    ];
    const bodies: [string, Record<string, string>, string][] = [
      ["JSON", { "Content-Type": "application/json" }, '{"email":"a@b.test","password":"x"}'],
      ["plain text", { "Content-Type": "text/plain" }, "email=a@b.test"],
      ["an empty body", { "Content-Length": "0" }, ""],
      ["an empty form", { ...FORM, "Content-Length": "0" }, ""],
    ];
    const cases = routes.flatMap(([route, emptyStatus, emptyMessage]) =>
      bodies.map(([label, headers, body]) => {
        const empty = label.startsWith("an empty");
        const expected =
          route === "status page" ? [415, NOT_MULTIPART] : empty ? [emptyStatus, emptyMessage] : [415, NOT_A_FORM];
        return [route, label, headers, body, ...expected] as [
          string,
          string,
          Record<string, string>,
          string,
          number,
          string,
        ];
      }),
    );

    it.each(cases)(
      "answers %s with %s by a 4xx and a message",
      async (route, _label, headers, body, status, message) => {
        const url = route === "status page" ? statusLink : `${app.url}${route}`;
        const logged = app.output().length;
        // Staff routes get a signed-in admin; sign-in itself would send a signed-in person on.
        const cookie: Record<string, string> = /^\/(review|admin|logout)/.test(route) ? { Cookie: adminCookie } : {};
        const answer = await send(url, { headers: { ...headers, ...cookie, Accept: "text/html" }, body });
        expect(answer.status).toBe(status);
        expect(answer.text).toContain(message);
        // No stack trace: the server treated it as a bad request, not as its own failure.
        expect(app.output().slice(logged)).not.toMatch(/\n\s+at /);
      },
    );
  });

  describe("multipart bodies", () => {
    let app: AppServer;
    let statusLink: string;
    beforeAll(async () => {
      app = shared;
      ({ statusLink } = await sendInquiry(app, { files: [fixture("cube-10mm.igs")] }));
    });

    // [route, url, the refusals in its language: the intake's visitor sends no language, the status page's buyer reads German]
    const routes = () => [
      ["intake", `${app.url}/rfq/new`, "multipart/form-data with its boundary", "The form data is malformed"],
      ["status-page files", statusLink, "multipart/form-data mit seiner Boundary", "Die Formulardaten sind fehlerhaft"],
      [
        "status-page answer (progress upload)",
        `${statusLink}?_data=routes%2Fstatus.%24token`,
        "multipart/form-data mit seiner Boundary",
        "Die Formulardaten sind fehlerhaft",
      ],
    ];

    it("answers multipart without a boundary with 400 and a message on every upload route", async () => {
      for (const [name, url, noBoundary] of routes()) {
        const answer = await rawPost(
          url!,
          { "Content-Type": "multipart/form-data" },
          Buffer.from("intent=answer&answer=hello"),
        );
        expect(answer.status, name).toBe(400);
        expect(answer.text, name).toContain("Boundary not found");
        expect(answer.text, name).toContain(noBoundary);
      }
    });

    it("answers a body that breaks off mid-way with 400 and a message on every upload route, keeping nothing", async () => {
      for (const [name, url, , malformed] of routes()) {
        const boundary = "----mimrfqbroken";
        const body = Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nanswer\r\n` +
            `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="a.stp"\r\n\r\nISO-10303-21;\nDATA;`,
        );
        const answer = await rawPost(url!, { "Content-Type": `multipart/form-data; boundary=${boundary}` }, body);
        expect(answer.status, name).toBe(400);
        expect(answer.text, name).toContain(`${malformed} (Unexpected end of form)`);
      }
      expect(query(app.dataDir, "select count(*) as n from files where inquiry_id is null")[0]!.n).toBe(0);
    });

    it("answers a part without its header end with 400", async () => {
      const boundary = "----mimrfqheader";
      const body = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="company"\r\n${"X-Filler: y\r\n".repeat(3000)}`,
      );
      const answer = await rawPost(
        `${app.url}/rfq/new`,
        { "Content-Type": `multipart/form-data; boundary=${boundary}` },
        body,
      );
      expect(answer.status).toBe(400);
      expect(answer.text).toContain("The form data is malformed");
    });
  });
});

describe("15. shutdown", () => {
  it("hands an analysis interrupted by SIGTERM back without using an attempt, starts no second worker, and finishes it after the restart", async () => {
    const app = await startAppServer();
    cleanup.push(() => app.stop());
    await submitInquiry(app.url, { files: [{ name: "sphere.stl", content: sphereStl(40) }] });
    type Row = { status: string; attempts: number };
    const analysis = () =>
      query<Row>(
        app.dataDir,
        "select a.status, a.attempts from model_analyses a join files f on f.id = a.file_id where f.original_name = 'sphere.stl'",
      )[0];
    await expect
      .poll(() => analysis()?.status, { message: "the analysis of the sphere is running", timeout: 60 * SECOND })
      .toBe("running");

    const signalled = Date.now();
    expect(await app.stop("SIGTERM")).toBe(0);
    expect(Date.now() - signalled, "the server exits promptly").toBeLessThan(15 * SECOND);
    expect(analysis()).toEqual({ status: "pending", attempts: 0 });
    const log = app.output();
    expect(log.match(/analysing file/g), log).toHaveLength(1);
    expect(log).toContain("interrupted by shutdown");
    expect(log).not.toContain("retrying once");

    const restarted = await startAppServer({}, { dataDir: app.dataDir });
    cleanup.push(() => restarted.stop());
    await expect
      .poll(() => analysis()?.status, { message: "the analysis finishes after the restart", timeout: 180 * SECOND })
      .toBe("done");
    expect(analysis()).toEqual({ status: "done", attempts: 1 });
    expect(restarted.output()).toMatch(/analysing file \S+ \(attempt 1\)/);
  }, 300_000);
});
