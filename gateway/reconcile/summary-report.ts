import { ATTRIBUTE_COLUMNS } from './input-columns';
import { BAD_ROWS_FILE, DISCREPANCIES_FILE } from './output-files';
import { VERDICTS, exampleKind, type ReconcileTally } from './tally';

/** summary.json: the run's parameters and its counts (README.md, "Output"). */
export const SUMMARY_FORMAT = 'satu-reconcile-summary/1';

export interface ReconcileParameters {
  agency: string;
  input: string;
  out: string;
  gateway: string;
  batchSize: number;
  columns: string[];
  delimiter: string;
  startedAt: string;
  finishedAt: string;
  resumes: number;
}

export interface ReconcileSummary {
  format: typeof SUMMARY_FORMAT;
  /** false when the run stopped early (the gateway failed): the counts cover the rows up to `lastLine`. */
  complete: boolean;
  lastLine: number;
  parameters: ReconcileParameters;
  files: { discrepancies: string; badRows: string };
  tally: ReconcileTally;
}

export function buildSummary(parameters: ReconcileParameters, tally: ReconcileTally, complete: boolean, lastLine: number): ReconcileSummary {
  return { format: SUMMARY_FORMAT, complete, lastLine, parameters, files: { discrepancies: DISCREPANCIES_FILE, badRows: BAD_ROWS_FILE }, tally };
}

function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((part / whole) * 100).toFixed(1)}%`;
}

function table(head: readonly string[], rows: ReadonlyArray<ReadonlyArray<unknown>>, numeric: (index: number) => boolean = () => false): string {
  const th = head.map((cell, i) => `<th${numeric(i) ? ' class="n"' : ''}>${escapeHtml(cell)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((cell, i) => `<td${numeric(i) ? ' class="n"' : ''}>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d2430}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d6dbe3;padding-bottom:.2rem}h3{font-size:1rem;margin-bottom:.3rem}
table{border-collapse:collapse;margin:.4rem 0 1rem;font-size:13px}th,td{border:1px solid #d6dbe3;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f1f4f8}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;padding:.1rem .5rem;border-radius:.6rem;font-weight:600}.done{background:#dcf3e3;color:#14532d}.partial{background:#fdecc8;color:#7c2d12}
.MISMATCH{color:#b42318;font-weight:600}.VARIANT{color:#8a5a00}.INCOMPLETE{color:#475467}.muted{color:#667085}
`;

/** summary.html: one self-contained page (inline style, no script, no external asset or link). */
export function renderSummaryHtml(summary: ReconcileSummary): string {
  const { tally, parameters: p } = summary;
  const columns = ATTRIBUTE_COLUMNS.map((column) => column.name).filter((name) => name in tally.byColumn);
  const status = summary.complete
    ? '<span class="badge done">complete</span>'
    : `<span class="badge partial">interrupted after line ${summary.lastLine}: rerun the same command to resume</span>`;

  const totals = table(
    ['', 'rows', 'share'],
    [
      ['data rows read', tally.rows, ''],
      ['compared (NIK known to the registry)', tally.comparedRows, percent(tally.comparedRows, tally.rows)],
      ['  every column MATCH', tally.consistentRows, percent(tally.consistentRows, tally.comparedRows)],
      ['  at worst VARIANT or INCOMPLETE', tally.rowsWithVariantOrIncomplete, percent(tally.rowsWithVariantOrIncomplete, tally.comparedRows)],
      ['  at least one MISMATCH (to correct)', tally.rowsWithMismatch, percent(tally.rowsWithMismatch, tally.comparedRows)],
      ['NIK unknown to the civil registry', tally.unknownNiks, percent(tally.unknownNiks, tally.rows)],
      ['bad rows (not compared)', tally.badRows, percent(tally.badRows, tally.rows)],
      ['blank lines skipped', tally.blankLines, ''],
    ],
    (i) => i > 0,
  );

  const byColumn = table(
    ['column', ...VERDICTS, 'no value', 'compared'],
    [
      ...columns.map((name) => {
        const counts = tally.byColumn[name]!;
        const compared = VERDICTS.reduce((sum, verdict) => sum + counts[verdict], 0);
        return [name, ...VERDICTS.map((verdict) => counts[verdict]), counts.NO_VALUE, compared];
      }),
      ['all', ...VERDICTS.map((verdict) => tally.verdicts[verdict]), columns.reduce((sum, name) => sum + tally.byColumn[name]!.NO_VALUE, 0), VERDICTS.reduce((sum, verdict) => sum + tally.verdicts[verdict], 0)],
    ],
    (i) => i > 0,
  );

  const ruleRows = columns.flatMap((name) =>
    Object.entries(tally.rules[name] ?? {})
      .sort((a, b) => b[1] - a[1])
      .map(([rule, count]) => [name, rule, count]),
  );
  const rules = ruleRows.length > 0 ? table(['column', 'rule', 'count'], ruleRows, (i) => i === 2) : '<p class="muted">No differences.</p>';

  const exampleSections = columns
    .flatMap((name) =>
      (['MISMATCH', 'VARIANT', 'INCOMPLETE'] as const).map((verdict) => {
        const examples = tally.examples[exampleKind(name, verdict)] ?? [];
        if (examples.length === 0) return '';
        const shown = table(
          ['line', 'NIK', 'registry', 'agency', 'reason'],
          examples.map((example) => [example.line, example.nik, example.registryValue ?? '(none)', example.agencyValue, example.reason]),
          (i) => i === 0,
        );
        return `<h3>${escapeHtml(name)} <span class="${verdict}">${verdict}</span> <span class="muted">(${tally.byColumn[name]![verdict]} in all, ${examples.length} shown)</span></h3>\n${shown}`;
      }),
    )
    .filter(Boolean)
    .join('\n');

  const unknown =
    tally.unknownNikExamples.length > 0
      ? table(['line', 'NIK'], tally.unknownNikExamples.map((example) => [example.line, example.nik]), (i) => i === 0)
      : '<p class="muted">None.</p>';
  const badProblems = Object.entries(tally.badRowsByProblem).map(([problem, count]) => [problem, count]);
  const bad =
    tally.badRows > 0
      ? `${table(['problem', 'rows'], badProblems, (i) => i === 1)}\n${table(['line', 'problem', 'detail'], tally.badRowExamples.map((example) => [example.line, example.problem, example.detail]), (i) => i === 0)}`
      : '<p class="muted">None.</p>';

  const parameters = table(
    ['parameter', 'value'],
    [
      ['agency', p.agency],
      ['input', p.input],
      ['columns', p.columns.join(', ')],
      ['delimiter', p.delimiter === '\t' ? 'tab' : p.delimiter],
      ['gateway', p.gateway],
      ['batch size', p.batchSize],
      ['output directory', p.out],
      ['started', p.startedAt],
      ['finished', p.finishedAt],
      ['resumed', `${p.resumes} time${p.resumes === 1 ? '' : 's'}`],
    ],
  );

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pemadanan data: ${escapeHtml(p.agency)} against the civil registry</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Pemadanan data: ${escapeHtml(p.agency)} against the civil registry</h1>
<p>${status} <span class="muted">Every row's copies compared with Disdukcapil through the Satu gateway. MATCH: equal once formatting is normalized; VARIANT: a benign difference a known rule explains (titles, abbreviations, old spelling, renamed districts), no action needed; MISMATCH: a material difference, to be corrected at the agency or at Disdukcapil; INCOMPLETE: a value that cannot be judged (unknown notation, or the registry holds none). Every difference is listed in ${escapeHtml(summary.files.discrepancies)}; bad rows in ${escapeHtml(summary.files.badRows)}. NIKs are masked on this page: the line number finds the row.</span></p>
<h2>Rows</h2>
${totals}
<h2>Verdicts by column</h2>
${byColumn}
<h2>Rules behind the differences</h2>
${rules}
<h2>Examples (up to 10 per kind)</h2>
${exampleSections || '<p class="muted">No differences.</p>'}
<h2>NIKs the civil registry does not know</h2>
<p class="muted">${tally.unknownNiks} in all; up to 10 shown.</p>
${unknown}
<h2>Bad rows</h2>
<p class="muted">${tally.badRows} in all, each listed with its line number in ${escapeHtml(summary.files.badRows)}; up to 10 shown.</p>
${bad}
<h2>Parameters</h2>
${parameters}
</body>
</html>
`;
}

/** The few lines printed on stdout at the end of a run. */
export function formatSummaryText(summary: ReconcileSummary): string {
  const { tally } = summary;
  const lines = [
    `Reconciliation of ${summary.parameters.agency} against the civil registry${summary.complete ? '' : ` (interrupted after line ${summary.lastLine})`}`,
    `  rows        ${tally.rows}: ${tally.comparedRows} compared, ${tally.unknownNiks} NIK unknown to the registry, ${tally.badRows} bad`,
    `  compared    ${tally.consistentRows} consistent, ${tally.rowsWithVariantOrIncomplete} at worst VARIANT/INCOMPLETE, ${tally.rowsWithMismatch} with a MISMATCH`,
    `  verdicts    ${VERDICTS.map((verdict) => `${verdict} ${tally.verdicts[verdict]}`).join(', ')}`,
    `  output      ${summary.parameters.out}/{${DISCREPANCIES_FILE}, ${BAD_ROWS_FILE}, summary.html, summary.json}`,
  ];
  return `${lines.join('\n')}\n`;
}
