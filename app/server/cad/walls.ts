import { BufferAttribute, BufferGeometry, DoubleSide, Ray, Vector3 } from "three";
import { MeshBVH } from "three-mesh-bvh";
import { triangleNormals } from "./flat-faces";
import type { Mesh } from "./mesh";
import { sampleSurface } from "./surface-samples";
import type { WallThickness } from "../../../workflows/model-metrics";

/** The bounding-volume hierarchy every ray of the analysis is cast against: built once per model. */
export function meshBvh(mesh: Mesh): MeshBVH {
  const geometry = new BufferGeometry();
  geometry.setAttribute("position", new BufferAttribute(mesh.positions, 3));
  geometry.setIndex(new BufferAttribute(mesh.indices, 1));
  return new MeshBVH(geometry);
}

/** Four directions square to a unit normal, 45 degrees apart. */
function across(normal: Vector3): Vector3[] {
  const helper = Math.abs(normal.x) < 0.9 ? new Vector3(1, 0, 0) : new Vector3(0, 1, 0);
  const u = new Vector3().crossVectors(normal, helper).normalize();
  const v = new Vector3().crossVectors(normal, u).normalize();
  return [u, v, u.clone().add(v).normalize(), u.clone().sub(v).normalize()];
}

/**
 * Wall thickness by ray casting: from points on the surface (area-weighted), along the inward
 * normal, to the next surface. Reported as percentiles because edges and bad normals give false
 * near-zero values that a plain minimum would report as the wall.
 *
 * Thick sections need one more step: a ray that runs along a wall (from a plate's edge face) measures
 * a length, not a thickness. So each ray is also capped by the shortest chord across it, through its
 * midpoint, in four directions square to it; the 95th percentile and the thickest section use the
 * capped value (the thin-wall figures keep the plain ray, as before).
 */
export function wallThickness(
  mesh: Mesh,
  normalsOutward: boolean,
  samples = 3000,
  bvh: MeshBVH = meshBvh(mesh),
): WallThickness | null {
  const triangles = mesh.indices.length / 3;
  if (triangles === 0) return null;

  const p = mesh.positions;
  const idx = mesh.indices;
  const vertex = (i: number) => new Vector3(p[i * 3]!, p[i * 3 + 1]!, p[i * 3 + 2]!);
  const sampled = sampleSurface(mesh, triangleNormals(mesh, normalsOutward).areas, 42, samples);
  if (!sampled) return null;
  const inward = normalsOutward ? -1 : 1;
  const rays: number[] = [];
  const sections: { mm: number; at: Vector3 }[] = [];
  const ray = new Ray();
  for (const sample of sampled.samples) {
    const t = sample.triangle;
    const [a, b, c] = [vertex(idx[t * 3]!), vertex(idx[t * 3 + 1]!), vertex(idx[t * 3 + 2]!)];
    const normal = b.clone().sub(a).cross(c.clone().sub(a)).normalize().multiplyScalar(inward);
    const point = new Vector3(...sample.point);
    ray.origin.copy(point).addScaledVector(normal, 1e-4);
    ray.direction.copy(normal);
    const hit = bvh.raycastFirst(ray, DoubleSide);
    if (!hit) continue;
    const length = hit.distance + 1e-4;
    const centre = point.clone().addScaledVector(normal, length / 2);
    let section = length;
    for (const direction of across(normal)) {
      const chord = [1, -1].reduce((sum, sign) => {
        ray.origin.copy(centre);
        ray.direction.copy(direction).multiplyScalar(sign);
        return sum + (bvh.raycastFirst(ray, DoubleSide)?.distance ?? Infinity);
      }, 0);
      section = Math.min(section, chord);
    }
    rays.push(length);
    sections.push({ mm: section, at: centre });
  }
  if (rays.length === 0) return null;
  rays.sort((x, y) => x - y);
  sections.sort((x, y) => x.mm - y.mm);
  const at = (q: number) => Math.min(rays.length - 1, Math.floor(q * rays.length));
  const thickest = sections.at(-1)!;
  const p95Mm = sections[at(0.95)]!.mm;
  return {
    minMm: rays[0]!,
    p5Mm: rays[at(0.05)]!,
    medianMm: rays[at(0.5)]!,
    p95Mm,
    thickest: { mm: thickest.mm, at: [thickest.at.x, thickest.at.y, thickest.at.z] },
    uniformity: p95Mm / Math.max(rays[at(0.05)]!, 1e-6),
    samples: rays.length,
  };
}
