import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../db/client";
import { readGate3Decision } from "../workflows/sizing-decision";
import { startAppServer, type AppServer } from "./support/app-server";
import { query } from "./support/db";
import { FORM } from "./support/form-routes";
import { sendInquiry } from "./support/inquiry";
import { fixture } from "./support/intake-client";
import { createStaffUser, csrfOf, sessionCookie } from "./support/staff";
import { PROCESS_STAGES } from "../workflows/review-domain";

/**
 * The gates' new records on the real server: the criteria warning kept with the suitability
 * decision, gate 2's focus notes and checklist, several sizing features (the list changed without
 * JavaScript), and a gate 3 decision stored in the first, single-feature shape still shown.
 */
describe("the review gates' records on the real server", () => {
  let app: AppServer;
  let ada: { id: string; cookie: string; csrf: string };

  const html = (s: string) =>
    s
      .replace(/<!-- -->/g, "")
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&amp;/g, "&");
  const version = (id: string) =>
    String(query<{ version: number }>(app.dataDir, "SELECT version FROM inquiries WHERE id = ?", id)[0]!.version);
  const decision = (id: string, gate: string) =>
    JSON.parse(
      query<{ payload: string }>(
        app.dataDir,
        "SELECT payload FROM gate_decisions WHERE inquiry_id = ? AND gate = ? ORDER BY id DESC",
        id,
        gate,
      )[0]!.payload,
    ) as Record<string, unknown>;
  const page = async (id: string) =>
    html(await (await fetch(`${app.url}/review/${id}`, { headers: { Cookie: ada.cookie } })).text());
  const act = (id: string, fields: [string, string][]) =>
    fetch(`${app.url}/review/${id}`, {
      method: "POST",
      headers: { ...FORM, Cookie: ada.cookie, Origin: app.url },
      body: new URLSearchParams([["_csrf", ada.csrf], ["version", version(id)], ...fields]),
      redirect: "manual",
    });

  async function newInquiry(): Promise<string> {
    return (await sendInquiry(app, { files: [fixture("nist_ftc_11_asme1_rb.pdf")] })).id;
  }

  beforeAll(async () => {
    app = await startAppServer();
    const email = await createStaffUser(app.dataDir, ["engineer"], { name: "Ada" });
    const id = query<{ id: string }>(app.dataDir, "SELECT id FROM users WHERE email = ?", email)[0]!.id;
    const cookie = await sessionCookie(app, email);
    ada = { id, cookie, csrf: await csrfOf(app, cookie) };
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("records the criteria warning, gate 2's focus and checklist, and several sizing features", async () => {
    const id = await newInquiry();
    for (const intent of ["start_triage", "begin_review"])
      expect((await act(id, [["intent", intent]])).status).toBe(302);

    // "Suitable" with an argument against MIM ticked: saved, with the warning on the record.
    const suitable = await act(id, [
      ["intent", "suitability"],
      ["criteria", "complex_geometry"],
      ["criteria", "simple_shape"],
      ["outcome", "suitable"],
      ["reason", "Fits the envelope."],
    ]);
    expect(suitable.status).toBe(302);
    expect(String(decision(id, "suitability").criteriaWarning)).toContain('"Simple shape"');

    const levels = PROCESS_STAGES.map((s): [string, string] => [`level_${s.id}`, "low"]);
    const stageRisk = await act(id, [
      ["intent", "stage_risk"],
      ...levels,
      ["focus_sintering_0", "Custom setter for the long arm"],
      ["checklist_injection", "wall_and_flow"],
    ]);
    expect(stageRisk.status).toBe(302);
    const stages = decision(id, "stage_risk").stages as Record<string, { focus: object; checklist: string[] }>;
    expect(stages.sintering!.focus).toEqual({ "sintering fixture": "Custom setter for the long arm" });
    expect(stages.injection!.checklist).toEqual(["wall_and_flow"]);

    // Gate 3 opens with the buyer's H900 and passivation as suggested operations.
    const atGate3 = await page(id);
    expect(atGate3).toContain("Suggested by the screen");
    expect(atGate3).toContain("The buyer asks for H900");

    // "Add another feature" without JavaScript: nothing saved, the list comes back one longer with what was typed.
    const first: [string, string][] = [
      ["intent", "sizing"],
      ["sizingRequired", "yes"],
      ["sizingFeatures[0].requirement", "flatness"],
      ["sizingFeatures[0].feature", "Assembly surface"],
      ["sizingFeatures[0].reason", "0.03 mm flatness on the mating face"],
    ];
    const added = await act(id, [
      ...first,
      ["formId", "sizing"],
      ["__intent__", JSON.stringify({ type: "insert", payload: { name: "sizingFeatures" } })],
    ]);
    expect(added.status).toBe(200);
    const addedPage = html(await added.text());
    expect(addedPage).toContain('name="sizingFeatures[1].feature"');
    expect(addedPage).toContain('value="Assembly surface"');
    expect(
      query(app.dataDir, "SELECT 1 FROM gate_decisions WHERE inquiry_id = ? AND gate = 'sizing_secondary'", id),
    ).toEqual([]);

    const sized = await act(id, [
      ...first,
      ["sizingFeatures[1].requirement", "roundness"],
      ["sizingFeatures[1].feature", "Bore Ø4"],
      ["sizingFeatures[1].reason", "0.01 mm roundness for the pin"],
      ["secondary", "coining"],
      ["secondaryReason_coining", "Note 3: surface density"],
    ]);
    expect(sized.status).toBe(302);
    const gate3 = readGate3Decision(decision(id, "sizing_secondary"));
    expect(gate3?.sizingFeatures.map((f) => f.feature)).toEqual(["Assembly surface", "Bore Ø4"]);
    expect(gate3?.secondary).toEqual(["coining"]);

    const summary = await page(id);
    expect(summary).toContain("Flatness of Assembly surface");
    expect(summary).toContain("Roundness of Bore Ø4");
    expect(summary).toContain("Coining (Note 3: surface density)");
    expect(summary).toContain("Criteria warning");
    expect(summary).toContain("Custom setter for the long arm");
    // Applicable items not ticked are named, not hidden.
    expect(summary).toMatch(/Not checked:<\/strong> [^<]*Gate location away from cosmetic/);
  });

  it("still shows a gate 3 decision stored with one feature in the first shape", async () => {
    const id = await newInquiry();
    const db = createDb(path.join(app.dataDir, "mim-rfq.sqlite"), { migrate: false });
    try {
      db.$client
        .prepare(
          "INSERT INTO gate_decisions (inquiry_id, gate, payload, decided_by, decided_at) VALUES (?, ?, ?, ?, ?)",
        )
        .run(
          id,
          "sizing_secondary",
          JSON.stringify({
            sizingRequired: "yes",
            sizingRequirement: "flatness",
            sizingFeature: "old assembly surface",
            sizingReason: "decided before the list",
            secondary: ["passivation"],
            secondaryReasons: { passivation: "ASTM A967" },
            inspection: ["dimensions"],
          }),
          ada.id,
          Date.now(),
        );
      db.$client.prepare("UPDATE inquiries SET state = 'ready_to_quote' WHERE id = ?").run(id);
    } finally {
      db.$client.close();
    }
    const summary = await page(id);
    expect(summary).toContain("Flatness of old assembly surface. decided before the list");
    expect(summary).toContain("Passivation (ASTM A967)");
  });
});
