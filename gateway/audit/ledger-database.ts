import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { Pool } from 'pg';
import { isPostgresUrl } from '../store/database';
import { migrateLedger } from './ledger-migrations';
import type { LedgerTables } from './ledger-tables';

export type LedgerDatabase = Kysely<LedgerTables>;

export class LedgerDatabaseError extends Error {}

export interface OpenLedgerDatabaseOptions {
  /** Create or update the ledger's tables. Off for the audit commands: they read a ledger, never make one. @default true */
  migrate?: boolean;
  /** SQLite: how long a write waits for another writer's lock before failing (and the ledger failing closed). @default 5000 */
  busyTimeoutMs?: number;
  /** PostgreSQL pool size. @default 5 */
  poolSize?: number;
}

/**
 * A kysely database for the ledger alone: the audit commands, the tests and the benchmark use it.
 * The gateway instead runs migrateLedger on the database it already has open (one file or one
 * PostgreSQL for everything). SQLite in WAL mode, PostgreSQL for a postgres:// URL.
 */
export async function openLedgerDatabase(location: string, options: OpenLedgerDatabaseOptions = {}): Promise<LedgerDatabase> {
  const migrate = options.migrate ?? true;
  if (location.trim() === '') throw new LedgerDatabaseError('the ledger database location is empty: give a SQLite file path or a postgres:// URL');
  let db: LedgerDatabase;
  if (isPostgresUrl(location)) {
    db = new Kysely<LedgerTables>({ dialect: new PostgresDialect({ pool: new Pool({ connectionString: location, max: options.poolSize ?? 5, connectionTimeoutMillis: 5000 }) }) });
  } else {
    if (location !== ':memory:') {
      if (!migrate && !existsSync(location)) throw new LedgerDatabaseError(`there is no database at ${location}: give the gateway's database (--database or SATU_DATABASE_URL)`);
      mkdirSync(path.dirname(path.resolve(location)), { recursive: true });
    }
    const sqlite = new Database(location, { fileMustExist: !migrate && location !== ':memory:' });
    if (location !== ':memory:') sqlite.pragma('journal_mode = WAL');
    sqlite.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    db = new Kysely<LedgerTables>({ dialect: new SqliteDialect({ database: sqlite }) });
  }
  try {
    if (migrate) await migrateLedger(db);
    else await assertLedgerTables(db, location);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

/** Fails with a clear message when the database has no ledger (not the gateway's database, or the gateway never ran on it). */
async function assertLedgerTables(db: LedgerDatabase, location: string): Promise<void> {
  try {
    await db.selectFrom('audit_ledger_head').select('sequence').limit(1).execute();
  } catch (error) {
    const where = isPostgresUrl(location) ? 'that PostgreSQL database' : location;
    throw new LedgerDatabaseError(`no access ledger in ${where} (${(error as Error).message.split('\n')[0]}): is it the gateway's database? The gateway creates the ledger when it starts`);
  }
}
