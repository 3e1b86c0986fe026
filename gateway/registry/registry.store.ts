import Database from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Migration, type MigrationProvider, type Transaction } from 'kysely';
import { Pool } from 'pg';
import { isPostgresUrl } from '../store/database';
import { RegistryError, staleRegistryError } from './errors';
import { REGISTRY_MIGRATIONS } from './migrations';
import type { RegistryTables } from './tables';

export type RegistryDatabase = Kysely<RegistryTables>;

export interface AgencyRecord {
  name: string;
  title: string;
  contact: string | null;
  legalBasis: string | null;
}

export interface SubgraphRecord {
  name: string;
  agency: string;
  url: string;
}

export interface SubgraphVersion {
  id: string;
  subgraph: string;
  sequence: number;
  sdl: string;
  hash: string;
  url: string;
  publishedAt: string;
  publisher: string;
  /** The check result the publish was based on (parsed JSON). */
  checkResults: unknown;
  overrideReason: string | null;
}

export interface SupergraphRecord {
  id: string;
  sequence: number;
  sdl: string;
  apiSdl: string;
  hash: string;
  composedAt: string;
  /** subgraph name -> version id */
  members: Record<string, string>;
}

export type ChangeScope = 'SUBGRAPH' | 'API' | 'PRIVACY';
export type Criticality = 'BREAKING' | 'DANGEROUS' | 'SAFE';

export interface StoredChange {
  scope: ChangeScope;
  criticality: Criticality;
  changeType: string;
  coordinate: string | null;
  message: string;
}

/** A published version without its SDL and check results: what history listings need. */
export interface SubgraphVersionSummary {
  id: string;
  subgraph: string;
  sequence: number;
  hash: string;
  url: string;
  publishedAt: string;
  publisher: string;
  overrideReason: string | null;
}

/** A stored change together with the version that recorded it. */
export interface VersionedChange extends StoredChange {
  position: number;
  version: SubgraphVersionSummary;
}

/** The registry as one check sees it: every subgraph with its current version, and the current supergraph. */
export interface RegistrySnapshot {
  subgraphs: Array<SubgraphRecord & { version: SubgraphVersion | null }>;
  supergraph: SupergraphRecord | null;
}

export interface PublishRecord {
  subgraph: string;
  sdl: string;
  url: string;
  publisher: string;
  checkResults: unknown;
  overrideReason: string | null;
  /** The version the check compared with (null: the subgraph had none); anything else now is a lost race. */
  expectedPreviousVersionId: string | null;
  /** The supergraph the check composed against (null: none yet). */
  expectedSupergraphId: string | null;
  changes: readonly StoredChange[];
  supergraph: { sdl: string; apiSdl: string; members: Readonly<Record<string, string>> };
  at?: string;
}

export interface SeedInput {
  agencies: readonly AgencyRecord[];
  subgraphs: ReadonlyArray<SubgraphRecord & { sdl: string }>;
  supergraph: { sdl: string; apiSdl: string };
  publisher?: string;
  at?: string;
}

export interface UsageEntry {
  operationHash: string;
  coordinate: string;
  client: string;
  count?: number;
}

export interface CoordinateUsage {
  coordinate: string;
  count: number;
  clients: string[];
  lastUsedAt: string;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Opens the schema registry: SQLite by default (a file, WAL), PostgreSQL for a postgres:// URL
 * (`SATU_DATABASE_URL` by convention), behind kysely so no code knows the dialect. Migrations
 * run on open, with their own bookkeeping tables so the registry can share a database with the
 * gateway's store.
 */
export async function openRegistry(location: string): Promise<RegistryStore> {
  if (location.trim() === '') throw new RegistryError('UNAVAILABLE', 'the registry location is empty: give a SQLite file path or a postgres:// URL (SATU_DATABASE_URL)');
  let dialect;
  if (isPostgresUrl(location)) {
    dialect = new PostgresDialect({ pool: new Pool({ connectionString: location, max: 5, connectionTimeoutMillis: 5000 }) });
  } else {
    if (location !== ':memory:') mkdirSync(path.dirname(path.resolve(location)), { recursive: true });
    const sqlite = new Database(location);
    if (location !== ':memory:') sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    dialect = new SqliteDialect({ database: sqlite });
  }
  const db = new Kysely<RegistryTables>({ dialect });
  const provider: MigrationProvider = { getMigrations: async () => REGISTRY_MIGRATIONS as Record<string, Migration> };
  const { error, results } = await new Migrator({ db, provider, migrationTableName: 'satu_registry_migrations', migrationLockTableName: 'satu_registry_migrations_lock' }).migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    throw new RegistryError('UNAVAILABLE', `registry migration ${failed ?? ''} failed: ${(error as Error).message}`);
  }
  return new RegistryStore(db);
}

/** A unique-constraint violation (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_*) or SQLite's "busy": both mean another publish got there first. */
function isRaceLost(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT';
}

type Reader = Kysely<RegistryTables> | Transaction<RegistryTables>;

const VERSION_SUMMARY_COLUMNS = ['id', 'subgraph', 'sequence', 'hash', 'url', 'published_at', 'publisher', 'override_reason'] as const;

type VersionSummaryRow = Pick<RegistryTables['registry_subgraph_versions'], (typeof VERSION_SUMMARY_COLUMNS)[number]>;

function toVersionSummary(row: VersionSummaryRow): SubgraphVersionSummary {
  return {
    id: row.id,
    subgraph: row.subgraph,
    sequence: Number(row.sequence),
    hash: row.hash,
    url: row.url,
    publishedAt: row.published_at,
    publisher: row.publisher,
    overrideReason: row.override_reason,
  };
}

/** Splits a list for `IN (...)`: SQLite and PostgreSQL cap the number of bound parameters per statement. */
function chunks<T>(items: readonly T[], size = 500): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/** A LIKE pattern matching `prefix` literally followed by anything; `!` escapes `%`, `_` and itself (GraphQL names may hold `_`). */
function startsWithPattern(prefix: string): string {
  return `${prefix.replace(/[!%_]/g, (char) => `!${char}`)}%`;
}


function toVersion(row: RegistryTables['registry_subgraph_versions']): SubgraphVersion {
  return {
    id: row.id,
    subgraph: row.subgraph,
    sequence: Number(row.sequence),
    sdl: row.sdl,
    hash: row.hash,
    url: row.url,
    publishedAt: row.published_at,
    publisher: row.publisher,
    checkResults: JSON.parse(row.check_results) as unknown,
    overrideReason: row.override_reason,
  };
}

/**
 * Agencies, subgraphs, every published version, every composed supergraph, the change list
 * between versions and the operation usage the gateway records (issue 5, item 1).
 */
export class RegistryStore {
  constructor(readonly db: RegistryDatabase) {}

  async close(): Promise<void> {
    await this.db.destroy();
  }

  async upsertAgency(agency: AgencyRecord, at: string = new Date().toISOString()): Promise<void> {
    await this.db
      .insertInto('registry_agencies')
      .values({ name: agency.name, title: agency.title, contact: agency.contact, legal_basis: agency.legalBasis, created_at: at })
      .onConflict((conflict) => conflict.column('name').doUpdateSet({ title: agency.title, contact: agency.contact, legal_basis: agency.legalBasis }))
      .execute();
  }

  async agencies(): Promise<AgencyRecord[]> {
    const rows = await this.db.selectFrom('registry_agencies').selectAll().orderBy('name').execute();
    return rows.map((row) => ({ name: row.name, title: row.title, contact: row.contact, legalBasis: row.legal_basis }));
  }

  /** Registers a subgraph (no version yet); its agency must exist. */
  async registerSubgraph(subgraph: SubgraphRecord, at: string = new Date().toISOString()): Promise<void> {
    const agency = await this.db.selectFrom('registry_agencies').select('name').where('name', '=', subgraph.agency).executeTakeFirst();
    if (!agency) throw new RegistryError('BAD_INPUT', `agency ${JSON.stringify(subgraph.agency)} is not registered: register the agency first`);
    await this.db.insertInto('registry_subgraphs').values({ name: subgraph.name, agency: subgraph.agency, url: subgraph.url, created_at: at }).execute();
  }

  async subgraph(name: string): Promise<SubgraphRecord | undefined> {
    return this.db.selectFrom('registry_subgraphs').select(['name', 'agency', 'url']).where('name', '=', name).executeTakeFirst();
  }

  async subgraphs(): Promise<SubgraphRecord[]> {
    return this.db.selectFrom('registry_subgraphs').select(['name', 'agency', 'url']).orderBy('name').execute();
  }

  async currentVersion(subgraph: string, reader: Reader = this.db): Promise<SubgraphVersion | null> {
    const row = await reader.selectFrom('registry_subgraph_versions').selectAll().where('subgraph', '=', subgraph).orderBy('sequence', 'desc').limit(1).executeTakeFirst();
    return row ? toVersion(row) : null;
  }

  /** Every version of a subgraph, oldest first. */
  async versions(subgraph: string): Promise<SubgraphVersion[]> {
    const rows = await this.db.selectFrom('registry_subgraph_versions').selectAll().where('subgraph', '=', subgraph).orderBy('sequence').execute();
    return rows.map(toVersion);
  }

  async currentSupergraph(reader: Reader = this.db): Promise<SupergraphRecord | null> {
    const row = await reader.selectFrom('registry_supergraphs').selectAll().orderBy('sequence', 'desc').limit(1).executeTakeFirst();
    if (!row) return null;
    const members = await reader.selectFrom('registry_supergraph_members').select(['subgraph', 'version_id']).where('supergraph_id', '=', row.id).orderBy('subgraph').execute();
    return {
      id: row.id,
      sequence: Number(row.sequence),
      sdl: row.sdl,
      apiSdl: row.api_sdl,
      hash: row.hash,
      composedAt: row.composed_at,
      members: Object.fromEntries(members.map((member) => [member.subgraph, member.version_id])),
    };
  }

  async supergraphCount(): Promise<number> {
    const row = await this.db.selectFrom('registry_supergraphs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The current state read in one transaction, so a check never mixes two moments. */
  async snapshot(): Promise<RegistrySnapshot> {
    return this.db.transaction().execute(async (trx) => {
      const subgraphs = await trx.selectFrom('registry_subgraphs').select(['name', 'agency', 'url']).orderBy('name').execute();
      const withVersions = [];
      for (const subgraph of subgraphs) withVersions.push({ ...subgraph, version: await this.currentVersion(subgraph.name, trx) });
      return { subgraphs: withVersions, supergraph: await this.currentSupergraph(trx) };
    });
  }

  async changes(versionId: string): Promise<StoredChange[]> {
    const rows = await this.db.selectFrom('registry_changes').selectAll().where('version_id', '=', versionId).orderBy('position').execute();
    return rows.map((row) => ({ scope: row.scope as ChangeScope, criticality: row.criticality as Criticality, changeType: row.change_type, coordinate: row.coordinate, message: row.message }));
  }

  /**
   * Stores a checked version, its change list and the supergraph composed with it, in one
   * transaction. The publish was checked against `expectedPreviousVersionId` and
   * `expectedSupergraphId`; if either has moved on, or another publish takes the same next
   * sequence at the same moment (the unique constraints decide), nothing is stored and a STALE
   * error tells the caller to re-check.
   */
  async publish(record: PublishRecord): Promise<{ version: SubgraphVersion; supergraph: SupergraphRecord }> {
    const at = record.at ?? new Date().toISOString();
    try {
      return await this.db.transaction().execute(async (trx) => {
        const previous = await this.currentVersion(record.subgraph, trx);
        if ((previous?.id ?? null) !== record.expectedPreviousVersionId) {
          throw staleRegistryError(`${record.subgraph} is now at version ${previous?.sequence ?? 'none'}`);
        }
        const previousSupergraph = await trx.selectFrom('registry_supergraphs').select(['id', 'sequence']).orderBy('sequence', 'desc').limit(1).executeTakeFirst();
        if ((previousSupergraph?.id ?? null) !== record.expectedSupergraphId) {
          throw staleRegistryError(`the supergraph is now number ${previousSupergraph?.sequence ?? 'none'}`);
        }
        const versionRow = {
          id: randomUUID(),
          subgraph: record.subgraph,
          sequence: (previous?.sequence ?? 0) + 1,
          sdl: record.sdl,
          hash: sha256(record.sdl),
          url: record.url,
          published_at: at,
          publisher: record.publisher,
          check_results: JSON.stringify(record.checkResults),
          override_reason: record.overrideReason,
        };
        await trx.insertInto('registry_subgraph_versions').values(versionRow).execute();
        await trx.updateTable('registry_subgraphs').set({ url: record.url }).where('name', '=', record.subgraph).execute();
        let position = 0;
        for (const change of record.changes) {
          await trx
            .insertInto('registry_changes')
            .values({ version_id: versionRow.id, position: position++, scope: change.scope, criticality: change.criticality, change_type: change.changeType, coordinate: change.coordinate, message: change.message })
            .execute();
        }
        const members = { ...record.supergraph.members, [record.subgraph]: versionRow.id };
        const supergraph = await this.insertSupergraph(trx, (previousSupergraph ? Number(previousSupergraph.sequence) : 0) + 1, record.supergraph, members, at);
        return { version: toVersion(versionRow), supergraph };
      });
    } catch (error) {
      if (error instanceof RegistryError) throw error;
      if (isRaceLost(error)) throw staleRegistryError(`another publish got there first: ${(error as Error).message}`);
      throw error;
    }
  }

  private async insertSupergraph(
    trx: Transaction<RegistryTables>,
    sequence: number,
    supergraph: { sdl: string; apiSdl: string },
    members: Readonly<Record<string, string>>,
    at: string,
  ): Promise<SupergraphRecord> {
    const row = { id: randomUUID(), sequence, sdl: supergraph.sdl, api_sdl: supergraph.apiSdl, hash: sha256(supergraph.sdl), composed_at: at };
    await trx.insertInto('registry_supergraphs').values(row).execute();
    for (const [subgraph, versionId] of Object.entries(members)) {
      await trx.insertInto('registry_supergraph_members').values({ supergraph_id: row.id, subgraph, version_id: versionId }).execute();
    }
    return { id: row.id, sequence, sdl: row.sdl, apiSdl: row.api_sdl, hash: row.hash, composedAt: at, members: { ...members } };
  }

  /** True when nothing was ever published (a fresh registry that needs seeding). */
  async isEmpty(): Promise<boolean> {
    const row = await this.db.selectFrom('registry_subgraph_versions').select('id').limit(1).executeTakeFirst();
    return row === undefined;
  }

  /**
   * Registers a catalogue on a fresh registry: its agencies, its subgraphs each at version 1, and
   * its supergraph as supergraph 1, in one transaction. Does nothing (returns false) when the
   * registry already holds a version.
   */
  async seed(input: SeedInput): Promise<boolean> {
    const at = input.at ?? new Date().toISOString();
    const publisher = input.publisher ?? 'satu-seed (the catalogue in code)';
    try {
      return await this.db.transaction().execute(async (trx) => {
        const any = await trx.selectFrom('registry_subgraph_versions').select('id').limit(1).executeTakeFirst();
        if (any) return false;
        for (const agency of input.agencies) {
          await trx
            .insertInto('registry_agencies')
            .values({ name: agency.name, title: agency.title, contact: agency.contact, legal_basis: agency.legalBasis, created_at: at })
            .onConflict((conflict) => conflict.column('name').doNothing())
            .execute();
        }
        const members: Record<string, string> = {};
        for (const subgraph of input.subgraphs) {
          await trx
            .insertInto('registry_subgraphs')
            .values({ name: subgraph.name, agency: subgraph.agency, url: subgraph.url, created_at: at })
            .onConflict((conflict) => conflict.column('name').doNothing())
            .execute();
          const id = randomUUID();
          await trx
            .insertInto('registry_subgraph_versions')
            .values({ id, subgraph: subgraph.name, sequence: 1, sdl: subgraph.sdl, hash: sha256(subgraph.sdl), url: subgraph.url, published_at: at, publisher, check_results: JSON.stringify({ seeded: true }), override_reason: null })
            .execute();
          members[subgraph.name] = id;
        }
        await this.insertSupergraph(trx, 1, input.supergraph, members, at);
        return true;
      });
    } catch (error) {
      // Two processes seeding a fresh registry at once: the other one did it.
      if (isRaceLost(error)) return false;
      throw error;
    }
  }

  /** Adds operation usage (the gateway calls this, batched); counts add up per (operation, coordinate, client). */
  async recordUsage(entries: readonly UsageEntry[], at: string = new Date().toISOString()): Promise<void> {
    if (entries.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (const entry of entries) {
        await trx
          .insertInto('registry_operation_usage')
          .values({ operation_hash: entry.operationHash, coordinate: entry.coordinate, client: entry.client, last_used_at: at, count: entry.count ?? 1 })
          .onConflict((conflict) =>
            conflict.columns(['operation_hash', 'coordinate', 'client']).doUpdateSet((eb) => ({
              count: eb('registry_operation_usage.count', '+', eb.ref('excluded.count')),
              last_used_at: eb.ref('excluded.last_used_at'),
            })),
          )
          .execute();
      }
    });
  }

  /** Field coordinates used since `sinceIso`, with how often and by which clients. */
  async usageSince(sinceIso: string): Promise<Map<string, CoordinateUsage>> {
    const rows = await this.db
      .selectFrom('registry_operation_usage')
      .select((eb) => ['coordinate', 'client', eb.fn.sum<number>('count').as('count'), eb.fn.max('last_used_at').as('last_used_at')])
      .where('last_used_at', '>=', sinceIso)
      .groupBy(['coordinate', 'client'])
      .orderBy('coordinate')
      .orderBy('client')
      .execute();
    const usage = new Map<string, CoordinateUsage>();
    for (const row of rows) {
      const entry = usage.get(row.coordinate) ?? { coordinate: row.coordinate, count: 0, clients: [], lastUsedAt: '' };
      entry.count += Number(row.count);
      entry.clients.push(row.client);
      if (row.last_used_at > entry.lastUsedAt) entry.lastUsedAt = row.last_used_at;
      usage.set(row.coordinate, entry);
    }
    return usage;
  }

  // Reads for schema lineage (gateway/lineage). Each is one query (or one per 500 names), never
  // one per version, so a lineage answer stays quick with 100 subgraphs and long histories; SDLs
  // are fetched apart, by hash, because a reader usually has most of them parsed already.

  /** Versions without SDL or check results, by subgraph then sequence; every subgraph's when `subgraphs` is omitted. */
  async versionSummaries(subgraphs?: readonly string[]): Promise<SubgraphVersionSummary[]> {
    const query = this.db.selectFrom('registry_subgraph_versions').select(VERSION_SUMMARY_COLUMNS).orderBy('subgraph').orderBy('sequence');
    if (subgraphs === undefined) return (await query.execute()).map(toVersionSummary);
    const rows: VersionSummaryRow[] = [];
    for (const part of chunks([...new Set(subgraphs)])) rows.push(...(await query.where('subgraph', 'in', part).execute()));
    return rows.map(toVersionSummary).sort((a, b) => (a.subgraph === b.subgraph ? a.sequence - b.sequence : a.subgraph < b.subgraph ? -1 : 1));
  }

  /** The versions with these ids (unknown ids are left out), without SDL. */
  async versionSummariesById(ids: readonly string[]): Promise<SubgraphVersionSummary[]> {
    const rows: VersionSummaryRow[] = [];
    for (const part of chunks([...new Set(ids)])) {
      rows.push(...(await this.db.selectFrom('registry_subgraph_versions').select(VERSION_SUMMARY_COLUMNS).where('id', 'in', part).execute()));
    }
    return rows.map(toVersionSummary);
  }

  /** The SDL published under each of these hashes (hashes nobody published are left out). */
  async sdlsByHash(hashes: readonly string[]): Promise<Map<string, string>> {
    const sdls = new Map<string, string>();
    for (const part of chunks([...new Set(hashes)])) {
      // The same SDL published twice (a URL move) has one hash: read it once.
      const rows = await this.db.selectFrom('registry_subgraph_versions').select(['hash', 'sdl']).where('hash', 'in', part).distinct().execute();
      for (const row of rows) sdls.set(row.hash, row.sdl);
    }
    return sdls;
  }

  /** Every change recorded with the versions of `subgraph`: oldest version first, each version's changes in recorded order. */
  async changesOfSubgraph(subgraph: string): Promise<VersionedChange[]> {
    const rows = await this.changeRows().where('v.subgraph', '=', subgraph).orderBy('v.sequence').orderBy('c.position').execute();
    return rows.map(toVersionedChange);
  }

  /**
   * Changes, of any subgraph, whose coordinate is one of `exact` or lies under one of `under`
   * (`Citizen.passports` covers `Citizen.passports.filter` and `Citizen.passports.@personalData`);
   * oldest first.
   */
  async changesAtCoordinates(exact: readonly string[], under: readonly string[] = []): Promise<VersionedChange[]> {
    if (exact.length === 0 && under.length === 0) return [];
    const rows = await this.changeRows()
      .where((eb) =>
        eb.or([
          ...(exact.length > 0 ? [eb('c.coordinate', 'in', [...exact])] : []),
          ...under.map((prefix) => sql<boolean>`${eb.ref('c.coordinate')} like ${startsWithPattern(`${prefix}.`)} escape '!'`),
        ]),
      )
      .orderBy('v.published_at')
      .orderBy('v.subgraph')
      .orderBy('v.sequence')
      .orderBy('c.position')
      .execute();
    return rows.map(toVersionedChange);
  }

  /** The newest supergraph whose SDL hash is one of `hashes`, with its members; null when there is none. */
  async supergraphByHash(hashes: readonly string[]): Promise<SupergraphRecord | null> {
    if (hashes.length === 0) return null;
    const row = await this.db.selectFrom('registry_supergraphs').selectAll().where('hash', 'in', [...hashes]).orderBy('sequence', 'desc').limit(1).executeTakeFirst();
    if (!row) return null;
    const members = await this.db.selectFrom('registry_supergraph_members').select(['subgraph', 'version_id']).where('supergraph_id', '=', row.id).orderBy('subgraph').execute();
    return {
      id: row.id,
      sequence: Number(row.sequence),
      sdl: row.sdl,
      apiSdl: row.api_sdl,
      hash: row.hash,
      composedAt: row.composed_at,
      members: Object.fromEntries(members.map((member) => [member.subgraph, member.version_id])),
    };
  }

  private changeRows() {
    return this.db
      .selectFrom('registry_changes as c')
      .innerJoin('registry_subgraph_versions as v', 'v.id', 'c.version_id')
      .select(['c.position', 'c.scope', 'c.criticality', 'c.change_type', 'c.coordinate', 'c.message', 'v.id', 'v.subgraph', 'v.sequence', 'v.hash', 'v.url', 'v.published_at', 'v.publisher', 'v.override_reason']);
  }
}

function toVersionedChange(row: VersionSummaryRow & Omit<RegistryTables['registry_changes'], 'version_id'>): VersionedChange {
  return {
    scope: row.scope as ChangeScope,
    criticality: row.criticality as Criticality,
    changeType: row.change_type,
    coordinate: row.coordinate,
    message: row.message,
    position: Number(row.position),
    version: toVersionSummary(row),
  };
}
