import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixturesDir } from "../../../tests/support/paths";
import { stepProblem } from "./step-check";

const HEADER = "ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION(('a part; with a semicolon'),'2;1');\nENDSEC;\nDATA;\n";

/** A file that starts like STEP and goes on with `filler` up to `mb` megabytes. */
function startsLikeStep(filler: string, mb: number, header = HEADER): Uint8Array {
  return new Uint8Array(Buffer.concat([Buffer.from(header), Buffer.alloc(mb * 1024 * 1024, filler)]));
}

describe("the STEP check before OpenCascade", () => {
  it.each(fs.readdirSync(fixturesDir).filter((name) => name.endsWith(".stp")))("lets %s through", (name) => {
    expect(stepProblem(new Uint8Array(fs.readFileSync(path.join(fixturesDir, name))))).toBeNull();
  });

  it("lets through comments, strings with quotes and semicolons, a BOM and several data sections", () => {
    const text =
      "\ufeffISO-10303-21;\n/* exported; by hand */\nHEADER;\nFILE_NAME('it''s; fine',(''));\nENDSEC;\n" +
      "DATA;\n#1=PRODUCT('a;b',/* note; */'');\nENDSEC;\nDATA('second');\n#2 = CARTESIAN_POINT('',(0.,0.,0.));\nENDSEC;\nEND-ISO-10303-21;\n";
    expect(stepProblem(new TextEncoder().encode(text))).toBeNull();
  });

  it("refuses 200 MB of text that starts like STEP at its first line that is not an entity", () => {
    expect(stepProblem(startsLikeStep("lorem ipsum dolor sit amet; ", 200))).toMatch(
      /^line 6 starts with "lorem ipsum dolor sit am…" where an entity such as #12=\.\.\. belongs$/,
    );
  });

  it("refuses binary data behind a STEP header", () => {
    expect(stepProblem(startsLikeStep("#1=A(\u0000\u0001", 1))).toBe(
      "it holds binary data (byte 0 on line 6), which no STEP file does",
    );
  });

  it("refuses a header that never ends, and capitals that are no header entry", () => {
    expect(stepProblem(startsLikeStep("FILE_NAME(A,", 2, "ISO-10303-21;\nHEADER;\n"))).toBe(
      "line 3: a header entry runs over 1 MB, which no STEP header does",
    );
    expect(stepProblem(startsLikeStep("LOREM IPSUM ", 1, "ISO-10303-21;\nHEADER;\n"))).toBe(
      'line 3 starts with "LOREM IPSUM LOREM IPSUM …" where a STEP section or header entry belongs',
    );
  });

  it("refuses a file cut off before END-ISO-10303-21, and one that does not start like STEP", () => {
    const whole = fs.readFileSync(path.join(fixturesDir, "nist_ftc_11_asme1_rb.stp"));
    expect(stepProblem(new Uint8Array(whole.subarray(0, whole.length - 30)))).toMatch(/the file is cut off/);
    expect(stepProblem(new TextEncoder().encode("solid cube\nfacet normal 0 0 1\n"))).toBe(
      "it does not begin with ISO-10303-21, as every STEP file does",
    );
    expect(
      stepProblem(new TextEncoder().encode("ISO-10303-21;\nHEADER;\nENDSEC;\nDATA;\nENDSEC;\nEND-ISO-10303-21;\n")),
    ).toBe("it has no entities in its data section");
  });
});
