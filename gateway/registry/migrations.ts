import type { Kysely, Migration } from 'kysely';

/** Registry migrations in order (names sort lexically). Only the kysely schema builder: no dialect code. */
export const REGISTRY_MIGRATIONS: Record<string, Migration> = {
  '2026-12-01-001-schema-registry': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('registry_agencies')
        .addColumn('name', 'varchar(64)', (column) => column.primaryKey())
        .addColumn('title', 'text', (column) => column.notNull())
        .addColumn('contact', 'text')
        .addColumn('legal_basis', 'text')
        .addColumn('created_at', 'varchar(32)', (column) => column.notNull())
        .execute();
      await db.schema
        .createTable('registry_subgraphs')
        .addColumn('name', 'varchar(64)', (column) => column.primaryKey())
        .addColumn('agency', 'varchar(64)', (column) => column.notNull().references('registry_agencies.name'))
        .addColumn('url', 'text', (column) => column.notNull())
        .addColumn('created_at', 'varchar(32)', (column) => column.notNull())
        .execute();
      await db.schema
        .createTable('registry_subgraph_versions')
        .addColumn('id', 'varchar(36)', (column) => column.primaryKey())
        .addColumn('subgraph', 'varchar(64)', (column) => column.notNull().references('registry_subgraphs.name'))
        .addColumn('sequence', 'integer', (column) => column.notNull())
        .addColumn('sdl', 'text', (column) => column.notNull())
        .addColumn('hash', 'varchar(64)', (column) => column.notNull())
        .addColumn('url', 'text', (column) => column.notNull())
        .addColumn('published_at', 'varchar(32)', (column) => column.notNull())
        .addColumn('publisher', 'text', (column) => column.notNull())
        .addColumn('check_results', 'text', (column) => column.notNull())
        .addColumn('override_reason', 'text')
        // Two publishes of one subgraph at the same moment both want "the next sequence": the
        // database lets exactly one have it.
        .addUniqueConstraint('registry_subgraph_versions_sequence', ['subgraph', 'sequence'])
        .execute();
      await db.schema
        .createTable('registry_supergraphs')
        .addColumn('id', 'varchar(36)', (column) => column.primaryKey())
        .addColumn('sequence', 'integer', (column) => column.notNull().unique())
        .addColumn('sdl', 'text', (column) => column.notNull())
        .addColumn('api_sdl', 'text', (column) => column.notNull())
        .addColumn('hash', 'varchar(64)', (column) => column.notNull())
        .addColumn('composed_at', 'varchar(32)', (column) => column.notNull())
        .execute();
      await db.schema
        .createTable('registry_supergraph_members')
        .addColumn('supergraph_id', 'varchar(36)', (column) => column.notNull().references('registry_supergraphs.id'))
        .addColumn('subgraph', 'varchar(64)', (column) => column.notNull())
        .addColumn('version_id', 'varchar(36)', (column) => column.notNull().references('registry_subgraph_versions.id'))
        .addPrimaryKeyConstraint('registry_supergraph_members_pk', ['supergraph_id', 'subgraph'])
        .execute();
      await db.schema
        .createTable('registry_changes')
        .addColumn('version_id', 'varchar(36)', (column) => column.notNull().references('registry_subgraph_versions.id'))
        .addColumn('position', 'integer', (column) => column.notNull())
        .addColumn('scope', 'varchar(16)', (column) => column.notNull())
        .addColumn('criticality', 'varchar(16)', (column) => column.notNull())
        .addColumn('change_type', 'varchar(64)', (column) => column.notNull())
        .addColumn('coordinate', 'text')
        .addColumn('message', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('registry_changes_pk', ['version_id', 'position'])
        .execute();
      await db.schema.createIndex('registry_changes_by_coordinate').on('registry_changes').column('coordinate').execute();
      await db.schema
        .createTable('registry_operation_usage')
        .addColumn('operation_hash', 'varchar(128)', (column) => column.notNull())
        .addColumn('coordinate', 'varchar(256)', (column) => column.notNull())
        .addColumn('client', 'varchar(128)', (column) => column.notNull())
        .addColumn('last_used_at', 'varchar(32)', (column) => column.notNull())
        .addColumn('count', 'integer', (column) => column.notNull())
        .addPrimaryKeyConstraint('registry_operation_usage_pk', ['operation_hash', 'coordinate', 'client'])
        .execute();
      await db.schema.createIndex('registry_operation_usage_by_time').on('registry_operation_usage').columns(['last_used_at', 'coordinate']).execute();
    },
  },
};
