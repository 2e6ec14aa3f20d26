import { describe, expect, it } from "vitest";
import {
  allowedEvents,
  describeEvent,
  gateOf,
  INQUIRY_STATES,
  missingGates,
  REVIEW_STATES,
  STATE_IDS,
  transition,
  TRANSITIONS,
  type InquiryState,
  type WorkflowEvent,
  type WorkflowEventType,
} from "./inquiry";

/** A valid example of each event, so every allowed pair of the table can be walked. */
const SAMPLE: Record<WorkflowEventType, WorkflowEvent> = {
  START_TRIAGE: { type: "START_TRIAGE" },
  BEGIN_REVIEW: { type: "BEGIN_REVIEW" },
  DECIDE_SUITABILITY: { type: "DECIDE_SUITABILITY", outcome: "suitable", reason: "Small, complex, 50k/yr" },
  COMPLETE_STAGE_RISK: { type: "COMPLETE_STAGE_RISK", stagesAssessed: 8, stagesTotal: 8 },
  COMPLETE_SIZING: { type: "COMPLETE_SIZING" },
  REOPEN_GATE: { type: "REOPEN_GATE", gate: "suitability", reason: "Buyer changed the material" },
  ASK_BUYER: { type: "ASK_BUYER" },
  BUYER_ANSWERED: { type: "BUYER_ANSWERED" },
  WITHDRAW: { type: "WITHDRAW", reason: "Buyer cancelled the project" },
  SEND_QUOTE: { type: "SEND_QUOTE" },
};

const EXPECTED: Partial<Record<WorkflowEventType, InquiryState>> = {
  START_TRIAGE: "triage",
  BEGIN_REVIEW: "suitability",
  DECIDE_SUITABILITY: "stage_risk",
  COMPLETE_STAGE_RISK: "sizing_secondary",
  COMPLETE_SIZING: "ready_to_quote",
  REOPEN_GATE: "suitability",
  ASK_BUYER: "awaiting_buyer",
  WITHDRAW: "withdrawn",
  SEND_QUOTE: "quoted",
};

const allowedPairs = STATE_IDS.flatMap((state) => allowedEvents(state).map((event) => [state, event] as const));
const refusedPairs = STATE_IDS.flatMap((state) =>
  (Object.keys(TRANSITIONS) as WorkflowEventType[]).filter((e) => !allowedEvents(state).includes(e)).map((event) => [state, event] as const),
);

describe("the inquiry workflow table", () => {
  it.each(allowedPairs)("from %s, %s is allowed", (state, event) => {
    const result = transition({ state, returnTo: state === "awaiting_buyer" ? "stage_risk" : null }, SAMPLE[event]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.state).toBe(event === "BUYER_ANSWERED" ? "stage_risk" : EXPECTED[event]);
  });

  it.each(refusedPairs)("from %s, %s is refused with a reason", (state, event) => {
    const result = transition({ state, returnTo: null }, SAMPLE[event]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message.length).toBeGreaterThan(20);
  });

  it("tells why a closed inquiry cannot move", () => {
    expect(transition({ state: "withdrawn", returnTo: null }, SAMPLE.START_TRIAGE)).toEqual({
      ok: false,
      message: "This inquiry is withdrawn: it can no longer change.",
    });
  });

  it("lets every open state be withdrawn and no closed one", () => {
    for (const state of STATE_IDS) expect(allowedEvents(state).includes("WITHDRAW"), state).toBe(INQUIRY_STATES[state].open);
  });
});

describe("guards", () => {
  it.each(["", "   "])("refuses a suitability decision with reason %j", (reason) => {
    expect(transition({ state: "suitability", returnTo: null }, { type: "DECIDE_SUITABILITY", outcome: "suitable", reason })).toMatchObject({ ok: false, message: "Give the reason for the suitability decision." });
  });

  it("declines with a buyer e-mail only when an alternative process is named", () => {
    const base = { type: "DECIDE_SUITABILITY", outcome: "not_suitable", reason: "Part is 400 mm long" } as const;
    expect(transition({ state: "suitability", returnTo: null }, base)).toMatchObject({ ok: false });
    expect(transition({ state: "suitability", returnTo: null }, { ...base, alternative: "Investment casting" })).toEqual({
      ok: true,
      state: "declined",
      returnTo: null,
      effects: [{ type: "email_buyer", template: "declined" }],
    });
  });

  it("closes with technical feedback only when feedback is written", () => {
    const base = { type: "DECIDE_SUITABILITY", outcome: "feedback_only", reason: "Design not frozen" } as const;
    expect(transition({ state: "suitability", returnTo: null }, base)).toMatchObject({ ok: false });
    expect(transition({ state: "suitability", returnTo: null }, { ...base, feedback: "Add 0.5 mm fillets" })).toMatchObject({ ok: true, state: "feedback_sent" });
  });

  it("continues after a conditional yes", () => {
    expect(transition({ state: "suitability", returnTo: null }, { type: "DECIDE_SUITABILITY", outcome: "suitable_with_conditions", reason: "Needs sizing" })).toMatchObject({ ok: true, state: "stage_risk" });
  });

  it.each([
    [7, false],
    [8, true],
  ])("completes stage risk with %i of 8 stages assessed: %s", (assessed, ok) => {
    expect(transition({ state: "stage_risk", returnTo: null }, { type: "COMPLETE_STAGE_RISK", stagesAssessed: assessed, stagesTotal: 8 }).ok).toBe(ok);
  });

  it("reopens only decided gates, with a reason, superseding that gate and the later ones", () => {
    const ready = { state: "ready_to_quote", returnTo: null } as const;
    expect(transition(ready, { type: "REOPEN_GATE", gate: "stage_risk", reason: " " })).toMatchObject({ ok: false });
    expect(transition(ready, { type: "REOPEN_GATE", gate: "stage_risk", reason: "New revision" })).toEqual({
      ok: true,
      state: "stage_risk",
      returnTo: null,
      effects: [{ type: "supersede_gates", gates: ["stage_risk", "sizing_secondary"] }],
    });
    expect(transition({ state: "stage_risk", returnTo: null }, { type: "REOPEN_GATE", gate: "stage_risk", reason: "x" })).toMatchObject({ ok: false });
    expect(transition({ state: "quoted", returnTo: null }, { type: "REOPEN_GATE", gate: "suitability", reason: "x" })).toMatchObject({ ok: false });
  });
});

describe("questions to the buyer", () => {
  it.each(REVIEW_STATES)("from %s, asking and the answer return to the same step", (state) => {
    const asked = transition({ state, returnTo: null }, { type: "ASK_BUYER" });
    expect(asked).toEqual({ ok: true, state: "awaiting_buyer", returnTo: state, effects: [{ type: "email_buyer", template: "question" }] });
    if (!asked.ok) return;
    expect(transition({ state: asked.state, returnTo: asked.returnTo }, { type: "BUYER_ANSWERED" })).toEqual({ ok: true, state, returnTo: null, effects: [] });
  });
});

describe("gates and the timeline", () => {
  it("maps states to gates and lists what is missing", () => {
    expect([gateOf("suitability"), gateOf("stage_risk"), gateOf("sizing_secondary"), gateOf("triage")]).toEqual(["suitability", "stage_risk", "sizing_secondary", null]);
    expect(missingGates(new Set(["suitability"]))).toEqual(["stage_risk", "sizing_secondary"]);
  });

  it("keeps the intake's timeline lines", () => {
    expect(describeEvent({ type: "submitted", payload: { files: ["a.step", "b.pdf"] } })).toEqual({ title: "Inquiry received", detail: "With 2 files: a.step, b.pdf" });
    expect(describeEvent({ type: "files_added", payload: { files: ["c.pdf"] } })).toEqual({ title: "Files added", detail: "1 file: c.pdf" });
  });
});
