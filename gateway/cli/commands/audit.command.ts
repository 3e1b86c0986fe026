import type { Command } from 'commander';
import { auditDatabaseLocation, AuditInputError, publicKeyFiles, renderVerifyText, writeProcessingRecord } from '../../audit/audit-cli-support';
import { LedgerDatabaseError, openLedgerDatabase, type LedgerDatabase } from '../../audit/ledger-database';
import { verifyStoredLedger } from '../../audit/ledger-reader';
import { LedgerKeyError, readLedgerPublicKeys } from '../../audit/ledger-signing-key';
import { readProcessingRecord } from '../../audit/processing-record';
import { InvalidNikError, parseNik } from '../../../subgraphs/kit/nik';
import type { CliIo, SatuCommand } from '../satu';

/**
 * `satu audit verify` and `satu audit export`: the access ledger for auditors and citizens. Both
 * read the gateway's database and the checkpoint public key only: they work offline, on a copy.
 */

export interface AuditCommandDeps {
  env?: NodeJS.ProcessEnv;
  now?: Date;
}

export interface VerifyArgs {
  database?: string;
  publicKey?: string[];
  json?: boolean;
}

export interface ExportArgs {
  nik?: string;
  out?: string;
  database?: string;
  publicKey?: string[];
}

const VERIFY_EXAMPLE = 'satu audit verify --public-key access-ledger-signing.pub.pem';
const EXPORT_EXAMPLE = 'satu audit export --nik 1471100405960001 --out records/';

async function openForReading(location: string): Promise<LedgerDatabase> {
  return openLedgerDatabase(location, { migrate: false });
}

/** Turns the known bad-input failures into exit 2 with their message; anything else is not ours to explain. */
function badInput(error: unknown, command: string, io: CliIo): number {
  if (error instanceof AuditInputError || error instanceof LedgerDatabaseError || error instanceof LedgerKeyError) {
    io.stderr(`satu audit ${command}: ${error.message}\n`);
    return 2;
  }
  throw error;
}

export async function runAuditVerify(args: VerifyArgs, io: CliIo, deps: AuditCommandDeps = {}): Promise<number> {
  const env = deps.env ?? process.env;
  const location = auditDatabaseLocation(args.database, env);
  let db: LedgerDatabase | undefined;
  try {
    const keys = readLedgerPublicKeys(publicKeyFiles(args.publicKey, location, env));
    db = await openForReading(location);
    const report = await verifyStoredLedger(db, keys);
    io.stdout(args.json ? `${JSON.stringify(report, null, 2)}\n` : renderVerifyText(report));
    return report.ok ? 0 : 1;
  } catch (error) {
    return badInput(error, 'verify', io);
  } finally {
    await db?.destroy();
  }
}

export async function runAuditExport(args: ExportArgs, io: CliIo, deps: AuditCommandDeps = {}): Promise<number> {
  if (!args.nik?.trim() || !args.out?.trim()) {
    io.stderr(`satu audit export: give the citizen's NIK and where to write the record: --nik NIK --out DIR\n  e.g. ${EXPORT_EXAMPLE}\n`);
    return 2;
  }
  let nik: string;
  try {
    nik = parseNik(args.nik.trim()).nik;
  } catch (error) {
    if (!(error instanceof InvalidNikError)) throw error;
    io.stderr(`satu audit export: --nik: ${error.message}\n`);
    return 2;
  }
  const env = deps.env ?? process.env;
  const location = auditDatabaseLocation(args.database, env);
  let db: LedgerDatabase | undefined;
  try {
    const keys = readLedgerPublicKeys(publicKeyFiles(args.publicKey, location, env));
    db = await openForReading(location);
    const record = await readProcessingRecord(db, nik, keys, deps.now ?? new Date());
    const files = writeProcessingRecord(record, args.out);
    io.stdout(`${record.entries.length} recorded access${record.entries.length === 1 ? '' : 'es'} to ${nik}; audit chain ${record.chain.status}\n  ${files.json}\n  ${files.html}\n`);
    if (record.chain.status === 'BROKEN') {
      io.stderr(`satu audit export: the ledger's chain is broken from entry ${record.chain.problem?.sequence}: ${record.chain.problem?.message}; the record marks the entries it cannot vouch for\n`);
      return 1;
    }
    return 0;
  } catch (error) {
    return badInput(error, 'export', io);
  } finally {
    await db?.destroy();
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

const LOCATION_HELP =
  '\nDatabase: --database, else SATU_DATABASE_URL (a postgres:// URL or a SQLite path), else data/gateway.sqlite.\n' +
  `Public key: every --public-key given (one per gateway that signed checkpoints), else ${'access-ledger-signing.pub.pem'} in SATU_AUDIT_KEY_DIR, beside the SQLite database, or in data/.\n`;

export const auditCommand: SatuCommand = {
  register(program: Command, io: CliIo, done: (exitCode: number) => void): void {
    const audit = program
      .command('audit')
      .description("the access ledger: verify its hash chain and signed checkpoints, export a citizen's processing record");
    audit
      .command('verify')
      .description('recompute every entry hash and link and check every checkpoint signature; name the first bad entry')
      .option('--database <location>', 'the gateway database (SQLite path or postgres:// URL)')
      .option('--public-key <file>', 'a checkpoint public key (PEM); repeat for several gateways', collect, [])
      .option('--json', 'print the report as JSON')
      .addHelpText('after', `\nExample:\n  ${VERIFY_EXAMPLE}\n\nExit codes: 0 intact; 1 broken (the first bad entry is named); 2 bad input (no database, no ledger in it, unreadable or wrong key file).\n${LOCATION_HELP}`)
      .action(async (options: VerifyArgs) => {
        done(await runAuditVerify(options, io));
      });
    audit
      .command('export')
      .description("write a citizen's processing record (JSON and a self-contained HTML page): who read their data, when, why, which fields and agencies")
      .option('--nik <nik>', "the citizen's NIK (16 digits)")
      .option('--out <dir>', 'the directory to write processing-record-<NIK>.json and .html into (created if missing)')
      .option('--database <location>', 'the gateway database (SQLite path or postgres:// URL)')
      .option('--public-key <file>', 'a checkpoint public key (PEM); repeat for several gateways', collect, [])
      .addHelpText('after', `\nExample:\n  ${EXPORT_EXAMPLE}\n\nExit codes: 0 written, chain intact; 1 written, chain broken (entries it cannot vouch for are marked); 2 bad input (malformed NIK, unwritable directory, no database, bad key file).\n${LOCATION_HELP}`)
      .action(async (options: ExportArgs) => {
        done(await runAuditExport(options, io));
      });
    // satu.ts makes its direct subcommands report usage errors instead of exiting; these are one level deeper.
    for (const command of [audit, ...audit.commands]) {
      command.exitOverride().configureOutput({ writeOut: (text) => io.stdout(text), writeErr: (text) => io.stderr(text) });
    }
  },
};
