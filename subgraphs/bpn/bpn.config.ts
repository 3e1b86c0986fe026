import { parseBpnLocation } from './bpn-location';
import { assertSchemaName, KkpDumpError } from './legacy/kkp-database.store';
import { DEFAULT_BPN_SCHEMA } from './legacy/bpn.simulator';

export class BpnConfigError extends Error {}

export interface BpnConfig {
  /** Simulator: load bpn.sql into this PostgreSQL database instead of a SQLite file. */
  simulatorDatabaseUrl?: string;
  /** Simulator: the schema it owns there. */
  simulatorSchema: string;
  /** Subgraph: most PostgreSQL connections at once. */
  poolSize: number;
}

/**
 * SATU_BPN_DATABASE_URL (postgres:// URL; unset = SQLite), SATU_BPN_DATABASE_SCHEMA (default
 * bpn_kkp), SATU_BPN_POOL_SIZE (default 4). Checked at start, one message per bad value.
 */
export function readBpnConfig(env: NodeJS.ProcessEnv = process.env): BpnConfig {
  const url = env.SATU_BPN_DATABASE_URL;
  if (url !== undefined && url.trim() !== '') {
    let dialect: string;
    try {
      dialect = parseBpnLocation(url).dialect;
    } catch (error) {
      throw new BpnConfigError(`SATU_BPN_DATABASE_URL: ${(error as Error).message}`);
    }
    if (dialect !== 'postgres') throw new BpnConfigError('SATU_BPN_DATABASE_URL must be a postgres:// or postgresql:// URL (unset it to use SQLite)');
  }
  const schema = env.SATU_BPN_DATABASE_SCHEMA?.trim() || DEFAULT_BPN_SCHEMA;
  try {
    assertSchemaName(schema);
  } catch (error) {
    if (error instanceof KkpDumpError) throw new BpnConfigError(`SATU_BPN_DATABASE_SCHEMA: ${error.message}`);
    throw error;
  }
  const rawPool = env.SATU_BPN_POOL_SIZE;
  const poolSize = rawPool === undefined || rawPool.trim() === '' ? 4 : Number(rawPool);
  if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 100) {
    throw new BpnConfigError(`SATU_BPN_POOL_SIZE must be a whole number 1-100, got "${rawPool}"`);
  }
  return { simulatorDatabaseUrl: url?.trim() || undefined, simulatorSchema: schema, poolSize };
}
