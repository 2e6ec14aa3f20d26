import { describe, expect, it } from "vitest";
import { screenOverride } from "./screen-override";

const NOTHING = { suggestsSizing: false, suggestsMachining: false };

describe("screenOverride", () => {
  it("names the screen's red suggestion when the engineer decided the part suitable", () => {
    const payload = {
      outcome: "suitable",
      preAssessment: { flag: "red", suggested: "not_suitable", followed: false },
    };
    expect(screenOverride("suitability", payload, NOTHING)).toBe(
      "RED, suggesting “Not suitable: recommend another process”",
    );
  });

  it("says nothing when the suitability decision follows the screen, or no screen was recorded", () => {
    const followed = { outcome: "suitable", preAssessment: { flag: "green", suggested: "suitable", followed: true } };
    expect(screenOverride("suitability", followed, NOTHING)).toBeNull();
    expect(screenOverride("suitability", { outcome: "suitable", preAssessment: null }, NOTHING)).toBeNull();
    expect(screenOverride("suitability", { outcome: "suitable" }, NOTHING)).toBeNull();
  });

  it("names the sizing and machining the tolerances call for when gate 3 leaves them out", () => {
    const payload = { sizingRequired: "no", secondary: ["tapping"] };
    expect(screenOverride("sizing_secondary", payload, { suggestsSizing: true, suggestsMachining: true })).toBe(
      "suggesting post-sintering sizing and CNC machining for the tolerances",
    );
    expect(screenOverride("sizing_secondary", payload, { suggestsSizing: false, suggestsMachining: true })).toBe(
      "suggesting CNC machining for the tolerances",
    );
  });

  it("says nothing when gate 3 keeps what the screen suggests, or adds sizing of its own", () => {
    const kept = { sizingRequired: "yes", secondary: ["cnc_machining"] };
    expect(screenOverride("sizing_secondary", kept, { suggestsSizing: true, suggestsMachining: true })).toBeNull();
    expect(screenOverride("sizing_secondary", { sizingRequired: "yes", secondary: [] }, NOTHING)).toBeNull();
  });

  it("finds no override in a stage-risk decision: the screen suggests nothing per stage", () => {
    expect(screenOverride("stage_risk", { stages: {} }, { suggestsSizing: true, suggestsMachining: true })).toBeNull();
  });
});
