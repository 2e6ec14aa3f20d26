import crypto from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startAppServer, type AppServer } from "./support/app-server";
import { query } from "./support/db";
import { submitInquiry } from "./support/intake-client";
import { blackPng, solidPng } from "./support/png";
import { startSmtpServer, type TestSmtpServer } from "./support/smtp";
import { createStaffUser, csrfOf, sessionCookie } from "./support/staff";

const MAIL_FROM = "Relay of the server <relay@server.example>";
const PROFILE = {
  name: "Lindqvist Precision MIM AB",
  address: "Verkstadsgatan 12\n611 35 Nyköping\nSweden",
  email: "sales@lindqvist-mim.example",
  phone: "+46 155 20 40 00",
};

describe("the factory's name, logo, colour, sender, embedding and promise on the real server", () => {
  let app: AppServer;
  let smtp: TestSmtpServer;
  let admin: { cookie: string; csrf: string };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await startAppServer({ SMTP_URL: smtp.url, MAIL_FROM, INTAKE_RATE_LIMIT: "1000" });
    const email = await createStaffUser(app.dataDir, ["admin"], { name: "Frida" });
    const cookie = await sessionCookie(app, email);
    admin = { cookie, csrf: await csrfOf(app, cookie, "/admin/factory") };
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  const saveProfile = (fields: Record<string, string>) =>
    fetch(`${app.url}/admin/factory`, {
      method: "POST",
      headers: { Cookie: admin.cookie },
      body: new URLSearchParams({ _csrf: admin.csrf, ...PROFILE, ...fields }),
      redirect: "manual",
    });
  /** As the page's script posts it, or as a browser without JavaScript does. */
  const postLogo = (form: FormData, { script = false } = {}) => {
    form.append("_csrf", admin.csrf);
    return fetch(`${app.url}/admin/factory/logo${script ? "?script" : ""}`, {
      method: "POST",
      headers: { Cookie: admin.cookie },
      body: form,
      redirect: "manual",
    });
  };
  const uploadLogo = (content: Buffer, name: string, options?: { script: boolean }) => {
    const form = new FormData();
    form.append("intent", "upload");
    form.append("logo", new Blob([new Uint8Array(content)]), name);
    return postLogo(form, options);
  };
  const row = () => query<Record<string, unknown>>(app.dataDir, "SELECT * FROM factory_profile")[0];
  const logoVersion = () => query<{ sha256: string }>(app.dataDir, "SELECT sha256 FROM factory_logo")[0]?.sha256;

  /** Submits an inquiry in `language`; resolves with its confirmation address and the buyer's address. */
  async function inquiryIn(language: string) {
    // The buyer reads the form in the language they ask replies in.
    const { response, fields } = await submitInquiry(app.url, { language });
    return { location: response.headers.get("location")!, buyer: fields.email! };
  }
  function mailTo(address: string) {
    return vi.waitFor(
      () => {
        const found = smtp.messages.find((m) => m.to && "value" in m.to && m.to.value[0]?.address === address);
        if (!found) throw new Error(`no e-mail to ${address}`);
        return found;
      },
      { timeout: 30_000, interval: 100 },
    );
  }

  describe("the admin form", () => {
    it("refuses an accent colour too light for white button text, saying so beside the field, and keeps what was typed", async () => {
      const before = row();
      const response = await saveProfile({ accent: "#F5C400", senderEmail: "quotes@lindqvist.example" });
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toMatch(
        /id="[^"]+-accent-error">White text on #f5c400 has a contrast of 1\.\d:1; buttons need at least 4\.5:1/,
      );
      expect(html).toContain('value="#F5C400"');
      expect(html).toContain('value="quotes@lindqvist.example"');
      expect(row()).toEqual(before);
    });

    it("refuses a malformed colour and an embedding entry that is not an origin", async () => {
      const response = await saveProfile({
        accent: "blue",
        frameOrigins: "https://www.lindqvist.example\nwww.other.example/page",
      });
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toMatch(/-accent-error">Enter the colour as # and six hexadecimal digits/);
      expect(html).toMatch(/-frameOrigins-error">&quot;www.other.example\/page&quot; is not an origin/);
      expect(html).toContain("https://www.lindqvist.example\nwww.other.example/page</textarea>");
    });

    it.each([
      ["senderName", "Bank Support <ceo@bank.example>"],
      ["senderName", "ceo@bank.example"],
      ["senderName", '"Bank Support" quotes'],
      ["senderName", "Sales, ceo"],
      ["senderName", "Sales; ceo"],
      ["name", "Lindqvist <ceo@bank.example>"],
    ])("refuses a %s with an address in it (%j), beside the field, and stores nothing", async (field, value) => {
      const before = row();
      const response = await saveProfile({ [field]: value, senderEmail: "quotes@lindqvist.example" });
      expect(response.status).toBe(400);
      expect(await response.text()).toMatch(
        field === "name"
          ? /-name-error">Enter the factory&#x27;s name without an e-mail address/
          : /-senderName-error">Enter the sender&#x27;s name only, e.g. Lindqvist Sales/,
      );
      expect(row()).toEqual(before);
    });

    it("saves the colour (used on buyer pages only), the sender, the embedding sites as origins and the promise", async () => {
      const response = await saveProfile({
        accent: "#7A1F3D",
        senderName: "L'Atelier Lindqvist Sales",
        senderEmail: "quotes@lindqvist.example",
        frameOrigins: "https://www.lindqvist.example/\n\nhttps://shop.lindqvist.example:8443",
        promiseCount: "2",
        promiseUnit: "working_days",
      });
      expect(response.status).toBe(302);
      expect(row()).toMatchObject({
        accent: "#7a1f3d",
        sender_name: "L'Atelier Lindqvist Sales",
        sender_email: "quotes@lindqvist.example",
        frame_origins: "https://www.lindqvist.example\nhttps://shop.lindqvist.example:8443",
        promise_count: 2,
        promise_unit: "working_days",
      });
      const html = async (path: string, cookie = "") =>
        (await fetch(`${app.url}${path}`, { headers: { Cookie: cookie } })).text();
      expect(await html("/rfq/new")).toContain('<html lang="en" dir="ltr" style="--accent:#7a1f3d">');
      expect(await html("/status/not-a-token")).toContain('style="--accent:#7a1f3d"');
      expect(await html("/admin/factory", admin.cookie)).not.toContain("--accent");

      expect(await saveProfile({ promiseCount: "" }).then((r) => r.status)).toBe(302);
      expect(row()).toMatchObject({ promise_count: null, promise_unit: null, accent: null, sender_email: null });
    });
  });

  describe("the logo", () => {
    it("takes a PNG, serves it publicly with a year's cache under its version, and shows it in the header", async () => {
      expect((await saveProfile({})).status).toBe(302);
      const png = solidPng([122, 31, 61]);
      const response = await uploadLogo(png, "logo.png");
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe("/admin/factory?saved=logo");
      const version = logoVersion()!;
      expect(version).toBe(crypto.createHash("sha256").update(png).digest("hex"));

      const home = await (await fetch(`${app.url}/rfq/new`)).text();
      const src = /<img src="(\/factory\/logo\?v=[0-9a-f]+)" alt="" class="brand-logo"/.exec(home)?.[1];
      expect(src).toBe(`/factory/logo?v=${version.slice(0, 16)}`);
      expect(home).toMatch(/class="brand"[^>]*><img [^>]+>Lindqvist Precision MIM AB<\/a>/);
      expect(home).not.toMatch(/class="brand"[^>]*>mim-rfq/);

      const logo = await fetch(`${app.url}${src}`);
      expect(logo.status).toBe(200);
      expect(logo.headers.get("content-type")).toBe("image/png");
      expect(logo.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(Buffer.from(await logo.arrayBuffer()).equals(png)).toBe(true);
    });

    it("refuses a file that is not a PNG or JPEG by its content, whatever its name, and keeps the logo it had", async () => {
      expect((await saveProfile({})).status).toBe(302);
      expect((await uploadLogo(solidPng([10, 20, 30]), "first.png")).status).toBe(302);
      const before = logoVersion();
      const response = await uploadLogo(Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"), "logo.png", {
        script: true,
      });
      expect(response.status).toBe(400);
      const reply = (await response.json()) as { error: Record<string, string[]> };
      expect(reply.error.logo).toEqual([expect.stringContaining("not a PNG or JPEG image, whatever its name says")]);
      expect(logoVersion()).toBe(before);

      const tooLarge = await uploadLogo(Buffer.concat([solidPng([1, 2, 3]), Buffer.alloc(600 * 1024)]), "big.png", {
        script: true,
      });
      expect(tooLarge.status).toBe(400);
      expect(((await tooLarge.json()) as { error: Record<string, string[]> }).error.logo?.[0]).toMatch(
        /larger than 512 KB/,
      );
      expect(logoVersion()).toBe(before);
    });

    it("refuses a logo of more than 4000 pixels a side, however few bytes it has, and keeps the logo it had", async () => {
      expect((await saveProfile({})).status).toBe(302);
      expect((await uploadLogo(solidPng([10, 20, 30]), "first.png")).status).toBe(302);
      const before = logoVersion();
      const wide = await sharp({ create: { width: 5000, height: 100, channels: 3, background: "#7a1f3d" } })
        .jpeg()
        .toBuffer();
      for (const [content, name] of [
        [blackPng(8000, 8000), "huge.png"],
        [wide, "wide.jpg"],
      ] as const) {
        const response = await uploadLogo(content, name, { script: true });
        expect(response.status, name).toBe(400);
        expect(((await response.json()) as { error: Record<string, string[]> }).error.logo).toEqual([
          "The logo is larger than 4000 pixels on a side: save it smaller (about 600 pixels wide is plenty) and upload it again.",
        ]);
      }
      const page = await uploadLogo(blackPng(8000, 8000), "huge.png");
      expect(page.headers.get("location")).toBe("/admin/factory?logoError=too-many-pixels");
      expect(logoVersion()).toBe(before);
    });

    it.each([
      ["a wide PNG", "png", 1200, 400, [600, 200]],
      ["a tall JPEG", "jpeg", 300, 1000, [60, 200]],
    ] as const)(
      "shrinks %s once on upload to what the pages and the PDF need, keeping its shape and format",
      async (_what, format, width, height, [shownWidth, shownHeight]) => {
        const image = await sharp({ create: { width, height, channels: 3, background: "#7a1f3d" } })
          .toFormat(format)
          .toBuffer();
        expect((await uploadLogo(image, `logo.${format}`)).status).toBe(302);
        const served = await fetch(`${app.url}/factory/logo?v=${logoVersion()!.slice(0, 16)}`);
        expect(served.headers.get("content-type")).toBe(`image/${format}`);
        const bytes = Buffer.from(await served.arrayBuffer());
        expect(await sharp(bytes).metadata()).toMatchObject({ format, width: shownWidth, height: shownHeight });
        expect(logoVersion()).toBe(crypto.createHash("sha256").update(bytes).digest("hex"));
      },
    );

    it("brings a refusal without JavaScript back to the profile page, worded beside the logo field", async () => {
      const response = await uploadLogo(Buffer.from("GIF89a not a logo"), "logo.png", { script: false });
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe("/admin/factory?logoError=not-an-image");
      const page = await (
        await fetch(`${app.url}${response.headers.get("location")}`, { headers: { Cookie: admin.cookie } })
      ).text();
      expect(page).toContain("This file is not a PNG or JPEG image, whatever its name says.");
      expect(page).toMatch(/<input type="file"[^>]*aria-invalid="true"/);
    });

    it("takes a JPEG as a replacement and can be removed", async () => {
      expect((await saveProfile({})).status).toBe(302);
      const jpeg = await sharp({ create: { width: 40, height: 20, channels: 3, background: "#7a1f3d" } })
        .jpeg()
        .toBuffer();
      expect((await uploadLogo(jpeg, "logo.jpeg")).status).toBe(302);
      const served = await fetch(`${app.url}/factory/logo?v=${logoVersion()!.slice(0, 16)}`);
      expect(served.headers.get("content-type")).toBe("image/jpeg");
      // Small enough for every page as it is: stored as uploaded.
      expect(Buffer.from(await served.arrayBuffer()).equals(jpeg)).toBe(true);
      // The address without a version is revalidated: the same logo answers 304 with no body.
      const etag = served.headers.get("etag")!;
      const unchanged = await fetch(`${app.url}/factory/logo`, { headers: { "If-None-Match": etag } });
      expect(unchanged.status).toBe(304);
      expect(unchanged.headers.get("cache-control")).toBe("no-cache");
      expect((await fetch(`${app.url}/factory/logo`, { headers: { "If-None-Match": '"other"' } })).status).toBe(200);

      const remove = new FormData();
      remove.append("intent", "remove");
      expect((await postLogo(remove)).headers.get("location")).toBe("/admin/factory?saved=logo-removed");
      expect(logoVersion()).toBeUndefined();
      expect((await fetch(`${app.url}/factory/logo`)).status).toBe(404);
      expect(await (await fetch(`${app.url}/rfq/new`)).text()).not.toContain("brand-logo");
    });
  });

  describe("framing", () => {
    const framing = async (path: string) => {
      const response = await fetch(`${app.url}${path}`, { redirect: "manual" });
      await response.arrayBuffer();
      const csp = response.headers.get("content-security-policy") ?? "";
      return {
        ancestors: /frame-ancestors ([^;]+)/.exec(csp)?.[1],
        xFrameOptions: response.headers.get("x-frame-options"),
      };
    };

    it("lets the listed sites frame the intake pages only; every other page stays unframeable", async () => {
      expect((await saveProfile({ frameOrigins: "https://www.lindqvist.example" })).status).toBe(302);
      for (const path of ["/rfq/new", "/rfq/new?lng=de", "/rfq/received?ref=RFQ-2026-00001"]) {
        expect(await framing(path), path).toEqual({ ancestors: "https://www.lindqvist.example", xFrameOptions: null });
      }
      for (const path of ["/", "/status/not-a-token", "/review", "/admin/factory", "/login", "/factory/logo"]) {
        expect(await framing(path), path).toEqual({ ancestors: "'none'", xFrameOptions: "DENY" });
      }
    });

    it.each([
      "https://a.example;",
      "https://a.example,b.example",
      "https://a.example%3B",
      "https://*",
      "https://*.example.com",
    ])("refuses %j as a site, beside the field, and the intake pages stay up", async (entry) => {
      expect((await saveProfile({ frameOrigins: "https://www.lindqvist.example" })).status).toBe(302);
      const before = row();
      const response = await saveProfile({ frameOrigins: `https://shop.lindqvist.example\n${entry}` });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain(`-frameOrigins-error">&quot;${entry}&quot; is not an origin: give`);
      expect(row()).toEqual(before);
      for (const page of ["/rfq/new", "/rfq/received?ref=RFQ-2026-00001"]) {
        expect(await framing(page), page).toEqual({
          ancestors: "https://www.lindqvist.example",
          xFrameOptions: null,
        });
      }
    });

    it("skips a stored entry that is not an origin, with a warning, rather than failing the intake pages", async () => {
      expect((await saveProfile({ frameOrigins: "https://www.lindqvist.example" })).status).toBe(302);
      // What an earlier version let an admin save, or a hand edit of the database.
      const db = new Database(path.join(app.dataDir, "mim-rfq.sqlite"));
      db.prepare("UPDATE factory_profile SET frame_origins = ?").run(
        "https://www.lindqvist.example\nhttps://a.example;\nhttps://*",
      );
      db.close();
      for (const page of ["/rfq/new", "/rfq/received?ref=RFQ-2026-00001"]) {
        const response = await fetch(`${app.url}${page}`);
        expect(response.status, page).toBe(200);
        expect(/frame-ancestors ([^;]+)/.exec(response.headers.get("content-security-policy") ?? "")?.[1]).toBe(
          "https://www.lindqvist.example",
        );
        await response.arrayBuffer();
      }
      expect(app.output()).toMatch(
        /\[mim-rfq\] the sites that may embed the inquiry form include "https:\/\/a\.example;", "https:\/\/\*", which are not origins: skipped/,
      );
    });

    it("keeps every page unframeable while no site is listed", async () => {
      expect((await saveProfile({ frameOrigins: "" })).status).toBe(302);
      for (const path of ["/rfq/new", "/rfq/received?ref=RFQ-2026-00001", "/status/not-a-token", "/review"]) {
        expect(await framing(path), path).toEqual({ ancestors: "'none'", xFrameOptions: "DENY" });
      }
    });
  });

  describe("buyer e-mails and the confirmation page", () => {
    it("sends the buyer's acknowledgement from the server's MAIL_FROM while no sender is set", async () => {
      expect((await saveProfile({ senderName: "", senderEmail: "" })).status).toBe(302);
      const { buyer } = await inquiryIn("en");
      const ack = await mailTo(buyer);
      expect(ack.from?.value[0]).toMatchObject({ name: "Relay of the server", address: "relay@server.example" });
    });

    it("sends the buyer's mail from the factory's sender, with its name, logo and contact, and staff mail from MAIL_FROM", async () => {
      expect(
        (await saveProfile({ senderName: "Lindqvist Sales", senderEmail: "quotes@lindqvist.example" })).status,
      ).toBe(302);
      expect((await uploadLogo(solidPng([122, 31, 61]), "logo.png")).status).toBe(302);
      const before = smtp.messages.length;
      const { buyer } = await inquiryIn("en");
      const ack = await mailTo(buyer);
      expect(ack.from?.value[0]).toMatchObject({ name: "Lindqvist Sales", address: "quotes@lindqvist.example" });
      expect(ack.html).toContain(`<img src="${app.url}/factory/logo?v=${logoVersion()!.slice(0, 16)}"`);
      expect(ack.html).toContain("Lindqvist Precision MIM AB · sales@lindqvist-mim.example · +46 155 20 40 00");
      expect(ack.text).toContain("-- \nLindqvist Precision MIM AB\nsales@lindqvist-mim.example");

      await smtp.waitFor(before + 2);
      const staff = smtp.messages.slice(before).find((m) => m !== ack)!;
      expect(staff.from?.value[0]?.address).toBe("relay@server.example");
    });

    it.each([
      ["de", "Sie erhalten unsere erste Antwort innerhalb von 2 Werktagen."],
      ["fr", "Nous vous enverrons une première réponse sous 2 jours ouvrés."],
    ])(
      "states the first-answer promise in %s on the confirmation page and in the acknowledgement",
      async (language, line) => {
        expect((await saveProfile({ promiseCount: "2", promiseUnit: "working_days" })).status).toBe(302);
        const { location, buyer } = await inquiryIn(language);
        const page = await (await fetch(`${app.url}${location}`, { headers: { "Accept-Language": language } })).text();
        expect(page).toContain(`<p class="promise">${line}</p>`);
        const ack = await mailTo(buyer);
        expect(ack.text).toContain(line);
        expect(ack.html).toContain(line);
      },
    );

    it("promises nothing when the admin left the promise empty", async () => {
      expect((await saveProfile({ promiseCount: "" })).status).toBe(302);
      const { location, buyer } = await inquiryIn("de");
      const page = await (await fetch(`${app.url}${location}`, { headers: { "Accept-Language": "de" } })).text();
      expect(page).not.toContain('class="promise"');
      expect((await mailTo(buyer)).text).not.toContain("Werktag");
    });
  });
});
