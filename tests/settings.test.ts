import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getSettings } from "../app/server/factory/settings.server";
import { createDb } from "../db/client";
import { PRE_ASSESSMENT_SETTINGS, preAssess } from "../workflows/pre-assessment";
import { startAppServer, type AppServer } from "./support/app-server";
import { query } from "./support/db";
import { createStaffUser, csrfOf, sessionCookie } from "./support/staff";

describe("review thresholds edited by an administrator", () => {
  let app: AppServer;
  let cookie: string;
  let csrf: string;

  beforeAll(async () => {
    app = await startAppServer();
    cookie = await sessionCookie(app, await createStaffUser(app.dataDir, ["admin"], { name: "Boss" }));
    csrf = await csrfOf(app, cookie, "/admin/settings");
  });
  afterAll(async () => {
    await app?.stop();
  });

  const post = async (changes: Record<string, string>) => {
    const page = await (await fetch(`${app.url}/admin/settings`, { headers: { Cookie: cookie } })).text();
    const form = new URLSearchParams({ _csrf: csrf });
    for (const [, name, value] of page.matchAll(/<input id="settings-([A-Za-z]+)" name="\1"[^>]*value="([^"]*)"/g))
      form.set(name!, value!);
    for (const [k, v] of Object.entries(changes)) form.set(k, v);
    return fetch(`${app.url}/admin/settings`, {
      method: "POST",
      headers: { Cookie: cookie },
      body: form,
      redirect: "manual",
    });
  };

  it("shows every problem beside its field and keeps the values typed", async () => {
    const response = await post({ massRedG: "-5", volumeAmber: "lots" });
    const html = await response.text();
    expect(response.status).toBe(400);
    expect(html).toContain('id="settings-massRedG-error"');
    expect(html).toContain('id="settings-volumeAmber-error"');
    expect(html).toContain('value="lots"');
  });

  const stored = () => query(app.dataDir, "SELECT * FROM settings ORDER BY key");

  it.each([
    [
      "overdueDays",
      "Infinity",
      "Overdue after, in a state the factory must act on: enter a number from 0.25 to 365 days.",
    ],
    [
      "overdueDays",
      "1e308",
      "Overdue after, in a state the factory must act on: enter a number from 0.25 to 365 days.",
    ],
    ["overdueDays", "NaN", "Overdue after, in a state the factory must act on: enter a number from 0.25 to 365 days."],
    ["overdueDays", "-1", "Overdue after, in a state the factory must act on: enter a number from 0.25 to 365 days."],
    ["massRedG", "1e308", "Mass above which MIM is out (red): enter a number from 0.001 to 10000 g."],
    [
      "sizingGain",
      "-0.5",
      "Share of the as-sintered tolerance sizing reaches: enter a number from 0.01 to 1 factor (0-1).",
    ],
    [
      "slidesAmber",
      "2.5",
      "Slides (undercut regions) flagged for tooling cost (amber): enter a whole number from 1 to 20 slides.",
    ],
  ])(
    "refuses %s = %s beside the field, naming the range and the unit, and stores nothing",
    async (name, value, message) => {
      const before = stored();
      const response = await post({ [name]: value });
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain(`id="settings-${name}-error">${message}<`);
      expect(html).toContain(`value="${value}"`);
      expect(stored()).toEqual(before);
    },
  );

  it("shows each figure's range beside it, and takes its own values back", async () => {
    const page = await (await fetch(`${app.url}/admin/settings`, { headers: { Cookie: cookie } })).text();
    expect(page).toContain("Default: 3. From 0.25 to 365.");
    expect((await post({})).status).toBe(302);
  });

  it("saves the thresholds, which the screen then uses", async () => {
    expect((await post({ volumeAmber: "100000", overdueDays: "2" })).status).toBe(302);
    const db = createDb(path.join(app.dataDir, "mim-rfq.sqlite"), { migrate: false });
    const settings = getSettings(db);
    db.$client.close();
    expect(settings.preAssessment).toEqual({ ...PRE_ASSESSMENT_SETTINGS, volumeAmber: 100000 });
    expect(settings.queue.overdueAfterMs).toBe(2 * 24 * 60 * 60 * 1000);
    const measurements = {
      sizeMm: [30, 20, 5] as [number, number, number],
      volumeMm3: 1500,
      watertight: true,
      unit: { unit: "mm", source: "file" } as const,
      wall: { p5Mm: 1, medianMm: 2, p95Mm: 3, thickestAt: null },
    };
    const input = {
      measurements,
      material: "mim-316l",
      annualVolume: 50_000,
      criticalDimensions: [],
      flatnessMm: null,
    };
    expect(preAssess(input).flag).toBe("green");
    expect(preAssess(input, settings.preAssessment).flag).toBe("amber");
  });

  it("lets the administrator edit the lower mass bounds, which the screen then uses", async () => {
    const page = await (await fetch(`${app.url}/admin/settings`, { headers: { Cookie: cookie } })).text();
    expect(page).toContain("Mass below the MIM sweet spot (amber) (g)");
    expect(page).toMatch(/<input id="settings-massMinAmberG" name="massMinAmberG"[^>]*value="0.1"/);
    expect(page).toMatch(/<input id="settings-massMinRedG" name="massMinRedG"[^>]*value="0.003"/);
    expect((await post({ massMinAmberG: "2" })).status).toBe(302);
    const db = createDb(path.join(app.dataDir, "mim-rfq.sqlite"), { migrate: false });
    const settings = getSettings(db);
    db.$client.close();
    expect(settings.preAssessment.massMinAmberG).toBe(2);
    // A 0.15 cm3 MIM-316L part, 1.2 g: in range by default, below a 2 g sweet spot.
    const measurements = {
      sizeMm: [10, 5, 3] as [number, number, number],
      volumeMm3: 150,
      watertight: true,
      unit: { unit: "mm", source: "file" } as const,
      wall: { p5Mm: 1, medianMm: 2, p95Mm: 3, thickestAt: null },
    };
    const input = {
      measurements,
      material: "mim-316l",
      annualVolume: 50_000,
      criticalDimensions: [],
      flatnessMm: null,
    };
    expect(preAssess(input).flag).toBe("green");
    expect(preAssess(input, settings.preAssessment).reasons).toContainEqual({
      flag: "amber",
      text: "Estimated mass 1.2 g is below the 2 g sweet spot: micro-MIM, check the factory makes parts this small.",
    });
    // Leave the defaults for the other tests of this server.
    expect((await post({ massMinAmberG: "0.1" })).status).toBe(302);
  });
});
