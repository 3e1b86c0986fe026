import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Migration, type MigrationProvider } from 'kysely';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Pool } from 'pg';
import { GATEWAY_MIGRATIONS } from './migrations';
import type { GatewayTables } from './tables';

export type GatewayDatabase = Kysely<GatewayTables>;

export class DatabaseLocationError extends Error {}

/** `postgres://...` or `postgresql://...` for PostgreSQL; anything else is a SQLite file path (":memory:" too). */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location);
}

/**
 * The gateway's own database (synchronization requests, identity observations): SQLite by
 * default, PostgreSQL when given a URL, behind one query builder (kysely) so no code knows the
 * dialect. Migrations run on open.
 */
export async function openGatewayDatabase(location: string): Promise<GatewayDatabase> {
  if (location.trim() === '') throw new DatabaseLocationError('the gateway database location is empty: give a SQLite file path or a postgres:// URL');
  let dialect;
  if (isPostgresUrl(location)) {
    dialect = new PostgresDialect({ pool: new Pool({ connectionString: location, max: 5, connectionTimeoutMillis: 5000 }) });
  } else {
    if (location !== ':memory:') mkdirSync(path.dirname(path.resolve(location)), { recursive: true });
    const sqlite = new Database(location);
    // WAL lets readers go on while a check is being recorded.
    if (location !== ':memory:') sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    dialect = new SqliteDialect({ database: sqlite });
  }
  const db = new Kysely<GatewayTables>({ dialect });
  const provider: MigrationProvider = { getMigrations: async () => GATEWAY_MIGRATIONS as Record<string, Migration> };
  const { error, results } = await new Migrator({ db, provider, migrationTableName: 'satu_gateway_migrations', migrationLockTableName: 'satu_gateway_migrations_lock' }).migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    throw new Error(`gateway database migration ${failed ?? ''} failed: ${(error as Error).message}`);
  }
  return db;
}
