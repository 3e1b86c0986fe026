import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { currentPostgresSchema, isPostgres } from './dialect';
import { GENESIS_HASH } from './ledger-entry';
import { ACCESS_CHAIN } from './ledger-tables';

/** Bookkeeping apart from the gateway store's and the registry's, so the three can share one database. */
export const LEDGER_MIGRATION_TABLE = 'satu_audit_migrations';
export const LEDGER_MIGRATION_LOCK_TABLE = 'satu_audit_migrations_lock';

/** Ledger migrations in order (names sort lexically). Only the kysely builders: no dialect code. */
export const LEDGER_MIGRATIONS: Record<string, Migration> = {
  '2026-12-05-001-access-ledger': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('audit_ledger_entries')
        // The primary key is what makes a fork impossible even if the head lock were bypassed:
        // two entries can never share a sequence.
        .addColumn('sequence', 'bigint', (column) => column.primaryKey())
        .addColumn('format_version', 'integer', (column) => column.notNull())
        .addColumn('entry_time', 'varchar(32)', (column) => column.notNull())
        .addColumn('request_id', 'varchar(256)', (column) => column.notNull())
        .addColumn('trace_id', 'varchar(256)')
        .addColumn('client_id', 'varchar(256)', (column) => column.notNull())
        .addColumn('role', 'varchar(256)', (column) => column.notNull())
        .addColumn('purpose', 'varchar(256)')
        .addColumn('operation_name', 'varchar(256)')
        .addColumn('operation_hash', 'varchar(64)', (column) => column.notNull())
        .addColumn('argument_niks', 'text', (column) => column.notNull())
        .addColumn('answer_niks', 'text', (column) => column.notNull())
        .addColumn('coordinates', 'text', (column) => column.notNull())
        .addColumn('agencies', 'text', (column) => column.notNull())
        .addColumn('outcome', 'varchar(16)', (column) => column.notNull())
        .addColumn('error_codes', 'text', (column) => column.notNull())
        .addColumn('latency_ms', 'integer', (column) => column.notNull())
        .addColumn('previous_hash', 'varchar(64)', (column) => column.notNull())
        .addColumn('hash', 'varchar(64)', (column) => column.notNull())
        .execute();
      await db.schema
        .createTable('audit_ledger_head')
        .addColumn('chain', 'varchar(32)', (column) => column.primaryKey())
        .addColumn('sequence', 'bigint', (column) => column.notNull())
        .addColumn('hash', 'varchar(64)', (column) => column.notNull())
        .addColumn('checkpoint_sequence', 'bigint', (column) => column.notNull())
        .addColumn('checkpoint_at', 'varchar(32)')
        .addColumn('updated_at', 'varchar(32)', (column) => column.notNull())
        .execute();
      // checkpoint_at starts at the ledger's creation, so "T seconds since the last checkpoint" has a start.
      const createdAt = new Date().toISOString();
      await (db as Kysely<{ audit_ledger_head: Record<string, unknown> }>)
        .insertInto('audit_ledger_head')
        .values({ chain: ACCESS_CHAIN, sequence: 0, hash: GENESIS_HASH, checkpoint_sequence: 0, checkpoint_at: createdAt, updated_at: createdAt })
        .execute();
      await db.schema
        .createTable('audit_ledger_checkpoints')
        .addColumn('up_to_sequence', 'bigint', (column) => column.primaryKey())
        .addColumn('head_hash', 'varchar(64)', (column) => column.notNull())
        .addColumn('created_at', 'varchar(32)', (column) => column.notNull())
        .addColumn('key_id', 'varchar(64)', (column) => column.notNull())
        .addColumn('signature', 'text', (column) => column.notNull())
        .execute();
      await db.schema
        .createTable('audit_ledger_niks')
        .addColumn('nik', 'varchar(16)', (column) => column.notNull())
        .addColumn('sequence', 'bigint', (column) => column.notNull())
        .addColumn('in_arguments', 'integer', (column) => column.notNull())
        .addColumn('in_answer', 'integer', (column) => column.notNull())
        .addPrimaryKeyConstraint('audit_ledger_niks_pk', ['nik', 'sequence'])
        .execute();
      // Field usage is kept per hour, not per read: a citizen query resolves dozens of fields, and
      // a row per field per operation would outgrow the chain itself many times over.
      await db.schema
        .createTable('audit_ledger_field_usage')
        .addColumn('coordinate', 'varchar(256)', (column) => column.notNull())
        .addColumn('client_id', 'varchar(256)', (column) => column.notNull())
        .addColumn('operation_hash', 'varchar(64)', (column) => column.notNull())
        .addColumn('hour', 'varchar(13)', (column) => column.notNull())
        .addColumn('count', 'integer', (column) => column.notNull())
        .addColumn('last_at', 'varchar(32)', (column) => column.notNull())
        .addPrimaryKeyConstraint('audit_ledger_field_usage_pk', ['coordinate', 'client_id', 'operation_hash', 'hour'])
        .execute();
      // The registry's usage check asks "everything since a time".
      await db.schema.createIndex('audit_ledger_field_usage_by_hour').on('audit_ledger_field_usage').column('hour').execute();
    },
  },
};

/** Creates or brings up to date the ledger's tables on any kysely database (the gateway's, or one of its own). */
export async function migrateLedger(db: Kysely<any>): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => LEDGER_MIGRATIONS };
  // kysely looks for its bookkeeping tables in every schema unless told which: on a PostgreSQL
  // holding several Satu schemas (tests, tenants) it would find another schema's and skip its own.
  const migrationTableSchema = isPostgres(db) ? await currentPostgresSchema(db) : undefined;
  const { error, results } = await new Migrator({
    db,
    provider,
    migrationTableName: LEDGER_MIGRATION_TABLE,
    migrationLockTableName: LEDGER_MIGRATION_LOCK_TABLE,
    migrationTableSchema,
  }).migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    throw new Error(`access ledger migration ${failed ?? ''} failed: ${(error as Error).message}`);
  }
}
