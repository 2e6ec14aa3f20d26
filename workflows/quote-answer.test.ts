import { describe, expect, it } from "vitest";
import { answerRefusal, declineReasonLabel, DECLINE_REASONS, type AnswerableQuote } from "./quote-answer";

const now = new Date("2026-11-29T12:00:00Z");
const sent: AnswerableQuote = {
  version: 2,
  status: "sent",
  validUntil: new Date("2026-12-29T23:59:59Z"),
  answeredAt: null,
};

describe("answerRefusal", () => {
  it("lets the buyer answer a sent version within its validity while the inquiry is quoted", () => {
    expect(answerRefusal(sent, "quoted", now)).toBeNull();
    // Validity runs to the end of its last day.
    expect(answerRefusal({ ...sent, validUntil: new Date("2026-11-29T23:59:59Z") }, "quoted", now)).toBeNull();
  });

  it.each(["draft", "awaiting_approval", "approved"] as const)("refuses a %s version: never sent", (status) => {
    expect(answerRefusal({ ...sent, status }, "quoted", now)).toEqual({ kind: "not_sent", version: 2 });
  });

  it("refuses a superseded version and points to the latest", () => {
    expect(answerRefusal({ ...sent, status: "superseded" }, "quoted", now)).toEqual({ kind: "superseded", version: 2 });
  });

  it.each(["accepted", "declined"] as const)("refuses a second answer to an %s version", (status) => {
    const answered = { ...sent, status, answeredAt: new Date("2026-11-20T10:00:00Z") };
    expect(answerRefusal(answered, "won", now)).toEqual({ kind: status, version: 2 });
  });

  it("refuses a version marked expired", () => {
    expect(
      answerRefusal({ ...sent, status: "expired", validUntil: new Date("2026-11-01T23:59:59Z") }, "expired", now),
    ).toEqual({ kind: "expired", version: 2, expiredOn: "2026-11-01" });
  });

  it("refuses a sent version past its validity before the background check marked it", () => {
    const lapsed = { ...sent, validUntil: new Date("2026-11-28T23:59:59Z") };
    expect(answerRefusal(lapsed, "quoted", now)).toEqual({ kind: "expired", version: 2, expiredOn: "2026-11-28" });
    expect(answerRefusal({ ...sent, validUntil: null }, "quoted", now)).toEqual({
      kind: "expired",
      version: 2,
      expiredOn: null,
    });
  });

  it("refuses when the inquiry has left quoted (withdrawn by the factory, say)", () => {
    expect(answerRefusal(sent, "withdrawn", now)).toEqual({ kind: "closed", version: 2, phase: "withdrawn" });
  });
});

describe("decline reasons", () => {
  it("lists the six reasons with labels, other last", () => {
    expect(DECLINE_REASONS.map((r) => r.id)).toEqual([
      "price",
      "lead_time",
      "other_supplier",
      "project_stopped",
      "design_changed",
      "other",
    ]);
    expect(declineReasonLabel("lead_time")).toBe("The lead time is too long");
  });
});
