import type { AttributeVerdict } from '../crosscheck';
import { maskNik } from '../../subgraphs/kit/nik';
import type { ColumnComparison } from './compare-row';
import type { BadRow } from './input-reader';

/**
 * The running counts of a reconciliation: what the summaries show and what the checkpoint keeps
 * after each batch, so that a resumed run reports the whole file. Plain JSON.
 */
export const VERDICTS: readonly AttributeVerdict[] = ['MATCH', 'VARIANT', 'MISMATCH', 'INCOMPLETE'];
export const EXAMPLES_PER_KIND = 10;

export interface DiscrepancyExample {
  line: number;
  /** Masked (1471********0001): the line number finds the row in the input. */
  nik: string;
  registryValue: string | null;
  agencyValue: string;
  rule: string;
  reason: string;
}

export interface ReconcileTally {
  /** Data rows read after the header: compared + unknown NIK + bad. */
  rows: number;
  /** Rows whose NIK the registry knows, compared column by column. */
  comparedRows: number;
  /** Compared rows with at least one MISMATCH / at worst a VARIANT or INCOMPLETE / every column MATCH. */
  rowsWithMismatch: number;
  rowsWithVariantOrIncomplete: number;
  consistentRows: number;
  unknownNiks: number;
  badRows: number;
  blankLines: number;
  /** Comparisons by verdict (one per compared cell). */
  verdicts: Record<AttributeVerdict, number>;
  /** By column: verdict counts and cells without a value. */
  byColumn: Record<string, Record<AttributeVerdict | 'NO_VALUE', number>>;
  /** By column, the engine's rule ids behind VARIANT, MISMATCH and INCOMPLETE verdicts. */
  rules: Record<string, Record<string, number>>;
  badRowsByProblem: Record<string, number>;
  /** Up to EXAMPLES_PER_KIND per "<column> <verdict>" (VARIANT, MISMATCH, INCOMPLETE). */
  examples: Record<string, DiscrepancyExample[]>;
  unknownNikExamples: Array<{ line: number; nik: string }>;
  badRowExamples: Array<{ line: number; problem: string; detail: string }>;
}

export function emptyTally(columns: readonly string[]): ReconcileTally {
  const byColumn: ReconcileTally['byColumn'] = {};
  for (const column of columns) byColumn[column] = { MATCH: 0, VARIANT: 0, MISMATCH: 0, INCOMPLETE: 0, NO_VALUE: 0 };
  return {
    rows: 0,
    comparedRows: 0,
    rowsWithMismatch: 0,
    rowsWithVariantOrIncomplete: 0,
    consistentRows: 0,
    unknownNiks: 0,
    badRows: 0,
    blankLines: 0,
    verdicts: { MATCH: 0, VARIANT: 0, MISMATCH: 0, INCOMPLETE: 0 },
    byColumn,
    rules: {},
    badRowsByProblem: {},
    examples: {},
    unknownNikExamples: [],
    badRowExamples: [],
  };
}

export function exampleKind(column: string, verdict: AttributeVerdict): string {
  return `${column} ${verdict}`;
}

export function countComparedRow(tally: ReconcileTally, line: number, nik: string, comparisons: readonly ColumnComparison[], noValue: readonly string[]): void {
  tally.rows++;
  tally.comparedRows++;
  for (const column of noValue) tally.byColumn[column]!.NO_VALUE++;
  let worst: AttributeVerdict = 'MATCH';
  for (const comparison of comparisons) {
    const column = comparison.column.name;
    tally.verdicts[comparison.verdict]++;
    tally.byColumn[column]![comparison.verdict]++;
    if (comparison.verdict === 'MATCH') continue;
    if (comparison.verdict === 'MISMATCH' || worst === 'MATCH') worst = comparison.verdict;
    const rules = (tally.rules[column] ??= {});
    rules[comparison.rule] = (rules[comparison.rule] ?? 0) + 1;
    const examples = (tally.examples[exampleKind(column, comparison.verdict)] ??= []);
    if (examples.length < EXAMPLES_PER_KIND) {
      examples.push({ line, nik: maskNik(nik), registryValue: comparison.registryValue, agencyValue: comparison.agencyValue, rule: comparison.rule, reason: comparison.reason });
    }
  }
  if (worst === 'MISMATCH') tally.rowsWithMismatch++;
  else if (worst === 'MATCH') tally.consistentRows++;
  else tally.rowsWithVariantOrIncomplete++;
}

export function countUnknownNik(tally: ReconcileTally, line: number, nik: string): void {
  tally.rows++;
  tally.unknownNiks++;
  if (tally.unknownNikExamples.length < EXAMPLES_PER_KIND) tally.unknownNikExamples.push({ line, nik: maskNik(nik) });
}

export function countBadRow(tally: ReconcileTally, bad: BadRow): void {
  tally.rows++;
  tally.badRows++;
  tally.badRowsByProblem[bad.problem] = (tally.badRowsByProblem[bad.problem] ?? 0) + 1;
  if (tally.badRowExamples.length < EXAMPLES_PER_KIND) tally.badRowExamples.push({ line: bad.line, problem: bad.problem, detail: bad.detail });
}
