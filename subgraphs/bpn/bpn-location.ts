import path from 'node:path';

/**
 * Where the land office's database is: the subgraph's `legacyLocation`. Either a SQLite file
 * path (the demo) or a PostgreSQL connection URL (`postgres://` or `postgresql://`); the adapter
 * code is the same for both, only the kysely dialect differs.
 */
export type BpnLocation = { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };

export class BpnLocationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BpnLocationError';
  }
}

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/** Reads a legacyLocation; anything that is neither a file path nor a PostgreSQL URL is refused with what to give instead. */
export function parseBpnLocation(location: string): BpnLocation {
  const trimmed = location.trim();
  const expected = 'give a SQLite file path (e.g. data/pekanbaru/bpn/bpn.sqlite) or a PostgreSQL URL (postgres://user@host:5432/db)';
  if (trimmed === '') throw new BpnLocationError(`bpn legacyLocation is empty: ${expected}`);
  const scheme = SCHEME.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === 'postgres' || scheme === 'postgresql') {
    let url: URL;
    try {
      url = new URL(trimmed);
    } catch {
      throw new BpnLocationError(`bpn legacyLocation is not a valid PostgreSQL URL: ${expected}`);
    }
    if (url.hostname === '' && !url.searchParams.has('host')) {
      throw new BpnLocationError('bpn legacyLocation: the PostgreSQL URL names no host (postgres://user@host:5432/db)');
    }
    return { dialect: 'postgres', url: trimmed };
  }
  // A one-letter "scheme" is a Windows drive (C:\...), i.e. a path.
  if (scheme !== undefined && scheme.length > 1) {
    throw new BpnLocationError(`bpn legacyLocation uses the unsupported scheme "${scheme}:": ${expected}`);
  }
  return { dialect: 'sqlite', file: path.resolve(trimmed) };
}

/** A location fit for logs: the password of a PostgreSQL URL is masked. */
export function describeBpnLocation(location: BpnLocation): string {
  if (location.dialect === 'sqlite') return location.file;
  try {
    const url = new URL(location.url);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://(unreadable URL)';
  }
}

/**
 * The URL with `search_path` set for every connection (the libpq `options` parameter, which
 * node-postgres sends at start-up), so unqualified `v_bidang_tanah_pemilik` is found in `schema`.
 */
export function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  const existing = parsed.searchParams.get('options');
  const option = `-c search_path=${schema}`;
  parsed.searchParams.set('options', existing ? `${existing} ${option}` : option);
  return parsed.toString();
}
