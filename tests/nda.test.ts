import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "./support/app-server";
import { query } from "./support/db";
import { sendInquiry } from "./support/inquiry";
import { fixture, sha256, type Upload } from "./support/intake-client";
import { rawPost } from "./support/raw-http";
import { createStaffUser, csrfOf, sessionCookie } from "./support/staff";

const CLOSED = "Closed until the signed NDA is recorded";
const SIGNED_NDA = fixture("nist_ftc_06_asme1_rd.pdf", "NDA Acme signed.pdf");

type Sent = { id: string; statusLink: string; drawing: string; model: string };
const DRAWING = fixture("nist_ftc_11_asme1_rb.pdf");
const bytesOf = async (response: Response) => sha256(Buffer.from(await response.arrayBuffer()));

/** Every object in the disk storage, so a test can tell that a refused upload left nothing behind. */
function storedObjects(app: AppServer): string[] {
  const root = path.join(app.dataDir, "files");
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true, encoding: "utf8" }).filter((p) => {
    return fs.statSync(path.join(root, p)).isFile();
  });
}

function ndaForm(fields: { csrf: string; signedOn?: string }, upload?: Upload): FormData {
  const form = new FormData();
  form.append("_csrf", fields.csrf);
  if (fields.signedOn !== undefined) form.append("signedOn", fields.signedOn);
  if (upload) form.append("nda", new Blob([new Uint8Array(upload.content)]), upload.name);
  return form;
}

describe("the NDA a buyer asks for, on the real server", () => {
  let app: AppServer;
  const cookies: Record<"engineer" | "sales" | "admin", string> = { engineer: "", sales: "", admin: "" };

  beforeAll(async () => {
    app = await startAppServer();
    for (const role of ["engineer", "sales", "admin"] as const)
      cookies[role] = await sessionCookie(app, await createStaffUser(app.dataDir, [role]));
  });
  afterAll(async () => {
    await app?.stop();
  });

  /** A buyer's inquiry with a drawing and a model, asking for an NDA or not: its files' ids too. */
  async function ndaInquiry(ndaRequired: "yes" | "no"): Promise<Sent> {
    const { id, statusLink } = await sendInquiry(app, {
      fields: { ndaRequired, language: "en", stlUnit: "mm" },
      files: [DRAWING, fixture("cube-10mm-binary.stl")],
    });
    const files = query<{ id: string; name: string }>(
      app.dataDir,
      "select id, original_name as name from files where inquiry_id = ? order by original_name",
      id,
    );
    const idOf = (name: string) => files.find((f) => f.name === name)!.id;
    return { id, statusLink, drawing: idOf(DRAWING.name), model: idOf("cube-10mm-binary.stl") };
  }

  /** Waits until the worker has rendered the drawing's first page and the model's preview. */
  async function waitForPreviews(inquiryId: string): Promise<void> {
    await expect
      .poll(
        () =>
          query<{ n: number }>(
            app.dataDir,
            `select count(*) as n from model_analyses a join files f on f.id = a.file_id
             where f.inquiry_id = ? and a.status = 'done' and a.preview_key is not null`,
            inquiryId,
          )[0]!.n,
        { timeout: 180_000, interval: 250 },
      )
      .toBe(2);
  }

  const get = (url: string, role: keyof typeof cookies) => fetch(url, { headers: { Cookie: cookies[role] } });
  const downloads = (inquiryId: string) =>
    query<{ n: number }>(
      app.dataDir,
      "select count(*) as n from inquiry_events where inquiry_id = ? and type = 'download'",
      inquiryId,
    )[0]!.n;

  it("keeps the files closed to every staff role until sales records the signed NDA; engineers cannot record it", async () => {
    const inquiry = await ndaInquiry("yes");
    await waitForPreviews(inquiry.id);
    const drawing = { id: inquiry.drawing };
    const model = { id: inquiry.model };
    const base = `${app.url}/review/${inquiry.id}`;

    expect(await (await fetch(inquiry.statusLink)).text()).toContain("NDA: being signed");

    for (const role of ["engineer", "sales", "admin"] as const) {
      for (const url of [
        `${base}/files/${drawing.id}`,
        `${base}/files/${drawing.id}?view`,
        `${base}/files/${drawing.id}/preview`,
        `${base}/files/${model.id}/preview`,
      ]) {
        const refused = await get(url, role);
        expect(refused.status, `${role} ${url}`).toBe(403);
        expect(refused.headers.get("content-disposition")).toBeNull();
        const body = await refused.text();
        expect(body).toContain(CLOSED);
        expect(body).toContain("(by sales or admin)");
      }
    }
    expect(downloads(inquiry.id)).toBe(0);

    // The workspace lists the files, without links, thumbnails or 3D view, and says why.
    const page = await (await get(base, "engineer")).text();
    expect(page).toContain("nist_ftc_11_asme1_rb.pdf");
    expect(page).toContain(CLOSED);
    expect(page).not.toContain(`/files/${drawing.id}`);
    expect(page).not.toContain("/preview");
    expect(page).not.toContain('aria-label="Record the signed NDA"');
    expect(await (await get(base, "sales")).text()).toContain('aria-label="Record the signed NDA"');

    // An engineer may not record it, not even with a valid form of their own.
    const engineerCsrf = await csrfOf(app, cookies.engineer, `/review/${inquiry.id}`);
    const before = storedObjects(app).length;
    const byEngineer = await fetch(`${base}/nda`, {
      method: "POST",
      headers: { Cookie: cookies.engineer },
      body: ndaForm({ csrf: engineerCsrf, signedOn: "2026-01-15" }, SIGNED_NDA),
      redirect: "manual",
    });
    expect(byEngineer.status).toBe(403);
    expect(query(app.dataDir, "select * from signed_ndas where inquiry_id = ?", inquiry.id)).toEqual([]);
    expect(storedObjects(app)).toHaveLength(before);

    const csrf = await csrfOf(app, cookies.sales, `/review/${inquiry.id}/nda`);
    const recorded = await fetch(`${base}/nda`, {
      method: "POST",
      headers: { Cookie: cookies.sales },
      body: ndaForm({ csrf, signedOn: "2026-01-15" }, SIGNED_NDA),
      redirect: "manual",
    });
    expect(recorded.status).toBe(302);
    expect(recorded.headers.get("location")).toBe(`/review/${inquiry.id}`);
    const [row] = query<Record<string, unknown>>(
      app.dataDir,
      "select * from signed_ndas where inquiry_id = ?",
      inquiry.id,
    );
    expect(row).toMatchObject({ signed_on: "2026-01-15", original_name: "NDA Acme signed.pdf" });
    // The upload's own row is handed over: no sweep will take the NDA, and it is not one of the buyer's files.
    expect(query(app.dataDir, "select id from files where stored_key = ?", row!.stored_key)).toEqual([]);
    const [event] = query<{ actor: string; payload: string }>(
      app.dataDir,
      "select actor, payload from inquiry_events where inquiry_id = ? and type = 'nda_recorded'",
      inquiry.id,
    );
    expect(event!.actor).toBe("sales");
    expect(JSON.parse(event!.payload)).toEqual({ signedOn: "2026-01-15", file: "NDA Acme signed.pdf" });

    const download = await get(`${base}/files/${drawing.id}`, "engineer");
    expect(download.status).toBe(200);
    expect(await bytesOf(download)).toBe(sha256(DRAWING.content));
    expect(downloads(inquiry.id)).toBe(1);
    expect((await get(`${base}/files/${model.id}/preview`, "admin")).status).toBe(200);

    const signed = await get(`${base}/nda/signed`, "engineer");
    expect(signed.status).toBe(200);
    expect(signed.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(await bytesOf(signed)).toBe(sha256(SIGNED_NDA.content));

    const workspace = await (await get(base, "engineer")).text();
    expect(workspace).toContain(`/review/${inquiry.id}/nda/signed`);
    expect(workspace).toContain("Signed NDA recorded");
    expect(workspace).not.toContain(CLOSED);
    expect(await (await fetch(inquiry.statusLink)).text()).toContain("NDA: signed on Jan 15, 2026");
  }, 300_000);

  it("refuses a file that is not a PDF and a signing date in the future, beside the fields, and keeps nothing", async () => {
    const inquiry = await ndaInquiry("yes");
    const csrf = await csrfOf(app, cookies.admin, `/review/${inquiry.id}/nda`);
    const before = { objects: storedObjects(app).length, files: query(app.dataDir, "select id from files").length };
    const send = (form: FormData) =>
      fetch(`${app.url}/review/${inquiry.id}/nda`, {
        method: "POST",
        headers: { Cookie: cookies.admin },
        body: form,
        redirect: "manual",
      });

    const notPdf = await send(ndaForm({ csrf, signedOn: "2099-01-01" }, fixture("plate.dxf", "nda.dxf")));
    expect(notPdf.status).toBe(400);
    const html = await notPdf.text();
    expect(html).toMatch(/<p class="error" id="[^"]*signedOn-error">That date is in the future/);
    expect(html).toMatch(
      /<p class="error" id="[^"]*nda-error">&quot;nda.dxf&quot; was not accepted: the signed NDA must be a PDF/,
    );

    // Named .pdf, but not one by its content.
    const fake = { name: "nda.pdf", content: Buffer.from("not a pdf at all, just text") };
    const fakePdf = await send(ndaForm({ csrf, signedOn: "2026-01-15" }, fake));
    expect(fakePdf.status).toBe(400);
    expect(await fakePdf.text()).toMatch(/id="[^"]*nda-error">&quot;nda.pdf&quot; was not accepted/);

    const noFile = await send(ndaForm({ csrf, signedOn: "2026-01-15" }));
    expect(noFile.status).toBe(400);
    expect(await noFile.text()).toContain("Choose the signed NDA (a PDF).");

    // A good PDF with a future date: stored while the form was read, removed when it was refused.
    const future = await send(ndaForm({ csrf, signedOn: "2099-01-01" }, SIGNED_NDA));
    expect(future.status).toBe(400);
    expect(await future.text()).toContain("That date is in the future");

    expect(query(app.dataDir, "select * from signed_ndas where inquiry_id = ?", inquiry.id)).toEqual([]);
    expect(storedObjects(app)).toHaveLength(before.objects);
    expect(query(app.dataDir, "select id from files")).toHaveLength(before.files);
    expect((await get(`${app.url}/review/${inquiry.id}/files/${inquiry.drawing}`, "admin")).status).toBe(403);
  }, 120_000);

  it("answers an upload cut off mid-file with 400 and a message, keeping nothing", async () => {
    const inquiry = await ndaInquiry("yes");
    const csrf = await csrfOf(app, cookies.sales, `/review/${inquiry.id}/nda`);
    const before = storedObjects(app).length;
    const boundary = "----mimrfqnda";
    const body = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="nda"; filename="nda.pdf"\r\n\r\n%PDF-1.7\n1 0 obj`,
    );
    const answer = await rawPost(
      `${app.url}/review/${inquiry.id}/nda`,
      { "Content-Type": `multipart/form-data; boundary=${boundary}`, Cookie: cookies.sales, Accept: "text/html" },
      body,
    );
    expect(answer.status).toBe(400);
    expect(answer.text).toContain("The form data is malformed (Unexpected end of form)");
    expect(query(app.dataDir, "select * from signed_ndas where inquiry_id = ?", inquiry.id)).toEqual([]);
    expect(query(app.dataDir, "select id from files where inquiry_id is null")).toEqual([]);
    expect(storedObjects(app)).toHaveLength(before);
  }, 120_000);

  it("leaves an inquiry without an NDA request as it was: files open, no NDA line for the buyer", async () => {
    const inquiry = await ndaInquiry("no");
    const base = `${app.url}/review/${inquiry.id}`;
    const download = await get(`${base}/files/${inquiry.drawing}`, "engineer");
    expect(download.status).toBe(200);
    expect(await bytesOf(download)).toBe(sha256(DRAWING.content));
    const page = await (await get(base, "sales")).text();
    expect(page).not.toContain(CLOSED);
    expect(page).not.toContain('aria-label="Record the signed NDA"');
    // Without the page's scripts, which carry its messages for every case.
    const statusPage = (await (await fetch(inquiry.statusLink)).text()).replace(/<script[\s\S]*?<\/script>/g, "");
    expect(statusPage).toContain("Current state");
    expect(statusPage).not.toContain("NDA:");
    const csrf = await csrfOf(app, cookies.sales, `/review/${inquiry.id}/nda`);
    const refused = await fetch(`${base}/nda`, {
      method: "POST",
      headers: { Cookie: cookies.sales },
      body: ndaForm({ csrf, signedOn: "2026-01-15" }, SIGNED_NDA),
      redirect: "manual",
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("The buyer asked for no NDA");
  }, 120_000);
});
