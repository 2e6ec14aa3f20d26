import type { ParsedMail } from "mailparser";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../app/server/config.server";
import { findInquiry } from "../app/server/review/review.server";
import type { Services } from "../app/server/service-types";
import { createServices } from "../app/server/services.server";
import { handleWorkspaceAction } from "../app/server/review/workspace-actions.server";
import { startAppServer, type AppServer } from "./support/app-server";
import { addInquiry } from "./support/inquiry";
import { submitInquiry } from "./support/intake-client";
import { recipient } from "./support/mailbox";
import { startSmtpServer, type TestSmtpServer } from "./support/smtp";
import { insertStaff } from "./support/staff";
import { tempDir } from "./support/temp";

const quiet = { info: () => undefined, warn: () => undefined };

/** The one message matching `match`, once the outbox delivered it to the SMTP server. */
async function delivered(smtp: TestSmtpServer, match: (mail: ParsedMail) => boolean): Promise<ParsedMail> {
  return vi.waitFor(
    () => {
      const found = smtp.messages.filter(match);
      expect(found).toHaveLength(1);
      return found[0]!;
    },
    { timeout: 30_000, interval: 100 },
  );
}

describe("the acknowledgement through the real server and SMTP, in the language the form was sent in", () => {
  let smtp: TestSmtpServer;
  let app: AppServer;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await startAppServer({ SMTP_URL: smtp.url, ENGINEERING_INBOX: "engineering@factory.test" });
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  it.each([
    {
      language: "ar",
      locale: "ar",
      dir: "rtl",
      // The reference stays as written, isolated left to right inside the Arabic subject.
      subject: (reference: string) => `تم استلام الطلب \u2066${reference}\u2069: Lock cam`,
      body: "يتحقق مهندسونا أولًا من ملاءمة قطعتك لقولبة المعادن بالحقن (MIM)",
    },
    {
      language: "ja",
      locale: "ja",
      dir: "ltr",
      subject: (reference: string) => `お問い合わせ ${reference} を受け付けました：Lock cam`,
      body: "金属粉末射出成形（MIM）に適しているか",
    },
    {
      language: "de",
      locale: "de",
      dir: "ltr",
      subject: (reference: string) => `Anfrage ${reference} eingegangen: Lock cam`,
      body: "ob sich Ihr Teil für den Metallpulverspritzguss (MIM) eignet",
    },
  ])("$language: translated subject and body, Content-Language $locale, <html dir=$dir>", async (expected) => {
    const { fields, reference } = await submitInquiry(app.url, {
      fields: { language: expected.language, partName: "Lock cam" },
    });

    const mail = await delivered(smtp, (m) => recipient(m) === fields.email);
    expect(mail.subject).toBe(expected.subject(reference));
    expect(mail.headers.get("content-language")).toBe(expected.locale);
    expect(mail.html).toContain(`<html lang="${expected.locale}" dir="${expected.dir}">`);
    expect(mail.html).toContain(`<span dir="ltr">${reference}</span>`);
    expect(mail.text).toContain(expected.body);
    expect(mail.text).toContain(`${app.url}/status/`);
    expect(mail.text).not.toContain("What happens next");

    // The engineers' copy of the same inquiry stays English.
    const engineering = await delivered(
      smtp,
      (m) => recipient(m) === "engineering@factory.test" && (m.subject ?? "").includes(reference),
    );
    expect(engineering.subject).toMatch(/^New inquiry /);
    expect(engineering.headers.get("content-language")).toBe("en");
    expect(engineering.html).toContain('<html lang="en" dir="ltr">');
  });
});

describe("the review's question to a German buyer, over SMTP", () => {
  let smtp: TestSmtpServer;
  let services: Services;

  beforeEach(async () => {
    smtp = await startSmtpServer();
    services = createServices(
      loadConfig({
        DATA_DIR: tempDir("email-language"),
        ENGINEERING_INBOX: "engineering@factory.test",
        SMTP_URL: smtp.url,
      }),
      quiet,
    );
  });
  afterEach(async () => {
    services.db.$client.close();
    await smtp.stop();
  });

  it("arrives in German with Content-Language de, the engineer's question as written", async () => {
    const { id, fields, reference } = await addInquiry(services, {
      fields: { language: "de", partName: "Schließnocken" },
    });
    const engineer = await insertStaff(services.db, "Enno", ["engineer"]);
    const act = (values: Record<string, string>) => {
      const form = new FormData();
      form.set("version", String(findInquiry(services.db, id)!.version));
      for (const [k, v] of Object.entries(values)) form.set(k, v);
      expect(handleWorkspaceAction(services, engineer, id, form)).toEqual({ ok: true });
    };
    act({ intent: "start_triage" });
    act({ intent: "begin_review" });
    act({ intent: "ask", question: "Ist die Wandstärke von 0,3 mm zwingend?" });
    await services.outbox.runOnce();

    const question = smtp.messages.find(
      (m) => recipient(m) === fields.email && (m.subject ?? "").startsWith("Rückfrage"),
    );
    expect(question?.subject).toBe(`Rückfrage zu ${reference}: Schließnocken`);
    expect(question?.headers.get("content-language")).toBe("de");
    expect(question?.html).toContain('<html lang="de" dir="ltr">');
    expect(question?.text).toContain("Unsere Ingenieure, die Schließnocken");
    expect(question?.text).toContain("Ist die Wandstärke von 0,3 mm zwingend?");
    expect(question?.text).toContain("Bitte antworten Sie auf Ihrer Statusseite");
  });
});
