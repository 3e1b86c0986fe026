import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { BPN_VIEW } from '../bpn.system';

/**
 * Loading the land office's dump into a database, as its DBA would: the whole text, statement
 * after statement, with the drivers' own multi-statement calls (better-sqlite3 `exec`, a pg
 * simple query). This is the simulator's side; Satu's adapter only ever reads the view.
 */

export class KkpDumpError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KkpDumpError';
  }
}

/** A PostgreSQL schema name we create and drop ourselves: plain lower-case identifiers only. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertSchemaName(schema: string): void {
  if (!SCHEMA_NAME.test(schema)) {
    throw new KkpDumpError(`"${schema}" is not a usable schema name: lower-case letters, digits and _, starting with a letter or _, at most 63`);
  }
}

let temporaryCounter = 0;

/**
 * Builds a fresh SQLite database at `file` from the dump (which must create the view, unless
 * `requireView` is false: tests of a database without it): written under a temporary name in the
 * same directory and renamed into place, so a reader never opens a half-loaded file.
 */
export function loadDumpIntoSqlite(file: string, dump: string, options: { requireView?: boolean } = {}): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  temporaryCounter += 1;
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${temporaryCounter}.tmp`);
  fs.rmSync(temporary, { force: true });
  const db = new Database(temporary);
  try {
    db.exec(dump);
    const view = db.prepare("SELECT name FROM sqlite_master WHERE type = 'view' AND name = ?").get(BPN_VIEW);
    if (view === undefined && options.requireView !== false) throw new KkpDumpError(`the dump creates no view ${BPN_VIEW}, which is all Satu reads`);
  } catch (error) {
    db.close();
    fs.rmSync(temporary, { force: true });
    if (error instanceof KkpDumpError) throw error;
    throw new KkpDumpError(`the dump does not load into SQLite: ${(error as Error).message}`, { cause: error });
  }
  db.close();
  fs.renameSync(temporary, file);
}

/** Connects a pg Client, failing within `timeoutMs` with a message that names the cause. */
export async function connectPostgres(url: string, timeoutMs = 5000): Promise<Client> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, application_name: 'satu-bpn-simulator' });
  // A connection cut later (server restart) must not end the process; the next call fails instead.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new KkpDumpError(`cannot connect to PostgreSQL: ${(error as Error).message}`, { cause: error });
  }
  return client;
}

/** Drops and recreates `schema`, then loads the dump into it (search_path set to it for the load). */
export async function loadDumpIntoPostgres(client: Client, schema: string, dump: string, options: { requireView?: boolean } = {}): Promise<void> {
  assertSchemaName(schema);
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  try {
    await client.query(`SET search_path TO ${schema}`);
    await client.query(dump);
  } catch (error) {
    // A dump with its own BEGIN left the failed transaction open.
    await client.query('ROLLBACK').catch(() => undefined);
    throw new KkpDumpError(`the dump does not load into PostgreSQL: ${(error as Error).message}`, { cause: error });
  }
  const found = await client.query('SELECT 1 FROM information_schema.views WHERE table_schema = $1 AND table_name = $2', [schema, BPN_VIEW]);
  if (found.rowCount === 0 && options.requireView !== false) throw new KkpDumpError(`the dump creates no view ${BPN_VIEW}, which is all Satu reads`);
}

export async function dropPostgresSchema(client: Client, schema: string): Promise<void> {
  assertSchemaName(schema);
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
}
