import { describe, expect, it } from "vitest";
import { intakeFieldsSchema } from "./intake.server";
import { queueParamsSchema } from "./queue";
import { stageAssessments, workspaceForm, type StageRiskValue } from "./review";
import { statusPostForm } from "./status";
import { cleanText, withCleanText } from "./text";
import { inviteForm, passwordForm } from "./users";
import { z } from "zod";
import { PROCESS_STAGES } from "../../workflows/review-domain";
import { validFields } from "../../tests/support/intake-client";

const SPOOF = "Acme\u202Egnp.exe\u0000\u0007\u001b[31m\u2066x\u2069\u200F";

describe("cleanText", () => {
  it("strips C0/C1 controls and bidi controls from single-line text, line breaks and tabs included", () => {
    expect(cleanText(SPOOF)).toBe("Acmegnp.exe[31mx");
    expect(cleanText("a\tb\r\nc\u0085d")).toBe("abcd");
  });

  it("keeps tabs and line breaks in multi-line text, as LF", () => {
    expect(cleanText("line 1\r\nline 2\rline 3\n\tindented\u0000\u202E", { multiline: true })).toBe(
      "line 1\nline 2\nline 3\n\tindented",
    );
  });

  it("keeps every script and emoji", () => {
    const text = "部品図面 ñ شركة Größe 🔩 עברית";
    expect(cleanText(text)).toBe(text);
  });
});

describe("withCleanText", () => {
  it("cleans strings and arrays of strings, and leaves other values alone", () => {
    const schema = withCleanText(z.object({ a: z.string(), list: z.array(z.string()), n: z.number() }), ["list"]);
    expect(schema.parse({ a: "x\u0000y", list: ["1\n2\u202E"], n: 3 })).toEqual({ a: "xy", list: ["1\n2"], n: 3 });
  });

  it("cleans every text field of the intake form, keeping line breaks in the multi-line ones only", () => {
    const parsed = intakeFieldsSchema.parse({
      ...validFields(),
      company: SPOOF,
      contactName: "Dana\r\nBcc: x@evil.example",
      partName: "Cam\u202Etxt.exe",
      notes: "first line\r\nsecond\u0000 line",
      application: "wet\tand\u2067 hot",
    });
    expect(parsed.company).toBe("Acmegnp.exe[31mx");
    expect(parsed.contactName).toBe("DanaBcc: x@evil.example");
    expect(parsed.partName).toBe("Camtxt.exe");
    expect(parsed.notes).toBe("first line\nsecond line");
    expect(parsed.application).toBe("wet\tand hot");
  });

  it("covers the review, users, queue and status-page forms", () => {
    expect(workspaceForm.parse({ intent: "comment", comment: "ok\u202E\r\nnext" })).toMatchObject({
      comment: "ok\nnext",
    });
    expect(workspaceForm.parse({ intent: "ask", version: 1, question: "Wall\u0000 thickness?" })).toMatchObject({
      question: "Wall thickness?",
    });
    expect(
      workspaceForm.parse({ intent: "suitability", version: 1, outcome: "suitable", reason: "r\u2066", feedback: "" }),
    ).toMatchObject({ reason: "r" });
    expect(inviteForm.parse({ email: "ada@factory.com", name: "Ada\u202E Lovelace\n", role: ["engineer"] }).name).toBe(
      "Ada Lovelace",
    );
    expect(queueParamsSchema.parse({ q: "lock\u0000\u202Ecam" }).q).toBe("lockcam");
    const post = statusPostForm.parse({ intent: "answer", questionId: "q", answer: " 0.5 mm\r\n\u202Eok\u0000 " });
    expect(post.answer).toBe("0.5 mm\nok");
  });

  it("leaves passwords exactly as typed", () => {
    const password = "correct\u0000horse\u202Ebattery";
    expect(passwordForm.parse({ password, repeat: password }).password).toBe(password);
  });

  it("cleans the stage notes of the risk form", () => {
    const levels = Object.fromEntries(PROCESS_STAGES.map((s) => [`level_${s.id}`, "low"]));
    const value = workspaceForm.parse({
      intent: "stage_risk",
      version: 1,
      ...levels,
      notes_debinding: "slow ramp\u202E\r\nhold\u0000",
    });
    expect(stageAssessments(value as StageRiskValue).debinding?.notes).toBe("slow ramp\nhold");
  });
});
