import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CHECKPOINT_FILE, writeFileAtomic } from './output-files';
import type { ReconcileTally } from './tally';

/**
 * What a reconciliation records in its --out directory after every batch: the run it belongs
 * to, the last input line fully processed, the size of each output file at that moment, and the
 * counts so far. Rerunning the same command reads it and resumes after that line.
 */
export const CHECKPOINT_FORMAT = 'satu-reconcile-checkpoint/1';

/** What makes two runs "the same": the agency, the input file and its columns. The gateway URL and batch size may change between attempts. */
export interface RunIdentity {
  agency: string;
  /** Absolute path. */
  input: string;
  inputBytes: number;
  inputModifiedMs: number;
  columns: string[];
}

export interface ReconcileCheckpoint {
  format: typeof CHECKPOINT_FORMAT;
  run: RunIdentity;
  startedAt: string;
  updatedAt: string;
  /** How many times the run was resumed. */
  resumes: number;
  complete: boolean;
  lastLine: number;
  outputs: { discrepanciesBytes: number; badRowsBytes: number };
  tally: ReconcileTally;
}

export class CheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointError';
  }
}

export function checkpointPath(outDir: string): string {
  return path.join(outDir, CHECKPOINT_FILE);
}

/** The checkpoint in `outDir`; null when there is none. Throws CheckpointError when it is unreadable. */
export async function readCheckpoint(outDir: string): Promise<ReconcileCheckpoint | null> {
  const file = checkpointPath(outDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new CheckpointError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let parsed: Partial<ReconcileCheckpoint>;
  try {
    parsed = JSON.parse(text) as Partial<ReconcileCheckpoint>;
  } catch {
    throw new CheckpointError(`${file} is not valid JSON: rerun with --restart to start over`);
  }
  if (
    parsed?.format !== CHECKPOINT_FORMAT ||
    typeof parsed.lastLine !== 'number' ||
    typeof parsed.run !== 'object' ||
    typeof parsed.outputs?.discrepanciesBytes !== 'number' ||
    typeof parsed.outputs.badRowsBytes !== 'number' ||
    typeof parsed.tally !== 'object'
  ) {
    throw new CheckpointError(`${file} is not a reconciliation checkpoint of this version: rerun with --restart to start over`);
  }
  return parsed as ReconcileCheckpoint;
}

export async function writeCheckpoint(outDir: string, checkpoint: ReconcileCheckpoint): Promise<void> {
  await writeFileAtomic(checkpointPath(outDir), `${JSON.stringify(checkpoint, null, 2)}\n`);
}

/** Why a checkpoint belongs to another run, or null when it is this one's. */
export function otherRun(found: RunIdentity, wanted: RunIdentity): string | null {
  if (found.agency !== wanted.agency) return `it is agency ${found.agency}'s, not ${wanted.agency}'s`;
  if (found.input !== wanted.input) return `it reconciles ${found.input}, not ${wanted.input}`;
  if (found.inputBytes !== wanted.inputBytes || found.inputModifiedMs !== wanted.inputModifiedMs) return `${wanted.input} changed since (size or modification time)`;
  if (found.columns.join(',') !== wanted.columns.join(',')) return `the input's columns changed (${found.columns.join(', ')} then, ${wanted.columns.join(', ')} now)`;
  return null;
}
