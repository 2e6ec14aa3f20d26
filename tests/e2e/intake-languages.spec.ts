import path from "node:path";
import type { Page } from "@playwright/test";
import type { ParsedMail } from "mailparser";
import { expect, test } from "./axe";
import { control, fillRequired, messages, storedLanguage } from "./intake-page";
import { startAppServer, type AppServer } from "../support/app-server";
import { recipient } from "./mailbox";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp";

/**
 * These buyers' acknowledgements are read as they arrive: the file runs on its own server, which
 * sends through a real SMTP server (the suite's shared server writes mail to a folder).
 */
const mailedTest = test.extend<object, { mailing: { app: AppServer; smtp: TestSmtpServer } }>({
  mailing: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's needs from this pattern.
    async ({}, use) => {
      const smtp = await startSmtpServer();
      const app = await startAppServer({
        SMTP_URL: smtp.url,
        INTAKE_RATE_LIMIT: "1000",
        MAILS_PER_IP_PER_HOUR: "1000",
      });
      await use({ app, smtp });
      await app.stop();
      await smtp.stop();
    },
    { scope: "worker" },
  ],
  baseURL: async ({ mailing }, use) => use(mailing.app.url),
});

const fixtures = path.resolve("tests/fixtures");
/** A DXF drawing alone: the analysis worker does not take it, so these tests delay no other. */
const DRAWING = path.join(fixtures, "plate.dxf");

async function received(page: Page): Promise<string> {
  await page.waitForURL(/\/rfq\/received\?ref=RFQ-\d{4}-\d{5}&lng=[a-z]{2}$/);
  return new URL(page.url()).searchParams.get("ref")!;
}

/** The acknowledgement the buyer at `email` was sent, once the server has delivered it by SMTP. */
async function acknowledgement(smtp: TestSmtpServer, email: string): Promise<ParsedMail> {
  await expect.poll(() => smtp.messages.filter((m) => recipient(m) === email).length, { timeout: 60_000 }).toBe(1);
  return smtp.messages.find((m) => recipient(m) === email)!;
}

mailedTest(
  "an Arabic buyer gets a right-to-left form, errors in Arabic from the browser and the server, and an Arabic confirmation and acknowledgement",
  async ({ page, mailing: { app, smtp } }) => {
    const m = messages("ar");
    await page.goto("/rfq/new?lng=ar");
    await expect(page.locator("html")).toHaveAttribute("lang", "ar");
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe("rtl");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("أرسل قطعة لدراسة قولبة المعادن بالحقن (MIM)");
    await expect(page.getByLabel("الشركة (مطلوب)", { exact: true })).toBeVisible();
    await expect(page.getByText("Pages are in English for now")).toHaveCount(0);
    // The language of our replies starts as the page's.
    await expect(page.getByLabel("اللغة المفضلة لردودنا")).toHaveValue("ar");

    // The browser's own check, in Arabic.
    await page.getByRole("button", { name: "إرسال للدراسة" }).click();
    await expect(page.getByText("أدخل اسم الشركة.")).toBeVisible();
    await expect(page.getByText("أرفق رسمًا هندسيًا واحدًا على الأقل")).toBeVisible();

    // The server's refusal (an address the browser does not check), in Arabic, answers kept.
    await fillRequired(page, m, "not-an-address");
    await page.getByLabel(m.files.label).setInputFiles(DRAWING);
    await page.getByRole("button", { name: "إرسال للدراسة" }).click();
    await expect(page.getByText("أدخل عنوان بريد إلكتروني صالحًا، مثال: name@company.com.")).toBeVisible();
    await expect(page.getByRole("alert")).toContainText("إجابة واحدة تحتاج إلى مراجعتك");
    await expect(control(page, m, m.part.partName!, true)).toHaveValue("Lock cam");
    await expect(page.getByRole("checkbox", { name: /plate\.dxf/ })).toBeChecked();

    const email = `ar.${crypto.randomUUID()}@example.com`;
    await control(page, m, m.about.email!, true).fill(email);
    await page.getByRole("button", { name: "إرسال للدراسة" }).click();
    const reference = await received(page);
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("رقمك المرجعي هو");
    await expect(page.getByRole("heading", { level: 1 })).toContainText(reference);
    expect(storedLanguage(app, reference)).toBe("ar");

    const mail = await acknowledgement(smtp, email);
    expect(mail.subject).toBe(`تم استلام الطلب \u2066${reference}\u2069: Lock cam`);
    expect(mail.headers.get("content-language")).toBe("ar");
    expect(mail.html).toContain('<html lang="ar" dir="rtl">');
    expect(mail.text).toContain("يتحقق مهندسونا أولًا من ملاءمة قطعتك لقولبة المعادن بالحقن (MIM)");
  },
);

const ACKNOWLEDGED = {
  ja: {
    subject: (reference: string) => `お問い合わせ ${reference} を受け付けました：Lock cam`,
    body: "金属粉末射出成形（MIM）に適しているか",
  },
  de: {
    subject: (reference: string) => `Anfrage ${reference} eingegangen: Lock cam`,
    body: "ob sich Ihr Teil für den Metallpulverspritzguss (MIM) eignet",
  },
};

for (const language of ["ja", "de"] as const) {
  mailedTest(
    `a buyer sends the form in ${language} through to the confirmation page and the acknowledgement in ${language}`,
    async ({ page, mailing: { app, smtp } }) => {
      const m = messages(language);
      await page.goto(`/rfq/new?lng=${language}`);
      await expect(page.locator("html")).toHaveAttribute("lang", language);
      await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
      const email = `${language}.${crypto.randomUUID()}@example.com`;
      await fillRequired(page, m, email);
      await page.getByLabel(m.files.label).setInputFiles(DRAWING);
      await expect(page.getByRole("list", { name: m.files.chosen })).toContainText("plate.dxf");
      await page.getByRole("button", { name: m.submit.send }).click();

      const reference = await received(page);
      await expect(page.locator("html")).toHaveAttribute("lang", language);
      await expect(page.getByRole("heading", { level: 1 })).toContainText(m.received.heading);
      expect(storedLanguage(app, reference)).toBe(language);

      const mail = await acknowledgement(smtp, email);
      expect(mail.subject).toBe(ACKNOWLEDGED[language].subject(reference));
      expect(mail.headers.get("content-language")).toBe(language);
      expect(mail.html).toContain(`<html lang="${language}" dir="ltr">`);
      expect(mail.text).toContain(ACKNOWLEDGED[language].body);
    },
  );
}

mailedTest(
  "switching the language after typing keeps every answer and the chosen file, and the choice is remembered",
  async ({ page, mailing: { app } }) => {
    const en = messages("en");
    const de = messages("de");
    await page.goto("/rfq/new");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await control(page, en, "Company", true).fill("Umschalt GmbH");
    await control(page, en, "Part name", true).fill("Hinge pin");
    await control(page, en, "Material", true).selectOption("mim-316l");
    await page.getByRole("group", { name: "NDA required? (required)" }).getByLabel("Yes", { exact: true }).check();
    await page.getByLabel("Drawings and 3D models").setInputFiles(DRAWING);

    await page.getByRole("form", { name: "Language" }).getByRole("button", { name: "Deutsch" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bauteil zur MIM-Prüfung senden");
    await expect(control(page, de, "Firma", true)).toHaveValue("Umschalt GmbH");
    await expect(control(page, de, "Bauteilbezeichnung", true)).toHaveValue("Hinge pin");
    await expect(control(page, de, "Werkstoff", true)).toHaveValue("mim-316l");
    await expect(
      page.getByRole("group", { name: `${de.commercial.nda} ${de.field.required}` }).getByLabel("Ja", { exact: true }),
    ).toBeChecked();
    await expect(page.getByRole("list", { name: de.files.chosen })).toContainText("plate.dxf");
    expect(await page.getByLabel(de.files.label).evaluate((input: HTMLInputElement) => input.files?.length)).toBe(1);
    await expect(page.getByLabel(de.about.language!)).toHaveValue("de");
    await expect(page.getByRole("form", { name: "Sprache" }).getByRole("button", { name: "Deutsch" })).toHaveAttribute(
      "aria-current",
      "true",
    );

    await fillRequired(page, de, `switch.${crypto.randomUUID()}@example.com`);
    await control(page, de, "Firma", true).fill("Umschalt GmbH");
    await page.getByRole("button", { name: de.submit.send }).click();
    const reference = await received(page);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Ihre Referenz lautet");
    expect(storedLanguage(app, reference)).toBe("de");

    // Remembered: the next visit, without ?lng=, is in German.
    await page.goto("/rfq/new");
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
  },
);

test("without JavaScript a switch of language posts the form and keeps its answers and files", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const fr = messages("fr");
  await page.goto("/rfq/new");
  await page.getByLabel("Company (required)", { exact: true }).fill("Sans Script SARL");
  await page.getByLabel("Drawings and 3D models").setInputFiles(DRAWING);
  await page.getByRole("form", { name: "Language" }).getByRole("button", { name: "Français" }).click();

  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(control(page, fr, fr.about.company!, true)).toHaveValue("Sans Script SARL");
  await expect(page.getByRole("checkbox", { name: /plate\.dxf/ })).toBeChecked();
  // A switch is not a refusal: nothing is marked as wrong.
  await expect(page.getByRole("alert")).toHaveCount(0);
  await expect(page.getByLabel(fr.about.language!)).toHaveValue("fr");
  await context.close();
});
