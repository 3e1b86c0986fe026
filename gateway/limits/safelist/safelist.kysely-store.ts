import type { Kysely } from 'kysely';
import { migrateSafelist } from './safelist-migrations';
import { assertRegistrable, type PersistedOperation, type SafelistStore } from './safelist.store';

export interface PersistedOperationsTable {
  hash: string;
  query: string;
  registered_at: string;
  registered_by: string | null;
}

export interface SafelistTables {
  persisted_operations: PersistedOperationsTable;
}

/** The safelist in the gateway's database (SQLite or PostgreSQL, through kysely: no dialect code). */
export class KyselySafelistStore implements SafelistStore {
  constructor(
    private readonly db: Kysely<SafelistTables>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async get(hash: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('persisted_operations').select('query').where('hash', '=', hash).executeTakeFirst();
    return row?.query;
  }

  async register(hash: string, query: string, registeredBy: string | null): Promise<void> {
    assertRegistrable(hash, query);
    // Two gateways registering the same operation at once: the primary key keeps one row, and
    // since the hash fixes the text, the other's row would have been identical.
    await this.db
      .insertInto('persisted_operations')
      .values({ hash, query, registered_at: this.now().toISOString(), registered_by: registeredBy })
      .onConflict((conflict) => conflict.column('hash').doNothing())
      .execute();
  }

  async list(): Promise<PersistedOperation[]> {
    const rows = await this.db.selectFrom('persisted_operations').selectAll().orderBy('registered_at').orderBy('hash').execute();
    return rows.map((row) => ({ hash: row.hash, query: row.query, registeredAt: row.registered_at, registeredBy: row.registered_by }));
  }
}

/** Migrates the safelist's table into `db` (the gateway's database) and returns the store. */
export async function openSafelistStore<DB>(db: Kysely<DB>, now?: () => Date): Promise<KyselySafelistStore> {
  // The gateway's database has other tables too; this store only ever touches its own.
  await migrateSafelist(db as unknown as Kysely<unknown>);
  return new KyselySafelistStore(db as unknown as Kysely<SafelistTables>, now);
}
