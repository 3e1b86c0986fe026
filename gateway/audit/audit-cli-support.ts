import { mkdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isPostgresUrl } from '../store/database';
import type { ProcessingRecord } from './processing-record';
import { processingRecordHtml } from './processing-record-html';
import { PUBLIC_KEY_FILE } from './ledger-signing-key';
import type { VerifyReport } from './ledger-verify';

/** A problem with what the operator gave (exit 2), told in one line. */
export class AuditInputError extends Error {}

/** The gateway's database: --database, else SATU_DATABASE_URL, else data/gateway.sqlite (the standalone gateway's). */
export function auditDatabaseLocation(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  return flag?.trim() || env.SATU_DATABASE_URL?.trim() || path.resolve('data', 'gateway.sqlite');
}

/**
 * Where the signing key lives: SATU_AUDIT_KEY_DIR, else beside a SQLite database, else data/.
 * The gateway uses the same rule, so the public key is found without being named.
 */
export function auditKeyDirectory(databaseLocation: string, env: NodeJS.ProcessEnv): string {
  const configured = env.SATU_AUDIT_KEY_DIR?.trim();
  if (configured) return path.resolve(configured);
  if (isPostgresUrl(databaseLocation) || databaseLocation === ':memory:') return path.resolve('data');
  return path.dirname(path.resolve(databaseLocation));
}

/** The public key files to verify with: every --public-key, else the one in the key directory. */
export function publicKeyFiles(flags: readonly string[] | undefined, databaseLocation: string, env: NodeJS.ProcessEnv): string[] {
  if (flags && flags.length > 0) return [...flags];
  return [path.join(auditKeyDirectory(databaseLocation, env), PUBLIC_KEY_FILE)];
}

/** The verification report in words, for the terminal. */
export function renderVerifyText(report: VerifyReport): string {
  const lines: string[] = [];
  if (report.ok) {
    lines.push(`access ledger: INTACT: ${report.entries} entries, hash chain unbroken from 1 to ${report.lastSequence}`);
  } else {
    const problem = report.problem!;
    lines.push(`access ledger: BROKEN at entry ${problem.sequence} (${problem.kind})`);
    lines.push(`  ${problem.message}`);
    lines.push(`  entries 1 to ${Math.max(0, problem.sequence - 1)} verified before it`);
  }
  if (report.lastCheckpoint) {
    lines.push(`  ${report.checkpoints} signed checkpoint${report.checkpoints === 1 ? '' : 's'} verified (key${report.keyIds.length === 1 ? '' : 's'} ${report.keyIds.join(', ')}); the last seals entries up to ${report.lastCheckpoint.upToSequence}, signed ${report.lastCheckpoint.createdAt}`);
  } else if (report.lastSequence > 0) {
    lines.push('  no signed checkpoint verified yet');
  }
  if (report.ok && report.unsealedEntries > 0) lines.push(`  ${report.unsealedEntries} newer entr${report.unsealedEntries === 1 ? 'y is' : 'ies are'} chained but not yet sealed by a checkpoint`);
  return `${lines.join('\n')}\n`;
}

/**
 * Writes `processing-record-<NIK>.json` and `.html` into `outDir` (created if missing). Each file is
 * written beside its final name and renamed into place, so a reader never sees half a record.
 */
export function writeProcessingRecord(record: ProcessingRecord, outDir: string): { json: string; html: string } {
  const dir = path.resolve(outDir);
  try {
    mkdirSync(dir, { recursive: true });
    if (!statSync(dir).isDirectory()) throw new Error('it is not a directory');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EEXIST' || code === 'ENOTDIR' ? 'a file is in the way (it, or a folder above it, is not a directory)' : (error as Error).message;
    throw new AuditInputError(`cannot write the record into ${dir}: ${reason}; give a directory with --out`);
  }
  const base = path.join(dir, `processing-record-${record.nik}`);
  const files = { json: `${base}.json`, html: `${base}.html` };
  const contents: Array<[string, string]> = [
    [files.json, `${JSON.stringify(record, null, 2)}\n`],
    [files.html, processingRecordHtml(record)],
  ];
  for (const [file, text] of contents) {
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, text, { mode: 0o600 });
      renameSync(temporary, file);
    } catch (error) {
      try {
        unlinkSync(temporary);
      } catch {
        // nothing was written
      }
      throw new AuditInputError(`cannot write ${file}: ${(error as Error).message}`);
    }
  }
  return files;
}
