import { EXPECTED, FOUND, type ConfusionMatrix, type EvalScore, type RateFigure } from './score';

/** The figures as text for a terminal: the confusion matrix, the rates, the breakdowns, the errors. */

function pct(value: number | null): string {
  return value === null ? 'n/a' : `${(value * 100).toFixed(value === 1 || value === 0 ? 0 : 2)}%`;
}

function rateText(figure: RateFigure): string {
  return `${pct(figure.rate)} (${figure.count}/${figure.of})`;
}

function grid(head: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string[] {
  const cells = [head, ...rows].map((row) => row.map(String));
  const widths = head.map((_, i) => Math.max(...cells.map((row) => row[i]?.length ?? 0)));
  return cells.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd());
}

export function matrixLines(matrix: ConfusionMatrix, indent = '  '): string[] {
  return grid(
    ['expected \\ found', ...FOUND, 'total'],
    EXPECTED.map((expected) => [expected, ...FOUND.map((found) => matrix[expected][found]), FOUND.reduce((sum, found) => sum + matrix[expected][found], 0)]),
  ).map((line) => indent + line);
}

export interface ReportHeader {
  dataDir: string;
  seed: string;
  citizens: number;
  gateway: string;
  elapsedMs: number;
  graphqlErrors: Record<string, number>;
}

export function formatEvalReport(score: EvalScore, header: ReportHeader): string {
  const out: string[] = [];
  out.push(`Crosscheck quality on ${header.dataDir} (seed "${header.seed}", ${header.citizens} citizens) through ${header.gateway}`);
  out.push(`  ${score.citizensChecked} citizens checked in ${(header.elapsedMs / 1000).toFixed(1)} s; decisions per (NIK, agency, attribute); agencies left out: ${score.excludedAgencies.join(', ') || 'none'}`);
  const excluded = Object.entries(score.excludedFindings);
  if (excluded.length > 0) {
    out.push(`  not scored: ${excluded.map(([agency, bySeverity]) => `${agency} ${Object.entries(bySeverity).map(([severity, count]) => `${severity} ${count}`).join(', ')}`).join('; ')} (the NIK's own encoded birth date and sex; no plants there)`);
  }
  out.push('');
  out.push('Confusion matrix (expected from ground-truth.json: MISMATCH plant -> MISMATCH, VARIANT plant -> VARIANT, FORMAT plant or unplanted copy -> MATCH)');
  out.push(...matrixLines(score.matrix));
  out.push('');
  const { mismatch } = score;
  out.push(`MISMATCH precision  ${pct(mismatch.precision)} (${mismatch.truePositives} true, ${mismatch.falsePositives} false)`);
  out.push(`MISMATCH recall     ${pct(mismatch.recall)} (${mismatch.truePositives} found, ${mismatch.falseNegatives} missed)`);
  out.push(`benign plants called MISMATCH  ${rateText(score.benignCalledMismatch)}: VARIANT ${rateText(score.variantsCalledMismatch)}, FORMAT ${rateText(score.formatsCalledMismatch)}`);
  out.push(`VARIANT plants found VARIANT   ${rateText(score.variantsFoundAsVariant)}`);
  out.push(`FORMAT plants found MATCH      ${rateText(score.formatsFoundAsMatch)}`);
  out.push('');
  out.push('By agency');
  out.push(
    ...grid(
      ['agency', 'exp MISMATCH', 'found', 'missed', 'false MISMATCH', 'exp VARIANT', 'found VARIANT', 'INCOMPLETE', 'precision', 'recall'],
      Object.entries(score.byAgency).map(([agency, { matrix, precision, recall }]) => [
        agency,
        FOUND.reduce((sum, found) => sum + matrix.MISMATCH[found], 0),
        matrix.MISMATCH.MISMATCH,
        matrix.MISMATCH.MATCH + matrix.MISMATCH.VARIANT + matrix.MISMATCH.INCOMPLETE,
        matrix.MATCH.MISMATCH + matrix.VARIANT.MISMATCH,
        FOUND.reduce((sum, found) => sum + matrix.VARIANT[found], 0),
        matrix.VARIANT.VARIANT,
        matrix.MATCH.INCOMPLETE + matrix.VARIANT.INCOMPLETE + matrix.MISMATCH.INCOMPLETE,
        pct(precision),
        pct(recall),
      ]),
    ).map((line) => `  ${line}`),
  );
  out.push('');
  out.push('By planted kind (found)');
  out.push(
    ...grid(
      ['kind', 'class', ...FOUND, 'total'],
      Object.entries(score.byKind).map(([kind, entry]) => [kind, entry.class, ...FOUND.map((found) => entry.found[found]), FOUND.reduce((sum, found) => sum + entry.found[found], 0)]),
    ).map((line) => `  ${line}`),
  );
  out.push('  (UNPLANTED counts only the unplanted copies that got a finding; the others are in the matrix as MATCH/MATCH.)');
  const unplanted = Object.entries(score.unplantedFindings).flatMap(([agency, attributes]) =>
    Object.entries(attributes).map(([attribute, found]) => `${agency} ${attribute}: ${FOUND.filter((f) => found[f] > 0).map((f) => `${f} ${found[f]}`).join(', ')}`),
  );
  if (unplanted.length > 0) {
    out.push('');
    out.push('Findings on copies nothing was planted in');
    out.push(...unplanted.map((line) => `  ${line}`));
  }
  if (score.errors.length > 0) {
    out.push('');
    out.push(`Decisions that differ from the ground truth (examples, up to 20 per expected/found pair)`);
    for (const error of score.errors) {
      out.push(`  ${error.nik} ${error.agency} ${error.attribute} ${error.kind}: expected ${error.expected}, found ${error.found}: ${JSON.stringify(error.registryValue)} vs ${JSON.stringify(error.agencyValue)}${error.reason ? ` (${error.reason})` : ''}`);
    }
  }
  out.push('');
  out.push(`Citizens whose status was INCOMPLETE or who got no check: ${score.incompleteCitizens.length}${score.incompleteCitizens.length === 0 ? ' (none, as it should be)' : ''}`);
  for (const citizen of score.incompleteCitizens.slice(0, 50)) {
    out.push(`  ${citizen.nik} ${citizen.status ?? 'no identityCheck'}${citizen.unreachableAgencies.length > 0 ? `: unreachable ${citizen.unreachableAgencies.join(', ')}` : ''}`);
  }
  if (score.incompleteCitizens.length > 50) out.push(`  ... and ${score.incompleteCitizens.length - 50} more (--json lists them all)`);
  const errors = Object.entries(header.graphqlErrors);
  if (errors.length > 0) out.push(`GraphQL errors in the answers: ${errors.map(([code, count]) => `${code} ${count}`).join(', ')}`);
  if (score.unansweredPlants > 0) out.push(`Plants whose NIK was never answered: ${score.unansweredPlants}`);
  if (score.copyCountShortfalls.length > 0) out.push(`Copy counts below the listed decisions (MATCH/MATCH undercounted): ${score.copyCountShortfalls.join('; ')}`);
  return `${out.join('\n')}\n`;
}
