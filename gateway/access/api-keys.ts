import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError } from '../config';
import { ROLES, isRole, type Caller, type Role } from './caller';

/**
 * API keys for consumers that cannot hold a token issuer (a counter kiosk, a batch job). The key
 * file (SATU_API_KEYS_FILE) maps the SHA-256 (hex) of each key to who holds it; the keys
 * themselves are never stored:
 *
 *   { "9f86d0...0f00a08": { "clientId": "kiosk-01", "role": "frontend", "scopes": ["identity:read"], "agency": null } }
 */
export interface ApiKeyHolder {
  clientId: string;
  role: Role;
  scopes: readonly string[];
  agency: string | null;
}

export interface ApiKeyEntry {
  hash: Buffer;
  holder: ApiKeyHolder;
}

export type ApiKeyTable = readonly ApiKeyEntry[];

/** A bound on what we hash per request; real keys are ~40 characters. */
export const MAX_API_KEY_CHARS = 512;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

function holderFrom(value: unknown, where: string): ApiKeyHolder {
  const entry = value as Partial<Record<keyof ApiKeyHolder, unknown>> | null;
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new ConfigError([`${where} must be an object { "clientId", "role", "scopes", "agency" }`]);
  if (typeof entry.clientId !== 'string' || entry.clientId.trim() === '') throw new ConfigError([`${where}: "clientId" must be a non-empty string`]);
  if (!isRole(entry.role)) throw new ConfigError([`${where}: "role" must be one of ${ROLES.join(', ')}`]);
  if (!Array.isArray(entry.scopes) || !entry.scopes.every((scope) => typeof scope === 'string' && scope.trim() !== '')) {
    throw new ConfigError([`${where}: "scopes" must be an array of scope names (e.g. ["identity:read"])`]);
  }
  if (entry.agency !== undefined && entry.agency !== null && (typeof entry.agency !== 'string' || entry.agency.trim() === '')) {
    throw new ConfigError([`${where}: "agency" must be an agency name or null`]);
  }
  const agency = typeof entry.agency === 'string' ? entry.agency : null;
  if (entry.role === 'agency-publisher' && agency === null) throw new ConfigError([`${where}: an agency-publisher key must name its "agency"`]);
  return { clientId: entry.clientId, role: entry.role, scopes: entry.scopes as string[], agency };
}

/** Parses a key table (the file's JSON); `source` names it in error messages. */
export function parseApiKeyTable(json: string, source: string): ApiKeyTable {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new ConfigError([`${source} is not JSON: ${(error as Error).message}`]);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError([`${source} must be an object { "<sha256 hex of the key>": { "clientId", "role", "scopes", "agency" } }`]);
  }
  const table: ApiKeyEntry[] = [];
  for (const [hash, value] of Object.entries(parsed)) {
    // Only a prefix of the hash in messages: enough to find the line, useless to anyone else.
    const where = `${source}, entry ${JSON.stringify(hash.slice(0, 12))}`;
    if (!/^[0-9a-fA-F]{64}$/.test(hash)) throw new ConfigError([`${where}: keys of the file are SHA-256 hex digests of the API keys (printf %s "$KEY" | sha256sum)`]);
    table.push({ hash: Buffer.from(hash.toLowerCase(), 'hex'), holder: holderFrom(value, where) });
  }
  return table;
}

export function loadApiKeyFile(file: string): ApiKeyTable {
  let json: string;
  try {
    json = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError([`SATU_API_KEYS_FILE ${file} cannot be read: ${(error as Error).message}`]);
  }
  return parseApiKeyTable(json, `SATU_API_KEYS_FILE ${file}`);
}

/**
 * The holder of `key`, or null. Every entry is compared, with `timingSafeEqual`, and the loop
 * never stops early, so the time taken says nothing about which (or whether a) hash matched.
 */
export function findApiKeyHolder(table: ApiKeyTable, key: string): Caller | null {
  const presented = createHash('sha256').update(key, 'utf8').digest();
  let found: ApiKeyHolder | null = null;
  for (const entry of table) {
    if (timingSafeEqual(entry.hash, presented) && found === null) found = entry.holder;
  }
  if (found === null) return null;
  return { clientId: found.clientId, role: found.role, scopes: new Set(found.scopes), agency: found.agency, via: 'api-key' };
}
