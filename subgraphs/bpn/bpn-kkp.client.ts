import fs from 'node:fs';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type InferResult, type LogEvent } from 'kysely';
import { Pool } from 'pg';
import type { Logger } from 'pino';
import { LegacyError } from '../kit/errors';
import { legacyRequestIdSqlComment } from '../kit/gateway-context';
import { createLogger } from '../kit/logger';
import { maskNik } from '../kit/nik';
import { describeBpnLocation, parseBpnLocation, type BpnLocation } from './bpn-location';
import { toBpnLegacyError } from './bpn-kkp.errors';
import { mapViewRows } from './bpn.mapper';
import { AGENCY, BPN_VIEW } from './bpn.system';
import { VIEW_COLUMNS, type BpnKkpDatabase, type ViewRow } from './bpn-view.columns';
import type { LandParcelRecord } from './land-parcel.records';

export interface BpnKkpClientOptions {
  /** The subgraph's legacyLocation: a SQLite file path or a postgres:// URL (bpn-location.ts). */
  location: string;
  /** Time allowed for one query: PostgreSQL's statement_timeout and connect timeout, SQLite's busy timeout, and our own deadline over all of it. */
  timeoutMs: number;
  /** Most PostgreSQL connections held at once. @default 4 */
  poolSize?: number;
  logger?: Logger;
}

/** What the loaders need from the adapter (tests pass fakes). */
export interface LandParcelSource {
  findParcels(niks: readonly string[]): Promise<ReadonlyMap<string, readonly LandParcelRecord[]>>;
}

/**
 * On PostgreSQL our own deadline comes this long after statement_timeout, so a slow query is
 * cancelled by the server (freeing its connection) and the deadline only catches what the server
 * cannot: a connection that hangs, a pool queue that does not move.
 */
export const POSTGRES_DEADLINE_GRACE_MS = 250;

interface OpenSqlite {
  db: Kysely<BpnKkpDatabase>;
  /** The file the connection was opened on; a replaced file has another inode. */
  dev: number;
  ino: number;
}

/**
 * The BPN adapter: reads KKP's reporting view `v_bidang_tanah_pemilik` and nothing else, with one
 * SELECT per DataLoader batch. The same code serves SQLite (the demo) and PostgreSQL (a land
 * office): kysely's SqliteDialect over better-sqlite3 or its PostgresDialect over a pg Pool.
 * Every failure is a LegacyError (bpn-kkp.errors.ts); values are read by bpn.mapper.ts.
 */
export class BpnKkpClient implements LandParcelSource {
  readonly location: BpnLocation;
  private readonly logger: Logger;
  private readonly postgres: Kysely<BpnKkpDatabase> | null = null;
  private sqlite: OpenSqlite | null = null;
  private readonly deadlineMs: number;
  private queries = 0;
  private closed = false;

  /** Throws BpnLocationError at once for a location that is neither a file path nor a PostgreSQL URL. */
  constructor(private readonly options: BpnKkpClientOptions) {
    this.location = parseBpnLocation(options.location);
    this.logger = options.logger ?? createLogger('bpn:kkp-client');
    this.deadlineMs = this.location.dialect === 'postgres' ? options.timeoutMs + POSTGRES_DEADLINE_GRACE_MS : options.timeoutMs;
    if (this.location.dialect === 'postgres') {
      const pool = new Pool({
        connectionString: this.location.url,
        max: options.poolSize ?? 4,
        connectionTimeoutMillis: options.timeoutMs,
        // Sent at connection start-up: the server cancels any statement running longer (SQLSTATE 57014).
        statement_timeout: options.timeoutMs,
        idleTimeoutMillis: 30_000,
        application_name: 'satu-bpn',
        allowExitOnIdle: true,
      });
      // An idle pooled connection can be cut (server restart); without a listener that error would end the process.
      pool.on('error', (error) => this.logger.warn({ err: error.message }, 'idle PostgreSQL connection lost; the pool reconnects'));
      this.postgres = new Kysely<BpnKkpDatabase>({ dialect: new PostgresDialect({ pool }), log: (event) => this.onQuery(event) });
    }
    this.logger.info({ dialect: this.location.dialect, location: describeBpnLocation(this.location) }, 'BPN KKP view client ready');
  }

  get dialect(): BpnLocation['dialect'] {
    return this.location.dialect;
  }

  /** Queries sent to the database so far (counted by kysely's log hook): one per DataLoader batch. */
  get queryCount(): number {
    return this.queries;
  }

  /**
   * The parcels each NIK holds, with co-holders, in ONE query on the view:
   * every row of every certificate a NIK of the batch holds, so the other holders come along.
   * NIKs holding nothing are absent from the result.
   */
  async findParcels(niks: readonly string[]): Promise<ReadonlyMap<string, readonly LandParcelRecord[]>> {
    if (niks.length === 0) return new Map();
    if (this.closed) throw new LegacyError('AGENCY_UNAVAILABLE', AGENCY, 'the BPN client is closed');
    const keys = [...niks];
    // Read here, in the request's context: the land office's DBA sees the gateway's request id.
    const requestComment = legacyRequestIdSqlComment();
    const work = (async () => {
      const db = await this.database();
      const query = db
        .selectFrom(BPN_VIEW)
        .select(VIEW_COLUMNS)
        .where((eb) =>
          eb.or([
            eb('nik_pemilik', 'in', keys),
            eb('no_sertipikat', 'in', eb.selectFrom(`${BPN_VIEW} as dipegang`).select('dipegang.no_sertipikat').where('dipegang.nik_pemilik', 'in', keys)),
          ]),
        );
      const compiled = query.compile();
      return (await db.executeQuery<InferResult<typeof query>[number]>({ ...compiled, sql: `${requestComment}${compiled.sql}` })).rows;
    })();
    let rows: readonly ViewRow[];
    try {
      rows = await this.withinDeadline(work);
    } catch (error) {
      throw toBpnLegacyError(error, this.options.timeoutMs);
    }
    return mapViewRows(keys, rows, (nik, column, expected) =>
      this.logger.warn({ nik: maskNik(nik), column }, `KKP view value unreadable, expected ${expected}: null`),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    const sqlite = this.sqlite;
    this.sqlite = null;
    await Promise.allSettled([this.postgres?.destroy(), sqlite?.db.destroy()]);
  }

  private onQuery(event: LogEvent): void {
    this.queries += 1;
    if (event.level === 'error') {
      this.logger.debug({ ms: Math.round(event.queryDurationMillis), err: (event.error as Error | undefined)?.message }, 'KKP view query failed');
    } else {
      this.logger.debug({ ms: Math.round(event.queryDurationMillis) }, 'KKP view query');
    }
  }

  private async database(): Promise<Kysely<BpnKkpDatabase>> {
    if (this.postgres) return this.postgres;
    if (this.location.dialect !== 'sqlite') throw new Error('unreachable: no PostgreSQL pool for a PostgreSQL location');
    const file = this.location.file;
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(file);
    } catch (error) {
      throw new LegacyError('AGENCY_UNAVAILABLE', AGENCY, `the KKP database file ${file} cannot be reached (${(error as NodeJS.ErrnoException).code ?? 'error'})`, {
        cause: error,
      });
    }
    const open = this.sqlite;
    if (open && open.dev === stat.dev && open.ino === stat.ino) return open.db;
    // SQLite quirk: an open connection keeps reading the file it opened, even after the land
    // office publishes a new database by rename; reopen when the path points at another file.
    if (open) void open.db.destroy().catch(() => undefined);
    const db = new Kysely<BpnKkpDatabase>({
      dialect: new SqliteDialect({
        // Read-only, never create: Satu must not write to the land office's database. The busy
        // timeout is the deadline: better-sqlite3 is synchronous, so a locked file is waited for
        // inside the call and our timer cannot interrupt it.
        database: async () => new Database(file, { readonly: true, fileMustExist: true, timeout: this.options.timeoutMs }),
      }),
      log: (event) => this.onQuery(event),
    });
    this.sqlite = { db, dev: stat.dev, ino: stat.ino };
    return db;
  }

  /** The client-side deadline over connecting, queueing for a pooled connection and the query itself. */
  private async withinDeadline<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new LegacyError('AGENCY_TIMEOUT', AGENCY, `no answer from the KKP view within ${this.deadlineMs} ms`)),
        this.deadlineMs,
      );
    });
    // The query may still fail after the deadline won; that late failure must not go unhandled.
    work.catch(() => undefined);
    try {
      return await Promise.race([work, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }
}
