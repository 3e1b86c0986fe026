import fs from 'node:fs';
import path from 'node:path';
import type { SeededIdentityPlanter } from './identity-planter';
import { KIND_WEIGHTS, PLANTED_ATTRIBUTES, type PlantRates, type PlantedAttribute } from './plant-rates';
import { PLANT_KINDS, type PlantClass, type PlantKind, type PlantedDifference, type Rng } from './seed-context';

/**
 * ground-truth.json: every identity difference the generator planted in the agencies'
 * copies, with its kind and class, so that tests and the demo know what the crosscheck
 * should find. Written by writeDataDirectory, read back with readGroundTruth.
 */
export const GROUND_TRUTH_FILE = 'ground-truth.json';
export const GROUND_TRUTH_FORMAT = 'satu-ground-truth/1';

/** Three citizens worth showing: all copies agree; only benign variants; a real mismatch. */
export interface DemoNiks {
  /** Holds records at imigrasi, samsat and bpjs-kesehatan (as many agencies as possible), every copy exact. */
  clean: string;
  /** Only VARIANT plants (no FORMAT, no MISMATCH), at two or more agencies when possible, a name variant preferred. */
  variant: string;
  /** At least one MISMATCH plant, on the full name when possible (visible in the demo query). */
  mismatch: string;
}

/** Plants by agency, then attribute, then kind. */
export type PlantCounts = Record<string, Partial<Record<PlantedAttribute, Partial<Record<PlantKind, number>>>>>;

export interface GroundTruth {
  format: typeof GROUND_TRUTH_FORMAT;
  seed: string;
  citizens: number;
  referenceDate: string;
  /** Agencies in seeding order. */
  agencies: string[];
  /** The rates each agency's planter used (the civil registry's are all zero: it is the reference). */
  rates: Record<string, PlantRates>;
  kindWeights: Partial<Record<PlantKind, number>>;
  /** Copies made per agency and attribute (people whose attribute the agency holds). */
  copies: Record<string, Record<PlantedAttribute, number>>;
  totals: Record<PlantClass, number>;
  counts: PlantCounts;
  demoNiks: DemoNiks;
  /** Sorted by NIK, agency, attribute (one plant at most per triple). */
  plants: PlantedDifference[];
}

export class GroundTruthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GroundTruthError';
  }
}

export interface BuildGroundTruthInput {
  seed: string;
  citizens: number;
  referenceDate: string;
  /** One planter per agency, in seeding order. */
  planters: readonly SeededIdentityPlanter[];
  rates: Record<string, PlantRates>;
  /** The reference registry, never a demo agency (its copies are the truth). */
  registryAgency: string;
  /** Every NIK of the population, in population order (fallback for the clean demo NIK). */
  niks: readonly string[];
  /** Breaks ties among equally good demo candidates. */
  rng: Rng;
}

export function buildGroundTruth(input: BuildGroundTruthInput): GroundTruth {
  const plants = input.planters.flatMap((planter) => planter.plants);
  plants.sort(comparePlants);
  const totals: Record<PlantClass, number> = { FORMAT: 0, VARIANT: 0, MISMATCH: 0 };
  const counts: PlantCounts = {};
  const copies: Record<string, Record<PlantedAttribute, number>> = {};
  for (const planter of input.planters) {
    counts[planter.agency] = {};
    copies[planter.agency] = planter.copyCounts();
  }
  for (const plant of plants) {
    totals[plant.class] += 1;
    const byAttribute = (counts[plant.agency] ??= {});
    const byKind = (byAttribute[plant.attribute as PlantedAttribute] ??= {});
    byKind[plant.kind] = (byKind[plant.kind] ?? 0) + 1;
  }
  // Stable key order in the JSON: attributes and kinds in their declared order.
  for (const agency of Object.keys(counts)) counts[agency] = orderedCounts(counts[agency]!);
  return {
    format: GROUND_TRUTH_FORMAT,
    seed: input.seed,
    citizens: input.citizens,
    referenceDate: input.referenceDate,
    agencies: input.planters.map((planter) => planter.agency),
    rates: input.rates,
    kindWeights: { ...KIND_WEIGHTS },
    copies,
    totals,
    counts,
    demoNiks: chooseDemoNiks(input, plants),
    plants,
  };
}

/** Plain code-unit comparison: the same order on every machine and locale. */
export function comparePlants(a: PlantedDifference, b: PlantedDifference): number {
  return compare(a.nik, b.nik) || compare(a.agency, b.agency) || compare(a.attribute, b.attribute);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function orderedCounts(byAttribute: PlantCounts[string]): PlantCounts[string] {
  const ordered: PlantCounts[string] = {};
  for (const attribute of PLANTED_ATTRIBUTES) {
    const byKind = byAttribute[attribute];
    if (!byKind) continue;
    const kinds: Partial<Record<PlantKind, number>> = {};
    for (const kind of Object.keys(PLANT_KINDS) as PlantKind[]) if (byKind[kind]) kinds[kind] = byKind[kind];
    ordered[attribute] = kinds;
  }
  return ordered;
}

/** The agencies a clean demo citizen should hold records at (the first cut's record-holding agencies). */
export const DEMO_AGENCIES: readonly string[] = ['imigrasi', 'samsat', 'bpjs-kesehatan'];

/**
 * Picks the three demo NIKs by ranking candidates (best score first) and drawing among the
 * best with the run's own stream, so the choice is deterministic per seed. When no citizen
 * fits (tiny populations), the value is the empty string.
 */
function chooseDemoNiks(input: BuildGroundTruthInput, plants: readonly PlantedDifference[]): DemoNiks {
  const agencies = input.planters.filter((planter) => planter.agency !== input.registryAgency);
  const holders = new Map(agencies.map((planter) => [planter.agency, planter.copiedNiks()]));
  const preferred = DEMO_AGENCIES.filter((name) => holders.has(name));
  const target = preferred.length > 0 ? preferred : [...holders.keys()];
  const coverage = (nik: string): number => [...holders.values()].filter((set) => set.has(nik)).length;
  const holdsTarget = (nik: string): number => (target.every((name) => holders.get(name)!.has(nik)) ? 1 : 0);

  const byNik = new Map<string, PlantedDifference[]>();
  for (const plant of plants) {
    if (plant.agency === input.registryAgency) continue;
    const list = byNik.get(plant.nik);
    if (list) list.push(plant);
    else byNik.set(plant.nik, [plant]);
  }
  const holding = new Set<string>();
  for (const set of holders.values()) for (const nik of set) holding.add(nik);
  const sortedHolding = [...holding].sort(compare);

  const clean = best(
    input.rng.fork('clean'),
    sortedHolding.filter((nik) => !byNik.has(nik)),
    (nik) => [holdsTarget(nik), coverage(nik)],
  ) ?? input.niks.find((nik) => !byNik.has(nik)) ?? '';

  const withPlants = [...byNik.keys()].sort(compare);
  const onlyVariants = withPlants.filter((nik) => byNik.get(nik)!.every((plant) => plant.class === 'VARIANT'));
  const variant =
    best(input.rng.fork('variant'), onlyVariants, (nik) => {
      const list = byNik.get(nik)!;
      return [new Set(list.map((p) => p.agency)).size >= 2 ? 1 : 0, list.some((p) => p.attribute === 'FULL_NAME') ? 1 : 0, coverage(nik)];
    }) ??
    best(input.rng.fork('variant'), withPlants.filter((nik) => byNik.get(nik)!.some((p) => p.class === 'VARIANT')), (nik) => [coverage(nik)]) ??
    '';

  const withMismatch = withPlants.filter((nik) => byNik.get(nik)!.some((plant) => plant.class === 'MISMATCH'));
  const mismatch =
    best(input.rng.fork('mismatch'), withMismatch, (nik) => {
      const list = byNik.get(nik)!;
      const mismatches = list.filter((p) => p.class === 'MISMATCH');
      return [
        mismatches.some((p) => p.attribute === 'FULL_NAME') ? 1 : 0,
        mismatches.length === 1 ? 1 : 0,
        holdsTarget(nik),
        coverage(nik),
      ];
    }) ?? '';

  return { clean, variant, mismatch };
}

/** Among candidates (in a fixed order), those with the highest score (compared element by element); one drawn with rng. */
function best(rng: Rng, candidates: readonly string[], score: (nik: string) => number[]): string | undefined {
  let top: string[] = [];
  let topScore: number[] | null = null;
  for (const nik of candidates) {
    const s = score(nik);
    const cmp = topScore === null ? 1 : compareScores(s, topScore);
    if (cmp > 0) {
      top = [nik];
      topScore = s;
    } else if (cmp === 0) {
      top.push(nik);
    }
  }
  return top.length > 0 ? rng.pick(top) : undefined;
}

function compareScores(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The JSON text as written: two-space indentation, one plant per line (greppable, diff-friendly). */
export function serializeGroundTruth(truth: GroundTruth): string {
  const { plants, ...head } = truth;
  // Objects of plain numbers (rates, counts) on one line each.
  const headJson = JSON.stringify(head, null, 2).replace(/\{\n(?:\s*"[^"\n]+": -?[\d.e+-]+,?\n)+\s*\}/g, (block) =>
    block.replace(/\s*\n\s*/g, ' '),
  );
  const plantLines = plants.map((plant) => `    ${JSON.stringify(plant)}`).join(',\n');
  const plantsJson = plants.length === 0 ? '[]' : `[\n${plantLines}\n  ]`;
  return `${headJson.slice(0, -2)},\n  "plants": ${plantsJson}\n}\n`;
}

/**
 * Reads `<dataDir>/ground-truth.json`. Throws GroundTruthError saying what is wrong and what
 * to do: no file (not a generated data directory), not JSON, or not the expected shape.
 */
export function readGroundTruth(dataDir: string): GroundTruth {
  const file = path.join(dataDir, GROUND_TRUTH_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new GroundTruthError(
        `no ${GROUND_TRUTH_FILE} in ${dataDir}: it is not a generated Satu data directory; create one with \`npm run seed -- --out ${dataDir}\``,
      );
    }
    throw new GroundTruthError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new GroundTruthError(`${file} is not valid JSON (${(error as Error).message}); regenerate the data directory with \`npm run seed -- --out ${dataDir} --force\``);
  }
  return checkGroundTruth(parsed, file);
}

function checkGroundTruth(value: unknown, file: string): GroundTruth {
  const fail = (what: string): never => {
    throw new GroundTruthError(`${file} is not a Satu ground truth: ${what}; regenerate the data directory with \`npm run seed -- --force\``);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('expected a JSON object');
  const truth = value as Record<string, unknown>;
  if (truth.format !== GROUND_TRUTH_FORMAT) fail(`"format" must be "${GROUND_TRUTH_FORMAT}", got ${JSON.stringify(truth.format)}`);
  if (typeof truth.seed !== 'string') fail('"seed" must be a string');
  if (!Number.isInteger(truth.citizens)) fail('"citizens" must be an integer');
  if (typeof truth.referenceDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(truth.referenceDate)) fail('"referenceDate" must be yyyy-mm-dd');
  if (!Array.isArray(truth.agencies) || !truth.agencies.every((a) => typeof a === 'string')) fail('"agencies" must be a list of names');
  const demo = truth.demoNiks as Record<string, unknown> | undefined;
  if (typeof demo !== 'object' || demo === null) fail('"demoNiks" is missing');
  for (const key of ['clean', 'variant', 'mismatch'] as const) {
    if (typeof demo![key] !== 'string') fail(`"demoNiks.${key}" must be a string`);
  }
  if (!Array.isArray(truth.plants)) return fail('"plants" must be a list');
  truth.plants.forEach((plant: unknown, index: number) => {
    const p = plant as Record<string, unknown>;
    const ok =
      typeof p === 'object' &&
      p !== null &&
      typeof p.nik === 'string' &&
      typeof p.agency === 'string' &&
      typeof p.attribute === 'string' &&
      typeof p.kind === 'string' &&
      p.kind in PLANT_KINDS &&
      p.class === PLANT_KINDS[p.kind as PlantKind] &&
      typeof p.registryValue === 'string' &&
      typeof p.agencyValue === 'string';
    if (!ok) fail(`"plants[${index}]" is not a planted difference (nik, agency, attribute, kind, class, registryValue, agencyValue)`);
  });
  return value as GroundTruth;
}
