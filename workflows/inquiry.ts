/**
 * The inquiry's life, as one definition that the pages, the server actions and the tests all read:
 * its states, the events that move it, and the guards that refuse a move with a reason.
 * Pure: given the current state and an event, it decides; the caller does the I/O.
 */

/** The three review gates, in the order an inquiry passes them. */
export const REVIEW_GATES = ["suitability", "stage_risk", "sizing_secondary"] as const;
export type Gate = (typeof REVIEW_GATES)[number];

export const GATES: readonly { id: Gate; label: string; state: InquiryState }[] = [
  { id: "suitability", label: "MIM suitability", state: "suitability" },
  { id: "stage_risk", label: "Stage risk", state: "stage_risk" },
  { id: "sizing_secondary", label: "Sizing and secondary operations", state: "sizing_secondary" },
];

/**
 * How the buyer names where their inquiry stands: fewer steps than staff see (the three gates are
 * one "engineering review"). The words are in each language's status messages.
 */
export const BUYER_PHASES = [
  "received",
  "review",
  "question",
  "preparing",
  "sent",
  "accepted",
  "declined",
  "expired",
  "not_suitable",
  "feedback",
  "withdrawn",
] as const;
export type BuyerPhase = (typeof BUYER_PHASES)[number];

type StateInfo = {
  label: string;
  buyer: BuyerPhase;
  open: boolean;
  gate: Gate | null;
  /** True where the next move is the buyer's, so the factory's overdue clock does not run. */
  buyerTurn?: true;
};

export const INQUIRY_STATES = {
  submitted: {
    label: "New",
    buyer: "received",
    open: true,
    gate: null,
  },
  triage: {
    label: "Triage",
    buyer: "received",
    open: true,
    gate: null,
  },
  suitability: {
    label: "Suitability review",
    buyer: "review",
    open: true,
    gate: "suitability",
  },
  stage_risk: {
    label: "Stage risk review",
    buyer: "review",
    open: true,
    gate: "stage_risk",
  },
  sizing_secondary: {
    label: "Sizing and secondary operations",
    buyer: "review",
    open: true,
    gate: "sizing_secondary",
  },
  awaiting_buyer: {
    label: "Awaiting buyer",
    buyer: "question",
    open: true,
    gate: null,
    buyerTurn: true,
  },
  ready_to_quote: {
    label: "Ready to quote",
    buyer: "preparing",
    open: true,
    gate: null,
  },
  quote_draft: {
    label: "Quote draft",
    buyer: "preparing",
    open: true,
    gate: null,
  },
  awaiting_approval: {
    label: "Quote awaiting approval",
    buyer: "preparing",
    open: true,
    gate: null,
  },
  quoted: {
    label: "Quoted",
    buyer: "sent",
    open: true,
    gate: null,
    buyerTurn: true,
  },
  won: {
    label: "Won",
    buyer: "accepted",
    open: false,
    gate: null,
  },
  lost: {
    label: "Lost",
    buyer: "declined",
    open: false,
    gate: null,
  },
  expired: {
    label: "Quote expired",
    buyer: "expired",
    open: false,
    gate: null,
  },
  declined: {
    label: "Declined: not suitable for MIM",
    buyer: "not_suitable",
    open: false,
    gate: null,
  },
  feedback_sent: {
    label: "Closed with technical feedback",
    buyer: "feedback",
    open: false,
    gate: null,
  },
  withdrawn: {
    label: "Withdrawn",
    buyer: "withdrawn",
    open: false,
    gate: null,
  },
} as const satisfies Record<string, StateInfo>;

export type InquiryState = keyof typeof INQUIRY_STATES;
export const STATE_IDS = Object.keys(INQUIRY_STATES) as InquiryState[];

function info(state: string): StateInfo | undefined {
  return (INQUIRY_STATES as Record<string, StateInfo>)[state];
}

export function isInquiryState(value: string): value is InquiryState {
  return info(value) !== undefined;
}

export function stateLabel(state: string): string {
  return info(state)?.label ?? state;
}

/** The buyer's name for where a state stands; an unknown state reads as received. */
export function buyerPhase(state: string): BuyerPhase {
  return info(state)?.buyer ?? "received";
}

export function isOpen(state: string): boolean {
  return info(state)?.open ?? false;
}

/** Whether the inquiry waits on the buyer (a question, a sent quotation) rather than on the factory. */
export function isBuyerTurn(state: string): boolean {
  return info(state)?.buyerTurn ?? false;
}

/** The review gate a state belongs to, or null outside the gates. */
export function gateOf(state: string): Gate | null {
  return info(state)?.gate ?? null;
}

export function gateLabel(gate: Gate): string {
  return GATES.find((g) => g.id === gate)?.label ?? gate;
}

/** Gates not yet decided, in review order: what stands between the inquiry and "ready to quote". */
export function missingGates(decided: ReadonlySet<Gate>): Gate[] {
  return REVIEW_GATES.filter((g) => !decided.has(g));
}

/** The states in which the review is complete and the inquiry has, or may start, a quote. */
export const QUOTE_STATES = [
  "ready_to_quote",
  "quote_draft",
  "awaiting_approval",
  "quoted",
  "won",
  "lost",
  "expired",
] as const satisfies readonly InquiryState[];

export function hasQuote(state: string): boolean {
  return (QUOTE_STATES as readonly string[]).includes(state);
}

/** The states from which an engineer may put a question to the buyer and come back. */
export const REVIEW_STATES = [
  "triage",
  "suitability",
  "stage_risk",
  "sizing_secondary",
] as const satisfies readonly InquiryState[];
type ReviewState = (typeof REVIEW_STATES)[number];

export const SUITABILITY_OUTCOMES = ["suitable", "suitable_with_conditions", "not_suitable", "feedback_only"] as const;
export type SuitabilityOutcome = (typeof SUITABILITY_OUTCOMES)[number];

export type WorkflowEvent =
  | { type: "START_TRIAGE" }
  | { type: "BEGIN_REVIEW" }
  | { type: "DECIDE_SUITABILITY"; outcome: SuitabilityOutcome; reason: string; alternative?: string; feedback?: string }
  | { type: "COMPLETE_STAGE_RISK"; stagesAssessed: number; stagesTotal: number }
  | { type: "COMPLETE_SIZING" }
  | { type: "REOPEN_GATE"; gate: Gate; reason: string }
  | { type: "ASK_BUYER" }
  | { type: "BUYER_ANSWERED" }
  | { type: "WITHDRAW"; reason: string }
  | { type: "START_QUOTE" }
  | { type: "REQUEST_APPROVAL" }
  | { type: "APPROVE_QUOTE"; approverId: string; preparedBy: string }
  | { type: "RETURN_QUOTE"; reason: string }
  | { type: "EDIT_QUOTE" }
  | { type: "SEND_QUOTE"; ratesConfirmed: boolean; factoryNamed: boolean; approvalNeeded: boolean; approved: boolean }
  | { type: "ACCEPT_QUOTE" }
  | { type: "DECLINE_QUOTE"; reason: string }
  | { type: "EXPIRE_QUOTE" }
  | { type: "REVISE_QUOTE" };

export type WorkflowEventType = WorkflowEvent["type"];

/**
 * What "approved" means, in one place: an admin other than the version's preparer approved it.
 * APPROVE_QUOTE refuses an approval that would not be one, and SEND_QUOTE's `approved` is this,
 * read from the version. A save clears a version's approval and makes the saver its preparer, so
 * an approval recorded on a version is always of its figures as they stand.
 */
export function isApproved(version: { approvedBy: string | null; preparedBy: string }): boolean {
  return version.approvedBy !== null && version.approvedBy !== version.preparedBy;
}

/** What must happen around a transition; the caller carries these out in the same transaction. */
export type Effect =
  | { type: "email_buyer"; template: "declined" | "feedback" | "question" | "withdrawn" }
  | { type: "supersede_gates"; gates: Gate[] };

/**
 * Where the inquiry stands. `returnTo` is the review state a question to the buyer will return
 * to; it is only meaningful in `awaiting_buyer` and every other move clears it (judgement call:
 * a stale value can never leak into a later question).
 */
export type Current = { state: InquiryState; returnTo?: InquiryState | null };

export type TransitionResult =
  { ok: true; state: InquiryState; returnTo: InquiryState | null; effects: Effect[] } | { ok: false; message: string };

/** The eight MIM process stages the stage-risk gate scores (domain table, stages 1-8). */
export const PROCESS_STAGE_COUNT = 8;

type Rule<E extends WorkflowEvent> = {
  from: readonly InquiryState[];
  /** The button's words, in the imperative. */
  label: string;
  /** The step as a noun, for refusals: "Decide suitability before stage risk." */
  step: string;
  /** True for the one move per state that carries the inquiry forward along the main path. */
  advances?: true;
  /** The fix when the inquiry is already past this step; the default says the step is done. */
  whenPast?: string;
  /** Returns a refusal message, or null when the event may proceed. Synchronous, no I/O. */
  guard?: (event: E, current: Current) => string | null;
  /** The target; `returnTo` defaults to null (see `Current`). */
  to: (event: E, current: Current) => { state: InquiryState; returnTo?: InquiryState | null; effects?: Effect[] };
};

type Table = { [T in WorkflowEventType]: Rule<Extract<WorkflowEvent, { type: T }>> };

const blank = (text: string | undefined) => (text ?? "").trim() === "";
const OPEN_STATES = STATE_IDS.filter((s) => INQUIRY_STATES[s].open);
const gatesFrom = (gate: Gate) => REVIEW_GATES.slice(REVIEW_GATES.indexOf(gate));
const isReviewState = (state: InquiryState | null | undefined): state is ReviewState =>
  (REVIEW_STATES as readonly string[]).includes(state ?? "");

/**
 * The main path, in order. `awaiting_buyer` is a side trip from the review states and
 * `awaiting_approval` one from the quote draft; declined, feedback_sent, withdrawn, lost and
 * expired are ends reached from it. Used only to word refusals.
 */
const MAIN_PATH: readonly InquiryState[] = [
  "submitted",
  "triage",
  "suitability",
  "stage_risk",
  "sizing_secondary",
  "ready_to_quote",
  "quote_draft",
  "quoted",
  "won",
];

/**
 * The transition table: every allowed move of an inquiry, and nothing else.
 *
 * Judgement calls:
 * - Every suitability decision needs a reason (it is signed on the timeline); `not_suitable` also
 *   needs the recommended alternative process and `feedback_only` the feedback text, because the
 *   buyer's e-mail carries them.
 * - Stage risk needs all eight stages scored; the caller counts them (no import of the stage
 *   catalogue here) and a smaller `stagesTotal` cannot lower the bar below eight.
 * - REOPEN_GATE goes back to a gate already decided (earlier than the current one, or any gate
 *   from ready_to_quote or a quote draft, since costing can expose a review mistake) and supersedes that gate's decision and every later one. It is not
 *   offered while waiting on the buyer (answer first) nor after quoting (closed).
 * - ASK_BUYER is not offered from ready_to_quote: the review is complete; reopen a gate to ask.
 * - WITHDRAW is open to every open state, awaiting_buyer included, and e-mails the buyer.
 * - Quoting: START_QUOTE opens the draft; REQUEST_APPROVAL is a side trip that APPROVE_QUOTE,
 *   RETURN_QUOTE (an admin sends it back with a reason) or EDIT_QUOTE (any edit voids a pending or
 *   given approval) ends, always back in quote_draft. Whether a quote needs approval and whether
 *   it has one live on the quote row; the caller reads them and SEND_QUOTE's guard refuses without
 *   them, so a direct POST cannot skip approval. Nobody approves a quote they prepared.
 * - SEND_QUOTE also needs the factory's rates confirmed once and its profile filled in: example rates
 *   and a placeholder seller never reach a buyer.
 *   It has no effect here: freezing the PDF and queueing its e-mail belong to the quote module.
 * - quoted is open (WITHDRAW still applies) but it is the buyer's turn: no overdue clock.
 *   won is closed; lost and expired are closed too, except that REVISE_QUOTE starts a new version.
 * - No `email_assignee` effect: the app already e-mails the assignee inside the answer's write
 *   (review.server.ts `recordAnswer`) and on assignment, which are not state changes.
 */
export const TRANSITIONS: Table = {
  START_TRIAGE: {
    from: ["submitted"],
    label: "Start triage",
    step: "triage",
    advances: true,
    whenPast: "Triage has already started.",
    to: () => ({ state: "triage" }),
  },
  BEGIN_REVIEW: {
    from: ["triage"],
    label: "Begin the engineering review",
    step: "the engineering review",
    advances: true,
    whenPast: "The engineering review has already begun.",
    to: () => ({ state: "suitability" }),
  },
  DECIDE_SUITABILITY: {
    from: ["suitability"],
    label: "Decide suitability",
    step: "the suitability decision",
    advances: true,
    whenPast: "Suitability is already decided: reopen the suitability gate to change it.",
    guard: (e) => {
      if (blank(e.reason)) return "Give the reason for the suitability decision.";
      if (e.outcome === "not_suitable" && blank(e.alternative)) return "Name the process you recommend instead of MIM.";
      if (e.outcome === "feedback_only" && blank(e.feedback))
        return "Write the technical feedback the buyer will receive.";
      return null;
    },
    to: (e) => {
      switch (e.outcome) {
        case "not_suitable":
          return { state: "declined", effects: [{ type: "email_buyer", template: "declined" }] };
        case "feedback_only":
          return { state: "feedback_sent", effects: [{ type: "email_buyer", template: "feedback" }] };
        case "suitable":
        case "suitable_with_conditions":
          return { state: "stage_risk" };
      }
    },
  },
  COMPLETE_STAGE_RISK: {
    from: ["stage_risk"],
    label: "Complete the stage risk review",
    step: "stage risk",
    advances: true,
    whenPast: "Stage risk is already complete: reopen the stage risk gate to change it.",
    guard: (e) => {
      const total = Math.max(e.stagesTotal, PROCESS_STAGE_COUNT);
      const missing = total - Math.max(0, e.stagesAssessed);
      return missing > 0 ? `Assess every process stage first: ${missing} of ${total} still have no risk level.` : null;
    },
    to: () => ({ state: "sizing_secondary" }),
  },
  COMPLETE_SIZING: {
    from: ["sizing_secondary"],
    label: "Complete sizing and secondary operations",
    step: "sizing",
    advances: true,
    whenPast: "Sizing is already complete: reopen the sizing gate to change it.",
    to: () => ({ state: "ready_to_quote" }),
  },
  START_QUOTE: {
    from: ["ready_to_quote"],
    label: "Start the quotation",
    step: "the quotation",
    advances: true,
    whenPast: "The quotation is already started.",
    to: () => ({ state: "quote_draft" }),
  },
  REQUEST_APPROVAL: {
    from: ["quote_draft"],
    label: "Ask an admin to approve the quotation",
    step: "the approval request",
    whenPast: "The quotation has already been sent.",
    to: () => ({ state: "awaiting_approval" }),
  },
  APPROVE_QUOTE: {
    from: ["awaiting_approval"],
    label: "Approve the quotation",
    step: "approval",
    guard: (e) =>
      isApproved({ approvedBy: e.approverId, preparedBy: e.preparedBy })
        ? null
        : "Nobody approves their own quotation: ask another admin to approve it.",
    to: () => ({ state: "quote_draft" }),
  },
  RETURN_QUOTE: {
    from: ["awaiting_approval"],
    label: "Send the quotation back for changes",
    step: "sending back for changes",
    guard: (e) => (blank(e.reason) ? "Say what must change: the preparer reads it on the timeline." : null),
    to: () => ({ state: "quote_draft" }),
  },
  EDIT_QUOTE: {
    from: ["awaiting_approval"],
    label: "Edit the quotation",
    step: "editing the quotation",
    to: () => ({ state: "quote_draft" }),
  },
  SEND_QUOTE: {
    from: ["quote_draft"],
    label: "Send the quotation",
    step: "sending the quotation",
    advances: true,
    whenPast: "The quotation has been sent: a new version can follow once the buyer declines it or it expires.",
    guard: (e) => {
      if (!e.ratesConfirmed) return "An admin must confirm the factory's rates before any quotation is sent.";
      if (!e.factoryNamed)
        return "An admin must fill in the factory profile (/admin/factory) before any quotation is sent: it is issued in the factory's name.";
      if (e.approvalNeeded && !e.approved)
        return "This quotation needs an admin's approval before it is sent: ask an admin to approve it.";
      return null;
    },
    to: () => ({ state: "quoted" }),
  },
  ACCEPT_QUOTE: {
    from: ["quoted"],
    label: "Accept the quotation",
    step: "the buyer's acceptance",
    advances: true,
    to: () => ({ state: "won" }),
  },
  DECLINE_QUOTE: {
    from: ["quoted"],
    label: "Decline the quotation",
    step: "the buyer's decline",
    guard: (e) => (blank(e.reason) ? "Give the reason for declining the quotation." : null),
    to: () => ({ state: "lost" }),
  },
  EXPIRE_QUOTE: {
    from: ["quoted"],
    label: "Mark the quotation expired",
    step: "expiry",
    to: () => ({ state: "expired" }),
  },
  REVISE_QUOTE: {
    from: ["lost", "expired"],
    label: "Prepare a new version of the quotation",
    step: "a new version",
    to: () => ({ state: "quote_draft" }),
  },
  REOPEN_GATE: {
    from: ["stage_risk", "sizing_secondary", "ready_to_quote", "quote_draft"],
    label: "Reopen a gate",
    step: "reopening a gate",
    whenPast: "The review cannot be reopened once a quotation is with the buyer or approval is pending.",
    guard: (e, current) => {
      if (blank(e.reason)) return "Give a reason to reopen the gate: it goes on the timeline.";
      const target = REVIEW_GATES.indexOf(e.gate);
      const here = gateOf(current.state);
      const position = here === null ? REVIEW_GATES.length : REVIEW_GATES.indexOf(here);
      return target >= position
        ? `The ${gateLabel(e.gate)} gate is not decided yet: there is nothing to reopen.`
        : null;
    },
    to: (e) => ({ state: e.gate, effects: [{ type: "supersede_gates", gates: gatesFrom(e.gate) }] }),
  },
  ASK_BUYER: {
    from: REVIEW_STATES,
    label: "Ask the buyer",
    step: "a question to the buyer",
    whenPast: "The review is complete: reopen a gate to ask the buyer about it.",
    to: (_e, current) => ({
      state: "awaiting_buyer",
      returnTo: current.state,
      effects: [{ type: "email_buyer", template: "question" }],
    }),
  },
  BUYER_ANSWERED: {
    from: ["awaiting_buyer"],
    label: "Buyer answered",
    step: "the buyer's answer",
    guard: (_e, current) =>
      isReviewState(current.returnTo) ? null : "This inquiry does not record which review step to return to.",
    to: (_e, current) => ({ state: current.returnTo as ReviewState }),
  },
  WITHDRAW: {
    from: OPEN_STATES,
    label: "Withdraw",
    step: "withdrawing",
    guard: (e) => (blank(e.reason) ? "Give the reason for withdrawing the inquiry." : null),
    to: () => ({ state: "withdrawn", effects: [{ type: "email_buyer", template: "withdrawn" }] }),
  },
};

const EVENT_TYPES = Object.keys(TRANSITIONS) as WorkflowEventType[];

/** How each closed state reads in "This inquiry is ...; it can no longer change." */
const CLOSED_AS: Partial<Record<InquiryState, string>> = {
  won: "won: the buyer accepted the quotation",
  lost: "lost: the buyer declined the quotation",
  expired: "closed: its quotation expired",
  declined: "declined as not suitable for MIM",
  feedback_sent: "closed with technical feedback",
  withdrawn: "withdrawn",
};

/** The move that carries `state` forward, from the table: what to do next. */
function nextStep(state: InquiryState): string | undefined {
  const type = EVENT_TYPES.find((t) => TRANSITIONS[t].advances && TRANSITIONS[t].from.includes(state));
  return type && TRANSITIONS[type].label;
}

/** Why `event` cannot happen in `state`, and what to do instead. */
function refusal(event: WorkflowEventType, state: InquiryState): string {
  const closed = `This inquiry is ${CLOSED_AS[state] ?? stateLabel(state).toLowerCase()}`;
  if (!isOpen(state) && allowedEvents(state).length === 0) return `${closed}; it can no longer change.`;
  if (!isOpen(state)) return `${closed}. Only "${TRANSITIONS.REVISE_QUOTE.label}" can follow.`;
  const rule = TRANSITIONS[event];
  const head = `"${rule.label}" is not possible while the inquiry is in "${stateLabel(state)}".`;
  if (state === "awaiting_buyer")
    return `${head} Wait for the buyer's answer to the open question, or withdraw the inquiry.`;
  if (state === "awaiting_approval")
    return `${head} Wait for an admin's decision on the quotation, edit it, or withdraw the inquiry.`;
  if (event === "BUYER_ANSWERED") return `${head} There is no open question to the buyer.`;
  const here = MAIN_PATH.indexOf(state);
  const spots = rule.from.map((s) => MAIN_PATH.indexOf(s)).filter((i) => i >= 0);
  const next = nextStep(state);
  if (spots.length > 0 && here < Math.min(...spots) && next) return `${head} ${next} before ${rule.step}.`;
  if (spots.length > 0 && here > Math.max(...spots)) return `${head} ${rule.whenPast ?? "That step is already done."}`;
  return `${head} It needs: ${rule.from.map((s) => stateLabel(s)).join(", ")}.`;
}

/**
 * The one decision function: the next state, the state to return to and the effects to run, or
 * a refusal in words that name the fix. Pure: the caller does the I/O (see review.server.ts).
 */
export function transition(current: Current, event: WorkflowEvent): TransitionResult {
  if (!isInquiryState(current.state))
    return { ok: false, message: `This inquiry is in an unknown state "${current.state}".` };
  const rule = TRANSITIONS[event.type] as Rule<WorkflowEvent> | undefined;
  if (!rule) return { ok: false, message: `Unknown action "${(event as { type: string }).type}".` };
  const now: Current = { state: current.state, returnTo: current.returnTo ?? null };
  if (!rule.from.includes(now.state)) return { ok: false, message: refusal(event.type, now.state) };
  const refused = rule.guard?.(event, now);
  if (refused) return { ok: false, message: refused };
  const next = rule.to(event, now);
  return { ok: true, state: next.state, returnTo: next.returnTo ?? null, effects: next.effects ?? [] };
}

/** The events the table allows from a state, for the buttons a page shows. */
export function allowedEvents(state: InquiryState): WorkflowEventType[] {
  return EVENT_TYPES.filter((type) => TRANSITIONS[type].from.includes(state));
}
