import type { MeshBVH } from "three-mesh-bvh";
import { largeFlatFaces, planes, triangleNormals, unsupportedSpans } from "./flat-faces";
import type { Mesh, Weld } from "./mesh";
import { findShells, type Shells } from "./shells";
import { findUndercuts } from "./undercuts";
import type { GeometryFeatures, MeshMetrics } from "../../../workflows/model-metrics";

/**
 * Every feature of a closed mesh, sharing the triangle normals and the BVH the walls were cast
 * against. `measured` is what measureMesh found: a mesh of one connected piece has no shells to
 * sort into bodies and voids (a quarter of a second saved on a 2 M-triangle STL).
 */
export function geometryFeatures(
  mesh: Mesh,
  weld: Weld,
  measured: Pick<MeshMetrics, "normalsOutward" | "areaMm2" | "bodies">,
  bvh: MeshBVH,
): GeometryFeatures {
  const { normalsOutward, areaMm2 } = measured;
  const { normals, areas } = triangleNormals(mesh, normalsOutward);
  const shells: Shells =
    measured.bodies === 1
      ? {
          shellOf: new Uint32Array(areas.length),
          isVoid: new Uint8Array(1),
          bodies: 1,
          voids: { count: 0, volumeMm3: 0 },
        }
      : findShells(mesh, weld, normalsOutward);
  // A face under 5 % of the surface is neither large nor one the part could rest on.
  const found = planes(mesh, normals, areas, 0.05 * areaMm2);
  const setter = found[0];
  return {
    bodies: shells.bodies,
    voids: shells.voids,
    flatFaces: largeFlatFaces(mesh, found),
    sintering: setter
      ? { setterNormal: setter.normal, spans: unsupportedSpans(mesh, weld, normals, areas, setter).slice(0, 5) }
      : null,
    undercuts: findUndercuts(mesh, bvh, normals, areas, shells),
  };
}
