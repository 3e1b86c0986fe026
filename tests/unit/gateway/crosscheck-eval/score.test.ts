import { formatEvalReport } from '../../../../gateway/crosscheck/eval/format-report';
import { IdentityCheckScorer, type CheckAnswer, type CheckDiscrepancy } from '../../../../gateway/crosscheck/eval/score';
import type { PlantedDifference } from '../../../../subgraphs/population/seed-context';

/**
 * Hand-made ground truth and answers, one (NIK, agency, attribute) per case, so that every cell
 * of the confusion matrix is reached and counted once.
 */
function plant(nik: string, agency: string, attribute: PlantedDifference['attribute'], kind: PlantedDifference['kind'], klass: PlantedDifference['class']): PlantedDifference {
  return { nik, agency, attribute, kind, class: klass, registryValue: 'R', agencyValue: 'A' };
}
const d = (agency: string, attribute: string, severity: string): CheckDiscrepancy => ({ agency, attribute, severity, registryValue: 'R', agencyValue: 'A', reason: 'because' });
const ok = (nik: string, discrepancies: CheckDiscrepancy[], unreachableAgencies: string[] = []): CheckAnswer => ({
  nik,
  check: { status: unreachableAgencies.length > 0 ? 'INCOMPLETE' : 'CONSISTENT', discrepancies, unreachableAgencies },
});

const PLANTS: PlantedDifference[] = [
  // expected MISMATCH
  plant('N01', 'samsat', 'FULL_NAME', 'OTHER_NAME', 'MISMATCH'), // -> MISMATCH
  plant('N02', 'samsat', 'FULL_NAME', 'OTHER_NAME', 'MISMATCH'), // -> VARIANT
  plant('N03', 'samsat', 'FULL_NAME', 'OTHER_NAME', 'MISMATCH'), // -> MATCH (missed)
  plant('N04', 'polri', 'BIRTH_DATE', 'OTHER_BIRTH_DATE', 'MISMATCH'), // -> INCOMPLETE (polri unreachable)
  // expected VARIANT
  plant('N05', 'samsat', 'FULL_NAME', 'TITLE', 'VARIANT'), // -> VARIANT
  plant('N06', 'samsat', 'FULL_NAME', 'TITLE', 'VARIANT'), // -> MISMATCH
  plant('N07', 'samsat', 'FULL_NAME', 'TITLE', 'VARIANT'), // -> MATCH
  plant('N08', 'samsat', 'FULL_NAME', 'TITLE', 'VARIANT'), // -> INCOMPLETE (severity INCOMPLETE)
  // expected MATCH (FORMAT)
  plant('N09', 'samsat', 'FULL_NAME', 'CASE', 'FORMAT'), // -> MATCH
  plant('N10', 'samsat', 'FULL_NAME', 'CASE', 'FORMAT'), // -> VARIANT
  plant('N11', 'samsat', 'FULL_NAME', 'CASE', 'FORMAT'), // -> MISMATCH
  plant('N12', 'samsat', 'FULL_NAME', 'SPACING', 'FORMAT'), // -> INCOMPLETE (no check at all)
];

const ANSWERS: CheckAnswer[] = [
  ok('N01', [d('samsat', 'FULL_NAME', 'MISMATCH'), d('dukcapil', 'BIRTH_DATE', 'VARIANT')]),
  ok('N02', [d('samsat', 'FULL_NAME', 'VARIANT')]),
  ok('N03', []),
  ok('N04', [], ['polri']),
  // Two vehicles, one copy: the same discrepancy twice is one decision, the worst severity.
  ok('N05', [d('samsat', 'FULL_NAME', 'VARIANT'), d('samsat', 'FULL_NAME', 'VARIANT')]),
  ok('N06', [d('samsat', 'FULL_NAME', 'VARIANT'), d('samsat', 'FULL_NAME', 'MISMATCH')]),
  ok('N07', []),
  ok('N08', [d('samsat', 'FULL_NAME', 'INCOMPLETE')]),
  ok('N09', []),
  ok('N10', [d('samsat', 'FULL_NAME', 'VARIANT')]),
  ok('N11', [d('samsat', 'FULL_NAME', 'MISMATCH')]),
  { nik: 'N12', check: null },
  // Unplanted copies with findings: expected MATCH.
  ok('N13', [d('samsat', 'ADDRESS', 'VARIANT'), d('samsat', 'ADDRESS', 'VARIANT')]),
  ok('N14', [d('polri', 'SEX', 'MISMATCH')]),
  ok('N15', [d('polri', 'SEX', 'INCOMPLETE')]),
  ok('N16', [d('dukcapil', 'SEX', 'VARIANT')]),
];

const COPIES = { samsat: { FULL_NAME: 100, ADDRESS: 50 }, polri: { BIRTH_DATE: 10, SEX: 10 }, dukcapil: { FULL_NAME: 0 } };

describe('IdentityCheckScorer', () => {
  const scorer = new IdentityCheckScorer({ plants: PLANTS, copies: COPIES });
  for (const answer of ANSWERS) scorer.add(answer);
  const score = scorer.score();

  it('fills every cell of the confusion matrix, unlisted copies counted as MATCH/MATCH from the copy counts', () => {
    // samsat FULL_NAME: 100 copies, 11 listed -> 89 unlisted; ADDRESS: 50 - 1; polri BIRTH_DATE 10 - 1, SEX 10 - 2.
    const unlisted = 89 + 49 + 9 + 8;
    expect(score.matrix).toEqual({
      MATCH: { MATCH: 1 + unlisted, VARIANT: 1 + 1, MISMATCH: 1 + 1, INCOMPLETE: 1 + 1 },
      VARIANT: { MATCH: 1, VARIANT: 1, MISMATCH: 1, INCOMPLETE: 1 },
      MISMATCH: { MATCH: 1, VARIANT: 1, MISMATCH: 1, INCOMPLETE: 1 },
    });
  });

  it('computes MISMATCH precision and recall and the benign shares', () => {
    expect(score.mismatch).toEqual({ truePositives: 1, falsePositives: 3, falseNegatives: 3, precision: 0.25, recall: 0.25 });
    expect(score.benignCalledMismatch).toEqual({ count: 2, of: 8, rate: 0.25 });
    expect(score.variantsCalledMismatch).toEqual({ count: 1, of: 4, rate: 0.25 });
    expect(score.formatsCalledMismatch).toEqual({ count: 1, of: 4, rate: 0.25 });
    expect(score.variantsFoundAsVariant).toEqual({ count: 1, of: 4, rate: 0.25 });
    expect(score.formatsFoundAsMatch).toEqual({ count: 1, of: 4, rate: 0.25 });
  });

  it('leaves the civil registry out (no plants there) and counts what it left out', () => {
    expect(score.excludedAgencies).toEqual(['dukcapil']);
    expect(score.excludedFindings).toEqual({ dukcapil: { VARIANT: 2 } });
    expect(Object.keys(score.byAgency)).toEqual(['polri', 'samsat']);
  });

  it('scores dukcapil when the ground truth plants there', () => {
    const withRegistry = new IdentityCheckScorer({ plants: [plant('N16', 'dukcapil', 'SEX', 'OTHER_SEX', 'MISMATCH')], copies: {} });
    withRegistry.add(ok('N16', [d('dukcapil', 'SEX', 'MISMATCH')]));
    expect(withRegistry.score().excludedAgencies).toEqual([]);
    expect(withRegistry.score().mismatch.recall).toBe(1);
  });

  it('breaks the figures down by agency and by kind', () => {
    expect(score.byAgency.polri!.matrix).toEqual({
      MATCH: { MATCH: 17, VARIANT: 0, MISMATCH: 1, INCOMPLETE: 1 },
      VARIANT: { MATCH: 0, VARIANT: 0, MISMATCH: 0, INCOMPLETE: 0 },
      MISMATCH: { MATCH: 0, VARIANT: 0, MISMATCH: 0, INCOMPLETE: 1 },
    });
    expect(score.byAgency.polri!.precision).toBe(0);
    expect(score.byAgency.polri!.recall).toBe(0);
    expect(score.byKind.OTHER_NAME).toEqual({ class: 'MISMATCH', found: { MATCH: 1, VARIANT: 1, MISMATCH: 1, INCOMPLETE: 0 } });
    expect(score.byKind.TITLE).toEqual({ class: 'VARIANT', found: { MATCH: 1, VARIANT: 1, MISMATCH: 1, INCOMPLETE: 1 } });
    expect(score.byKind.SPACING).toEqual({ class: 'FORMAT', found: { MATCH: 0, VARIANT: 0, MISMATCH: 0, INCOMPLETE: 1 } });
    expect(score.byKind.UNPLANTED).toEqual({ class: 'UNPLANTED', found: { MATCH: 0, VARIANT: 1, MISMATCH: 1, INCOMPLETE: 1 } });
    expect(score.unplantedFindings).toEqual({ samsat: { ADDRESS: { MATCH: 0, VARIANT: 1, MISMATCH: 0, INCOMPLETE: 0 } }, polri: { SEX: { MATCH: 0, VARIANT: 0, MISMATCH: 1, INCOMPLETE: 1 } } });
  });

  it('lists the INCOMPLETE citizens and the decisions that differ from the ground truth', () => {
    expect(score.incompleteCitizens).toEqual([
      { nik: 'N04', status: 'INCOMPLETE', unreachableAgencies: ['polri'] },
      { nik: 'N12', status: null, unreachableAgencies: [] },
    ]);
    expect(score.errors).toHaveLength(3 + 3 + 3 + 3);
    expect(score.errors).toContainEqual(expect.objectContaining({ nik: 'N03', agency: 'samsat', attribute: 'FULL_NAME', kind: 'OTHER_NAME', expected: 'MISMATCH', found: 'MATCH' }));
    expect(score.unansweredPlants).toBe(0);
    expect(score.citizensChecked).toBe(16);
  });

  it('prints the matrix, the rates and the INCOMPLETE citizens', () => {
    const text = formatEvalReport(score, { dataDir: 'data/x', seed: 's', citizens: 16, gateway: 'in-process demo', elapsedMs: 1234, graphqlErrors: { 'AGENCY_UNAVAILABLE polri': 1 } });
    expect(text).toContain('expected \\ found  MATCH  VARIANT  MISMATCH  INCOMPLETE  total');
    expect(text).toMatch(/MISMATCH +1 +1 +1 +1 +4/);
    expect(text).toContain('MISMATCH precision  25.00% (1 true, 3 false)');
    expect(text).toContain('MISMATCH recall     25.00% (1 found, 3 missed)');
    expect(text).toContain('benign plants called MISMATCH  25.00% (2/8)');
    expect(text).toContain('Citizens whose status was INCOMPLETE or who got no check: 2');
    expect(text).toContain('N04 INCOMPLETE: unreachable polri');
    expect(text).toContain('GraphQL errors in the answers: AGENCY_UNAVAILABLE polri 1');
  });

  it('counts a citizen once even when answered twice, and reports plants never answered', () => {
    const partial = new IdentityCheckScorer({ plants: PLANTS, copies: {} });
    partial.add(ok('N01', [d('samsat', 'FULL_NAME', 'MISMATCH')]));
    partial.add(ok('N01', [d('samsat', 'FULL_NAME', 'MISMATCH')]));
    const result = partial.score();
    expect(result.mismatch.truePositives).toBe(1);
    expect(result.unansweredPlants).toBe(PLANTS.length - 1);
  });
});
