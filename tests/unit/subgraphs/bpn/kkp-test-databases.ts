import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Client } from 'pg';
import { withSearchPath } from '../../../../subgraphs/bpn/bpn-location';
import { connectPostgres, dropPostgresSchema, loadDumpIntoPostgres, loadDumpIntoSqlite } from '../../../../subgraphs/bpn/legacy/kkp-database.store';

/** CI starts PostgreSQL here (trust auth); SATU_TEST_POSTGRES_URL points elsewhere. */
export const POSTGRES_URL = process.env.SATU_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Connects as the tests' DBA. PostgreSQL is required, not optional: when it is not reachable the
 * tests fail with this message rather than skip (CI starts it).
 */
export async function requirePostgres(): Promise<Client> {
  try {
    return await connectPostgres(POSTGRES_URL, 3000);
  } catch (error) {
    throw new Error(
      `PostgreSQL is required by the bpn tests and is not reachable at ${POSTGRES_URL} (${(error as Error).message}). ` +
        'Start PostgreSQL (CI does), or set SATU_TEST_POSTGRES_URL to a server where this user may create schemas.',
    );
  }
}

/** A schema name no other test run uses: bpn_test_<pid>_<random>. */
export function uniqueSchema(): string {
  return `bpn_test_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** Databases of one dialect for a test file: create from a dump, act on them as the DBA, clean up. */
export interface KkpTestDatabases {
  readonly dialect: 'sqlite' | 'postgres';
  /** Loads `dump` into a fresh database (it need not create the view); returns its legacyLocation. */
  create(dump: string): Promise<string>;
  /** Runs statements on a database made by create(). */
  execute(location: string, statements: string): Promise<void>;
  /** A location where no database answers. */
  unreachable(): string;
  /**
   * Makes queries on the database outlast any deadline, until `release`: SQLite by holding an
   * exclusive lock (readers wait their busy timeout); PostgreSQL by a test-only view that sleeps
   * (pg_sleep) so statement_timeout cancels it.
   */
  stall(location: string): Promise<() => Promise<void>>;
  cleanup(): Promise<void>;
}

export function sqliteDatabases(): KkpTestDatabases {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'bpn-kkp-'));
  let counter = 0;
  return {
    dialect: 'sqlite',
    create: async (dump) => {
      counter += 1;
      const file = path.join(directory, `kkp-${counter}.sqlite`);
      loadDumpIntoSqlite(file, dump, { requireView: false });
      return file;
    },
    execute: async (location, statements) => {
      const db = new Database(location);
      try {
        db.exec(statements);
      } finally {
        db.close();
      }
    },
    unreachable: () => path.join(directory, 'no-such-database.sqlite'),
    stall: async (location) => {
      const db = new Database(location);
      db.exec('BEGIN EXCLUSIVE');
      return async () => {
        db.exec('ROLLBACK');
        db.close();
      };
    },
    cleanup: async () => fs.rmSync(directory, { recursive: true, force: true }),
  };
}

export function postgresDatabases(): KkpTestDatabases {
  let admin: Client | null = null;
  const schemas = new Map<string, string>();
  const connection = async (): Promise<Client> => (admin ??= await requirePostgres());
  const schemaOf = (location: string): string => {
    const schema = schemas.get(location);
    if (!schema) throw new Error(`not a database of this test: ${location}`);
    return schema;
  };
  return {
    dialect: 'postgres',
    create: async (dump) => {
      const client = await connection();
      const schema = uniqueSchema();
      await loadDumpIntoPostgres(client, schema, dump, { requireView: false });
      const location = withSearchPath(POSTGRES_URL, schema);
      schemas.set(location, schema);
      return location;
    },
    execute: async (location, statements) => {
      const client = await connection();
      await client.query(`SET search_path TO ${schemaOf(location)}`);
      await client.query(statements);
    },
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    unreachable: () => 'postgres://postgres@127.0.0.1:1/test',
    stall: async (location) => {
      const client = await connection();
      const schema = schemaOf(location);
      await client.query(
        `SET search_path TO ${schema};
         ALTER VIEW v_bidang_tanah_pemilik RENAME TO v_bidang_tanah_pemilik_asli;
         CREATE VIEW v_bidang_tanah_pemilik AS SELECT * FROM v_bidang_tanah_pemilik_asli WHERE (SELECT pg_sleep(30)::text) IS NOT NULL`,
      );
      return async () => {
        await client.query(
          `SET search_path TO ${schema};
           DROP VIEW v_bidang_tanah_pemilik;
           ALTER VIEW v_bidang_tanah_pemilik_asli RENAME TO v_bidang_tanah_pemilik`,
        );
      };
    },
    cleanup: async () => {
      if (!admin) return;
      for (const schema of schemas.values()) await dropPostgresSchema(admin, schema);
      await admin.end();
      admin = null;
    },
  };
}

export const DIALECTS: ReadonlyArray<readonly [string, () => KkpTestDatabases]> = [
  ['SQLite', sqliteDatabases],
  ['PostgreSQL', postgresDatabases],
];
