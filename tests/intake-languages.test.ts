import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "./support/app-server";
import { fixture, intakeForm, post, validFields } from "./support/intake-client";
import { sendInquiry } from "./support/inquiry";

function storedLanguage(app: AppServer, reference: string): unknown {
  const db = new Database(path.join(app.dataDir, "mim-rfq.sqlite"), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("select locale from inquiries where reference = ?").get(reference) as { locale: string }).locale;
  } finally {
    db.close();
  }
}

function switchLanguage(app: AppServer, fields: Record<string, string>) {
  return fetch(`${app.url}/language`, { method: "POST", body: new URLSearchParams(fields), redirect: "manual" });
}

// One server for the first two describes, whose tests leave nothing the others read.
let app: AppServer;
beforeAll(async () => {
  app = await startAppServer();
});
afterAll(async () => {
  await app?.stop();
});

describe("the intake form's refusals in the page's language, on the real server", () => {
  it.each([
    ["ar", '<html lang="ar" dir="rtl">', "أدخل اسم الشركة.", "أدخل عنوان بريد إلكتروني صالحًا"],
    ["de", '<html lang="de" dir="ltr">', "Geben Sie den Firmennamen an.", "Geben Sie eine gültige E-Mail-Adresse an"],
  ])("answers a refusal of the %s page in its language, beside the fields", async (language, html, company, email) => {
    const fields = validFields({ company: "", email: "not-an-address" });
    const response = await post(`${app.url}/rfq/new?lng=${language}`, intakeForm(fields, []));
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain(html);
    expect(page).toMatch(new RegExp(`id="company-error">${company}<`));
    expect(page).toMatch(new RegExp(`id="email-error">${email}`));
    expect(page).not.toContain("Attach at least one drawing");
  });

  it("names refused files with their reason in the page's language", async () => {
    const uploads = [
      fixture("nist_ftc_11_asme1_rb.pdf", "bracket.step"),
      { name: "photo.jpg", content: Buffer.from("not a drawing") },
    ];
    const response = await post(`${app.url}/rfq/new?lng=de`, intakeForm(validFields(), uploads));
    expect(response.status).toBe(400);
    const page = await response.text();
    // What the file holds and how to send it right, all in German: no English technical detail.
    expect(page).toContain(
      "„bracket.step“ wurde nicht angenommen: Der Inhalt ist eine PDF-Zeichnung; erwartet war ein STEP-Modell. Wenn Sie genau das senden wollten, benennen Sie die Datei in .pdf um und fügen Sie sie erneut bei. Andernfalls: Exportieren Sie das Teil erneut als STEP (.step/.stp) und fügen Sie diese Datei bei.",
    );
    expect(page.replace(/<script[\s\S]*?<\/script>/g, "")).not.toContain("its content is");
    expect(page).toContain("„photo.jpg“ wurde nicht angenommen: Dieser Dateityp wird nicht angenommen.");
  });

  it("answers the browser's progress upload with the same words, as JSON", async () => {
    const fields = validFields({ email: "not-an-address" });
    const response = await post(
      `${app.url}/rfq/new?lng=de&_data=routes%2Frfq.new`,
      intakeForm(fields, [fixture("plate.dxf")]),
    );
    expect(response.status).toBe(400);
    const state = (await response.json()) as { errors: Record<string, string> };
    expect(state.errors).toEqual({ email: "Geben Sie eine gültige E-Mail-Adresse an, z. B. name@firma.de." });
  });
});

describe("the language switcher's post on the real server", () => {
  it("remembers the choice in the lng cookie and in the page's ?lng=, which a framed form keeps without cookies", async () => {
    const response = await switchLanguage(app, { lng: "ja", returnTo: "/rfq/new?lng=de&x=1" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/rfq/new?lng=ja&x=1");
    // Without the cookie (a frame on another site gets none), the address alone keeps the language.
    const cookieless = await (await fetch(`${app.url}/rfq/new?lng=ja&x=1`)).text();
    expect(cookieless).toContain('<html lang="ja" dir="ltr">');
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^lng=[^;]+; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax/);

    const page = await fetch(`${app.url}/rfq/new`, {
      headers: { Cookie: cookie.split(";")[0]!, "Accept-Language": "en" },
    });
    const html = await page.text();
    expect(html).toContain('<html lang="ja" dir="ltr">');
    expect(html).toContain("MIM 検討用の部品を送る");
  });

  it.each(["https://evil.example/", "//evil.example/x", "/\t/evil.example"])(
    "sends a return path off this site (%j) to the start page",
    async (returnTo) => {
      const response = await switchLanguage(app, { lng: "fr", returnTo });
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe("/?lng=fr");
    },
  );

  it("refuses a language it does not serve, in the page's language", async () => {
    const response = await fetch(`${app.url}/language`, {
      method: "POST",
      body: new URLSearchParams({ lng: "xx", returnTo: "/" }),
      headers: { "Accept-Language": "de" },
      redirect: "manual",
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Wählen Sie eine der angebotenen Sprachen.");
  });

  it("changes the inquiry's stored language from its status page, so that e-mails and the quote follow", async () => {
    const sent = await sendInquiry(app, { fields: { ndaRequired: "no", language: "en" } });
    const { reference } = sent;
    // The confirmation page's address carries the form's language, for a form framed without cookies.
    expect(sent.response.headers.get("location")).toBe(`/rfq/received?ref=${reference}&lng=en`);
    const statusPath = new URL(sent.statusLink).pathname;
    expect(storedLanguage(app, reference)).toBe("en");

    const response = await switchLanguage(app, { lng: "tr", returnTo: statusPath });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(statusPath);
    expect(storedLanguage(app, reference)).toBe("tr");
    const status = await fetch(`${app.url}${statusPath}`);
    expect(await status.text()).toContain('<html lang="tr" dir="ltr">');

    // A page that is not a status page changes no inquiry.
    await switchLanguage(app, { lng: "de", returnTo: "/rfq/new" });
    expect(storedLanguage(app, reference)).toBe("tr");
  });
});

describe("the intake form's refusals that are not about an answer, in the page's language", () => {
  let app: AppServer;
  beforeAll(async () => {
    app = await startAppServer({ INTAKE_RATE_LIMIT: "1" });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("words the rate limit with the wait as the language counts it, and a robot's submission, keeping the answers", async () => {
    const robot = await post(
      `${app.url}/rfq/new?lng=ja`,
      intakeForm(validFields({ contact_me_by_fax_only: "+1 555 0100" }), [fixture("plate.dxf")]),
    );
    expect(robot.status).toBe(400);
    expect(await robot.text()).toContain(
      "この送信は自動送信と判断されました。「この欄は空欄のままにしてください」欄を空欄のまま、もう一度送信してください。",
    );

    const limited = await post(`${app.url}/rfq/new?lng=de`, intakeForm(validFields({ company: "Zuviel GmbH" }), []));
    expect(limited.status).toBe(429);
    const page = await limited.text();
    expect(page).toMatch(
      /Aus Ihrem Netzwerk wurden in der letzten Stunde zu viele Anfragen gesendet\. Ihre Angaben bleiben unten erhalten: Bitte senden Sie in \d+ Minuten? erneut\./,
    );
    expect(page).toContain('value="Zuviel GmbH"');
  });
});

describe("the page for an address that does not exist, on the real server", () => {
  let app: AppServer;
  beforeAll(async () => {
    app = await startAppServer();
  });
  afterAll(async () => {
    await app?.stop();
  });

  const INTERNALS = /error\.notFound|error\.backHome|No route matches|did not provide an `action`/;

  it.each([
    ["GET", "/no-such-page", "de", '<html lang="de" dir="ltr"', "Seite nicht gefunden", "Zurück zur Startseite"],
    ["POST", "/no-such-page", "de", '<html lang="de" dir="ltr"', "Seite nicht gefunden", "Zurück zur Startseite"],
    [
      "GET",
      "/rfq/nothing/here?lng=ar",
      "en",
      '<html lang="ar" dir="rtl"',
      "الصفحة غير موجودة",
      "العودة إلى الصفحة الرئيسية",
    ],
    ["GET", "/admin/no-such-page", "de", '<html lang="en" dir="ltr"', "Page not found", "Back to the start page"],
  ])(
    "answers %s %s (Accept-Language %s) with 404 in the page's language, no message keys, no router internals",
    async (method, page, accept, html, title, back) => {
      const response = await fetch(`${app.url}${page}`, { method, headers: { "Accept-Language": accept } });
      expect(response.status).toBe(404);
      const body = await response.text();
      expect(body).toContain(html);
      expect(body).toContain(`<h1>${title}</h1>`);
      expect(body).toContain(back);
      expect(body).not.toMatch(INTERNALS);
    },
  );
});
