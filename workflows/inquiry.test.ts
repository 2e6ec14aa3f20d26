import { describe, expect, it } from "vitest";
import {
  allowedEvents,
  GATES,
  gateOf,
  INQUIRY_STATES,
  isApproved,
  missingGates,
  REVIEW_GATES,
  REVIEW_STATES,
  STATE_IDS,
  transition,
  TRANSITIONS,
  type Effect,
  type InquiryState,
  type WorkflowEvent,
  type WorkflowEventType,
} from "./inquiry";
import { overdueAfterMs } from "./review-settings";

/** A valid example of each event. */
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
  START_QUOTE: { type: "START_QUOTE" },
  REQUEST_APPROVAL: { type: "REQUEST_APPROVAL" },
  APPROVE_QUOTE: { type: "APPROVE_QUOTE", approverId: "admin-1", preparedBy: "sales-1" },
  RETURN_QUOTE: { type: "RETURN_QUOTE", reason: "Margin too thin for a new customer" },
  EDIT_QUOTE: { type: "EDIT_QUOTE" },
  SEND_QUOTE: { type: "SEND_QUOTE", ratesConfirmed: true, factoryNamed: true, approvalNeeded: true, approved: true },
  ACCEPT_QUOTE: { type: "ACCEPT_QUOTE" },
  DECLINE_QUOTE: { type: "DECLINE_QUOTE", reason: "Price" },
  EXPIRE_QUOTE: { type: "EXPIRE_QUOTE" },
  REVISE_QUOTE: { type: "REVISE_QUOTE" },
};

const supersede = (...gates: string[]): Effect => ({ type: "supersede_gates", gates }) as Effect;
const mail = (template: "declined" | "feedback" | "question" | "withdrawn"): Effect => ({
  type: "email_buyer",
  template,
});

/**
 * Every allowed (state, event) pair, written out by hand: the test fails if the table gains or
 * loses a pair without this list following. [state, returnTo, event, target, returnTo after, effects]
 */
type Row = [InquiryState, InquiryState | null, WorkflowEvent, InquiryState, InquiryState | null, Effect[]];
const ALLOWED: Row[] = [
  ["submitted", null, SAMPLE.START_TRIAGE, "triage", null, []],
  ["submitted", null, SAMPLE.WITHDRAW, "withdrawn", null, [mail("withdrawn")]],
  ["triage", null, SAMPLE.BEGIN_REVIEW, "suitability", null, []],
  ["triage", null, SAMPLE.ASK_BUYER, "awaiting_buyer", "triage", [mail("question")]],
  ["triage", null, SAMPLE.WITHDRAW, "withdrawn", null, [mail("withdrawn")]],
  ["suitability", null, SAMPLE.DECIDE_SUITABILITY, "stage_risk", null, []],
  ["suitability", null, SAMPLE.ASK_BUYER, "awaiting_buyer", "suitability", [mail("question")]],
  ["suitability", null, SAMPLE.WITHDRAW, "withdrawn", null, [mail("withdrawn")]],
  ["stage_risk", null, SAMPLE.COMPLETE_STAGE_RISK, "sizing_secondary", null, []],
  [
    "stage_risk",
    null,
    SAMPLE.REOPEN_GATE,
    "suitability",
    null,
    [supersede("suitability", "stage_risk", "sizing_secondary")],
  ],
  ["stage_risk", null, SAMPLE.ASK_BUYER, "awaiting_buyer", "stage_risk", [mail("question")]],
  ["stage_risk", null, SAMPLE.WITHDRAW, "withdrawn", null, [mail("withdrawn")]],
  ["sizing_secondary", null, SAMPLE.COMPLETE_SIZING, "ready_to_quote", null, []],
  [
    "sizing_secondary",
    null,
    SAMPLE.REOPEN_GATE,
    "suitability",
    null,
    [supersede("suitability", "stage_risk", "sizing_secondary")],
  ],
  ["sizing_secondary", null, SAMPLE.ASK_BUYER, "awaiting_buyer", "sizing_secondary", [mail("question")]],
  ["sizing_secondary", null, SAMPLE.WITHDRAW, "withdrawn", null, [mail("withdrawn")]],
  ["ready_to_quote", null, SAMPLE.START_QUOTE, "quote_draft", null, []],
  [
    "ready_to_quote",
    null,
    SAMPLE.REOPEN_GATE,
    "suitability",
    null,
    [supersede("suitability", "stage_risk", "sizing_secondary")],
  ],
  ["ready_to_quote", null, SAMPLE.WITHDRAW, "withdrawn", null, [mail("withdrawn")]],
  ["awaiting_buyer", "stage_risk", SAMPLE.BUYER_ANSWERED, "stage_risk", null, []],
  ["awaiting_buyer", "stage_risk", SAMPLE.WITHDRAW, "withdrawn", null, [mail("withdrawn")]],
  [
    "quote_draft",
    null,
    SAMPLE.REOPEN_GATE,
    "suitability",
    null,
    [supersede("suitability", "stage_risk", "sizing_secondary")],
  ],
  ["quote_draft", null, SAMPLE.REQUEST_APPROVAL, "awaiting_approval", null, []],
  ["quote_draft", null, SAMPLE.SEND_QUOTE, "quoted", null, []],
  ["quote_draft", null, SAMPLE.WITHDRAW, "withdrawn", null, [mail("withdrawn")]],
  ["awaiting_approval", null, SAMPLE.APPROVE_QUOTE, "quote_draft", null, []],
  ["awaiting_approval", null, SAMPLE.RETURN_QUOTE, "quote_draft", null, []],
  ["awaiting_approval", null, SAMPLE.EDIT_QUOTE, "quote_draft", null, []],
  ["awaiting_approval", null, SAMPLE.WITHDRAW, "withdrawn", null, [mail("withdrawn")]],
  ["quoted", null, SAMPLE.ACCEPT_QUOTE, "won", null, []],
  ["quoted", null, SAMPLE.DECLINE_QUOTE, "lost", null, []],
  ["quoted", null, SAMPLE.EXPIRE_QUOTE, "expired", null, []],
  ["quoted", null, SAMPLE.WITHDRAW, "withdrawn", null, [mail("withdrawn")]],
  ["lost", null, SAMPLE.REVISE_QUOTE, "quote_draft", null, []],
  ["expired", null, SAMPLE.REVISE_QUOTE, "quote_draft", null, []],
];

const EVENT_TYPES = Object.keys(TRANSITIONS) as WorkflowEventType[];
const key = (state: string, event: string) => `${state} ${event}`;

describe("the inquiry workflow table", () => {
  it("the hand-written list covers exactly the table's allowed pairs", () => {
    const fromTable = STATE_IDS.flatMap((s) => allowedEvents(s).map((e) => key(s, e))).sort();
    expect(ALLOWED.map(([s, , e]) => key(s, e.type)).sort()).toEqual(fromTable);
  });

  it.each(ALLOWED)("from %s (returnTo %s), %o is allowed", (state, returnTo, event, target, returnAfter, effects) => {
    expect(transition({ state, returnTo }, event)).toEqual({ ok: true, state: target, returnTo: returnAfter, effects });
  });

  it("treats a missing returnTo as none", () => {
    expect(transition({ state: "submitted" }, SAMPLE.START_TRIAGE)).toEqual({
      ok: true,
      state: "triage",
      returnTo: null,
      effects: [],
    });
  });

  const refusedPairs = STATE_IDS.flatMap((state) =>
    EVENT_TYPES.filter((e) => !allowedEvents(state).includes(e)).map((event) => [state, event] as const),
  );
  it.each(refusedPairs)("from %s, %s is refused with a reason", (state, event) => {
    const result = transition({ state, returnTo: null }, SAMPLE[event]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message.length).toBeGreaterThan(20);
  });

  /** At least one refusal per state, with the words the user reads. */
  it.each<[InquiryState, WorkflowEventType, string]>([
    [
      "submitted",
      "SEND_QUOTE",
      '"Send the quotation" is not possible while the inquiry is in "New". Start triage before sending the quotation.',
    ],
    ["submitted", "REOPEN_GATE", "Start triage before reopening a gate."],
    ["triage", "START_QUOTE", "Begin the engineering review before the quotation."],
    ["triage", "SEND_QUOTE", "Begin the engineering review before sending the quotation."],
    ["triage", "DECIDE_SUITABILITY", "Begin the engineering review before the suitability decision."],
    ["suitability", "COMPLETE_STAGE_RISK", "Decide suitability before stage risk."],
    ["suitability", "START_TRIAGE", "Triage has already started."],
    ["stage_risk", "COMPLETE_SIZING", "Complete the stage risk review before sizing."],
    ["stage_risk", "DECIDE_SUITABILITY", "Suitability is already decided: reopen the suitability gate to change it."],
    ["sizing_secondary", "START_QUOTE", "Complete sizing and secondary operations before the quotation."],
    ["sizing_secondary", "BUYER_ANSWERED", "There is no open question to the buyer."],
    ["ready_to_quote", "ASK_BUYER", "The review is complete: reopen a gate to ask the buyer about it."],
    ["ready_to_quote", "COMPLETE_SIZING", "Sizing is already complete: reopen the sizing gate to change it."],
    [
      "awaiting_buyer",
      "COMPLETE_STAGE_RISK",
      "Wait for the buyer's answer to the open question, or withdraw the inquiry.",
    ],
    ["awaiting_buyer", "REOPEN_GATE", "Wait for the buyer's answer"],
    ["ready_to_quote", "SEND_QUOTE", "Start the quotation before sending the quotation."],
    ["ready_to_quote", "ACCEPT_QUOTE", "Start the quotation before the buyer's acceptance."],
    ["quote_draft", "START_QUOTE", "The quotation is already started."],
    ["quote_draft", "ACCEPT_QUOTE", "Send the quotation before the buyer's acceptance."],
    ["quote_draft", "APPROVE_QUOTE", "It needs: Quote awaiting approval."],
    [
      "awaiting_approval",
      "SEND_QUOTE",
      "Wait for an admin's decision on the quotation, edit it, or withdraw the inquiry.",
    ],
    ["quoted", "REOPEN_GATE", "The review cannot be reopened once a quotation is with the buyer"],
    ["quoted", "SEND_QUOTE", "The quotation has been sent: a new version can follow once the buyer declines it"],
    ["quoted", "REVISE_QUOTE", "It needs: Lost, Quote expired."],
    ["won", "REVISE_QUOTE", "This inquiry is won: the buyer accepted the quotation; it can no longer change."],
    ["lost", "SEND_QUOTE", 'This inquiry is lost: the buyer declined the quotation. Only "Prepare a new version'],
    ["expired", "ACCEPT_QUOTE", 'This inquiry is closed: its quotation expired. Only "Prepare a new version'],
    ["declined", "BEGIN_REVIEW", "This inquiry is declined as not suitable for MIM; it can no longer change."],
    ["feedback_sent", "DECIDE_SUITABILITY", "This inquiry is closed with technical feedback; it can no longer change."],
    ["withdrawn", "START_TRIAGE", "This inquiry is withdrawn; it can no longer change."],
  ])("from %s, %s is refused: %s", (state, event, words) => {
    const result = transition({ state, returnTo: state === "awaiting_buyer" ? "stage_risk" : null }, SAMPLE[event]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(words);
  });

  it("lets a closed state do nothing but start a new version of a lost or expired quotation", () => {
    const revisable = ["lost", "expired"];
    for (const state of STATE_IDS.filter((s) => !INQUIRY_STATES[s].open))
      expect(allowedEvents(state), state).toEqual(revisable.includes(state) ? ["REVISE_QUOTE"] : []);
  });

  it("refuses everything from every closed state with the same words", () => {
    for (const state of STATE_IDS.filter((s) => !INQUIRY_STATES[s].open && allowedEvents(s).length === 0)) {
      expect(allowedEvents(state), state).toEqual([]);
      for (const event of EVENT_TYPES) {
        const result = transition({ state, returnTo: null }, SAMPLE[event]);
        expect(!result.ok && result.message, `${state} ${event}`).toMatch(
          /^This inquiry is .+; it can no longer change\.$/,
        );
      }
    }
  });

  it("lets every open state be withdrawn and no closed one", () => {
    for (const state of STATE_IDS)
      expect(allowedEvents(state).includes("WITHDRAW"), state).toBe(INQUIRY_STATES[state].open);
  });

  it("refuses an unknown state instead of guessing", () => {
    expect(transition({ state: "archived" as InquiryState }, SAMPLE.WITHDRAW)).toMatchObject({ ok: false });
  });
});

describe("guards", () => {
  const at = (state: InquiryState) => ({ state, returnTo: null });

  it.each(["", "   ", "\n\t"])("refuses a suitability decision with reason %j", (reason) => {
    expect(transition(at("suitability"), { type: "DECIDE_SUITABILITY", outcome: "suitable", reason })).toEqual({
      ok: false,
      message: "Give the reason for the suitability decision.",
    });
  });

  it.each([undefined, "", "  "])(
    "declines only when an alternative process is named (alternative %j refused)",
    (alternative) => {
      const base = { type: "DECIDE_SUITABILITY", outcome: "not_suitable", reason: "Part is 400 mm long" } as const;
      expect(transition(at("suitability"), { ...base, alternative })).toEqual({
        ok: false,
        message: "Name the process you recommend instead of MIM.",
      });
      expect(transition(at("suitability"), { ...base, alternative: "Investment casting" })).toEqual({
        ok: true,
        state: "declined",
        returnTo: null,
        effects: [mail("declined")],
      });
    },
  );

  it.each([undefined, "", " "])(
    "closes with technical feedback only when feedback is written (feedback %j refused)",
    (feedback) => {
      const base = { type: "DECIDE_SUITABILITY", outcome: "feedback_only", reason: "Design not frozen" } as const;
      expect(transition(at("suitability"), { ...base, feedback })).toEqual({
        ok: false,
        message: "Write the technical feedback the buyer will receive.",
      });
      expect(transition(at("suitability"), { ...base, feedback: "Add 0.5 mm fillets" })).toEqual({
        ok: true,
        state: "feedback_sent",
        returnTo: null,
        effects: [mail("feedback")],
      });
    },
  );

  it("continues after a conditional yes", () => {
    expect(
      transition(at("suitability"), {
        type: "DECIDE_SUITABILITY",
        outcome: "suitable_with_conditions",
        reason: "Needs sizing",
      }),
    ).toEqual({
      ok: true,
      state: "stage_risk",
      returnTo: null,
      effects: [],
    });
  });

  it.each([
    [0, 8, false],
    [7, 8, false],
    [8, 8, true],
    [7, 7, false],
  ])("completes stage risk with %i of %i stages assessed: %s", (stagesAssessed, stagesTotal, ok) => {
    const result = transition(at("stage_risk"), { type: "COMPLETE_STAGE_RISK", stagesAssessed, stagesTotal });
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.message).toContain(`Assess every process stage first: ${8 - stagesAssessed} of 8`);
  });

  it.each(["", "   "])("refuses to reopen a gate with reason %j", (reason) => {
    expect(transition(at("ready_to_quote"), { type: "REOPEN_GATE", gate: "stage_risk", reason })).toEqual({
      ok: false,
      message: "Give a reason to reopen the gate: it goes on the timeline.",
    });
  });

  it.each<[InquiryState, (typeof REVIEW_GATES)[number], string[] | null]>([
    ["stage_risk", "suitability", ["suitability", "stage_risk", "sizing_secondary"]],
    ["stage_risk", "stage_risk", null],
    ["stage_risk", "sizing_secondary", null],
    ["sizing_secondary", "stage_risk", ["stage_risk", "sizing_secondary"]],
    ["sizing_secondary", "sizing_secondary", null],
    ["ready_to_quote", "sizing_secondary", ["sizing_secondary"]],
    ["ready_to_quote", "stage_risk", ["stage_risk", "sizing_secondary"]],
  ])("from %s, reopening %s supersedes %j (null: nothing decided to reopen)", (state, gate, superseded) => {
    const result = transition(at(state), { type: "REOPEN_GATE", gate, reason: "New revision" });
    if (superseded === null) {
      expect(result).toMatchObject({
        ok: false,
        message: expect.stringContaining("is not decided yet: there is nothing to reopen"),
      });
    } else {
      expect(result).toEqual({ ok: true, state: gate, returnTo: null, effects: [supersede(...superseded)] });
    }
  });

  it.each(["", "  "])("refuses to withdraw with reason %j, and withdraws with one", (reason) => {
    expect(transition(at("triage"), { type: "WITHDRAW", reason })).toEqual({
      ok: false,
      message: "Give the reason for withdrawing the inquiry.",
    });
    expect(transition(at("triage"), { type: "WITHDRAW", reason: "Project cancelled" })).toMatchObject({
      ok: true,
      state: "withdrawn",
    });
  });

  it.each([null, "quoted", "awaiting_buyer"] as const)(
    "refuses an answer when the state to return to is %j",
    (returnTo) => {
      expect(transition({ state: "awaiting_buyer", returnTo }, SAMPLE.BUYER_ANSWERED)).toEqual({
        ok: false,
        message: "This inquiry does not record which review step to return to.",
      });
    },
  );
});

describe("quotation guards", () => {
  const at = (state: InquiryState) => ({ state, returnTo: null });
  const send = (ratesConfirmed: boolean, factoryNamed: boolean, approvalNeeded: boolean, approved: boolean) =>
    transition(at("quote_draft"), { type: "SEND_QUOTE", ratesConfirmed, factoryNamed, approvalNeeded, approved });
  const RATES = "An admin must confirm the factory's rates before any quotation is sent.";
  const FACTORY =
    "An admin must fill in the factory profile (/admin/factory) before any quotation is sent: it is issued in the factory's name.";

  it.each([
    [true, true, false, false, null],
    [true, true, true, true, null],
    [
      true,
      true,
      true,
      false,
      "This quotation needs an admin's approval before it is sent: ask an admin to approve it.",
    ],
    [false, true, false, false, RATES],
    [false, true, true, true, RATES],
    [true, false, false, false, FACTORY],
    [true, false, true, true, FACTORY],
  ])(
    "sends with rates confirmed %s, factory named %s, approval needed %s, approved %s: refusal %j",
    (rates, factory, needed, approved, refusal) => {
      const result = send(rates, factory, needed, approved);
      expect(result).toEqual(
        refusal === null ? { ok: true, state: "quoted", returnTo: null, effects: [] } : { ok: false, message: refusal },
      );
    },
  );

  it.each([
    [null, "u1", false],
    ["u1", "u1", false],
    ["u2", "u1", true],
  ])("counts a version approved by %j and prepared by %j as approved: %s", (approvedBy, preparedBy, approved) => {
    expect(isApproved({ approvedBy, preparedBy })).toBe(approved);
  });

  it("refuses self-approval and accepts another approver", () => {
    const approve = (approverId: string) =>
      transition(at("awaiting_approval"), { type: "APPROVE_QUOTE", approverId, preparedBy: "u1" });
    expect(approve("u1")).toEqual({
      ok: false,
      message: "Nobody approves their own quotation: ask another admin to approve it.",
    });
    expect(approve("u2")).toMatchObject({ ok: true, state: "quote_draft" });
  });

  it.each(["", "  "])("refuses to send back for changes or to decline with reason %j", (reason) => {
    expect(transition(at("awaiting_approval"), { type: "RETURN_QUOTE", reason })).toEqual({
      ok: false,
      message: "Say what must change: the preparer reads it on the timeline.",
    });
    expect(transition(at("quoted"), { type: "DECLINE_QUOTE", reason })).toEqual({
      ok: false,
      message: "Give the reason for declining the quotation.",
    });
  });

  it("runs the overdue clock while the factory quotes, not while the buyer holds the quotation", () => {
    expect(overdueAfterMs("quote_draft")).not.toBeNull();
    expect(overdueAfterMs("awaiting_approval")).not.toBeNull();
    expect(overdueAfterMs("quoted")).toBeNull();
    expect(overdueAfterMs("won")).toBeNull();
    expect(overdueAfterMs("expired")).toBeNull();
  });
});

describe("questions to the buyer", () => {
  it.each(REVIEW_STATES)("from %s, asking and the answer return to the same step", (state) => {
    const asked = transition({ state, returnTo: null }, { type: "ASK_BUYER" });
    expect(asked).toEqual({ ok: true, state: "awaiting_buyer", returnTo: state, effects: [mail("question")] });
    if (!asked.ok) return;
    expect(allowedEvents(asked.state)).toEqual(["BUYER_ANSWERED", "WITHDRAW"]);
    expect(transition({ state: asked.state, returnTo: asked.returnTo }, { type: "BUYER_ANSWERED" })).toEqual({
      ok: true,
      state,
      returnTo: null,
      effects: [],
    });
  });

  it("forgets the state to return to once the inquiry is withdrawn", () => {
    expect(transition({ state: "awaiting_buyer", returnTo: "suitability" }, SAMPLE.WITHDRAW)).toMatchObject({
      ok: true,
      returnTo: null,
    });
  });
});

describe("gates", () => {
  it("lists the three gates in review order", () => {
    expect(REVIEW_GATES).toEqual(["suitability", "stage_risk", "sizing_secondary"]);
    expect(GATES.map((g) => g.id)).toEqual([...REVIEW_GATES]);
  });

  it("maps states to gates", () => {
    expect(Object.fromEntries(STATE_IDS.map((s) => [s, gateOf(s)]))).toEqual({
      submitted: null,
      triage: null,
      suitability: "suitability",
      stage_risk: "stage_risk",
      sizing_secondary: "sizing_secondary",
      awaiting_buyer: null,
      ready_to_quote: null,
      quote_draft: null,
      awaiting_approval: null,
      quoted: null,
      won: null,
      lost: null,
      expired: null,
      declined: null,
      feedback_sent: null,
      withdrawn: null,
    });
  });

  it("lists the missing gates in order", () => {
    expect(missingGates(new Set())).toEqual(["suitability", "stage_risk", "sizing_secondary"]);
    expect(missingGates(new Set(["suitability"]))).toEqual(["stage_risk", "sizing_secondary"]);
    expect(missingGates(new Set(["sizing_secondary", "suitability"]))).toEqual(["stage_risk"]);
    expect(missingGates(new Set(REVIEW_GATES))).toEqual([]);
  });
});
