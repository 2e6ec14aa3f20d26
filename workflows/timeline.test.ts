import { describe, expect, it } from "vitest";
import { buyerTimeline, describeEvent } from "./timeline";

describe("the timeline", () => {
  it("keeps the intake's timeline lines", () => {
    expect(describeEvent({ type: "submitted", payload: { files: ["a.step", "b.pdf"] } })).toEqual({
      title: "Inquiry received",
      detail: "With 2 files: a.step, b.pdf",
    });
    expect(describeEvent({ type: "submitted", payload: { files: ["a.step"] } })).toEqual({
      title: "Inquiry received",
      detail: "With 1 file: a.step",
    });
    expect(describeEvent({ type: "files_added", payload: { files: ["c.pdf"] } })).toEqual({
      title: "Files added",
      detail: "1 file: c.pdf",
    });
    expect(describeEvent({ type: "files_added", payload: { files: ["c.pdf", "d.stp"] } })).toEqual({
      title: "Files added",
      detail: "2 files: c.pdf, d.stp",
    });
  });

  it.each([
    [
      { type: "transition", toState: "stage_risk", payload: { reason: "Suitable" } },
      { title: "Stage risk review", detail: "Suitable" },
    ],
    [
      { type: "decision", payload: { gate: "suitability", summary: "Suitable" } },
      { title: "MIM suitability decided", detail: "Suitable" },
    ],
    [
      { type: "comment", payload: { text: "Call them" } },
      { title: "Internal comment", detail: "Call them" },
    ],
    [
      { type: "question", payload: { text: "Which revision?" } },
      { title: "Question to the buyer", detail: "Which revision?" },
    ],
    [
      { type: "answer", payload: { text: "Rev C", files: ["c.pdf"] } },
      { title: "Buyer answered", detail: "Rev C · With c.pdf" },
    ],
    [
      { type: "assignment", payload: { assignee: "Ada" } },
      { title: "Assigned", detail: "Ada" },
    ],
    [
      { type: "download", payload: { file: "a.step" } },
      { title: "File downloaded", detail: "a.step" },
    ],
    [
      { type: "quote_viewed", payload: { version: 2 } },
      { title: "Quotation first viewed by the buyer", detail: "Version 2" },
    ],
    [
      { type: "quote_question", payload: { version: 2, text: "Is 17-4 PH H900 possible?" } },
      { title: "Question about quotation v2", detail: "Is 17-4 PH H900 possible?" },
    ],
    [
      { type: "quote_update_request", payload: { version: 1, text: "Now 8,000 pcs" } },
      { title: "Updated quotation requested", detail: "Now 8,000 pcs" },
    ],
  ])("describes %o", (event, line) => {
    expect(describeEvent(event)).toEqual(line);
  });

  it("tells staff why a quotation expired, and the buyer where it stands, keeping every reason inside", () => {
    const reason = "Version 2 of the quotation was valid until 2026-11-20 and has expired.";
    const events = [
      { type: "transition", toState: "quoted", payload: { event: "SEND_QUOTE", reason: "Version 2 sent" } },
      { type: "transition", toState: "expired", payload: { event: "EXPIRE_QUOTE", reason } },
      { type: "transition", toState: "quote_draft", payload: { event: "REVISE_QUOTE", reason: "Cheaper feedstock" } },
    ];
    expect(describeEvent(events[1]!)).toEqual({ title: "Quote expired", detail: reason });
    expect(buyerTimeline(events).map((e) => e.line)).toEqual([
      { kind: "phase", phase: "sent" },
      { kind: "phase", phase: "expired" },
      { kind: "phase", phase: "preparing" },
    ]);
  });
});

describe("the buyer's timeline around a quotation", () => {
  it("shows the buyer's own question and update request, never that they opened the quotation", () => {
    const lines = buyerTimeline([
      { type: "quote_viewed", payload: { version: 1 } },
      { type: "quote_question", payload: { version: 1, text: "Any plating?" } },
      { type: "quote_update_request", payload: { version: 1, text: "" } },
    ]);
    expect(lines.map((l) => l.line)).toEqual([
      { kind: "quote_question", version: 1, text: "Any plating?" },
      { kind: "quote_update_request", text: "" },
    ]);
  });
});
