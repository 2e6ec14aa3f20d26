import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { StaffUser } from "../app/server/auth/auth.server";
import { loadConfig } from "../app/server/config.server";
import {
  addComment,
  applyReviewEvent,
  assignInquiry,
  findInquiry,
  staffActor,
} from "../app/server/review/review.server";
import { getWorkspace, workspaceView } from "../app/server/review/workspace.server";
import type { Services } from "../app/server/service-types";
import { createServices } from "../app/server/services.server";
import { handleStatusPost } from "../app/server/buyer/status.server";
import { handleWorkspaceAction } from "../app/server/review/workspace-actions.server";
import { listInquiryEvents } from "../db/queries/inquiries";
import { gateDecisions, outbox } from "../db/schema";
import type { StaffRole } from "../workflows/roles";
import { buyerTimeline } from "../workflows/timeline";
import { PROCESS_STAGES } from "../workflows/review-domain";
import { addInquiry } from "./support/inquiry";
import { fixture, intakeForm } from "./support/intake-client";
import { tempDir } from "./support/temp";
import { eq } from "drizzle-orm";
import { insertStaff } from "./support/staff";

const quiet = { info: () => undefined, warn: () => undefined };
const HOUR = 60 * 60 * 1000;
let services: Services;

beforeEach(() => {
  services = createServices(
    loadConfig({ DATA_DIR: tempDir("review"), ENGINEERING_INBOX: "engineering@factory.test" }),
    quiet,
  );
});
afterEach(() => {
  services.db.$client.close();
});

const staff = (name: string, roles: StaffRole[]) => insertStaff(services.db, name, roles);

async function newInquiry(): Promise<string> {
  return (await addInquiry(services, { files: [fixture("nist_ftc_11_asme1_rb.stp")] })).id;
}

function form(values: Record<string, string | string[]>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) for (const x of Array.isArray(v) ? v : [v]) f.append(k, x);
  return f;
}

const version = (id: string) => String(findInquiry(services.db, id)!.version);
const state = (id: string) => findInquiry(services.db, id)!.state;
const mailTo = (to: string) => services.db.select().from(outbox).where(eq(outbox.to, to)).all();

async function toSuitability(engineer: StaffUser, id: string) {
  expect(handleWorkspaceAction(services, engineer, id, form({ intent: "start_triage", version: version(id) }))).toEqual(
    { ok: true },
  );
  expect(handleWorkspaceAction(services, engineer, id, form({ intent: "begin_review", version: version(id) }))).toEqual(
    { ok: true },
  );
}

describe("the review board on a real database", () => {
  it("refuses the second of two saves made from the same version, and keeps the first", async () => {
    const [ada, ben] = [await staff("Ada", ["engineer"]), await staff("Ben", ["engineer"])];
    const id = await newInquiry();
    await toSuitability(ada, id);
    const seen = version(id);
    const decide = (who: StaffUser, reason: string) =>
      handleWorkspaceAction(
        services,
        who,
        id,
        form({ intent: "suitability", version: seen, outcome: "suitable", reason, criteria: ["complex_geometry"] }),
      );

    expect(decide(ada, "Complex, small, 50k a year")).toEqual({ ok: true });
    const second = decide(ben, "Looks fine");
    expect(second).toMatchObject({ ok: false, status: 409 });
    expect(!second.ok && second.message).toContain("Ada changed this inquiry while you were working on it");
    const decisions = services.db.select().from(gateDecisions).where(eq(gateDecisions.inquiryId, id)).all();
    expect(decisions.map((d) => [d.decidedBy, d.payload.reason])).toEqual([[ada.id, "Complex, small, 50k a year"]]);
    // The automatic screen said "with conditions" (a ±0.02 mm bore): the override is on record.
    expect(decisions[0]!.payload.preAssessment).toEqual({
      flag: "amber",
      suggested: "suitable_with_conditions",
      followed: false,
    });
    // ...and the workspace's decision summary names what the screen had suggested.
    expect(workspaceView(services, ada, id)!.decisions[0]!.override).toBe(
      "AMBER, suggesting “Suitable with conditions”",
    );
    expect(state(id)).toBe("stage_risk");
  });

  it("walks all three gates to ready to quote, refusing an incomplete stage review", async () => {
    const ada = await staff("Ada", ["engineer"]);
    const id = await newInquiry();
    await toSuitability(ada, id);
    handleWorkspaceAction(
      services,
      ada,
      id,
      form({ intent: "suitability", version: version(id), outcome: "suitable", reason: "Good fit" }),
    );

    const levels = Object.fromEntries(PROCESS_STAGES.map((s) => [`level_${s.id}`, "low"]));
    const partial = handleWorkspaceAction(
      services,
      ada,
      id,
      form({ intent: "stage_risk", version: version(id), ...levels, level_inspection: "" }),
    );
    expect(partial).toMatchObject({ ok: false, status: 400 });
    // The missing level is an error on that stage's field, not one message for the whole form.
    expect(!partial.ok && partial.result.error).toEqual({
      level_inspection: [
        "Choose the risk at final inspection & traceability (or set every stage not assessed to low).",
      ],
    });
    expect(
      handleWorkspaceAction(
        services,
        ada,
        id,
        form({
          intent: "stage_risk",
          version: version(id),
          ...levels,
          level_green_handling: "high",
          check_green_handling: ["chipped corners"],
        }),
      ),
    ).toEqual({ ok: true });

    const noReason = handleWorkspaceAction(
      services,
      ada,
      id,
      form({
        intent: "sizing",
        version: version(id),
        sizingRequired: "yes",
        "sizingFeatures[0].requirement": "flatness",
      }),
    );
    expect(noReason).toMatchObject({ ok: false });
    expect(!noReason.ok && noReason.message).toContain("Name the feature to size");
    const sized = handleWorkspaceAction(
      services,
      ada,
      id,
      form({
        intent: "sizing",
        version: version(id),
        sizingRequired: "yes",
        "sizingFeatures[0].requirement": "flatness",
        "sizingFeatures[0].feature": "Assembly surface",
        "sizingFeatures[0].reason": "Flat surface distorts in sintering",
        secondary: ["passivation"],
        secondaryReason_passivation: "Note 4: passivate per ASTM A967",
        inspection: ["dimensions", "density"],
      }),
    );
    expect(sized).toEqual({ ok: true });
    expect(state(id)).toBe("ready_to_quote");
    expect(getWorkspace(services, id)!.decisions.map((d) => d.decision.gate)).toEqual([
      "suitability",
      "stage_risk",
      "sizing_secondary",
    ]);
  });

  it("parses every workspace post with one schema: an unknown intent is refused by name, field errors keep what was typed", async () => {
    const ada = await staff("Ada", ["engineer"]);
    const id = await newInquiry();
    await toSuitability(ada, id);
    const unknown = handleWorkspaceAction(
      services,
      ada,
      id,
      form({ intent: "approve_everything", version: version(id) }),
    );
    expect(unknown).toMatchObject({ ok: false, status: 400 });
    expect(!unknown.ok && unknown.result.error).toEqual({
      "": ['Unknown action "approve_everything": reload the page and try again.'],
    });

    const missing = handleWorkspaceAction(
      services,
      ada,
      id,
      form({ intent: "suitability", version: version(id), criteria: ["complex_geometry"], reason: "Small, complex" }),
    );
    expect(missing).toMatchObject({ ok: false, status: 400 });
    if (missing.ok) throw new Error("saved without an outcome");
    expect(missing.result.error).toEqual({ outcome: ["Choose the suitability decision."] });
    expect(missing.result.initialValue).toMatchObject({ criteria: "complex_geometry", reason: "Small, complex" });
    expect(state(id)).toBe("suitability");

    const stale = handleWorkspaceAction(
      services,
      ada,
      id,
      form({ intent: "suitability", version: "1", outcome: "suitable", reason: "Fine" }),
    );
    expect(!stale.ok && stale.result.error?.[""]?.join(" ")).toContain("while you were working on it");
  });

  it("sets every stage not yet assessed to low without saving, keeping the levels and notes typed", async () => {
    const ada = await staff("Ada", ["engineer"]);
    const id = await newInquiry();
    await toSuitability(ada, id);
    handleWorkspaceAction(
      services,
      ada,
      id,
      form({ intent: "suitability", version: version(id), outcome: "suitable", reason: "Good fit" }),
    );
    const filled = handleWorkspaceAction(
      services,
      ada,
      id,
      form({
        intent: "stage_risk",
        version: version(id),
        level_sintering: "high",
        notes_sintering: "Thin flange sags",
        check_green_handling: ["chipped corners"],
        fill: "low",
      }),
    );
    if (filled.ok) throw new Error("the fill button saved the gate");
    expect(filled.status).toBe(200);
    expect(filled.result.error).toBeUndefined();
    const levels = Object.fromEntries(
      PROCESS_STAGES.map((s) => [`level_${s.id}`, s.id === "sintering" ? "high" : "low"]),
    );
    expect(filled.result.initialValue).toMatchObject({
      ...levels,
      notes_sintering: "Thin flange sags",
      check_green_handling: "chipped corners",
    });
    expect(state(id)).toBe("stage_risk");
  });

  it("reopens a gate with a reason, superseding it and the later ones", async () => {
    const ada = await staff("Ada", ["engineer"]);
    const id = await newInquiry();
    await toSuitability(ada, id);
    handleWorkspaceAction(
      services,
      ada,
      id,
      form({ intent: "suitability", version: version(id), outcome: "suitable", reason: "Good fit" }),
    );
    expect(
      handleWorkspaceAction(
        services,
        ada,
        id,
        form({ intent: "reopen", version: version(id), gate: "suitability", reason: "" }),
      ),
    ).toMatchObject({ ok: false });
    expect(
      handleWorkspaceAction(
        services,
        ada,
        id,
        form({ intent: "reopen", version: version(id), gate: "suitability", reason: "Material changed to Ti" }),
      ),
    ).toEqual({ ok: true });
    expect(state(id)).toBe("suitability");
    expect(getWorkspace(services, id)!.decisions).toEqual([]);
    expect(services.db.select().from(gateDecisions).where(eq(gateDecisions.inquiryId, id)).all()).toHaveLength(1);
  });

  it("declines politely: the buyer gets the reason and the recommended process", async () => {
    const ada = await staff("Ada", ["engineer"]);
    const id = await newInquiry();
    await toSuitability(ada, id);
    const inquiry = findInquiry(services.db, id)!;
    const refused = handleWorkspaceAction(
      services,
      ada,
      id,
      form({ intent: "suitability", version: version(id), outcome: "not_suitable", reason: "400 mm plate" }),
    );
    expect(refused).toMatchObject({ ok: false });
    expect(
      handleWorkspaceAction(
        services,
        ada,
        id,
        form({
          intent: "suitability",
          version: version(id),
          outcome: "not_suitable",
          reason: "A 400 mm flat plate is cheaper stamped",
          alternative: "stamping",
        }),
      ),
    ).toEqual({ ok: true });
    expect(state(id)).toBe("declined");
    const [mail] = mailTo(inquiry.email).filter((m) => m.kind === "review-declined");
    expect(mail!.text).toContain("A 400 mm flat plate is cheaper stamped");
    expect(mail!.text).toContain("Stamping");
    expect(mail!.text).toMatch(/\/status\/[A-Za-z0-9_-]{43}/);
  });

  it("asks the buyer, takes the answer with a revised drawing from the status page, and returns to the same gate", async () => {
    const ada = await staff("Ada", ["engineer"]);
    const id = await newInquiry();
    await toSuitability(ada, id);
    expect(assignInquiry(services, ada, id, Number(version(id)), ada.id)).toEqual({ ok: true });
    expect(
      handleWorkspaceAction(
        services,
        ada,
        id,
        form({ intent: "ask", version: version(id), question: "Is the 0.3 mm wall a must?", wantsRevision: "on" }),
      ),
    ).toEqual({ ok: true });
    expect(state(id)).toBe("awaiting_buyer");
    const inquiry = findInquiry(services.db, id)!;
    expect(mailTo(inquiry.email).some((m) => m.kind === "review-question" && m.text.includes("0.3 mm wall"))).toBe(
      true,
    );
    addComment(services, ada, id, "Internal: price the 0.5 mm option too");
    // Staff work while the buyer answers (a reassignment bumps the version) must not refuse the answer.
    expect(assignInquiry(services, ada, id, Number(version(id)), ada.id)).toEqual({ ok: true });

    const questionId = getWorkspace(services, id)!.questions[0]!.question.id;
    const body = intakeForm({ intent: "answer", questionId, answer: "0.5 mm is fine: see rev C" }, [
      fixture("nist_ftc_06_asme1_rd.pdf", "bracket-rev-C.pdf"),
    ]);
    // The buyer answers three hours after the question: that is the time the inquiry waited on them.
    const answeredAt = new Date(findInquiry(services.db, id)!.stateChangedAt.getTime() + 3 * HOUR);
    const answered = await handleStatusPost(
      new Request("http://localhost/status/x", { method: "POST", body }),
      services,
      inquiry,
      "10.9.9.9",
      () => answeredAt,
    );
    expect(answered).toMatchObject({ ok: true, answered: true });
    expect(state(id)).toBe("suitability");
    const workspace = getWorkspace(services, id)!;
    expect(workspace.questions[0]!.question.answer).toBe("0.5 mm is fine: see rev C");
    expect(workspace.files.map((f) => [f.originalName, f.questionId])).toEqual([
      ["nist_ftc_11_asme1_rb.stp", null],
      ["bracket-rev-C.pdf", questionId],
    ]);
    expect(findInquiry(services.db, id)).toMatchObject({ awaitingBuyerMs: 3 * HOUR, stateChangedAt: answeredAt });
    expect(mailTo(ada.email).some((m) => m.kind === "buyer-answered")).toBe(true);

    const buyerSees = buyerTimeline(listInquiryEvents(services.db, id)).map((e) => e.type);
    expect(buyerSees).toContain("question");
    expect(buyerSees).not.toContain("comment");
    expect(buyerSees).not.toContain("assignment");
  });

  it("keeps sales to comments: the gates are for engineers", async () => {
    const sam = await staff("Sam", ["sales"]);
    const id = await newInquiry();
    expect(
      handleWorkspaceAction(services, sam, id, form({ intent: "start_triage", version: version(id) })),
    ).toMatchObject({ ok: false, status: 400 });
    expect(
      handleWorkspaceAction(services, sam, id, form({ intent: "comment", comment: "Customer is strategic" })),
    ).toEqual({ ok: true });
  });

  it("refuses an illegal move with the workflow's reason", async () => {
    const ada = await staff("Ada", ["engineer"]);
    const id = await newInquiry();
    const result = applyReviewEvent(services, staffActor(ada), id, Number(version(id)), {
      type: "SEND_QUOTE",
      ratesConfirmed: true,
      factoryNamed: true,
      approvalNeeded: false,
      approved: false,
    });
    expect(result).toMatchObject({ ok: false, status: 400 });
    expect(!result.ok && result.message).toContain('"Send the quotation" is not possible');
  });
});
