import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "./support/app-server";
import { query } from "./support/db";
import { createStaffUser, csrfOf, sessionCookie } from "./support/staff";

describe("/admin/factory on the real server", () => {
  let app: AppServer;
  let admin: { cookie: string; csrf: string };

  beforeAll(async () => {
    app = await startAppServer();
    const email = await createStaffUser(app.dataDir, ["admin"], { name: "Frida" });
    const cookie = await sessionCookie(app, email);
    admin = { cookie, csrf: await csrfOf(app, cookie, "/admin/factory") };
  });
  afterAll(async () => {
    await app?.stop();
  });

  const post = (fields: Record<string, string>, who = admin) =>
    fetch(`${app.url}/admin/factory`, {
      method: "POST",
      headers: { Cookie: who.cookie },
      body: new URLSearchParams({ _csrf: who.csrf, ...fields }),
      redirect: "manual",
    });
  const page = async (search = "") =>
    (await fetch(`${app.url}/admin/factory${search}`, { headers: { Cookie: admin.cookie } })).text();
  const profile = () => query(app.dataDir, "SELECT * FROM factory_profile");

  it("says quotations cannot be sent until the profile is filled in, with every field labelled", async () => {
    const html = await page();
    expect(html).toContain("Not filled in yet: quotations cannot be sent.");
    for (const label of ["Legal name", "Address", "E-mail for quotations", "Phone", "Website"])
      expect(html).toMatch(new RegExp(`<label for="[^"]+">${label}`));
  });

  it("shows every problem beside its field, keeps what was typed, and stores nothing", async () => {
    const response = await post({ name: "", address: "Only one line", email: "sales at factory", phone: "+46 1" });
    const html = await response.text();
    expect(response.status).toBe(400);
    expect(html).toMatch(/id="[^"]+-name-error">Enter the factory&#x27;s legal name/);
    expect(html).toMatch(/id="[^"]+-address-error">Enter the factory&#x27;s address: street, town and country/);
    expect(html).toMatch(/id="[^"]+-email-error">Enter the e-mail address buyers write to/);
    expect(html).toContain(">Only one line</textarea>");
    expect(html).toContain('value="+46 1"');
    expect(profile()).toEqual([]);
  });

  it("saves the profile with who and when, and shows it again", async () => {
    const response = await post({
      name: "Lindqvist Precision MIM AB",
      address: "Verkstadsgatan 12\r\n611 35 Nyköping\r\n\r\nSweden",
      email: "sales@lindqvist-mim.example",
      phone: "+46 155 20 40 00",
      website: "",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/admin/factory?saved=1");
    const [row] = profile() as { name: string; address: string; website: string | null; updated_by: string }[];
    expect(row).toMatchObject({
      name: "Lindqvist Precision MIM AB",
      address: "Verkstadsgatan 12\n611 35 Nyköping\nSweden",
      website: null,
    });
    expect(row!.updated_by).toMatch(/^[0-9a-f-]{36}$/);
    const html = await page("?saved=1");
    expect(html).toContain("The factory profile is saved");
    expect(html).toContain('value="Lindqvist Precision MIM AB"');

    expect(
      (await post({ name: "Lindqvist MIM AB", address: "Box 1\nSweden", email: "q@lindqvist.example" })).status,
    ).toBe(302);
    expect(profile()).toHaveLength(1);
    expect(profile()[0]).toMatchObject({ name: "Lindqvist MIM AB", phone: null });
  });

  it("refuses other roles and forged posts on the server", async () => {
    const salesEmail = await createStaffUser(app.dataDir, ["sales", "engineer"]);
    const salesCookie = await sessionCookie(app, salesEmail);
    const sales = { cookie: salesCookie, csrf: await csrfOf(app, salesCookie, "/review") };
    const before = profile();
    const fields = { name: "Forged AB", address: "A\nB", email: "f@forged.example" };
    expect((await post(fields, sales)).status).toBe(403);
    expect((await post(fields, { cookie: admin.cookie, csrf: "not-the-token" })).status).toBe(403);
    expect(profile()).toEqual(before);
  });
});
