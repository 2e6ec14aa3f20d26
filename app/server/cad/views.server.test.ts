import { describe, expect, it } from "vitest";
import type { AnalysisMetrics, ModelAnalysisRow } from "../../../db/queries/analyses";
import type { StoredFile } from "../../../db/queries/files";
import { binaryStl, voxels } from "../../../tests/support/meshes";
import { analyseModel } from "./analyse";
import { modelAnalysisViews } from "./views.server";

const file: StoredFile = {
  id: "f1",
  inquiryId: "i1",
  draftTokenHash: null,
  status: "stored",
  originalName: "block.stl",
  storedKey: "k1",
  size: 1,
  sha256: null,
  kind: "model",
  format: "stl",
  declaredUnit: "mm",
  uploadedAt: new Date(0),
  questionId: null,
};

const row = (metrics: AnalysisMetrics): ModelAnalysisRow => ({
  fileId: "f1",
  status: "done",
  attempts: 1,
  reason: null,
  reasonKind: null,
  metrics,
  previewKey: "k1.preview.glb",
  startedAt: null,
  finishedAt: null,
  createdAt: new Date(0),
});

describe("the model analysis view's geometry", () => {
  it("gives the screen the features in numbers and the page in words, from the stored JSON", async () => {
    // A 30 x 20 x 20 mm block with a top pocket and a blind side hole, as in the features' own test.
    const block = voxels([30, 20, 20], (i, j, k) => {
      const pocket = i >= 7 && i < 23 && j >= 5 && j < 15 && k >= 12;
      const hole = i < 8 && j >= 8 && j < 12 && k >= 4 && k < 8;
      return !pocket && !hole;
    });
    const result = await analyseModel("stl", new Uint8Array(binaryStl(block)), { stlUnit: "mm" });
    if (!result.ok) throw new Error(result.reason);
    // Through JSON, as model_analyses.metrics stores it.
    const stored = JSON.parse(JSON.stringify(result.metrics)) as AnalysisMetrics;
    const [view] = modelAnalysisViews([file], [row(stored)], "mim-17-4ph", (id) => `/preview/${id}`);
    const g = view!.geometry!;
    expect(g).toMatchObject({ bodies: 1, internalVoids: 0, internalVoidMm3: 0, pullAxis: "z", slides: 1 });
    expect(g.wallUniformity).toBeGreaterThan(1);
    expect(g.undercuts).toHaveLength(1);
    expect(g.undercuts[0]!.where).toMatch(/low x, mid y, low z of the bounding box/);
    expect(g.undercutAreaMm2).toBeCloseTo(g.undercuts[0]!.areaMm2, 6);
    expect(g.flatFaces[0]).toMatchObject({
      areaMm2: expect.closeTo(600, 3),
      facing: expect.stringMatching(/^[+−][xyz]$/),
    });
    expect(g.setterFacing).toBe(g.flatFaces[0]!.facing);
    expect(g.longestSpanMm).toBe(g.spans[0]?.spanMm ?? 0);
  });

  /** A 10 mm cube's metrics as stored before the geometry features were recorded, with `changes`. */
  const metrics = (changes: Partial<AnalysisMetrics>): AnalysisMetrics => ({
    sizeMm: [10, 10, 10],
    minMm: [0, 0, 0],
    volumeMm3: 1000,
    areaMm2: 600,
    triangles: 12,
    watertight: true,
    bodies: 1,
    normalsOutward: true,
    source: "STL",
    wall: null,
    ...changes,
  });

  it("has no geometry for a model measured before the features were recorded", () => {
    const old = metrics({ wall: { minMm: 10, p5Mm: 10, medianMm: 10, samples: 10 } });
    const [view] = modelAnalysisViews([file], [row(old)], "mim-17-4ph", (id) => `/preview/${id}`);
    expect(view).toMatchObject({ geometry: null, wall: { p5Mm: 10, p95Mm: null, thickest: null } });
  });

  it.each([
    ["de", { size: "12,5 × 3,0 × 2,0 mm", volume: "1.234,57 cm³", largest: "12,50" }],
    ["fr", { size: "12,5 × 3,0 × 2,0 mm", volume: "1\u202f234,57 cm³", largest: "12,50" }],
    ["en", { size: "12.5 × 3.0 × 2.0 mm", volume: "1,234.57 cm³", largest: "12.50" }],
  ] as const)("writes the figures a page shows as %s writes numbers", (language, figures) => {
    const measured = metrics({ sizeMm: [12.5, 3, 2], volumeMm3: 1_234_567, wall: null });
    const [view] = modelAnalysisViews([file], [row(measured)], "mim-17-4ph", (id) => `/preview/${id}`, language);
    expect(view!.figures).toEqual(figures);
  });
});
