/**
 * Issue 11: what the server itself writes on a buyer's status page reaches the buyer in the
 * inquiry's language: why a model was not measured (a reason kind, worded for the buyer; the
 * engineers keep the technical English), the model's figures and the file sizes in the buyer's
 * digits, why a file was refused by its content, and why an answer was refused once the inquiry
 * closed. On the real server: its own analysis runner, its own upload handling.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../app/server/config.server";
import { createAnalysisRunner } from "../app/server/cad/runner.server";
import type { Services } from "../app/server/service-types";
import { createServices } from "../app/server/services.server";
import { formatBytes } from "../app/utils/format";
import { startAppServer, type AppServer } from "./support/app-server";
import { addInquiry } from "./support/inquiry";
import { fixture, type Upload } from "./support/intake-client";
import { binaryStl, box } from "./support/meshes";
import { moveInquiry } from "./support/quotes";
import { startSmtpServer, type TestSmtpServer } from "./support/smtp";
import { insertStaff, sessionCookie } from "./support/staff";
import { tempDir } from "./support/temp";

const quiet = { info: () => undefined, warn: () => undefined };

/** What a page shows: its data script carries every status message, in every wording. */
const shown = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, "");

/** English sentences the server wrote before: none may reach the German buyer. */
const ENGLISH = [
  "No analysis",
  "An engineer",
  "could not be read",
  "stopped twice",
  "its content is",
  "not a format the analyser reads",
  "This inquiry is",
  "is not possible while",
];

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const PARASOLID = Buffer.from("**ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz**************************\n");
// A STEP header, then text where the first entity belongs: the analyser cannot read it.
const BAD_STEP = Buffer.from(
  "ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION((''),'2;1');\nFILE_NAME('','',(''),(''),'','','');\nFILE_SCHEMA(('AUTOMOTIVE_DESIGN'));\nENDSEC;\nDATA;\nlorem ipsum dolor sit amet;\nENDSEC;\nEND-ISO-10303-21;\n",
);

describe("the server's own words on a German buyer's status page", () => {
  let smtp: TestSmtpServer;
  let app: AppServer;
  let services: Services;
  // The inquiry whose model's analysis crashed, and its status link.
  let inquiryId: string;
  let token: string;
  const crashed = fixture("cube-10mm-binary.stl", "gehaeuse.stl");
  const surfaces = fixture("nist_ftc_08_asme1_ap242-e1-tg.stp", "flaechen.stp");

  /** A German buyer's inquiry with `uploads`, and its status link. */
  async function germanInquiry(files: Upload[]) {
    const { id, token } = await addInquiry(services, { fields: { language: "de", ndaRequired: "no" }, files });
    return { id, link: token };
  }

  beforeAll(async () => {
    smtp = await startSmtpServer();
    const env = { SMTP_URL: smtp.url, ENGINEERING_INBOX: "engineering@factory.test", INTAKE_RATE_LIMIT: "500" };
    const dataDir = tempDir("status-texts");
    services = createServices(loadConfig({ ...env, DATA_DIR: dataDir }), quiet);
    ({ id: inquiryId, link: token } = await germanInquiry([crashed]));
    // A worker that dies on every try, as one that runs out of memory would: the analysis fails
    // after its retry. Done before the server starts, so its own runner never races for the job.
    const crashing = createAnalysisRunner({
      db: services.db,
      storage: services.config.storage,
      logger: quiet,
      onSpawn: (child) => child.kill("SIGKILL"),
    });
    while (await crashing.runOnce());
    app = await startAppServer(env, { dataDir });
  }, 120_000);
  afterAll(async () => {
    services?.db.$client.close();
    await app?.stop();
    await smtp?.stop();
  });

  const page = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${app.url}${path}`, { headers });
    expect(response.status, path).toBe(200);
    return response.text();
  };

  const postStatus = (link: string, fields: Record<string, string>, uploads: Upload[] = []) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.set(name, value);
    for (const u of uploads) form.append("files", new Blob([new Uint8Array(u.content)]), u.name);
    return fetch(`${app.url}/status/${link}`, { method: "POST", body: form, headers: { Origin: app.url } });
  };

  it("words each unmeasured model for the buyer, in German figures, and keeps the technical reason for staff", async () => {
    const added = await postStatus(token, { intent: "files" }, [
      { name: "halter.stl", content: binaryStl(box(12.5, 30, 20)) },
      { name: "teil.x_t", content: PARASOLID },
      { name: "defekt.stp", content: BAD_STEP },
      surfaces,
      { name: "foto.step", content: PNG },
    ]);
    // Four files taken, one refused by its content: said in German, what it is and how to fix it.
    expect(added.status).toBe(200);
    const refusal = shown(await added.text());
    expect(refusal).toContain(
      "„foto.step“ wurde nicht angenommen: Der Inhalt ist ein PNG-Bild; erwartet war ein STEP-Modell. Exportieren Sie das Teil erneut als STEP (.step/.stp) und fügen Sie diese Datei bei.",
    );
    for (const english of ENGLISH) expect(refusal).not.toContain(english);

    // The server's analysis runner measures what it can; the page shows each card once it is settled.
    const status = await vi.waitFor(
      async () => {
        const text = shown(await page(`/status/${token}`));
        expect(text).toContain("12,5 × 30,0 × 20,0 mm");
        expect(text).toContain("Diese Datei enthält keine Volumenkörper");
        expect(text).toContain("Diese Datei ließ sich nicht automatisch lesen");
        return text;
      },
      { timeout: 240_000, interval: 1_000 },
    );
    expect(status).toContain("7,50 cm³");
    expect(status).toContain(
      "Die automatische Vermessung wurde nicht abgeschlossen (das Modell ist womöglich sehr groß oder komplex). Ein Ingenieur öffnet die Datei stattdessen im CAD – Sie müssen nichts weiter tun.",
    );
    expect(status).toContain("Dieses Dateiformat vermessen wir nicht automatisch.");
    expect(status).toContain("Bitte senden Sie über diese Seite einen STEP-Export mit Volumenkörpern");
    // The files table: sizes in German digits ("2,0 MB"), formatted by the server.
    const surfaceSize = formatBytes(surfaces.content.length, "de");
    expect(surfaceSize).toMatch(/^\d+,\d MB$/);
    expect(status).toContain(surfaceSize);
    expect(status).not.toContain(formatBytes(surfaces.content.length));
    for (const english of ENGLISH) expect(status).not.toContain(english);
    // The engineers' readings of the measured box stay out of the buyer's page data too.
    expect(await page(`/status/${token}`)).not.toMatch(/"geometry":\{|"wall":\{|"triangles":\d/);

    // The engineers read the technical reasons, in English, and English figures.
    const engineer = await insertStaff(services.db, "Enno", ["engineer"]);
    const workspace = shown(await page(`/review/${inquiryId}`, { Cookie: await sessionCookie(app, engineer.email) }));
    expect(workspace).toContain("No analysis: the STEP file could not be read");
    expect(workspace).toContain("No analysis: the file holds no solid surfaces");
    expect(workspace).toContain("The analysis stopped twice");
    expect(workspace).toContain("Parasolid (X_T/X_B) is not a format the analyser reads");
    expect(workspace).toContain("12.5 × 30.0 × 20.0 mm");
    expect(workspace).toContain(formatBytes(surfaces.content.length));
  }, 300_000);

  it("says in German why an answer was refused once the inquiry closed, and keeps what was typed", async () => {
    const engineer = await insertStaff(services.db, "Erika", ["engineer"]);
    const { id, link } = await germanInquiry([{ name: "riegel.stl", content: binaryStl(box(20, 10, 5)) }]);
    moveInquiry(services, engineer, id, { type: "START_TRIAGE" });
    moveInquiry(services, engineer, id, { type: "BEGIN_REVIEW" });
    moveInquiry(
      services,
      engineer,
      id,
      { type: "ASK_BUYER" },
      { question: { text: "Ist 0,5 mm Wandstärke zulässig?", wantsRevision: false } },
    );
    const questionId = /name="questionId" value="([^"]+)"/.exec(await page(`/status/${link}`))![1]!;
    // The factory withdraws the inquiry while the buyer is still writing.
    moveInquiry(services, engineer, id, { type: "WITHDRAW", reason: "Projekt gestoppt" });

    const answered = await postStatus(link, { intent: "answer", questionId, answer: "Ja, 0,5 mm genügen." });
    expect(answered.status).toBe(400);
    const text = shown(await answered.text());
    expect(text).toContain(
      "Diese Anfrage hat jetzt den Stand „Zurückgezogen“, daher konnte Ihre Antwort nicht gespeichert werden; angehängte Dateien wurden ebenfalls nicht gespeichert.",
    );
    expect(text).toContain("Ihr Text (nicht gesendet):");
    expect(text).toContain("Ja, 0,5 mm genügen.");
    for (const english of ENGLISH) expect(text).not.toContain(english);
  }, 60_000);

  it("says in German when a download link of the status page opens nothing", async () => {
    const { link } = await germanInquiry([{ name: "riegel.stl", content: binaryStl(box(20, 10, 5)) }]);
    const file = await fetch(`${app.url}/status/${link}/files/${crypto.randomUUID()}`);
    expect(file.status).toBe(404);
    expect(await file.text()).toContain("Diese Datei gehört nicht zu der Anfrage, die dieser Link öffnet.");
    const quote = await fetch(`${app.url}/status/${link}/quote/pdf/1`);
    expect(quote.status).toBe(404);
    expect(await quote.text()).toContain(
      "Dieser Link öffnet kein Angebot, das wir Ihnen zu dieser Anfrage gesendet haben.",
    );
  }, 60_000);
});
