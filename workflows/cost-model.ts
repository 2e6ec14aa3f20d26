/**
 * The MIM cost model (docs/domain/quoting.md): piece prices per quantity break and per cavity
 * option, each with its cost build-up, and the tooling priced apart. Pure: rates, the part and the
 * review's decisions in; figures with the working that produced them out, so a reviewer can check
 * every line.
 *
 *   piece cost = feedstock + molding + debinding/sintering + sizing + operations + inspection + packaging
 *   cost       = piece cost x (1 + overhead share)
 *   unit price = cost / (1 - margin)   or   cost x (1 + markup)   [+ tooling / amortisation quantity]
 *
 * Each stage's cost per good part is divided by the combined yield of that stage and the stages after
 * it: a part scrapped at sintering has already used its feedstock and its press time.
 */
import { MATERIALS, materialLabel } from "./materials";
import { SECONDARY_OPERATIONS, labelOf, type SecondaryOperation } from "./review-domain";
import { feedstockKey, operationRunKey, operationSetupKey, type RateValues } from "./rates";

export const CAVITY_COUNTS = [1, 2, 4, 8] as const;
export type CavityCount = (typeof CAVITY_COUNTS)[number];

export type PartInput =
  /** A measured model: mass from its volume and the material's density, footprint from its bounding box. */
  | { kind: "measured"; volumeMm3: number; sizeMm: readonly [number, number, number]; watertight: boolean }
  /** A mass entered by hand (no model, an open mesh, no density); the footprint only if known. */
  | { kind: "entered"; massG: number; footprintMm2?: number | null };

export type ProfitBasis = "margin" | "markup";

export type CostModelInput = {
  materialId: string;
  annualVolume: number;
  /** The inquiry's application text: medical or aerospace parts use no regrind. */
  application: string | null;
  part: PartInput;
  /** Gate 3: post-sintering sizing decided. */
  sizing: boolean;
  /** Gate 3: the secondary operations chosen. */
  operations: readonly SecondaryOperation[];
  /** Order quantities to price: set-ups are spread over each. */
  quantities: readonly number[];
  /** Cavity options to price; suggested from the annual volume when absent. */
  cavities?: readonly CavityCount[];
  /** Parts per furnace load, when known from a trial; otherwise from the tray area and the footprint. */
  partsPerLoad?: number | null;
  slides?: number;
  hotRunner?: boolean;
  /** Long spans or cantilevers that need part-specific setters in the furnace. */
  needsSetters?: boolean;
  /** Margin from the rates unless the quote says otherwise. */
  profit?: { basis: ProfitBasis; share: number };
  /** Show the tooling spread over this many parts inside the unit price (the tooling is still priced apart). */
  amortiseOver?: number | null;
};

/** A figure sales set by hand over the computed one, with the reason the approver reads. */
export type HandSet = { computed: number; reason: string };

/** One term of a build-up, per good part (or per tool for tooling), with the working that produced it. */
export type CostLine = {
  id: string;
  label: string;
  amount: number;
  working: string;
  handSet?: HandSet;
  /** How many of the item a tooling line prices (cavities, slides), so the quote words it in the buyer's language. */
  count?: number;
};

export type QuantityBreak = {
  quantity: number;
  /** Manufacturing terms in process order, per good part. */
  lines: CostLine[];
  manufacturingCost: number;
  overhead: CostLine;
  cost: number;
  profit: CostLine & { basis: ProfitBasis; share: number };
  amortisation: CostLine | null;
  unitPrice: number;
  extendedPrice: number;
  /** Present when the unit price was set by hand. */
  handSet?: HandSet;
};

export type CavityOption = {
  cavities: CavityCount;
  /** Share of the press year one tool needs for the annual volume. */
  utilisation: number;
  withinCapacity: boolean;
  tooling: { lines: CostLine[]; total: number };
  breaks: QuantityBreak[];
};

export type StageYield = { stage: YieldStage; label: string; yield: number };
type YieldStage = "molding" | "debinding" | "sintering" | "sizing" | "inspection";

export type ToolingTerms = {
  shotLife: number;
  ownership: string;
  payments: { share: number; when: string }[];
};

export type CostModel = {
  material: string;
  mass: { sinteredG: number; source: string; feedstockG: number };
  regrind: { share: number; reason: string };
  yields: StageYield[];
  combinedYield: number;
  partsPerLoad: { value: number; working: string };
  toolingTerms: ToolingTerms;
  options: CavityOption[];
  notes: string[];
};

export type CostModelResult = { ok: true; model: CostModel } | { ok: false; problems: string[] };

const REGRIND_BANNED =
  /\b(medical|implants?|surgical|ISO\s*13485|orthop(?:a)?edic|dental|aerospace|aircraft|aviation|AS\s*9100|spacecraft|satellites?)\b/i;

/** The regrind share and why: none where the application is medical or aerospace (docs/domain/quoting.md 1). */
export function regrindFor(application: string | null, rates: RateValues): { share: number; reason: string } {
  const hit = application?.match(REGRIND_BANNED);
  if (hit)
    return {
      share: 0,
      reason: `No regrind: the application mentions "${hit[0]}", and medical (ISO 13485) and aerospace parts are molded from virgin feedstock only.`,
    };
  return {
    share: rates.regrindShare!,
    reason: `${pct(rates.regrindShare!)} of the runner and sprue is reground and reused once.`,
  };
}

/** Press hours a year one tool of `cavities` needs, over the hours it may run. */
export function toolUtilisation(
  annualVolume: number,
  cavities: number,
  combinedYield: number,
  rates: RateValues,
): number {
  const shots = annualVolume / combinedYield / cavities;
  const hours = (shots * rates.cycleTimeS!) / 3600 / rates.moldingEfficiency!;
  return hours / rates.hoursPerYear!;
}

/**
 * Two or three cavity options: the fewest cavities with which one tool stays within the planned load
 * (80 % of 24 h x 5 days x 50 weeks), and the next sizes up, so the buyer weighs tooling against piece price.
 */
export function suggestCavities(annualVolume: number, combinedYield: number, rates: RateValues): CavityCount[] {
  const first = CAVITY_COUNTS.findIndex(
    (c) => toolUtilisation(annualVolume, c, combinedYield, rates) <= rates.maxUtilisation!,
  );
  return first === -1 ? [8] : CAVITY_COUNTS.slice(first, first + 3);
}

/** Order quantities to price when the buyer gave none: a monthly lot, a quarter, a year. */
export function defaultQuantityBreaks(annualVolume: number): number[] {
  const nice = (n: number) => {
    const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(n)) - 1);
    return Math.max(1, Math.round(n / magnitude) * magnitude);
  };
  return [...new Set([annualVolume / 12, annualVolume / 4, annualVolume].map(nice))].sort((a, b) => a - b);
}

const pct = (share: number) => `${Number((share * 100).toFixed(2))} %`;
const num = (n: number, digits = 3) => Number(n.toPrecision(digits)).toLocaleString("en");

function yieldsFor(sizing: boolean, rates: RateValues): StageYield[] {
  const all: StageYield[] = [
    { stage: "molding", label: "Molding", yield: rates.yieldMolding! },
    { stage: "debinding", label: "Debinding", yield: rates.yieldDebinding! },
    { stage: "sintering", label: "Sintering", yield: rates.yieldSintering! },
    { stage: "sizing", label: "Sizing", yield: rates.yieldSizing! },
    { stage: "inspection", label: "Final inspection", yield: rates.yieldInspection! },
  ];
  return all.filter((y) => sizing || y.stage !== "sizing");
}

/** The combined yield of a stage and every stage after it. */
function yieldFrom(yields: StageYield[], stage: YieldStage): number {
  const start = yields.findIndex((y) => y.stage === stage);
  return yields.slice(start).reduce((p, y) => p * y.yield, 1);
}

function massOf(input: CostModelInput): { sinteredG: number; source: string } | { problem: string } {
  const { part } = input;
  if (part.kind === "entered") {
    if (!(part.massG > 0)) return { problem: "Enter the part's mass in grams (greater than zero)." };
    return { sinteredG: part.massG, source: `entered: ${num(part.massG)} g` };
  }
  const material = MATERIALS.find((m) => m.id === input.materialId);
  if (!part.watertight)
    return { problem: "The model's mesh is open, so its volume is not reliable: enter the part's mass." };
  if (!material?.densityGcm3)
    return {
      problem: `No density is known for ${materialLabel(input.materialId)}: enter the part's mass.`,
    };
  const g = (part.volumeMm3 / 1000) * material.densityGcm3;
  return {
    sinteredG: g,
    source: `measured: ${num(part.volumeMm3 / 1000)} cm³ x ${material.densityGcm3} g/cm³ = ${num(g)} g`,
  };
}

function partsPerLoadOf(input: CostModelInput, rates: RateValues): { value: number; working: string } | string {
  if (input.partsPerLoad != null) {
    if (!(input.partsPerLoad >= 1) || !Number.isInteger(input.partsPerLoad))
      return "Parts per furnace load must be a whole number of at least 1.";
    return { value: input.partsPerLoad, working: `entered: ${input.partsPerLoad} parts per load` };
  }
  let footprint: number | null = null;
  let from = "";
  if (input.part.kind === "measured") {
    const [a, b] = [...input.part.sizeMm].sort((x, y) => y - x);
    footprint = a! * b!;
    from = `lying on its largest face, ${num(a!)} x ${num(b!)} mm`;
  } else if (input.part.footprintMm2 != null && input.part.footprintMm2 > 0) {
    footprint = input.part.footprintMm2;
    from = "entered footprint";
  }
  if (footprint === null)
    return "An entered mass gives no footprint: enter the parts per furnace load or the part's footprint on the tray.";
  const value = Math.floor(rates.furnaceLoadAreaMm2! / (footprint * rates.trayPacking!));
  if (value < 1) return "The part's footprint is larger than a furnace load: enter the parts per load.";
  return {
    value,
    working: `${num(rates.furnaceLoadAreaMm2!)} mm² per load / (${num(footprint)} mm² ${from} x ${rates.trayPacking} spacing) = ${value} parts`,
  };
}

function toolingFor(cavities: number, input: CostModelInput, rates: RateValues): { lines: CostLine[]; total: number } {
  const further = (cavities - 1) * rates.firstCavity! * rates.furtherCavityShare!;
  const cavityCost = rates.firstCavity! + further;
  const slides = input.slides ?? 0;
  const lines: CostLine[] = [
    { id: "mould_base", label: "Mould base", amount: rates.mouldBase!, working: "per tool" },
    {
      id: "cavities",
      label: `${cavities} ${cavities === 1 ? "cavity" : "cavities"}`,
      count: cavities,
      amount: cavityCost,
      working:
        cavities === 1
          ? "first cavity"
          : `first cavity ${num(rates.firstCavity!)} + ${cavities - 1} further x ${pct(rates.furtherCavityShare!)} of it`,
    },
  ];
  if (slides > 0)
    lines.push({
      id: "slides",
      label: `${slides} ${slides === 1 ? "slide" : "slides"} (side actions)`,
      count: slides,
      amount: slides * rates.slideShare! * cavityCost,
      working: `${slides} x ${pct(rates.slideShare!)} of the cavities`,
    });
  if (input.hotRunner)
    lines.push({ id: "hot_runner", label: "Hot runner", amount: rates.hotRunner!, working: "chosen" });
  if (input.sizing)
    lines.push({
      id: "sizing_die",
      label: "Sizing die",
      amount: rates.sizingDie!,
      working: "post-sintering sizing decided in the review",
    });
  if (input.needsSetters)
    lines.push({
      id: "setters",
      label: "Part-specific setters",
      amount: rates.setters!,
      working: "the part needs support in the furnace",
    });
  lines.push(
    { id: "t1_samples", label: "T1 samples", amount: rates.t1Samples!, working: "first trial shots" },
    { id: "fai_ppap", label: "First-article inspection / PPAP", amount: rates.faiPpap!, working: "per part number" },
  );
  return { lines, total: lines.reduce((s, l) => s + l.amount, 0) };
}

/** Prices the part for each cavity option and quantity break, or says what is missing. */
/** The tooling's commercial terms that follow from the rates: its guaranteed shot life and when it is paid. */
export function toolingTerms(rates: RateValues): ToolingTerms {
  return {
    shotLife: rates.shotLife!,
    ownership: "Title to the tooling passes to the buyer on payment of the tooling invoice.",
    payments: [
      { share: rates.toolingDepositShare!, when: "with the order" },
      { share: 1 - rates.toolingDepositShare!, when: "on sample approval" },
    ].filter((p) => p.share > 0),
  };
}

export function priceParts(input: CostModelInput, rates: RateValues): CostModelResult {
  const problems: string[] = [];
  const price = rates[feedstockKey(input.materialId)];
  if (price === undefined)
    problems.push(`There is no feedstock price for "${materialLabel(input.materialId)}": choose the material.`);
  const mass = massOf(input);
  if ("problem" in mass) problems.push(mass.problem);
  const load = partsPerLoadOf(input, rates);
  if (typeof load === "string") problems.push(load);
  const quantities = [...new Set(input.quantities)].sort((a, b) => a - b);
  if (quantities.length === 0 || quantities.some((q) => !Number.isInteger(q) || q < 1))
    problems.push("Give at least one quantity to price, each a whole number of at least 1.");
  if (!(input.annualVolume > 0)) problems.push("The annual volume must be greater than zero.");
  const profit = input.profit ?? { basis: "margin" as const, share: rates.marginShare! };
  if (!(profit.share >= 0) || (profit.basis === "margin" && profit.share >= 1))
    problems.push("A margin is a share of the price below 100 %; a markup is a share of cost of at least 0 %.");
  if (input.cavities && (input.cavities.length === 0 || input.cavities.some((c) => !CAVITY_COUNTS.includes(c))))
    problems.push("Price at least one cavity option, each of 1, 2, 4 or 8 cavities.");
  if (input.slides !== undefined && !(Number.isInteger(input.slides) && input.slides >= 0))
    problems.push("The number of slides must be a whole number, 0 or more.");
  if (input.amortiseOver != null && !(input.amortiseOver >= 1))
    problems.push("Amortise the tooling over at least one part.");
  if (problems.length > 0 || "problem" in mass || typeof load === "string" || price === undefined)
    return { ok: false, problems };

  const yields = yieldsFor(input.sizing, rates);
  const combinedYield = yieldFrom(yields, "molding");
  const regrind = regrindFor(input.application, rates);
  const feedstockG = mass.sinteredG / (1 - rates.binderMassShare!);
  const cavities = input.cavities ?? suggestCavities(input.annualVolume, combinedYield, rates);
  const afterSintering = input.sizing ? yieldFrom(yields, "sizing") : yieldFrom(yields, "inspection");
  const yInspection = rates.yieldInspection!;

  const options = cavities.map((c): CavityOption => {
    const utilisation = toolUtilisation(input.annualVolume, c, combinedYield, rates);
    const tooling = toolingFor(c, input, rates);
    const runnerG = (rates.runnerPerShotG! / c) * (1 - regrind.share);
    const consumedG = feedstockG + runnerG;
    const partsPerHour = (3600 / rates.cycleTimeS!) * c * rates.moldingEfficiency!;
    const fixed: CostLine[] = [
      {
        id: "feedstock",
        label: "Feedstock",
        amount: ((consumedG / 1000) * price) / combinedYield,
        working: `(${num(mass.sinteredG)} g / (1 - ${pct(rates.binderMassShare!)} binder) + ${num(rates.runnerPerShotG!)} g runner / ${c} x (1 - ${pct(regrind.share)} regrind)) = ${num(consumedG)} g x ${num(price)}/kg / yield ${pct(combinedYield)}`,
      },
      {
        id: "molding",
        label: "Molding",
        amount: rates.machineRatePerHour! / partsPerHour / combinedYield,
        working: `${num(rates.machineRatePerHour!)}/h / (3600 / ${rates.cycleTimeS} s x ${c} x ${pct(rates.moldingEfficiency!)} = ${num(partsPerHour)} parts/h) / yield ${pct(combinedYield)}`,
      },
      {
        id: "furnace",
        label: "Debinding and sintering",
        amount: rates.furnaceRunCost! / (load.value * rates.yieldDebinding! * rates.yieldSintering!) / afterSintering,
        working: `${num(rates.furnaceRunCost!)} per run / (${load.value} parts x ${pct(rates.yieldDebinding! * rates.yieldSintering!)} good) / yield after ${pct(afterSintering)}`,
      },
    ];
    if (input.sizing)
      fixed.push({
        id: "sizing",
        label: "Post-sintering sizing",
        amount: rates.sizingPerPart! / afterSintering,
        working: `${num(rates.sizingPerPart!)} per part / yield ${pct(afterSintering)}`,
      });
    const breaks = quantities.map((quantity): QuantityBreak => {
      const lines = [...fixed];
      for (const op of new Set(input.operations)) {
        const setup = rates[operationSetupKey(op)] ?? 0;
        const run = rates[operationRunKey(op)] ?? 0;
        lines.push({
          id: `operation:${op}`,
          label: labelOf(SECONDARY_OPERATIONS, op),
          amount: setup / quantity + run / yInspection,
          working: `set-up ${num(setup)} / ${quantity.toLocaleString("en")} parts + ${num(run)} per part / yield ${pct(yInspection)}`,
        });
      }
      lines.push(
        {
          id: "inspection",
          label: "Final inspection",
          amount: rates.inspectionPerPart! / yInspection,
          working: `${num(rates.inspectionPerPart!)} per part / yield ${pct(yInspection)}`,
        },
        { id: "packaging", label: "Packaging", amount: rates.packagingPerPart!, working: "per good part" },
      );
      const manufacturingCost = lines.reduce((s, l) => s + l.amount, 0);
      const overhead: CostLine = {
        id: "overhead",
        label: "Overhead",
        amount: manufacturingCost * rates.overheadShare!,
        working: `${pct(rates.overheadShare!)} of manufacturing cost`,
      };
      const cost = manufacturingCost + overhead.amount;
      const beforeTooling = profit.basis === "margin" ? cost / (1 - profit.share) : cost * (1 + profit.share);
      const amortisation: CostLine | null =
        input.amortiseOver != null
          ? {
              id: "amortisation",
              label: "Tooling amortised",
              amount: tooling.total / input.amortiseOver,
              working: `${num(tooling.total)} tooling / ${input.amortiseOver.toLocaleString("en")} parts`,
            }
          : null;
      const unitPrice = beforeTooling + (amortisation?.amount ?? 0);
      return {
        quantity,
        lines,
        manufacturingCost,
        overhead,
        cost,
        profit: {
          id: profit.basis,
          label: profit.basis === "margin" ? "Margin (share of the price)" : "Markup (share of the cost)",
          basis: profit.basis,
          share: profit.share,
          amount: beforeTooling - cost,
          working:
            profit.basis === "margin"
              ? `price = cost / (1 - ${pct(profit.share)})`
              : `price = cost x (1 + ${pct(profit.share)})`,
        },
        amortisation,
        unitPrice,
        extendedPrice: unitPrice * quantity,
      };
    });
    return { cavities: c, utilisation, withinCapacity: utilisation <= rates.maxUtilisation!, tooling, breaks };
  });

  const notes: string[] = [];
  for (const o of options)
    if (!o.withinCapacity)
      notes.push(
        `${o.cavities} cavities: one tool would need ${pct(o.utilisation)} of the press year (planned at most ${pct(rates.maxUtilisation!)}): plan ${Math.ceil(o.utilisation / rates.maxUtilisation!)} tools.`,
      );

  return {
    ok: true,
    model: {
      material: materialLabel(input.materialId),
      mass: { sinteredG: mass.sinteredG, source: mass.source, feedstockG },
      regrind,
      yields,
      combinedYield,
      partsPerLoad: load,
      toolingTerms: toolingTerms(rates),
      options,
      notes,
    },
  };
}
