import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { AgencyModule } from '../kit/agency-module';
import { DEFAULT_REFERENCE_DATE, generatePopulation, indexByNik } from './generate-population';
import { GROUND_TRUTH_FILE, buildGroundTruth, serializeGroundTruth, type DemoNiks } from './ground-truth';
import { createIdentityPlanter, type SeededIdentityPlanter } from './identity-planter';
import { DEFAULT_PLANT_RATES, NO_PLANTS, type PlantRates } from './plant-rates';
import { createRng } from './rng';
import type { PlantClass, SeedContext } from './seed-context';

/**
 * A Satu data directory: what every legacy simulator reads.
 *
 *   <out>/manifest.json       who generated it, from which seed, for which agencies
 *   <out>/ground-truth.json   every planted identity difference (see ground-truth.ts)
 *   <out>/<agency>/...        each agency's records in its own legacy format (its README)
 *
 * Written into a temporary sibling and renamed into place at the end, so an interrupted
 * run never leaves a half-written data directory; the same options give the same bytes.
 */
export const MANIFEST_FILE = 'manifest.json';
export const GENERATOR = 'satu-population';
/** Bump when the generator's output changes for the same seed, so ensureDataDirectory regenerates. */
export const GENERATOR_VERSION = 1;
/** The civil registry: the reference copy, so its planter plants nothing. */
export const REGISTRY_AGENCY = 'dukcapil';
export const DEFAULT_CITIZENS = 10_000;
export const DEFAULT_SEED = 'pekanbaru';

export interface DataDirectoryManifest {
  generator: typeof GENERATOR;
  generatorVersion: number;
  seed: string;
  citizens: number;
  referenceDate: string;
  /** Agency folders, in seeding order. */
  agencies: string[];
  families: number;
}

/** What writeDataDirectory needs from an agency (an AgencyModule has it; tests pass small fakes). */
export type SeedingAgency = Pick<AgencyModule, 'name' | 'seed'>;

export interface ProgressEvent {
  step: 'population' | 'agency' | 'ground-truth' | 'done';
  /** The agency being seeded (step "agency"). */
  agency?: string;
  /** Steps finished so far and in all: population, one per agency, ground truth. */
  completed: number;
  total: number;
}

export interface WriteDataDirectoryOptions {
  out: string;
  citizens: number;
  seed: string;
  /** ISO yyyy-mm-dd; default DEFAULT_REFERENCE_DATE (fixed, never the wall clock). */
  referenceDate?: string;
  /** Default: every agency of subgraphs/catalog.ts. */
  agencies?: readonly SeedingAgency[];
  /** A human-readable line per step, and the step as data (for progress bars). */
  onProgress?: (message: string, event: ProgressEvent) => void;
  /**
   * Replace `out` when it is a previous Satu data directory (it has our manifest.json).
   * A non-empty directory that is not one is never touched.
   * @default true
   */
  replaceExisting?: boolean;
  /** @default DEFAULT_PLANT_RATES */
  rates?: PlantRates;
}

export interface DataDirectorySummary {
  out: string;
  manifest: DataDirectoryManifest;
  people: number;
  families: number;
  plants: Record<PlantClass, number>;
  demoNiks: DemoNiks;
  elapsedMs: number;
}

export class DataDirectoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirectoryError';
  }
}

/**
 * The agencies of the catalog, loaded on first use: requiring subgraphs/catalog.ts pulls in
 * every agency (type-graphql, soap, ...), which callers with their own agency list (tests,
 * tools) neither need nor should depend on.
 */
function catalogAgencies(): readonly SeedingAgency[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const catalog = require('../catalog') as typeof import('../catalog');
  return catalog.AGENCIES;
}

export async function writeDataDirectory(options: WriteDataDirectoryOptions): Promise<DataDirectorySummary> {
  const started = performance.now();
  const out = path.resolve(options.out);
  const referenceDate = options.referenceDate ?? DEFAULT_REFERENCE_DATE;
  const agencies = options.agencies ?? catalogAgencies();
  const rates = options.rates ?? DEFAULT_PLANT_RATES;
  const names = agencies.map((agency) => agency.name);
  if (new Set(names).size !== names.length) throw new DataDirectoryError(`agency names must be unique, got ${names.join(', ')}`);
  for (const name of names) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new DataDirectoryError(`agency name "${name}" cannot be a folder name (lowercase letters, digits, dashes)`);
  }
  await checkTarget(out, options.replaceExisting ?? true);

  const parent = path.dirname(out);
  await fs.mkdir(parent, { recursive: true });
  await removeStaleSiblings(parent, path.basename(out));
  const temp = await fs.mkdtemp(path.join(parent, `.${path.basename(out)}.partial-${process.pid}-`));
  const total = agencies.length + 2;
  const report = (message: string, event: ProgressEvent): void => options.onProgress?.(message, event);
  try {
    report(`generating ${options.citizens} citizens (seed "${options.seed}", reference date ${referenceDate})`, { step: 'population', completed: 0, total });
    // Streams: '#'-prefixed labels are the generator's own; agencies fork by their name.
    const root = createRng(options.seed);
    const population = generatePopulation({ citizens: options.citizens, seed: options.seed, referenceDate, rng: root.fork('#population') });
    const byNik = indexByNik(population);
    report(`population: ${population.people.length} people in ${population.families.length} family cards`, { step: 'population', completed: 1, total });

    const planters: SeededIdentityPlanter[] = [];
    const ratesByAgency: Record<string, PlantRates> = {};
    for (const [index, agency] of agencies.entries()) {
      report(`seeding ${agency.name} (${index + 1}/${agencies.length})`, { step: 'agency', agency: agency.name, completed: index + 1, total });
      const agencyDir = path.join(temp, agency.name);
      await fs.mkdir(agencyDir);
      const agencyRates = agency.name === REGISTRY_AGENCY ? NO_PLANTS : rates;
      const planter = createIdentityPlanter({ agency: agency.name, rng: root.fork('#planter').fork(agency.name), referenceDate, rates: agencyRates });
      const context: SeedContext = { population, byNik, rng: root.fork(agency.name), planter, agencyDir, referenceDate };
      await agency.seed(context);
      planters.push(planter);
      ratesByAgency[agency.name] = agencyRates;
    }

    report('writing ground truth and manifest', { step: 'ground-truth', completed: agencies.length + 1, total });
    const truth = buildGroundTruth({
      seed: options.seed,
      citizens: options.citizens,
      referenceDate,
      planters,
      rates: ratesByAgency,
      registryAgency: REGISTRY_AGENCY,
      niks: population.people.map((person) => person.nik),
      rng: root.fork('#demo'),
    });
    await fs.writeFile(path.join(temp, GROUND_TRUTH_FILE), serializeGroundTruth(truth));
    const manifest: DataDirectoryManifest = {
      generator: GENERATOR,
      generatorVersion: GENERATOR_VERSION,
      seed: options.seed,
      citizens: options.citizens,
      referenceDate,
      agencies: names,
      families: population.families.length,
    };
    await fs.writeFile(path.join(temp, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    // mkdtemp makes the directory private (0700); a data directory is an ordinary folder.
    await fs.chmod(temp, 0o755);

    await swapIntoPlace(temp, out);
    report(`data directory ready: ${out}`, { step: 'done', completed: total, total });
    return {
      out,
      manifest,
      people: population.people.length,
      families: population.families.length,
      plants: truth.totals,
      demoNiks: truth.demoNiks,
      elapsedMs: performance.now() - started,
    };
  } catch (error) {
    await fs.rm(temp, { recursive: true, force: true });
    throw error;
  }
}

export interface EnsureDataDirectoryOptions extends Omit<WriteDataDirectoryOptions, 'replaceExisting'> {
  /**
   * What to do when `out` is a Satu data directory generated with other options
   * (seed, citizens, reference date, agencies or generator version): regenerate it in
   * place, use it as it is, or fail.
   * @default 'regenerate'
   */
  ifDifferent?: 'regenerate' | 'reuse' | 'error';
}

export interface EnsureDataDirectoryResult {
  out: string;
  status: 'generated' | 'reused' | 'regenerated';
  manifest: DataDirectoryManifest;
}

/**
 * For `npm start`: generates the data directory when it is missing (or empty), reuses it
 * when its manifest matches the options, and otherwise follows `ifDifferent`. A non-empty
 * directory without our manifest is refused, never overwritten.
 */
export async function ensureDataDirectory(options: EnsureDataDirectoryOptions): Promise<EnsureDataDirectoryResult> {
  const out = path.resolve(options.out);
  const referenceDate = options.referenceDate ?? DEFAULT_REFERENCE_DATE;
  const state = await inspectTarget(out);
  if (state.kind === 'foreign') throw refusal(out, state.entries);
  if (state.kind === 'satu') {
    const wanted = {
      generatorVersion: GENERATOR_VERSION,
      seed: options.seed,
      citizens: options.citizens,
      referenceDate,
      agencies: (options.agencies ?? catalogAgencies()).map((agency) => agency.name),
    };
    const found = state.manifest;
    const differences = (Object.keys(wanted) as (keyof typeof wanted)[]).filter((key) => JSON.stringify(found[key]) !== JSON.stringify(wanted[key]));
    const complete = existsSync(path.join(out, GROUND_TRUTH_FILE)) && found.agencies.every((name) => existsSync(path.join(out, name)));
    if (differences.length === 0 && complete) {
      options.onProgress?.(`using the data directory ${out} (seed "${found.seed}", ${found.citizens} citizens)`, { step: 'done', completed: 1, total: 1 });
      return { out, status: 'reused', manifest: found };
    }
    const why = complete
      ? `it was generated with other ${differences.join(', ')} (${differences.map((key) => `${JSON.stringify(found[key])} instead of ${JSON.stringify(wanted[key])}`).join('; ')})`
      : 'it is incomplete';
    if (complete && options.ifDifferent === 'reuse') {
      options.onProgress?.(`using the data directory ${out} although ${why}`, { step: 'done', completed: 1, total: 1 });
      return { out, status: 'reused', manifest: found };
    }
    if (complete && options.ifDifferent === 'error') {
      throw new DataDirectoryError(`${out} does not match: ${why}; delete it or choose another directory`);
    }
    options.onProgress?.(`regenerating ${out}: ${why}`, { step: 'population', completed: 0, total: 1 });
    const summary = await writeDataDirectory({ ...options, replaceExisting: true });
    return { out, status: 'regenerated', manifest: summary.manifest };
  }
  const summary = await writeDataDirectory({ ...options, replaceExisting: false });
  return { out, status: 'generated', manifest: summary.manifest };
}

/** The manifest of a Satu data directory; null when there is none; throws DataDirectoryError when it is corrupt. */
export function readManifest(dataDir: string): DataDirectoryManifest | null {
  const file = path.join(dataDir, MANIFEST_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new DataDirectoryError(`${file} is not valid JSON: delete ${dataDir} or regenerate it with \`npm run seed -- --out ${dataDir} --force\``);
  }
  const manifest = parsed as Partial<DataDirectoryManifest> | null;
  if (!manifest || manifest.generator !== GENERATOR) return null;
  if (
    typeof manifest.seed !== 'string' ||
    !Number.isInteger(manifest.citizens) ||
    typeof manifest.referenceDate !== 'string' ||
    !Array.isArray(manifest.agencies) ||
    !Number.isInteger(manifest.generatorVersion)
  ) {
    throw new DataDirectoryError(`${file} is incomplete: delete ${dataDir} or regenerate it with \`npm run seed -- --out ${dataDir} --force\``);
  }
  return manifest as DataDirectoryManifest;
}

// ---- the target directory ---------------------------------------------------------------------

type TargetState =
  | { kind: 'missing' }
  | { kind: 'empty' }
  | { kind: 'satu'; manifest: DataDirectoryManifest }
  | { kind: 'foreign'; entries: string[] };

async function inspectTarget(out: string): Promise<TargetState> {
  let stat;
  try {
    stat = await fs.stat(out);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  if (!stat.isDirectory()) throw new DataDirectoryError(`${out} exists and is not a directory; choose another --out`);
  const entries = await fs.readdir(out);
  if (entries.length === 0) return { kind: 'empty' };
  const manifest = readManifest(out);
  return manifest ? { kind: 'satu', manifest } : { kind: 'foreign', entries };
}

function refusal(out: string, entries: readonly string[]): DataDirectoryError {
  const shown = entries.slice(0, 3).join(', ') + (entries.length > 3 ? ', ...' : '');
  return new DataDirectoryError(
    `${out} is not empty (${shown}) and is not a Satu data directory (no ${MANIFEST_FILE} from ${GENERATOR}); ` +
      'refusing to overwrite it: choose a new or empty directory',
  );
}

async function checkTarget(out: string, replaceExisting: boolean): Promise<void> {
  const state = await inspectTarget(out);
  if (state.kind === 'foreign') throw refusal(out, state.entries);
  if (state.kind === 'satu' && !replaceExisting) {
    throw new DataDirectoryError(
      `${out} already holds a Satu data directory (seed "${state.manifest.seed}", ${state.manifest.citizens} citizens); pass --force to replace it`,
    );
  }
}

/** Moves the finished temp directory to `out`, replacing a previous data directory (kept aside until the swap succeeded). */
async function swapIntoPlace(temp: string, out: string): Promise<void> {
  if (!existsSync(out)) {
    await fs.rename(temp, out);
    return;
  }
  const aside = `${path.join(path.dirname(out), `.${path.basename(out)}.old-${process.pid}-`)}${path.basename(temp).slice(-6)}`;
  await fs.rename(out, aside);
  try {
    await fs.rename(temp, out);
  } catch (error) {
    await fs.rename(aside, out).catch(() => undefined);
    throw error;
  }
  await fs.rm(aside, { recursive: true, force: true });
}

/** Removes `.<name>.partial-<pid>-*` / `.<name>.old-<pid>-*` left by runs that were killed (their process is gone). */
async function removeStaleSiblings(parent: string, name: string): Promise<void> {
  const pattern = new RegExp(`^\\.${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(?:partial|old)-(\\d+)-`);
  for (const entry of await fs.readdir(parent)) {
    const match = pattern.exec(entry);
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || isAlive(pid)) continue;
    await fs.rm(path.join(parent, entry), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
