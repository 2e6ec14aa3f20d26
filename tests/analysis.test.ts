import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createAnalysisRunner } from "../app/server/cad/runner.server";
import { loadConfig } from "../app/server/config.server";
import { submitIntake } from "../app/server/intake.server";
import { createServices, type Services } from "../app/server/services.server";
import { files, modelAnalyses } from "../db/schema";
import { fixture, intakeForm, validFields, type Upload } from "./support/intake-client";
import { tempDir } from "./support/temp";

const quiet = { info: () => undefined, warn: () => undefined };
let services: Services;

beforeEach(() => {
  services = createServices(loadConfig({ DATA_DIR: tempDir("analysis") }), quiet);
});
afterEach(() => services.db.$client.close());

async function submit(uploads: Upload[]) {
  const request = new Request("http://localhost/rfq/new", { method: "POST", body: intakeForm(validFields(), uploads) });
  const result = await submitIntake(request, services, "10.1.1.1");
  expect(result.ok).toBe(true);
}

function analyses() {
  return services.db
    .select({ name: files.originalName, status: modelAnalyses.status, attempts: modelAnalyses.attempts, reason: modelAnalyses.reason, metrics: modelAnalyses.metrics, previewKey: modelAnalyses.previewKey })
    .from(modelAnalyses)
    .innerJoin(files, eq(files.id, modelAnalyses.fileId))
    .orderBy(files.originalName)
    .all();
}

describe("model analysis in a worker process", () => {
  it("measures every uploaded model, renders drawings' first page, stores previews, and explains what it cannot read", async () => {
    await submit([fixture("nist_ftc_11_asme1_rb.stp"), fixture("cube-10mm-binary.stl"), fixture("nist_ftc_11_asme1_rb.pdf"), { name: "bracket.sldprt", content: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...Buffer.from("SolidWorks part")]) }]);
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
    expect(rows[1]!.metrics).toMatchObject({ volumeMm3: expect.closeTo(1000, 3), areaMm2: expect.closeTo(600, 3), watertight: true });
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
    const crashing = createAnalysisRunner({ db: services.db, storage: services.config.storage, logger: quiet, onSpawn: (child) => child.kill("SIGKILL") });
    while (await crashing.runOnce());
    const failed = analyses().find((r) => r.name === "cube-10mm-binary.stl")!;
    expect(failed).toMatchObject({ status: "failed", attempts: 2 });
    expect(failed.reason).toContain("stopped twice");
  });

  it("stops a worker that outgrows its memory limit, and says so", async () => {
    await submit([fixture("nist_ftc_11_asme1_rb.stp")]);
    const runner = createAnalysisRunner({ db: services.db, storage: services.config.storage, logger: quiet, maxRssMb: 40 });
    while (await runner.runOnce());
    const row = analyses().find((r) => r.name.endsWith(".stp"))!;
    expect(row).toMatchObject({ status: "failed", attempts: 2 });
    expect(row.reason).toContain("used more than 40 MB of memory");
  });

  it("refuses files over the size cap without starting OpenCascade on them", async () => {
    await submit([fixture("nist_ftc_06_asme1_rd.stp")]);
    const runner = createAnalysisRunner({ db: services.db, storage: services.config.storage, logger: quiet, maxFileBytes: 100_000 });
    await runner.runOnce();
    expect(analyses()[0]).toMatchObject({ status: "no_analysis", reason: expect.stringContaining("over the 97.7 KB analysis limit") });
  });

  it("picks up after a restart: a job left running goes back to the queue", async () => {
    await submit([fixture("cube-10mm-ascii.stl")]);
    const runner = createAnalysisRunner({ db: services.db, storage: services.config.storage, logger: quiet, onSpawn: () => undefined });
    const fileId = services.db.select().from(files).where(eq(files.kind, "model")).get()!.id;
    services.db.insert(modelAnalyses).values({ fileId, status: "running", attempts: 1 }).run();
    runner.recover();
    expect(analyses()[0]).toMatchObject({ status: "pending", attempts: 1 });
    await runner.runOnce();
    expect(analyses()[0]).toMatchObject({ status: "done", attempts: 2 });
  });
});
