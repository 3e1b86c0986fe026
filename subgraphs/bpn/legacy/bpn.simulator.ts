import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Client } from 'pg';
import type { RunningSimulator } from '../../kit/agency-module';
import { createLogger } from '../../kit/logger';
import { FaultInjector, type FaultSettings } from '../../kit/simulator/faults';
import { BpnLocationError, parseBpnLocation, withSearchPath } from '../bpn-location';
import { BPN_VIEW } from '../bpn.system';
import { BPN_DUMP_FILE } from './kkp-dump.sql';
import { KkpDumpError, assertSchemaName, connectPostgres, dropPostgresSchema, loadDumpIntoPostgres, loadDumpIntoSqlite } from './kkp-database.store';

/** The SQLite database the simulator builds in `<dataDir>/bpn/`. */
export const BPN_SQLITE_FILE = 'bpn.sqlite';
/** The PostgreSQL schema the simulator owns when none is given. */
export const DEFAULT_BPN_SCHEMA = 'bpn_kkp';

export interface BpnSimulatorOptions {
  dataDir: string;
  faults?: Partial<FaultSettings>;
  /** Load into PostgreSQL at this URL instead of a SQLite file (env SATU_BPN_DATABASE_URL through index.ts). */
  databaseUrl?: string;
  /** The schema the simulator owns in PostgreSQL: dropped and recreated at start, dropped at stop. @default "bpn_kkp" */
  schema?: string;
}

/**
 * The land office's database, standing in for KKP. There is no server of ours in between: the
 * legacy interface is the database, so `url` is the SQLite file's path, or the PostgreSQL URL
 * with `search_path` set to the simulator's schema. Either is the subgraph's legacyLocation.
 *
 * At each start the database is rebuilt from `<dataDir>/bpn/bpn.sql`. Faults are states of the
 * database, not per-query rolls (nothing of ours sits in the query path); a rate above 0 turns a
 * state on, 0 turns it off:
 * - errorRate: the database is offline. SQLite: the file is moved away (`bpn.sqlite.offline`);
 *   PostgreSQL: the view is renamed away. Queries fail: AGENCY_UNAVAILABLE.
 * - hangRate: the simulator holds an exclusive lock (SQLite `BEGIN EXCLUSIVE`; PostgreSQL
 *   `LOCK TABLE ... IN ACCESS EXCLUSIVE MODE` on the view). Readers wait until their deadline
 *   (busy timeout / statement_timeout): AGENCY_TIMEOUT.
 * - malformedRate: a DBA changed the view: its columns are renamed. The adapter's SELECT fails
 *   on the missing columns: AGENCY_BAD_RESPONSE.
 * - delayMinMs..delayMaxMs: PostgreSQL only, the view sleeps that long per query (pg_sleep).
 *   SQLite has no sleep a separate connection could see: ignored, with a warning.
 * On SQLite every change is in effect when setFaults returns; on PostgreSQL it is asynchronous:
 * await `applyFaults` instead.
 */
export interface BpnSimulator extends RunningSimulator {
  readonly dialect: 'sqlite' | 'postgres';
  applyFaults(update: Partial<FaultSettings>): Promise<void>;
  /** Runs SQL on the loaded database as the land office's DBA would (tests add odd rows). */
  execute(statements: string): Promise<void>;
}

type ViewState = 'original' | 'offline' | 'malformed' | 'slow';

/** A view with the columns renamed, standing for a DBA's change Satu was not told about. */
const MALFORMED_VIEW_BODY = 'SELECT nik_pemilik AS nik, nama_pemilik AS nama, no_sertipikat AS nomor FROM';
const ORIGINAL = `${BPN_VIEW}__asli`;

interface KkpBackend {
  readonly url: string;
  apply(settings: FaultSettings): Promise<void> | void;
  execute(statements: string): Promise<void> | void;
  stop(): Promise<void>;
}

export async function startBpnSimulator(options: BpnSimulatorOptions): Promise<BpnSimulator> {
  const logger = createLogger('simulator:bpn');
  const dumpFile = path.join(options.dataDir, 'bpn', BPN_DUMP_FILE);
  let dump: string;
  try {
    dump = await fs.promises.readFile(dumpFile, 'utf8');
  } catch (error) {
    throw new KkpDumpError(`bpn simulator: cannot read ${dumpFile} (${(error as NodeJS.ErrnoException).code ?? 'error'}); run npm run seed, or write it by hand (subgraphs/bpn/README.md)`, {
      cause: error,
    });
  }
  const faults = new FaultInjector(options.faults ?? {});
  const stats = { requests: 0, byOperation: {} as Record<string, number> };
  const count = (operation: string): void => {
    stats.requests += 1;
    stats.byOperation[operation] = (stats.byOperation[operation] ?? 0) + 1;
  };

  let backend: KkpBackend;
  if (options.databaseUrl !== undefined) {
    backend = await startPostgresKkp(options.databaseUrl, options.schema ?? DEFAULT_BPN_SCHEMA, dump);
  } else {
    backend = startSqliteKkp(path.resolve(options.dataDir, 'bpn', BPN_SQLITE_FILE), dump, (message) => logger.warn(message));
  }
  count('load');
  const dialect = options.databaseUrl === undefined ? 'sqlite' : 'postgres';
  logger.info({ dialect }, 'KKP database loaded from bpn.sql');

  // Fault changes run one after another, in the order they were asked for.
  let queue: Promise<void> = Promise.resolve();
  const applyFaults = (update: Partial<FaultSettings>): Promise<void> => {
    const settings = faults.update(update);
    count('faults');
    const run = queue.then(() => backend.apply(settings));
    queue = run.catch((error: unknown) => logger.error({ err: (error as Error).message }, 'bpn simulator: fault change failed'));
    return run;
  };
  await applyFaults({});

  return {
    name: 'bpn',
    url: backend.url,
    dialect,
    applyFaults,
    setFaults: (update) => {
      void applyFaults(update).catch(() => undefined);
    },
    execute: async (statements) => {
      count('execute');
      await queue;
      await backend.execute(statements);
    },
    stats: () => ({ requests: stats.requests, byOperation: { ...stats.byOperation } }),
    stop: async () => {
      await queue;
      await backend.stop();
    },
  };
}

function viewStateOf(settings: FaultSettings, supportsDelay: boolean): ViewState {
  if (settings.errorRate > 0) return 'offline';
  if (settings.malformedRate > 0) return 'malformed';
  if (supportsDelay && settings.delayMaxMs > 0) return 'slow';
  return 'original';
}

/** SQLite: better-sqlite3 is synchronous, so a fault change is in effect when it returns. */
function startSqliteKkp(file: string, dump: string, warn: (message: string) => void): KkpBackend {
  loadDumpIntoSqlite(file, dump);
  const offlineFile = `${file}.offline`;
  fs.rmSync(offlineFile, { force: true });
  const control = new Database(file);
  const original = control.prepare("SELECT sql FROM sqlite_master WHERE type = 'view' AND name = ?").get(BPN_VIEW) as { sql: string };
  const originalAsCopy = original.sql.replace(new RegExp(BPN_VIEW, 'i'), ORIGINAL);
  let moved = false;
  let offline = false;
  let locked = false;
  let delayWarned = false;

  const setView = (state: ViewState): void => {
    if (state === 'malformed') {
      if (!moved) control.exec(`${originalAsCopy}; DROP VIEW ${BPN_VIEW};`);
      moved = true;
      control.exec(`DROP VIEW IF EXISTS ${BPN_VIEW}; CREATE VIEW ${BPN_VIEW} AS ${MALFORMED_VIEW_BODY} ${ORIGINAL};`);
    } else if (moved) {
      control.exec(`DROP VIEW IF EXISTS ${BPN_VIEW}; ${original.sql}; DROP VIEW ${ORIGINAL};`);
      moved = false;
    }
  };

  return {
    url: file,
    apply: (settings) => {
      // DDL must not run inside the lock's transaction: its rollback would undo it.
      if (locked) control.exec('ROLLBACK');
      locked = false;
      const state = viewStateOf(settings, false);
      if (settings.delayMaxMs > 0 && !delayWarned) {
        delayWarned = true;
        warn('bpn simulator: delays are not supported on SQLite (no sleep a reader would see); ignored');
      }
      const wantOffline = state === 'offline';
      setView(wantOffline ? 'original' : state);
      if (wantOffline && !offline) fs.renameSync(file, offlineFile);
      if (!wantOffline && offline) fs.renameSync(offlineFile, file);
      offline = wantOffline;
      if (settings.hangRate > 0 && !offline) {
        control.exec('BEGIN EXCLUSIVE');
        locked = true;
      }
    },
    execute: (statements) => {
      control.exec(statements);
    },
    stop: async () => {
      if (locked) control.exec('ROLLBACK');
      control.close();
      // The database is down when the simulator is: a reader finds no file (AGENCY_UNAVAILABLE).
      fs.rmSync(file, { force: true });
      fs.rmSync(offlineFile, { force: true });
      fs.rmSync(`${file}-journal`, { force: true });
    },
  };
}

/** PostgreSQL: the simulator owns one schema; its control connection also holds the lock of the hang fault. */
async function startPostgresKkp(databaseUrl: string, schema: string, dump: string): Promise<KkpBackend> {
  if (parseBpnLocation(databaseUrl).dialect !== 'postgres') {
    throw new BpnLocationError('bpn simulator: the database URL must start with postgres:// or postgresql://');
  }
  assertSchemaName(schema);
  const control: Client = await connectPostgres(databaseUrl);
  try {
    await loadDumpIntoPostgres(control, schema, dump);
  } catch (error) {
    // Leave nothing behind from a dump that did not load.
    await dropPostgresSchema(control, schema).catch(() => undefined);
    await control.end().catch(() => undefined);
    throw error;
  }
  let moved = false;
  let locked = false;

  const setView = async (state: ViewState, settings: FaultSettings): Promise<void> => {
    if (state === 'original') {
      if (moved) await control.query(`DROP VIEW IF EXISTS ${BPN_VIEW}; ALTER VIEW ${ORIGINAL} RENAME TO ${BPN_VIEW}`);
      moved = false;
      return;
    }
    if (!moved) await control.query(`ALTER VIEW ${BPN_VIEW} RENAME TO ${ORIGINAL}`);
    moved = true;
    await control.query(`DROP VIEW IF EXISTS ${BPN_VIEW}`);
    if (state === 'malformed') await control.query(`CREATE VIEW ${BPN_VIEW} AS ${MALFORMED_VIEW_BODY} ${ORIGINAL}`);
    if (state === 'slow') {
      const min = settings.delayMinMs / 1000;
      const spread = (settings.delayMaxMs - settings.delayMinMs) / 1000;
      // An uncorrelated scalar subquery is an InitPlan: evaluated once per reference to the view,
      // not per row. A statement that reads the view twice (Satu's does: holders and co-holders)
      // must still wait once, so the first reference marks the statement in a session setting.
      await control.query(
        `CREATE VIEW ${BPN_VIEW} AS SELECT * FROM ${ORIGINAL}
          WHERE (SELECT CASE WHEN current_setting('satu_simulator.slept_at', true) = statement_timestamp()::text THEN ''
                        ELSE set_config('satu_simulator.slept_at', statement_timestamp()::text, false) || pg_sleep(${min} + random() * ${spread})::text END) IS NOT NULL`,
      );
    }
  };

  return {
    url: withSearchPath(databaseUrl, schema),
    apply: async (settings) => {
      if (locked) await control.query('ROLLBACK');
      locked = false;
      await control.query(`SET search_path TO ${schema}`);
      const state = viewStateOf(settings, true);
      await setView(state, settings);
      if (settings.hangRate > 0) {
        // Locking a view locks what it reads too (PostgreSQL 11+); lock the one readers open first.
        await control.query(`BEGIN; LOCK TABLE ${state === 'offline' ? ORIGINAL : BPN_VIEW} IN ACCESS EXCLUSIVE MODE`);
        locked = true;
      }
    },
    execute: async (statements) => {
      await control.query(`SET search_path TO ${schema}`);
      await control.query(statements);
    },
    stop: async () => {
      try {
        if (locked) await control.query('ROLLBACK');
        // The database is down when the simulator is: the schema goes, readers get "relation does not exist".
        await dropPostgresSchema(control, schema);
      } finally {
        await control.end().catch(() => undefined);
      }
    },
  };
}
