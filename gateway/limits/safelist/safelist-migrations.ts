import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/** Bookkeeping apart from the gateway store's, the registry's and the ledger's, so all can share one database. */
export const SAFELIST_MIGRATION_TABLE = 'satu_safelist_migrations';
export const SAFELIST_MIGRATION_LOCK_TABLE = 'satu_safelist_migrations_lock';

/** Safelist migrations in order (names sort lexically). Only the kysely builders: no dialect code. */
export const SAFELIST_MIGRATIONS: Record<string, Migration> = {
  '2026-12-06-001-persisted-operations': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('persisted_operations')
        .addColumn('hash', 'varchar(64)', (column) => column.primaryKey())
        .addColumn('query', 'text', (column) => column.notNull())
        .addColumn('registered_at', 'varchar(32)', (column) => column.notNull())
        .addColumn('registered_by', 'varchar(256)')
        .execute();
    },
  },
};

/** Creates or updates the safelist's table in a database the gateway already has open. */
export async function migrateSafelist(db: Kysely<unknown>): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => SAFELIST_MIGRATIONS };
  const { error, results } = await new Migrator({ db, provider, migrationTableName: SAFELIST_MIGRATION_TABLE, migrationLockTableName: SAFELIST_MIGRATION_LOCK_TABLE }).migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    throw new Error(`safelist migration ${failed ?? ''} failed: ${(error as Error).message}`);
  }
}
