/**
 * The timeline in words: which events the buyer may see, and how each line reads for staff and
 * for the buyer. The states and the transition table stay in inquiry.ts.
 */
import { buyerPhase, gateLabel, stateLabel, type BuyerPhase, type Gate } from "./inquiry";

/** Events the timeline records. */
export type InquiryEventType =
  | "submitted"
  | "files_added"
  | "transition"
  | "decision"
  | "comment"
  | "question"
  | "answer"
  | "assignment"
  | "download"
  | "quote_viewed"
  | "quote_question"
  | "quote_update_request"
  | "nda_recorded";

/**
 * What each kind of event records in inquiry_events.payload. Readers still read it defensively
 * (describeEvent): rows written before a field existed lack it.
 */
export type EventPayloads = {
  submitted: { files: string[] };
  files_added: { files: string[] };
  transition: { event: string; reason: string };
  decision: { gate: Gate; summary: string };
  comment: { text: string };
  question: { text: string };
  answer: { text: string; files: string[] };
  assignment: { assignee: string };
  download: { file: string; fileId: string };
  quote_viewed: { version: number };
  quote_question: { version: number; text: string };
  quote_update_request: { version: number; text: string };
  nda_recorded: { signedOn: string; file: string };
};

export type EventPayload = EventPayloads[InquiryEventType];

/** Timeline entries the buyer may see on the status page; the rest is internal. */
export const BUYER_VISIBLE_EVENTS: readonly InquiryEventType[] = [
  "submitted",
  "files_added",
  "transition",
  "question",
  "answer",
  "quote_question",
  "quote_update_request",
];

function fileNames(payload: Record<string, unknown> | null): string[] {
  const files = payload?.files;
  return Array.isArray(files) ? files.filter((f): f is string => typeof f === "string") : [];
}

function countFiles(names: string[]): string {
  return names.length === 1 ? "1 file" : `${names.length} files`;
}

const text = (payload: Record<string, unknown> | null, key: string) => {
  const value = payload?.[key];
  return typeof value === "string" ? value : "";
};

/** One line of the timeline, as the buyer and staff read it. */
export function describeEvent(event: {
  type: string;
  fromState?: string | null;
  toState?: string | null;
  payload: Record<string, unknown> | null;
}): { title: string; detail: string } {
  const { payload } = event;
  const names = fileNames(payload);
  switch (event.type) {
    case "submitted":
      return { title: "Inquiry received", detail: `With ${countFiles(names)}: ${names.join(", ")}` };
    case "files_added":
      return { title: "Files added", detail: `${countFiles(names)}: ${names.join(", ")}` };
    case "transition":
      return { title: stateLabel(event.toState ?? ""), detail: text(payload, "reason") };
    case "decision":
      return { title: `${gateLabel(text(payload, "gate") as Gate)} decided`, detail: text(payload, "summary") };
    case "comment":
      return { title: "Internal comment", detail: text(payload, "text") };
    case "question":
      return { title: "Question to the buyer", detail: text(payload, "text") };
    case "answer":
      return {
        title: "Buyer answered",
        detail: [text(payload, "text"), names.length > 0 ? `With ${names.join(", ")}` : ""].filter(Boolean).join(" · "),
      };
    case "assignment":
      return { title: "Assigned", detail: text(payload, "assignee") };
    case "download":
      return { title: "File downloaded", detail: text(payload, "file") };
    case "quote_viewed":
      return { title: "Quotation first viewed by the buyer", detail: `Version ${String(payload?.version ?? "")}` };
    case "quote_question":
      return { title: `Question about quotation v${String(payload?.version ?? "")}`, detail: text(payload, "text") };
    case "quote_update_request":
      return { title: "Updated quotation requested", detail: text(payload, "text") };
    case "nda_recorded":
      return {
        title: "Signed NDA recorded",
        detail: `Signed on ${text(payload, "signedOn")}: ${text(payload, "file")}; the buyer's files are open to staff`,
      };
    default:
      return { title: event.type, detail: "" };
  }
}

/**
 * One line of the buyer's timeline as data, worded in the buyer's language by the page: a change
 * of where the inquiry stands (as the buyer names it), or one of the buyer's and engineers' messages.
 */
export type BuyerLine =
  | { kind: "phase"; phase: BuyerPhase }
  | { kind: "submitted" | "files_added"; files: string[] }
  | { kind: "question"; text: string }
  | { kind: "answer"; text: string; files: string[] }
  | { kind: "quote_question"; version: number; text: string }
  | { kind: "quote_update_request"; text: string };

function buyerLine(event: { type: string; toState?: string | null; payload: Record<string, unknown> | null }) {
  const { payload } = event;
  switch (event.type as InquiryEventType) {
    case "transition":
      return { kind: "phase", phase: buyerPhase(event.toState ?? "") } as const;
    case "submitted":
    case "files_added":
      return { kind: event.type as "submitted" | "files_added", files: fileNames(payload) };
    case "question":
      return { kind: "question", text: text(payload, "text") } as const;
    case "answer":
      return { kind: "answer", text: text(payload, "text"), files: fileNames(payload) } as const;
    case "quote_question":
      return { kind: "quote_question", version: Number(payload?.version ?? 0), text: text(payload, "text") } as const;
    case "quote_update_request":
      return { kind: "quote_update_request", text: text(payload, "text") } as const;
    default:
      return null;
  }
}

/**
 * The buyer's timeline: their own actions and the questions, plus each change of where the inquiry
 * stands as the buyer names it (the three gates are one step). Internal comments, decisions,
 * downloads and every reason given for a move stay inside.
 */
export function buyerTimeline<
  E extends { type: string; toState?: string | null; payload: Record<string, unknown> | null },
>(events: E[]): (E & { line: BuyerLine })[] {
  const lines: (E & { line: BuyerLine })[] = [];
  for (const event of events) {
    if (!BUYER_VISIBLE_EVENTS.includes(event.type as InquiryEventType)) continue;
    const line = buyerLine(event);
    if (!line) continue;
    const last = lines.at(-1)?.line;
    if (line.kind === "phase" && last?.kind === "phase" && last.phase === line.phase) continue;
    lines.push({ ...event, line });
  }
  return lines;
}
