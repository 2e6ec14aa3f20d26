import occtimportjs from "occt-import-js";
import type { AnalysisReasonKind } from "../../../db/queries/analyses";
import type { FileFormat } from "../files/file-check";
import { measureMesh, mergeMeshes, weldVertices, type Mesh, type Weld } from "./mesh";
import { timed, type StageTimes } from "./stages";
import { stepProblem } from "./step-check";
import { parseStl } from "./stl";
import { geometryFeatures } from "./features";
import { meshBvh, wallThickness } from "./walls";
import type { LengthUnit, ModelMetrics, ModelUnit } from "../../../workflows/model-metrics";

const MM_PER: Record<LengthUnit, number> = { mm: 1, cm: 10, in: 25.4 };

export type ModelAnalysis =
  | { ok: true; metrics: ModelMetrics; mesh: Mesh; weld: Weld; stages: StageTimes }
  | { ok: false; reason: string; kind: AnalysisReasonKind };

type OcctResult = {
  success: boolean;
  meshes: { attributes: { position: { array: number[] } }; index?: { array: number[] } }[];
};
type Occt = {
  ReadStepFile(content: Uint8Array, params: object | null): OcctResult;
  ReadIgesFile(content: Uint8Array, params: object | null): OcctResult;
};

let occt: Promise<Occt> | undefined;

const OCCT_PARAMS = {
  // OpenCascade converts the file's declared length unit, so inches come out as millimetres.
  linearUnit: "millimeter",
  linearDeflectionType: "bounding_box_ratio",
  linearDeflection: 0.001,
  angularDeflection: 0.5,
};

const UNREAD: Partial<Record<FileFormat, string>> = {
  parasolid: "Parasolid (X_T/X_B) is not a format the analyser reads: ask the buyer for a STEP export.",
  sldprt: "SolidWorks parts are not a format the analyser reads: ask the buyer for a STEP export.",
  "3mf": "3MF models are not analysed yet: ask the buyer for a STEP or STL export.",
};

async function readBrep(format: "step" | "iges", bytes: Uint8Array): Promise<Mesh[]> {
  const lib = await (occt ??= occtimportjs() as Promise<Occt>);
  const result = format === "step" ? lib.ReadStepFile(bytes, OCCT_PARAMS) : lib.ReadIgesFile(bytes, OCCT_PARAMS);
  if (!result.success)
    throw new Error(`the ${format.toUpperCase()} file could not be read (damaged or not a valid export)`);
  return result.meshes.map((m) => ({
    positions: Float32Array.from(m.attributes.position.array),
    indices: Uint32Array.from(
      m.index?.array ?? Array.from({ length: m.attributes.position.array.length / 3 }, (_, i) => i),
    ),
  }));
}

function scaled(mesh: Mesh, factor: number): Mesh {
  if (factor === 1) return mesh;
  return { positions: mesh.positions.map((v) => v * factor), indices: mesh.indices };
}

/**
 * Measures one model file, in millimetres: an STL is scaled by the unit the buyer stated. Never
 * throws for a bad file: it says why there is no analysis.
 */
export async function analyseModel(
  format: FileFormat,
  bytes: Uint8Array,
  options: { stlUnit?: LengthUnit | null } = {},
): Promise<ModelAnalysis> {
  const unread = UNREAD[format];
  if (unread) return { ok: false, reason: unread, kind: "format" };
  let meshes: Mesh[];
  let source: string;
  let unit: ModelUnit = { unit: "mm", source: "file" };
  const stages: StageTimes = {};
  try {
    if (format === "stl") {
      unit = options.stlUnit ? { unit: options.stlUnit, source: "buyer" } : { unit: "mm", source: "assumed" };
      const factor = MM_PER[unit.unit];
      meshes = await timed(stages, "parse", () => [scaled(parseStl(bytes), factor)]);
      source =
        unit.source === "buyer"
          ? `STL in ${unit.unit}, as chosen on the form`
          : "STL (no units in the format: read as millimetres)";
    } else if (format === "step" || format === "iges") {
      meshes = await timed(stages, "parse", () => {
        const problem = format === "step" ? stepProblem(bytes) : null;
        if (problem) throw new Error(`the STEP file could not be read: ${problem}`);
        return readBrep(format, bytes);
      });
      source = `${format.toUpperCase()} B-rep, tessellated by OpenCascade`;
    } else {
      return { ok: false, reason: "Only 3D models are analysed.", kind: "format" };
    }
  } catch (error) {
    return { ok: false, reason: `No analysis: ${(error as Error).message}.`, kind: "unreadable" };
  }
  const mesh = mergeMeshes(meshes);
  if (mesh.indices.length === 0) {
    return {
      ok: false,
      reason:
        "No analysis: the file holds no solid surfaces (a wireframe, or a tessellated-only AP242 export). Ask the buyer for a STEP with solids.",
      kind: "no_solids",
    };
  }
  // The weld is kept: the preview reuses it rather than welding the mesh again.
  const { weld, metrics } = await timed(stages, "measure", () => {
    const weld = weldVertices(mesh.positions);
    return { weld, metrics: measureMesh(mesh, weld) };
  });
  if (!metrics.watertight) {
    return { ok: true, mesh, weld, metrics: { ...metrics, wall: null, features: null, source, unit }, stages };
  }
  // One BVH for the walls' rays and the undercuts': built in the walls stage, as it always was.
  const { wall, bvh } = await timed(stages, "walls", () => {
    const bvh = meshBvh(mesh);
    return { bvh, wall: wallThickness(mesh, metrics.normalsOutward, 3000, bvh) };
  });
  const features = await timed(stages, "features", () => geometryFeatures(mesh, weld, metrics, bvh));
  return { ok: true, mesh, weld, metrics: { ...metrics, wall, features, source, unit }, stages };
}
