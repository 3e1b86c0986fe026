import { PostgresAdapter, sql, type Kysely } from 'kysely';

/** True on PostgreSQL: commits set lock and statement timeouts there (SQLite has its busy timeout). */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** The schema unqualified names resolve to on PostgreSQL (the first of search_path that exists). */
export async function currentPostgresSchema(db: Kysely<any>): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema) throw new Error('PostgreSQL has no current schema: the search_path names no schema that exists');
  return schema;
}
