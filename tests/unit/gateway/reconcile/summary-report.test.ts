import { buildSummary, formatSummaryText, renderSummaryHtml, type ReconcileParameters } from '../../../../gateway/reconcile/summary-report';
import { countBadRow, countComparedRow, countUnknownNik, emptyTally, EXAMPLES_PER_KIND } from '../../../../gateway/reconcile/tally';
import { ATTRIBUTE_COLUMNS } from '../../../../gateway/reconcile/input-columns';
import { spreadsheetSafe } from '../../../../gateway/reconcile/output-files';
import { nikOf } from './fixtures';

const PARAMETERS: ReconcileParameters = {
  agency: 'samsat',
  input: '/data/samsat <2026>.csv',
  out: '/reports/samsat',
  gateway: 'http://127.0.0.1:4000/graphql',
  batchSize: 100,
  columns: ['full_name', 'address'],
  delimiter: ';',
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:01:00.000Z',
  resumes: 1,
};
const fullName = ATTRIBUTE_COLUMNS[0]!;
const address = ATTRIBUTE_COLUMNS.find((column) => column.name === 'address')!;

function sampleTally() {
  const tally = emptyTally(['full_name', 'address']);
  for (let i = 0; i < 15; i++) {
    countComparedRow(
      tally,
      i + 2,
      nikOf(i),
      [
        { column: fullName, registryValue: 'SITI AMINAH', agencyValue: `<script>alert(${i})</script>`, verdict: 'MISMATCH', rule: 'different-name', reason: 'a name no rule explains & "quoted"' },
        { column: address, registryValue: 'JL. A RT 001 RW 002, KEL. B, KEC. TAMPAN', agencyValue: 'JL. A RT 001 RW 002, KEL. B, KEC. BINAWIDYA', verdict: 'VARIANT', rule: 'district-rename', reason: 'renamed district' },
      ],
      [],
    );
  }
  countComparedRow(tally, 20, nikOf(20), [{ column: fullName, registryValue: 'A', agencyValue: 'a', verdict: 'MATCH', rule: 'format', reason: '' }], ['address']);
  countUnknownNik(tally, 21, nikOf(21));
  countBadRow(tally, { line: 22, problem: 'malformed-nik', detail: 'NIK must have exactly 16 digits, got 15', raw: '123' });
  return tally;
}

describe('summary reports', () => {
  const summary = buildSummary(PARAMETERS, sampleTally(), true, 22);
  const html = renderSummaryHtml(summary);

  it('is one self-contained page: no external URL, script, stylesheet link, image or font', () => {
    const withoutGatewayParameter = html.replace(PARAMETERS.gateway, '');
    expect(withoutGatewayParameter).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|src=/i);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<style>');
  });

  it('escapes every value taken from the data', () => {
    expect(html).toContain('&lt;script&gt;alert(0)&lt;/script&gt;');
    expect(html).toContain('a name no rule explains &amp; &quot;quoted&quot;');
    expect(html).toContain('/data/samsat &lt;2026&gt;.csv');
  });

  it('shows counts by verdict and column, up to 10 examples per kind with masked NIKs, unknown NIKs, bad rows and the parameters', () => {
    expect(summary.tally.examples['full_name MISMATCH']).toHaveLength(EXAMPLES_PER_KIND);
    expect(html).toContain('(15 in all, 10 shown)');
    expect(html).toContain('<td>full_name</td><td class="n">1</td><td class="n">0</td><td class="n">15</td><td class="n">0</td><td class="n">0</td><td class="n">16</td>');
    expect(html).toContain('<td>address</td><td class="n">0</td><td class="n">15</td><td class="n">0</td><td class="n">0</td><td class="n">1</td><td class="n">15</td>');
    expect(html).toContain('1471********0001');
    expect(html).not.toContain(nikOf(0));
    expect(html).toContain('NIKs the civil registry does not know');
    expect(html).toContain('NIK must have exactly 16 digits, got 15');
    expect(html).toContain('<td>delimiter</td><td>;</td>');
    expect(html).toContain('1 time</td>');
    expect(html).toContain('<span class="badge done">complete</span>');
  });

  it('marks an interrupted run', () => {
    expect(renderSummaryHtml(buildSummary(PARAMETERS, sampleTally(), false, 12))).toContain('interrupted after line 12: rerun the same command to resume');
  });

  it('prints a short text summary', () => {
    expect(formatSummaryText(summary)).toContain('rows        18: 16 compared, 1 NIK unknown to the registry, 1 bad');
    expect(formatSummaryText(summary)).toContain('compared    1 consistent, 0 at worst VARIANT/INCOMPLETE, 15 with a MISMATCH');
  });

  it('writes cells a spreadsheet would run as a formula as text', () => {
    expect(spreadsheetSafe('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(spreadsheetSafe('+62')).toBe("'+62");
    expect(spreadsheetSafe('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(spreadsheetSafe('SITI AMINAH')).toBe('SITI AMINAH');
  });
});
