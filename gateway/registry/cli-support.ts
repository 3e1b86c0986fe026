import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { MAX_USAGE_DAYS } from './check';
import { RegistryError } from './errors';
import type { UsageSource } from './usage-sources';
import { openRegistry, type RegistryStore } from './registry.store';

/** A subgraph SDL is tens of kilobytes; anything over this is the wrong file or an attack on the composer. */
export const MAX_SCHEMA_BYTES = 5 * 1024 * 1024;

/** What the registry commands take from outside, so tests can hand in their own. */
export interface RegistryCommandDeps {
  /** An open registry (the caller closes it); default: open SATU_DATABASE_URL or data/registry.sqlite, seeding a fresh one from the catalogue. */
  registry?: RegistryStore;
  /** Where breaking changes learn which fields clients use; default: with a handed-in registry its usage table, else openCommandUsage (the registry and the access ledger). */
  usage?: UsageSource;
  env?: NodeJS.ProcessEnv;
  now?: Date;
}

/** SATU_DATABASE_URL (a postgres:// URL or a SQLite path), else data/registry.sqlite under the working directory. */
export function registryLocation(env: NodeJS.ProcessEnv): string {
  return env.SATU_DATABASE_URL?.trim() || path.resolve('data', 'registry.sqlite');
}

/** Reads a schema file, refusing what is missing, not a file, empty or over 5 MB. */
export function readSchemaFile(file: string): string {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new RegistryError('BAD_INPUT', `${file} is not a file: give the subgraph's SDL file with --schema`);
    size = stat.size;
  } catch (error) {
    if (error instanceof RegistryError) throw error;
    throw new RegistryError('BAD_INPUT', `cannot read the schema file ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  if (size > MAX_SCHEMA_BYTES) {
    throw new RegistryError('BAD_INPUT', `the schema file ${file} is ${(size / 1024 / 1024).toFixed(1)} MB; the limit is 5 MB: is it the right file?`);
  }
  return decodeSchemaText(readFileSync(file), file);
}

/**
 * The file's bytes as text, refusing what is not UTF-8 text: reading a binary or Latin-1 file as
 * UTF-8 would silently turn bytes into U+FFFD and the parser would then report an odd character
 * somewhere in the middle, with no hint that the file itself is the problem.
 */
export function decodeSchemaText(bytes: Uint8Array, file: string): string {
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new RegistryError('BAD_INPUT', `the schema file ${file} holds binary data (a NUL byte at offset ${nul}): it is corrupt or not an SDL file`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new RegistryError('BAD_INPUT', `the schema file ${file} is not valid UTF-8 text: it is corrupt, cut in the middle of a character, or saved in another encoding; print it again from code (npm run schema)`);
  }
}

/** Opens the registry the commands use and seeds a fresh one with the catalogue (version 1 of every subgraph). */
export async function openCommandRegistry(env: NodeJS.ProcessEnv): Promise<RegistryStore> {
  const store = await openRegistry(registryLocation(env));
  if (await store.isEmpty()) {
    // Loaded only here (require, not import, to stay synchronous CommonJS): the catalogue pulls
    // in every agency's type-graphql classes, which need reflect-metadata first.
    require('reflect-metadata');
    const { AGENCIES } = require('../../subgraphs/catalog') as typeof import('../../subgraphs/catalog');
    const { seedRegistryFromCatalogue } = require('./seed-catalogue') as typeof import('./seed-catalogue');
    await seedRegistryFromCatalogue(store, AGENCIES);
  }
  return store;
}

/** Parses `--days`: a whole number of days, from 0 to MAX_USAGE_DAYS. */
export function parseDays(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const days = /^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!(days <= MAX_USAGE_DAYS)) throw new RegistryError('BAD_INPUT', `--days must be a whole number of days from 0 to ${MAX_USAGE_DAYS}, not ${JSON.stringify(value)}`);
  return days;
}
