import fs from 'node:fs/promises';
import path from 'node:path';
import { compareRow } from './compare-row';
import { CheckpointError, otherRun, readCheckpoint, writeCheckpoint, type ReconcileCheckpoint, type RunIdentity } from './checkpoint';
import { GatewayError } from './graphql-client';
import { InputFileError, countDataLines, readInputBatches, readInputFormat, type InputBatch, type InputFormat } from './input-reader';
import {
  AppendOnlyCsv,
  BAD_ROWS_FILE,
  BAD_ROW_COLUMNS,
  CHECKPOINT_FILE,
  DISCREPANCIES_FILE,
  DISCREPANCY_COLUMNS,
  SUMMARY_HTML_FILE,
  SUMMARY_JSON_FILE,
  writeFileAtomic,
} from './output-files';
import { createProgress, type Progress } from './progress';
import type { RegistryCitizen, RegistryClient } from './registry-client';
import { buildSummary, formatSummaryText, renderSummaryHtml, type ReconcileParameters, type ReconcileSummary } from './summary-report';
import { countBadRow, countComparedRow, countUnknownNik, emptyTally } from './tally';

export interface ReconcileOptions {
  agency: string;
  /** The agency's CSV file. */
  input: string;
  /** Output directory (created). */
  out: string;
  /** For the report: where the registry was asked. */
  gateway: string;
  /** NIKs per `citizens(niks:)` query, 1-100. */
  batchSize: number;
  /** Ignore a checkpoint in `out` and start over. */
  restart: boolean;
  /** Queries in flight at once (batches are still written in order). @default 1 */
  concurrency?: number;
}

interface InFlight {
  batch: InputBatch;
  niks: string[];
  citizens: Promise<Array<RegistryCitizen | null>>;
}

export interface ReconcileIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** A terminal for the progress bar (process.stderr when it is a TTY). */
  terminal?: NodeJS.WriteStream;
}

/** Test seams: crash between writing a batch's rows and recording its checkpoint, or after. */
export interface ReconcileHooks {
  afterRowsWritten?(batchNumber: number): void | Promise<void>;
  afterCheckpoint?(batchNumber: number): void | Promise<void>;
}

export type ReconcileOutcome =
  | { kind: 'done'; summary: ReconcileSummary; resumed: boolean }
  | { kind: 'already-complete'; summary: ReconcileSummary }
  | { kind: 'bad-input'; message: string }
  | { kind: 'gateway-failed'; message: string; summary: ReconcileSummary };

/** Exit codes of `npm run reconcile` (README.md): 0 done, 1 failure, 2 bad arguments or input. */
export function exitCodeOf(outcome: ReconcileOutcome): number {
  return outcome.kind === 'done' || outcome.kind === 'already-complete' ? 0 : outcome.kind === 'bad-input' ? 2 : 1;
}

async function statInput(file: string): Promise<{ size: number; mtimeMs: number }> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw new InputFileError(`${file} is not a file`);
    return stat;
  } catch (error) {
    if (error instanceof InputFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputFileError(code === 'ENOENT' ? `${file} does not exist` : `cannot read ${file}: ${(error as Error).message}`);
  }
}

async function prepareOutDir(out: string): Promise<void> {
  try {
    await fs.mkdir(out, { recursive: true });
  } catch (error) {
    throw new InputFileError(`cannot create the output directory ${out}: ${(error as Error).message}`);
  }
}

/**
 * Bulk reconciliation ("pemadanan data", README.md): reads the agency's CSV in batches, asks the
 * registry for each batch's NIKs, compares every present column with the crosscheck's engine,
 * appends discrepancies and bad rows, and records a checkpoint after each batch; writes
 * summary.json and summary.html at the end (and when the gateway fails, marked interrupted).
 * Never holds more than one batch of the input in memory.
 */
export async function reconcile(options: ReconcileOptions, client: RegistryClient, io: ReconcileIo, hooks: ReconcileHooks = {}): Promise<ReconcileOutcome> {
  const input = path.resolve(options.input);
  const out = path.resolve(options.out);
  let format: InputFormat;
  let identity: RunIdentity;
  let checkpoint: ReconcileCheckpoint | null;
  try {
    const stat = await statInput(input);
    format = await readInputFormat(input);
    identity = {
      agency: options.agency,
      input,
      inputBytes: stat.size,
      inputModifiedMs: Math.trunc(stat.mtimeMs),
      columns: format.layout.columns.map((column) => column.name),
    };
    await prepareOutDir(out);
    checkpoint = options.restart ? null : await readCheckpoint(out);
  } catch (error) {
    if (error instanceof InputFileError || error instanceof CheckpointError) return { kind: 'bad-input', message: error.message };
    throw error;
  }

  if (checkpoint) {
    const why = otherRun(checkpoint.run, identity);
    if (why) {
      return { kind: 'bad-input', message: `${path.join(out, CHECKPOINT_FILE)} belongs to another run: ${why}; pass --restart to start over, or choose another --out` };
    }
  }
  const now = new Date().toISOString();
  const parameters = (cp: ReconcileCheckpoint): ReconcileParameters => ({
    agency: options.agency,
    input,
    out,
    gateway: options.gateway,
    batchSize: options.batchSize,
    columns: identity.columns,
    delimiter: format.delimiter,
    startedAt: cp.startedAt,
    finishedAt: cp.updatedAt,
    resumes: cp.resumes,
  });
  const writeSummaries = async (cp: ReconcileCheckpoint): Promise<ReconcileSummary> => {
    const summary = buildSummary(parameters(cp), cp.tally, cp.complete, cp.lastLine);
    await writeFileAtomic(path.join(out, SUMMARY_JSON_FILE), `${JSON.stringify(summary, null, 2)}\n`);
    await writeFileAtomic(path.join(out, SUMMARY_HTML_FILE), renderSummaryHtml(summary));
    return summary;
  };

  if (checkpoint?.complete) {
    io.stderr(`reconcile: ${out} holds a complete run of this input (${checkpoint.tally.rows} rows); nothing to do. Pass --restart to run it again.\n`);
    return { kind: 'already-complete', summary: await writeSummaries(checkpoint) };
  }

  let discrepancies: AppendOnlyCsv;
  let badRows: AppendOnlyCsv;
  const resumed = checkpoint !== null;
  if (checkpoint) {
    try {
      discrepancies = await AppendOnlyCsv.resume(path.join(out, DISCREPANCIES_FILE), checkpoint.outputs.discrepanciesBytes);
      badRows = await AppendOnlyCsv.resume(path.join(out, BAD_ROWS_FILE), checkpoint.outputs.badRowsBytes);
    } catch (error) {
      return { kind: 'bad-input', message: `cannot resume from ${path.join(out, CHECKPOINT_FILE)}: ${(error as Error).message}` };
    }
    checkpoint = { ...checkpoint, resumes: checkpoint.resumes + 1, updatedAt: now };
    io.stderr(`reconcile: resuming after line ${checkpoint.lastLine} (${checkpoint.tally.rows} rows already done); pass --restart to start over\n`);
  } else {
    discrepancies = await AppendOnlyCsv.create(path.join(out, DISCREPANCIES_FILE), DISCREPANCY_COLUMNS);
    badRows = await AppendOnlyCsv.create(path.join(out, BAD_ROWS_FILE), BAD_ROW_COLUMNS);
    checkpoint = {
      format: 'satu-reconcile-checkpoint/1',
      run: identity,
      startedAt: now,
      updatedAt: now,
      resumes: 0,
      complete: false,
      lastLine: format.headerLine,
      outputs: { discrepanciesBytes: discrepancies.size, badRowsBytes: badRows.size },
      tally: emptyTally(identity.columns),
    };
    await writeCheckpoint(out, checkpoint);
  }

  const progress: Progress = createProgress({ label: 'reconcile', unit: 'lines', terminal: io.terminal, write: io.stderr });
  let current: ReconcileCheckpoint = checkpoint;
  try {
    progress.start(await countDataLines(input, format), current.lastLine - format.headerLine);
    // A window of batches in flight: the next queries run while this batch is compared and
    // written; batches are still written and checkpointed strictly in file order.
    const batches = readInputBatches(input, format, { batchSize: options.batchSize, afterLine: current.lastLine })[Symbol.asyncIterator]();
    const window: InFlight[] = [];
    let exhausted = false;
    const fill = async (): Promise<void> => {
      while (!exhausted && window.length < Math.max(1, options.concurrency ?? 1)) {
        const next = await batches.next();
        if (next.done) {
          exhausted = true;
          return;
        }
        const niks = [...new Set(next.value.rows.map((row) => row.nik))];
        const citizens = niks.length > 0 ? client.fetchCitizens(niks, format.layout.columns) : Promise.resolve([]);
        citizens.catch(() => undefined); // awaited in turn below; a failure must not go unhandled meanwhile
        window.push({ batch: next.value, niks, citizens });
      }
    };
    let batchNumber = 0;
    try {
      await fill();
      while (window.length > 0) {
        const { batch, niks, citizens: answer } = window.shift()!;
        batchNumber++;
        let citizens;
        try {
          citizens = await answer;
        } catch (error) {
          if (!(error instanceof GatewayError)) throw error;
          progress.stop();
          const summary = await writeSummaries({ ...current, updatedAt: new Date().toISOString() });
          return {
            kind: 'gateway-failed',
            message: `${error.message}\nThe checkpoint is kept: ${current.tally.rows} rows up to line ${current.lastLine} are done; rerun the same command to resume.`,
            summary,
          };
        }
        const byNik = new Map(niks.map((nik, index) => [nik, citizens[index] ?? null]));
        const next = structuredClone(current);
        const rows = applyBatch(next, batch, byNik);
        await discrepancies.append(rows.discrepancies);
        await badRows.append(rows.badRows);
        await discrepancies.sync();
        await badRows.sync();
        await hooks.afterRowsWritten?.(batchNumber);
        next.lastLine = batch.lastLine;
        next.outputs = { discrepanciesBytes: discrepancies.size, badRowsBytes: badRows.size };
        next.updatedAt = new Date().toISOString();
        await writeCheckpoint(out, next);
        current = next;
        await hooks.afterCheckpoint?.(batchNumber);
        progress.update(current.lastLine - format.headerLine);
        await fill();
      }
    } finally {
      await batches.return?.(undefined);
    }
    current = { ...current, complete: true, updatedAt: new Date().toISOString() };
    await writeCheckpoint(out, current);
    progress.stop();
    const summary = await writeSummaries(current);
    io.stdout(formatSummaryText(summary));
    return { kind: 'done', summary, resumed };
  } finally {
    progress.stop();
    await discrepancies.close();
    await badRows.close();
  }
}

/** Counts one batch into the checkpoint's tally and returns the rows to append to each CSV. */
function applyBatch(
  checkpoint: ReconcileCheckpoint,
  batch: InputBatch,
  byNik: ReadonlyMap<string, RegistryCitizen | null>,
): { discrepancies: Array<Array<string | number>>; badRows: Array<Array<string | number>> } {
  const tally = checkpoint.tally;
  tally.blankLines += batch.blankLines;
  // Rows and bad rows back in file order, so that both CSVs read top to bottom like the input.
  const events = [
    ...batch.rows.map((row) => ({ line: row.line, row, bad: undefined })),
    ...batch.badRows.map((bad) => ({ line: bad.line, row: undefined, bad })),
  ].sort((a, b) => a.line - b.line);
  const discrepancies: Array<Array<string | number>> = [];
  const badRows: Array<Array<string | number>> = [];
  for (const event of events) {
    if (event.bad) {
      countBadRow(tally, event.bad);
      badRows.push([event.bad.line, event.bad.problem, event.bad.detail, event.bad.raw]);
      continue;
    }
    const row = event.row!;
    const citizen = byNik.get(row.nik) ?? null;
    if (!citizen) {
      countUnknownNik(tally, row.line, row.nik);
      discrepancies.push([row.line, row.nik, 'NIK', 'UNKNOWN_NIK', '', '', 'the civil registry does not know this NIK: check it with the citizen, or send them to Disdukcapil', 'unknown-nik']);
      continue;
    }
    const compared = compareRow(row, citizen);
    countComparedRow(tally, row.line, row.nik, compared.comparisons, compared.noValue.map((column) => column.name));
    for (const comparison of compared.comparisons) {
      if (comparison.verdict === 'MATCH') continue;
      discrepancies.push([row.line, row.nik, comparison.column.attribute, comparison.verdict, comparison.registryValue ?? '', comparison.agencyValue, comparison.reason, comparison.rule]);
    }
  }
  return { discrepancies, badRows };
}
