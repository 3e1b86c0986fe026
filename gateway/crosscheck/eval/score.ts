import type { PlantClass, PlantKind, PlantedDifference } from '../../../subgraphs/population/seed-context';

/**
 * Scores identityCheck answers against a data directory's ground truth (README.md). The unit is
 * one decision per (NIK, agency, attribute): the ground truth plants at most one difference per
 * triple, and an agency holding several records (two vehicles) holds the same copy on each, so
 * the worst severity reported for a triple is its decision.
 *
 *   expected  MISMATCH for a MISMATCH plant, VARIANT for a VARIANT plant, MATCH for a FORMAT plant
 *             and for every copy nothing was planted in;
 *   found     the discrepancy's severity (VARIANT, MISMATCH, INCOMPLETE), INCOMPLETE when the agency
 *             was unreachable for that citizen or the citizen got no check, MATCH otherwise.
 *
 * Copies without a plant and without a discrepancy are not listed one by one; the ground truth's
 * `copies` (people whose attribute each agency holds) gives their number: expected MATCH, found
 * MATCH = copies - triples with a plant or a finding, per agency and attribute.
 */
export const EXPECTED = ['MATCH', 'VARIANT', 'MISMATCH'] as const;
export const FOUND = ['MATCH', 'VARIANT', 'MISMATCH', 'INCOMPLETE'] as const;
export type Expected = (typeof EXPECTED)[number];
export type Found = (typeof FOUND)[number];
export type ConfusionMatrix = Record<Expected, Record<Found, number>>;
/** A plant's class, or UNPLANTED for a copy nothing was planted in. */
export type TruthClass = PlantClass | 'UNPLANTED';

export interface CheckDiscrepancy {
  attribute: string;
  agency: string;
  severity: string;
  registryValue?: string | null;
  agencyValue?: string | null;
  reason?: string;
}

export interface CheckAnswer {
  nik: string;
  /** null: the citizen is unknown or got no identityCheck (an error says why). */
  check: { status: string; discrepancies: readonly CheckDiscrepancy[]; unreachableAgencies: readonly string[] } | null;
}

export interface ScoringTruth {
  plants: readonly PlantedDifference[];
  /** Per agency and attribute: people whose attribute the agency holds. */
  copies: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export interface ScoringOptions {
  /**
   * Agencies left out of the scoring. Default: the civil registry (`dukcapil`) unless the ground
   * truth has plants there, since the check reports the NIK's own encoded birth date and sex
   * under that name, which the planter does not plant.
   */
  excludedAgencies?: readonly string[];
  /** Examples kept of each kind of error. @default 20 */
  examples?: number;
}

export interface ScoredExample {
  nik: string;
  agency: string;
  attribute: string;
  kind: PlantKind | 'UNPLANTED';
  expected: Expected;
  found: Found;
  registryValue: string | null;
  agencyValue: string | null;
  reason: string | null;
}

export interface RateFigure {
  count: number;
  of: number;
  /** count / of, or null when `of` is 0. */
  rate: number | null;
}

export interface EvalScore {
  excludedAgencies: string[];
  citizensChecked: number;
  matrix: ConfusionMatrix;
  byClass: Record<TruthClass, Record<Found, number>>;
  mismatch: { truePositives: number; falsePositives: number; falseNegatives: number; precision: number | null; recall: number | null };
  /** VARIANT and FORMAT plants called MISMATCH, together and apart. */
  benignCalledMismatch: RateFigure;
  variantsCalledMismatch: RateFigure;
  formatsCalledMismatch: RateFigure;
  variantsFoundAsVariant: RateFigure;
  formatsFoundAsMatch: RateFigure;
  byAgency: Record<string, { matrix: ConfusionMatrix; precision: number | null; recall: number | null }>;
  byKind: Record<string, { class: TruthClass; found: Record<Found, number> }>;
  /** Findings on copies nothing was planted in, by agency and attribute. */
  unplantedFindings: Record<string, Record<string, Record<Found, number>>>;
  /** Decisions that differ from the ground truth (up to `examples` per expected/found pair). */
  errors: ScoredExample[];
  incompleteCitizens: Array<{ nik: string; status: string | null; unreachableAgencies: string[] }>;
  /** Discrepancies reported under the agencies left out (the NIK's own encoded birth date and sex, under dukcapil), by agency and severity. */
  excludedFindings: Record<string, Record<string, number>>;
  /** Planted triples whose NIK was never answered (should be 0). */
  unansweredPlants: number;
  /** Agency/attribute pairs where the listed decisions outnumber the ground truth's copies (copies undercounted; should be none). */
  copyCountShortfalls: string[];
}

const SEVERITY_RANK: Readonly<Record<string, number>> = { MATCH: 0, VARIANT: 1, INCOMPLETE: 2, MISMATCH: 3 };
const REGISTRY_AGENCY = 'dukcapil';

function emptyFound(): Record<Found, number> {
  return { MATCH: 0, VARIANT: 0, MISMATCH: 0, INCOMPLETE: 0 };
}

export function emptyMatrix(): ConfusionMatrix {
  return { MATCH: emptyFound(), VARIANT: emptyFound(), MISMATCH: emptyFound() };
}

export function expectedOf(truthClass: TruthClass): Expected {
  return truthClass === 'MISMATCH' ? 'MISMATCH' : truthClass === 'VARIANT' ? 'VARIANT' : 'MATCH';
}

function asFound(severity: string): Found {
  return severity === 'VARIANT' || severity === 'MISMATCH' || severity === 'INCOMPLETE' ? severity : 'MATCH';
}

function rate(count: number, of: number): RateFigure {
  return { count, of, rate: of === 0 ? null : count / of };
}

function precisionRecall(matrix: ConfusionMatrix): { precision: number | null; recall: number | null; tp: number; fp: number; fn: number } {
  const tp = matrix.MISMATCH.MISMATCH;
  const fp = matrix.MATCH.MISMATCH + matrix.VARIANT.MISMATCH;
  const fn = matrix.MISMATCH.MATCH + matrix.MISMATCH.VARIANT + matrix.MISMATCH.INCOMPLETE;
  return { tp, fp, fn, precision: tp + fp === 0 ? null : tp / (tp + fp), recall: tp + fn === 0 ? null : tp / (tp + fn) };
}

const key = (nik: string, agency: string, attribute: string): string => `${nik}|${agency}|${attribute}`;

/** Feed it every citizen's answer with add(), then read score(). Holds the plants and the counts, not the answers. */
export class IdentityCheckScorer {
  private readonly excluded: Set<string>;
  private readonly plantsByNik = new Map<string, PlantedDifference[]>();
  private readonly answered = new Set<string>();
  private readonly byClass: Record<TruthClass, Record<Found, number>> = { FORMAT: emptyFound(), VARIANT: emptyFound(), MISMATCH: emptyFound(), UNPLANTED: emptyFound() };
  private readonly agencyMatrix = new Map<string, ConfusionMatrix>();
  private readonly byKind = new Map<string, { class: TruthClass; found: Record<Found, number> }>();
  private readonly unplanted: Record<string, Record<string, Record<Found, number>>> = {};
  /** Listed decisions per "agency|attribute" (for the unlisted MATCH/MATCH count). */
  private readonly listed = new Map<string, number>();
  private readonly errors: ScoredExample[] = [];
  private readonly errorCounts = new Map<string, number>();
  private readonly incomplete: EvalScore['incompleteCitizens'] = [];
  private readonly maxExamples: number;
  private readonly excludedFindings: Record<string, Record<string, number>> = {};
  private citizens = 0;

  constructor(
    private readonly truth: ScoringTruth,
    options: ScoringOptions = {},
  ) {
    const plantedAgencies = new Set(truth.plants.map((plant) => plant.agency));
    this.excluded = new Set(options.excludedAgencies ?? (plantedAgencies.has(REGISTRY_AGENCY) ? [] : [REGISTRY_AGENCY]));
    this.maxExamples = options.examples ?? 20;
    for (const plant of truth.plants) {
      if (this.excluded.has(plant.agency)) continue;
      const list = this.plantsByNik.get(plant.nik);
      if (list) list.push(plant);
      else this.plantsByNik.set(plant.nik, [plant]);
    }
  }

  add(answer: CheckAnswer): void {
    if (this.answered.has(answer.nik)) return;
    this.answered.add(answer.nik);
    this.citizens++;
    const plants = this.plantsByNik.get(answer.nik) ?? [];
    const check = answer.check;
    if (!check || check.status === 'INCOMPLETE') {
      this.incomplete.push({ nik: answer.nik, status: check?.status ?? null, unreachableAgencies: [...(check?.unreachableAgencies ?? [])] });
    }
    // The worst severity per (agency, attribute), with the discrepancy that carried it.
    const found = new Map<string, CheckDiscrepancy>();
    for (const discrepancy of check?.discrepancies ?? []) {
      if (this.excluded.has(discrepancy.agency)) {
        const bySeverity = (this.excludedFindings[discrepancy.agency] ??= {});
        bySeverity[discrepancy.severity] = (bySeverity[discrepancy.severity] ?? 0) + 1;
        continue;
      }
      const k = key(answer.nik, discrepancy.agency, discrepancy.attribute);
      const before = found.get(k);
      if (!before || (SEVERITY_RANK[discrepancy.severity] ?? 0) > (SEVERITY_RANK[before.severity] ?? 0)) found.set(k, discrepancy);
    }
    const unreachable = new Set(check?.unreachableAgencies ?? []);
    for (const plant of plants) {
      const k = key(plant.nik, plant.agency, plant.attribute);
      const discrepancy = found.get(k);
      found.delete(k);
      const decision: Found = !check || unreachable.has(plant.agency) ? (discrepancy?.severity === 'MISMATCH' ? 'MISMATCH' : 'INCOMPLETE') : discrepancy ? asFound(discrepancy.severity) : 'MATCH';
      this.record(plant.agency, plant.attribute, plant.class, plant.kind, decision, { nik: plant.nik, registryValue: plant.registryValue, agencyValue: plant.agencyValue, reason: discrepancy?.reason ?? null }, discrepancy);
    }
    for (const discrepancy of found.values()) {
      const decision = asFound(discrepancy.severity);
      const agencyAttributes = (this.unplanted[discrepancy.agency] ??= {});
      (agencyAttributes[discrepancy.attribute] ??= emptyFound())[decision]++;
      this.record(discrepancy.agency, discrepancy.attribute, 'UNPLANTED', 'UNPLANTED', decision, {
        nik: answer.nik,
        registryValue: discrepancy.registryValue ?? null,
        agencyValue: discrepancy.agencyValue ?? null,
        reason: discrepancy.reason ?? null,
      });
    }
  }

  private record(
    agency: string,
    attribute: string,
    truthClass: TruthClass,
    kind: PlantKind | 'UNPLANTED',
    decision: Found,
    detail: { nik: string; registryValue: string | null; agencyValue: string | null; reason: string | null },
    discrepancy?: CheckDiscrepancy,
  ): void {
    const expected = expectedOf(truthClass);
    this.byClass[truthClass][decision]++;
    let matrix = this.agencyMatrix.get(agency);
    if (!matrix) this.agencyMatrix.set(agency, (matrix = emptyMatrix()));
    matrix[expected][decision]++;
    const kindEntry = this.byKind.get(kind) ?? { class: truthClass, found: emptyFound() };
    kindEntry.found[decision]++;
    this.byKind.set(kind, kindEntry);
    this.listed.set(`${agency}|${attribute}`, (this.listed.get(`${agency}|${attribute}`) ?? 0) + 1);
    if (expected === decision) return;
    const pair = `${expected}|${decision}`;
    const shown = this.errorCounts.get(pair) ?? 0;
    this.errorCounts.set(pair, shown + 1);
    if (shown < this.maxExamples) {
      this.errors.push({
        nik: detail.nik,
        agency,
        attribute,
        kind,
        expected,
        found: decision,
        registryValue: detail.registryValue,
        agencyValue: discrepancy?.agencyValue ?? detail.agencyValue,
        reason: detail.reason,
      });
    }
  }

  score(): EvalScore {
    const byClass = structuredClone(this.byClass);
    const byAgency: EvalScore['byAgency'] = {};
    const shortfalls: string[] = [];
    const agencies = new Set([...Object.keys(this.truth.copies), ...this.agencyMatrix.keys()]);
    for (const agency of [...agencies].sort()) {
      if (this.excluded.has(agency)) continue;
      const matrix = structuredClone(this.agencyMatrix.get(agency) ?? emptyMatrix());
      for (const [attribute, copies] of Object.entries(this.truth.copies[agency] ?? {})) {
        const listed = this.listed.get(`${agency}|${attribute}`) ?? 0;
        if (listed > copies) shortfalls.push(`${agency} ${attribute}: ${listed} decisions listed, ${copies} copies`);
        const unlisted = Math.max(0, copies - listed);
        matrix.MATCH.MATCH += unlisted;
        byClass.UNPLANTED.MATCH += unlisted;
      }
      if (Object.values(matrix).every((row) => Object.values(row).every((count) => count === 0))) continue;
      const { precision, recall } = precisionRecall(matrix);
      byAgency[agency] = { matrix, precision, recall };
    }
    const matrix = emptyMatrix();
    for (const truthClass of Object.keys(byClass) as TruthClass[]) {
      for (const found of FOUND) matrix[expectedOf(truthClass)][found] += byClass[truthClass][found];
    }
    const { tp, fp, fn, precision, recall } = precisionRecall(matrix);
    const total = (row: Record<Found, number>): number => FOUND.reduce((sum, found) => sum + row[found], 0);
    const byKind: EvalScore['byKind'] = {};
    for (const [kind, entry] of [...this.byKind].sort((a, b) => a[0].localeCompare(b[0]))) byKind[kind] = structuredClone(entry);
    let unanswered = 0;
    for (const [nik, plants] of this.plantsByNik) if (!this.answered.has(nik)) unanswered += plants.length;
    return {
      excludedAgencies: [...this.excluded].sort(),
      citizensChecked: this.citizens,
      matrix,
      byClass,
      mismatch: { truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall },
      benignCalledMismatch: rate(byClass.VARIANT.MISMATCH + byClass.FORMAT.MISMATCH, total(byClass.VARIANT) + total(byClass.FORMAT)),
      variantsCalledMismatch: rate(byClass.VARIANT.MISMATCH, total(byClass.VARIANT)),
      formatsCalledMismatch: rate(byClass.FORMAT.MISMATCH, total(byClass.FORMAT)),
      variantsFoundAsVariant: rate(byClass.VARIANT.VARIANT, total(byClass.VARIANT)),
      formatsFoundAsMatch: rate(byClass.FORMAT.MATCH, total(byClass.FORMAT)),
      byAgency,
      byKind,
      unplantedFindings: structuredClone(this.unplanted),
      errors: [...this.errors],
      excludedFindings: structuredClone(this.excludedFindings),
      incompleteCitizens: [...this.incomplete],
      unansweredPlants: unanswered,
      copyCountShortfalls: shortfalls,
    };
  }
}
