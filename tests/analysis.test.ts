import os from "node:os";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { createAnalysisRunner } from "../app/server/cad/runner.server";
import { ConfigError, loadConfig } from "../app/server/config.server";
import type { Services } from "../app/server/service-types";
import { createServices } from "../app/server/services.server";
import { files, modelAnalyses } from "../db/schema";
import { PREVIEW_MAX_BYTES } from "../app/server/cad/preview-mesh";
import { inquiryPreAssessment } from "../app/server/review/workspace.server";
import { listInquiryFiles, listModelAnalyses } from "../db/queries/inquiries";
import { inquiries } from "../db/schema";
import { PRE_ASSESSMENT_SETTINGS } from "../workflows/pre-assessment";
import { addInquiry } from "./support/inquiry";
import { fixture, type Upload } from "./support/intake-client";
import { binaryStl, sphere } from "./support/meshes";
import { tempDir } from "./support/temp";

const quiet = { info: () => undefined, warn: () => undefined };
let services: Services;

beforeEach(() => {
  services = createServices(loadConfig({ DATA_DIR: tempDir("analysis") }), quiet);
});
afterEach(() => services.db.$client.close());

async function submit(files: Upload[], fields: Record<string, string> = {}) {
  await addInquiry(services, { files, fields });
}

function analyses() {
  return services.db
    .select({
      name: files.originalName,
      status: modelAnalyses.status,
      attempts: modelAnalyses.attempts,
      reason: modelAnalyses.reason,
      metrics: modelAnalyses.metrics,
      previewKey: modelAnalyses.previewKey,
    })
    .from(modelAnalyses)
    .innerJoin(files, eq(files.id, modelAnalyses.fileId))
    .orderBy(files.originalName)
    .all();
}

describe("model analysis in a worker process", () => {
  it("measures every uploaded model, renders drawings' first page, stores previews, and explains what it cannot read", async () => {
    await submit([
      fixture("nist_ftc_11_asme1_rb.stp"),
      fixture("cube-10mm-binary.stl"),
      fixture("nist_ftc_11_asme1_rb.pdf"),
      {
        name: "bracket.sldprt",
        content: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...Buffer.from("SolidWorks part")]),
      },
    ]);
    const runner = createAnalysisRunner({ db: services.db, storage: services.config.storage, logger: quiet });
    while (await runner.runOnce());
    const rows = analyses();
    expect(rows.map((r) => [r.name, r.status])).toEqual([
      ["bracket.sldprt", "no_analysis"],
      ["cube-10mm-binary.stl", "done"],
      ["nist_ftc_11_asme1_rb.pdf", "done"],
      ["nist_ftc_11_asme1_rb.stp", "done"],
    ]);
    expect(rows[0]!.reason).toContain("ask the buyer for a STEP export");
    expect(rows[1]!.metrics).toMatchObject({
      volumeMm3: expect.closeTo(1000, 3),
      areaMm2: expect.closeTo(600, 3),
      watertight: true,
    });
    expect((rows[3]!.metrics!.sizeMm as number[]).map((v) => Math.round(v))).toEqual([63, 63, 3]);
    expect(await services.storage.stat(rows[3]!.previewKey!)).not.toBeNull();
    // The drawing gets its first page as a PNG thumbnail.
    const thumbnail = Buffer.concat(await (await services.storage.get(rows[2]!.previewKey!)).body.toArray());
    expect(thumbnail.subarray(1, 4).toString()).toBe("PNG");
  });

  it("retries a worker killed mid-job once, then gives up with a reason", async () => {
    await submit([fixture("cube-10mm-ascii.stl")]);
    let kills = 1;
    const runner = createAnalysisRunner({
      db: services.db,
      storage: services.config.storage,
      logger: quiet,
      onSpawn: (child) => {
        if (kills-- > 0) child.kill("SIGKILL");
      },
    });
    await runner.runOnce();
    expect(analyses()[0]).toMatchObject({ status: "pending", attempts: 1 });
    await runner.runOnce();
    expect(analyses()[0]).toMatchObject({ status: "done", attempts: 2 });

    await submit([fixture("cube-10mm-binary.stl")]);
    const crashing = createAnalysisRunner({
      db: services.db,
      storage: services.config.storage,
      logger: quiet,
      onSpawn: (child) => child.kill("SIGKILL"),
    });
    while (await crashing.runOnce());
    const failed = analyses().find((r) => r.name === "cube-10mm-binary.stl")!;
    expect(failed).toMatchObject({ status: "failed", attempts: 2 });
    expect(failed.reason).toContain("stopped twice");
  });

  it("stops a worker that outgrows its memory limit, and says so", async () => {
    await submit([fixture("nist_ftc_11_asme1_rb.stp")]);
    const runner = createAnalysisRunner({
      db: services.db,
      storage: services.config.storage,
      logger: quiet,
      maxRssMb: 40,
    });
    while (await runner.runOnce());
    const row = analyses().find((r) => r.name.endsWith(".stp"))!;
    expect(row).toMatchObject({ status: "failed", attempts: 2 });
    expect(row.reason).toContain("used more than 40 MB of memory");
  });

  it("refuses files over the size cap without starting OpenCascade on them", async () => {
    await submit([fixture("nist_ftc_06_asme1_rd.stp")]);
    const runner = createAnalysisRunner({
      db: services.db,
      storage: services.config.storage,
      logger: quiet,
      maxFileBytes: 100_000,
    });
    await runner.runOnce();
    expect(analyses()[0]).toMatchObject({
      status: "no_analysis",
      reason: expect.stringContaining("over the 97.7 KB analysis limit"),
    });
  });

  it("runs at most the configured number of workers at once, each at the lower CPU priority", async () => {
    await submit([
      fixture("cube-10mm-binary.stl", "a.stl"),
      fixture("cube-10mm-binary.stl", "b.stl"),
      fixture("cube-10mm-ascii.stl", "c.stl"),
    ]);
    let live = 0;
    let mostAtOnce = 0;
    const priorities: number[] = [];
    const runner = createAnalysisRunner({
      db: services.db,
      storage: services.config.storage,
      logger: quiet,
      pollMs: 60_000,
      workers: 2,
      nice: 7,
      onSpawn: (child) => {
        mostAtOnce = Math.max(mostAtOnce, ++live);
        child.once("exit", () => live--);
        priorities.push(os.getPriority(child.pid));
      },
    });
    runner.start();
    try {
      await vi.waitFor(() => expect(analyses().map((r) => r.status)).toEqual(["done", "done", "done"]), {
        timeout: 120_000,
        interval: 200,
      });
    } finally {
      await runner.stop();
    }
    expect(mostAtOnce).toBe(2);
    expect(priorities).toEqual([7, 7, 7]);
  }, 150_000);

  it("refuses a large file that only starts like STEP with the reason, before OpenCascade takes gigabytes", async () => {
    const junk = Buffer.concat([
      Buffer.from("ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION(('junk'),'2;1');\nENDSEC;\nDATA;\n"),
      Buffer.alloc(100 * 1024 * 1024, "lorem ipsum dolor sit amet; "),
    ]);
    await submit([{ name: "bracket.stp", content: junk }]);
    // OpenCascade alone read this file for 36 s and took 490 MB before it gave up; this worker may use 400 MB.
    const runner = createAnalysisRunner({
      db: services.db,
      storage: services.config.storage,
      logger: quiet,
      maxRssMb: 400,
    });
    while (await runner.runOnce());
    expect(analyses()[0]).toMatchObject({
      status: "no_analysis",
      attempts: 1,
      reason:
        'No analysis: the STEP file could not be read: line 6 starts with "lorem ipsum dolor sit am…" where an entity such as #12=... belongs.',
    });
  }, 120_000);

  it("reads the worker budget from the environment: one worker at niceness 10 unless told", () => {
    expect(loadConfig({}).analysis).toEqual({ workers: 1, nice: 10 });
    expect(loadConfig({ ANALYSIS_CORES: "2", ANALYSIS_NICE: "19" }).analysis).toEqual({ workers: 2, nice: 19 });
    expect(() => loadConfig({ ANALYSIS_CORES: "0" })).toThrow(/ANALYSIS_CORES: must be at least 1/);
    expect(() => loadConfig({ ANALYSIS_NICE: "20" })).toThrow(ConfigError);
    expect(() => loadConfig({ ANALYSIS_NICE: "-5" })).toThrow(/ANALYSIS_NICE: must be 0 to 19/);
  });

  it("hands the job it interrupts back unchanged when stopped, and starts no other worker", async () => {
    await submit([fixture("cube-10mm-binary.stl")]);
    let spawned = 0;
    let stopped: Promise<void> | undefined;
    const runner = createAnalysisRunner({
      db: services.db,
      storage: services.config.storage,
      logger: quiet,
      pollMs: 60_000,
      onSpawn: () => {
        spawned++;
        // As a signal handler would: after the worker started, outside the runner's own call.
        setImmediate(() => {
          stopped = runner.stop();
        });
      },
    });
    runner.start();
    await vi.waitFor(() => expect(stopped).toBeDefined());
    await stopped;
    expect(analyses()[0]).toMatchObject({ status: "pending", attempts: 0 });
    await expect(runner.runOnce()).resolves.toBe(false);
    expect(spawned).toBe(1);
  });

  it("picks up after a restart: a job left running goes back to the queue", async () => {
    await submit([fixture("cube-10mm-ascii.stl")]);
    const runner = createAnalysisRunner({
      db: services.db,
      storage: services.config.storage,
      logger: quiet,
      onSpawn: () => undefined,
    });
    const fileId = services.db.select().from(files).where(eq(files.kind, "model")).get()!.id;
    services.db.insert(modelAnalyses).values({ fileId, status: "running", attempts: 1 }).run();
    runner.recover();
    expect(analyses()[0]).toMatchObject({ status: "pending", attempts: 1 });
    await runner.runOnce();
    expect(analyses()[0]).toMatchObject({ status: "done", attempts: 2 });
  });

  it("applies the STL unit the buyer chose to the STL files only, in the worker", async () => {
    await submit([fixture("cube-10mm-binary.stl", "cube-in-inches.stl"), fixture("nist_ftc_11_asme1_rb.stp")], {
      stlUnit: "in",
    });
    await submit([fixture("cube-10mm-ascii.stl", "cube-unit-unstated.stl")]);
    const runner = createAnalysisRunner({ db: services.db, storage: services.config.storage, logger: quiet });
    while (await runner.runOnce());
    const rows = analyses();
    const inches = rows.find((r) => r.name === "cube-in-inches.stl")!;
    expect(inches.status).toBe("done");
    expect(inches.metrics).toMatchObject({
      unit: { unit: "in", source: "buyer" },
      volumeMm3: expect.closeTo(1000 * 25.4 ** 3, -2),
    });
    expect((inches.metrics!.sizeMm as number[]).map((v) => Math.round(v))).toEqual([254, 254, 254]);
    const unstated = rows.find((r) => r.name === "cube-unit-unstated.stl")!;
    expect(unstated.metrics).toMatchObject({
      unit: { unit: "mm", source: "assumed" },
      volumeMm3: expect.closeTo(1000, 3),
    });
    const step = rows.find((r) => r.name.endsWith(".stp"))!;
    expect(step.metrics).toMatchObject({ unit: { unit: "mm", source: "file" } });
    expect((step.metrics!.sizeMm as number[]).map((v) => Math.round(v))).toEqual([63, 63, 3]);
    const declared = services.db
      .select({ name: files.originalName, unit: files.declaredUnit })
      .from(files)
      .orderBy(files.originalName)
      .all();
    expect(declared).toEqual([
      { name: "cube-in-inches.stl", unit: "in" },
      { name: "cube-unit-unstated.stl", unit: null },
      { name: "nist_ftc_11_asme1_rb.stp", unit: null },
    ]);
  });

  it("finds a clean NIST solid with collapsed triangles watertight, in the worker", async () => {
    await submit([fixture("nist_ftc_06_asme1_rd.stp")]);
    const runner = createAnalysisRunner({ db: services.db, storage: services.config.storage, logger: quiet });
    while (await runner.runOnce());
    expect(analyses()[0]!.metrics).toMatchObject({
      watertight: true,
      wall: { p95Mm: expect.any(Number), thickest: { at: expect.any(Array) } },
    });
  });

  it("stores a simplified preview of a large STL, under the budget, and the full mesh's measurements", async () => {
    // 300,000 triangles: a 15 MB STL whose preview was 14 MB before simplification.
    await submit([{ name: "ball.stl", content: binaryStl(sphere(20, 600, 251)) }]);
    const runner = createAnalysisRunner({ db: services.db, storage: services.config.storage, logger: quiet });
    while (await runner.runOnce());
    const row = analyses()[0]!;
    expect(row.status).toBe("done");
    expect(row.metrics).toMatchObject({
      triangles: 300_000,
      watertight: true,
      volumeMm3: expect.closeTo((4 / 3) * Math.PI * 20 ** 3, -2),
    });
    const preview = await services.storage.stat(row.previewKey!);
    expect(preview!.size).toBeLessThanOrEqual(PREVIEW_MAX_BYTES + 2048);
    expect(preview!.size).toBeGreaterThan(100_000);
  }, 180_000);

  it("screens an inquiry whose model could not be measured as amber, saying what it did not judge and why", async () => {
    const damaged = {
      name: "bracket.stp",
      content: Buffer.from("ISO-10303-21;\nHEADER;\nthis is not a step file\nEND-ISO-10303-21;\n"),
    };
    await submit([damaged], { annualVolume: "50000", criticalDimensions: "", flatness: "" });
    const inquiry = services.db.select().from(inquiries).get()!;
    const screen = () =>
      inquiryPreAssessment(
        inquiry,
        listInquiryFiles(services.db, inquiry.id),
        listModelAnalyses(services.db, inquiry.id),
        PRE_ASSESSMENT_SETTINGS,
      ).screen;
    expect(screen()).toMatchObject({
      flag: "amber",
      notJudged: ["Size, mass and walls not judged: the 3D model is still being measured."],
    });
    const runner = createAnalysisRunner({ db: services.db, storage: services.config.storage, logger: quiet });
    while (await runner.runOnce());
    expect(analyses()[0]!.status).toBe("no_analysis");
    const result = screen();
    expect(result.flag).toBe("amber");
    expect(result.suggestion).toBe("suitable_with_conditions");
    expect(result.notJudged).toEqual([
      expect.stringMatching(
        /^Size, mass and walls not judged: no 3D model could be measured \("bracket\.stp": the STEP file could not be read/,
      ),
    ]);
  });

  it("says a drawings-only inquiry has no model to judge size and mass from", async () => {
    await submit([fixture("nist_ftc_11_asme1_rb.pdf")], { criticalDimensions: "", flatness: "" });
    const inquiry = services.db.select().from(inquiries).get()!;
    const result = inquiryPreAssessment(
      inquiry,
      listInquiryFiles(services.db, inquiry.id),
      [],
      PRE_ASSESSMENT_SETTINGS,
    ).screen;
    expect(result.flag).toBe("amber");
    expect(result.notJudged).toEqual([
      "Size, mass and walls not judged: no 3D model was sent (drawings alone give no size or volume).",
    ]);
  });
});
