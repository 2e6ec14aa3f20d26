/**
 * What the CAD analysis measures of a model, as the worker returns it and model_analyses stores it:
 * types only, shared by the analysis (app/server/cad), the database schema and the screen's rules.
 * Lengths in mm, areas in mm², volumes in mm³, points in model coordinates.
 */

/** The length units a buyer can state for an STL, which carries none (files.declared_unit). */
export const LENGTH_UNITS = ["mm", "cm", "in"] as const;
export type LengthUnit = (typeof LENGTH_UNITS)[number];

/**
 * Where the model's length unit came from: the file itself (STEP, IGES), the buyer (an STL with a
 * stated unit), or nowhere (an STL read as millimetres by default).
 */
export type ModelUnit = { unit: LengthUnit; source: "file" | "buyer" | "assumed" };

export type Vec3 = [number, number, number];

export type MeshMetrics = {
  sizeMm: [number, number, number];
  minMm: [number, number, number];
  volumeMm3: number;
  areaMm2: number;
  triangles: number;
  /** Every edge shared by exactly two triangles once coincident vertices are welded. */
  watertight: boolean;
  /** Connected pieces of the welded mesh: the number of separate solids (or shells). */
  bodies: number;
  /** Whether the triangles wind outward (positive signed volume), as ray casting needs to know. */
  normalsOutward: boolean;
};

export type WallThickness = {
  minMm: number;
  p5Mm: number;
  medianMm: number;
  /** Thick sections: the 95th percentile, robust to a single stray ray. */
  p95Mm: number;
  /** The thickest section found and its centre (mm, model coordinates): where to core out. */
  thickest: { mm: number; at: Vec3 };
  /** Thick over thin: the 95th percentile section over the 5th percentile wall (1 is perfectly even). */
  uniformity: number;
  samples: number;
};

export type FlatFace = {
  areaMm2: number;
  /** Outward unit normal. */
  normal: Vec3;
  /** The face's area over the part's area projected along its normal (0 to 1): how much of the outline it fills. */
  projectedShare: number;
  /** Its centre (mm, model coordinates). */
  at: Vec3;
};

/** A downward-facing region with nothing under it when the part sinters lying on its largest flat face. */
export type UnsupportedSpan = { spanMm: number; heightMm: number; areaMm2: number; at: Vec3 };

/** One connected undercut region: a likely side action (slide) in the tool. */
export type UndercutRegion = {
  /** Estimated from the surface samples that fell in it. */
  areaMm2: number;
  /** Its bounding box and centre (mm, model coordinates): what the 3D view highlights. */
  min: Vec3;
  max: Vec3;
  at: Vec3;
};

export type Undercuts = {
  /** The pull (opening) direction with the least undercut area; the tool opens both ways along it. */
  pullAxis: Vec3;
  /** Connected undercut regions: the likely slides. */
  slides: number;
  areaMm2: number;
  regions: UndercutRegion[];
};

/** The geometry the screen's rules and the tooling quote read, beside the measurements. Directions are unit vectors. */
export type GeometryFeatures = {
  /** Separate solid bodies (disconnected shells that are not voids). */
  bodies: number;
  /** Closed cavities inside the material. */
  voids: { count: number; volumeMm3: number };
  /** The largest planes (at most three, each at least 5 % of the surface), largest first. */
  flatFaces: FlatFace[];
  /**
   * Sintering on the largest plane (`setterNormal` points down onto the setter): spans with nothing
   * under them, longest first (at most five). Null when no plane holds 5 % of the surface.
   */
  sintering: { setterNormal: Vec3; spans: UnsupportedSpan[] } | null;
  undercuts: Undercuts | null;
};

/** Walls and features are null for an open mesh: rays through its holes measure nothing. */
export type ModelMetrics = MeshMetrics & {
  wall: WallThickness | null;
  features: GeometryFeatures | null;
  source: string;
  unit: ModelUnit;
};

/** Metrics as stored in model_analyses: rows measured by an earlier version lack the later fields. */
export type StoredModelMetrics = Omit<ModelMetrics, "unit" | "wall" | "features"> & {
  unit?: ModelUnit;
  wall:
    | (Omit<WallThickness, "p95Mm" | "thickest" | "uniformity"> &
        Partial<Pick<WallThickness, "p95Mm" | "thickest" | "uniformity">>)
    | null;
  features?: GeometryFeatures | null;
};
