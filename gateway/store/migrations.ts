import { sql, type Kysely, type Migration } from 'kysely';

/** Migrations in order; names sort lexically. Only the kysely schema builder: no dialect code. */
export const GATEWAY_MIGRATIONS: Record<string, Migration> = {
  '2026-11-28-001-identity-synchronization': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('sync_requests')
        .addColumn('id', 'varchar(36)', (column) => column.primaryKey())
        .addColumn('nik', 'varchar(16)', (column) => column.notNull())
        .addColumn('agency', 'varchar(64)', (column) => column.notNull())
        .addColumn('attribute', 'varchar(32)', (column) => column.notNull())
        .addColumn('registry_value', 'text')
        .addColumn('agency_value', 'text')
        .addColumn('reason', 'text', (column) => column.notNull())
        .addColumn('status', 'varchar(8)', (column) => column.notNull())
        .addColumn('opened_at', 'varchar(32)', (column) => column.notNull())
        .addColumn('updated_at', 'varchar(32)', (column) => column.notNull())
        .addColumn('closed_at', 'varchar(32)')
        .execute();
      // One open request per (citizen, agency, attribute), enforced by the database, so two
      // gateways recording the same check at once cannot open two.
      await db.schema
        .createIndex('sync_requests_one_open')
        .on('sync_requests')
        .columns(['nik', 'agency', 'attribute'])
        .unique()
        .where(sql.ref('status'), '=', 'OPEN')
        .execute();
      await db.schema.createIndex('sync_requests_by_agency').on('sync_requests').columns(['agency', 'status']).execute();
      await db.schema
        .createTable('identity_observations')
        .addColumn('nik', 'varchar(16)', (column) => column.notNull())
        .addColumn('agency', 'varchar(64)', (column) => column.notNull())
        .addColumn('attribute', 'varchar(32)', (column) => column.notNull())
        .addColumn('verdict', 'varchar(16)', (column) => column.notNull())
        .addColumn('checked_at', 'varchar(32)', (column) => column.notNull())
        .addColumn('version', 'integer', (column) => column.notNull().defaultTo(1))
        .addPrimaryKeyConstraint('identity_observations_pk', ['nik', 'agency', 'attribute'])
        .execute();
      await db.schema.createIndex('identity_observations_by_agency').on('identity_observations').columns(['agency', 'attribute']).execute();
    },
  },
};
