import { LegacyError, type AgencyFailureCode } from '../kit/errors';
import { AGENCY } from './bpn.system';

/**
 * Driver failures -> LegacyError codes, for both dialects. The view is the whole legacy
 * interface, so "the view is not there" is the agency being unavailable (a DBA took it down, or
 * we point at the wrong database), and "the view has other columns" is an answer we cannot read.
 */

/** SQLSTATE classes and codes from PostgreSQL (Appendix A of its manual). */
const POSTGRES_CODES: ReadonlyArray<[RegExp, AgencyFailureCode, string]> = [
  [/^57014$/, 'AGENCY_TIMEOUT', 'statement timeout (query canceled)'],
  [/^55P03$/, 'AGENCY_TIMEOUT', 'lock not available'],
  [/^42P01$/, 'AGENCY_UNAVAILABLE', 'the view does not exist in this database or search_path'],
  [/^3F000$/, 'AGENCY_UNAVAILABLE', 'the schema does not exist'],
  [/^42501$/, 'AGENCY_UNAVAILABLE', 'permission denied (grant SELECT on the view to our user)'],
  [/^42703$/, 'AGENCY_BAD_RESPONSE', 'the view lacks a column Satu reads'],
  [/^(22|42)/, 'AGENCY_BAD_RESPONSE', 'the view does not have the shape Satu reads'],
  [/^(08|28|3D|53|57|58|XX)/, 'AGENCY_UNAVAILABLE', 'the database refused or lost the connection'],
];

/** better-sqlite3's SqliteError codes (SQLITE_* result codes, extended ones included). */
function sqliteCode(code: string, message: string): [AgencyFailureCode, string] {
  // Another connection holds a lock for longer than our busy timeout (= the legacy deadline).
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) return ['AGENCY_TIMEOUT', 'the database stayed locked past the deadline'];
  if (code === 'SQLITE_ERROR' && /no such (table|view)/i.test(message)) return ['AGENCY_UNAVAILABLE', 'the view does not exist in this database'];
  if (code === 'SQLITE_ERROR' && /no such column/i.test(message)) return ['AGENCY_BAD_RESPONSE', 'the view lacks a column Satu reads'];
  if (code === 'SQLITE_ERROR' || code === 'SQLITE_MISMATCH' || code === 'SQLITE_RANGE') return ['AGENCY_BAD_RESPONSE', 'the view does not have the shape Satu reads'];
  return ['AGENCY_UNAVAILABLE', 'the database file cannot be opened or read'];
}

const NETWORK_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ENOENT']);

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  // Node gives an AggregateError when every address of a host name refused.
  const errors = (error as { errors?: unknown }).errors;
  return Array.isArray(errors) ? codeOf(errors[0]) : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Any failure of a query (connect, run, read) -> the LegacyError the resolver turns into a field error. */
export function toBpnLegacyError(error: unknown, timeoutMs: number): LegacyError {
  if (error instanceof LegacyError) return error;
  const code = codeOf(error);
  const message = messageOf(error);
  const make = (failure: AgencyFailureCode, why: string): LegacyError =>
    new LegacyError(failure, AGENCY, `KKP view: ${why} (${code ?? 'no code'}: ${message})`, { cause: error });

  if (code?.startsWith('SQLITE_')) {
    const [failure, why] = sqliteCode(code, message);
    return make(failure, why);
  }
  if (code !== undefined && /^[0-9A-Z]{5}$/.test(code)) {
    for (const [pattern, failure, why] of POSTGRES_CODES) if (pattern.test(code)) return make(failure, why);
    return make('AGENCY_UNAVAILABLE', 'the database failed');
  }
  if (code === 'ETIMEDOUT') return make('AGENCY_TIMEOUT', `no connection within ${timeoutMs} ms`);
  if (code !== undefined && NETWORK_UNAVAILABLE.has(code)) return make('AGENCY_UNAVAILABLE', 'cannot reach the database');
  // node-postgres / pg-pool say it in words when connecting takes longer than connectionTimeoutMillis.
  if (/timeout exceeded when trying to connect|connection timeout|Query read timeout/i.test(message)) {
    return make('AGENCY_TIMEOUT', `no connection within ${timeoutMs} ms`);
  }
  return make('AGENCY_UNAVAILABLE', 'the database call failed');
}
