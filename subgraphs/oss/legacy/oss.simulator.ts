import type { IncomingMessage } from 'node:http';
import type { RunningSimulator } from '../../kit/agency-module';
import { FaultInjector, type FaultSettings } from '../../kit/simulator/faults';
import { RateLimiter } from '../../kit/simulator/rate-limiter';
import { header } from '../../kit/simulator/request-headers';
import { startHttpSimulator, type SimulatorReply, type SimulatorRequest } from '../../kit/simulator/simulator-http';
import { DEFAULT_RATE_LIMIT_PER_SECOND, DEMO_CREDENTIALS, type OssCredentials } from '../oss.config';
import { OSS_STATUS, type OssEnvelope, type OssNibByOwnerData } from '../oss-rba.wire';
import { loadOssStore, type OssStore, type StoredNibRecord } from './oss.store';

export interface OssSimulatorOptions {
  dataDir: string;
  host: string;
  port: number;
  faults?: Partial<FaultSettings>;
  /** Registered partner accounts (user_key + Basic account). @default [DEMO_CREDENTIALS] */
  accounts?: readonly OssCredentials[];
  /** Requests per second per user_key before HTTP 429. @default 5000 */
  rateLimitPerSecond?: number;
  /** Clock, injectable for tests. @default Date.now */
  now?: () => number;
}

const NIB_BY_OWNER = /^\/api\/v1\/nib\/pemilik\/([^/]*)\/?$/;
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

function envelope(status: number, message: string, data: OssEnvelope['data'] = null, httpStatus = 200, headers: Record<string, string> = {}): SimulatorReply {
  const body: OssEnvelope = { status, message, data };
  return { status: httpStatus, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

/** `Authorization: Basic ...` -> user and password, or undefined when absent or not Basic. */
function basicAccount(request: IncomingMessage): { username: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header(request, 'authorization') ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * ESB quirk: OSS's service bus converts XML to JSON, so a one-element list becomes the
 * element itself and an empty list becomes null. Applied to the answer, never to the store.
 */
function esbList<T>(list: readonly T[]): T[] | T | null {
  if (list.length === 0) return null;
  if (list.length === 1) return list[0] as T;
  return [...list];
}

function esbRecord(record: StoredNibRecord): Record<string, unknown> {
  const out: Record<string, unknown> = { ...record };
  for (const field of ['penanggung_jawab', 'data_kbli', 'data_izin']) {
    const value = record[field];
    if (Array.isArray(value)) out[field] = esbList(value);
  }
  return out;
}

/** Answers one call from the store, after the gateway's checks (user_key, rate limit) and OSS's (Basic, NIK). */
function createOssAnswer(store: OssStore, options: { accounts: readonly OssCredentials[]; rateLimitPerSecond: number; now: () => number }) {
  const byUserKey = new Map(options.accounts.map((account) => [account.userKey, account]));
  // Fixed one-second windows per user_key, the way the API gateway in front of OSS throttles a partner.
  const limiter = new RateLimiter(options.rateLimitPerSecond, options.now);

  return ({ request, path }: SimulatorRequest): SimulatorReply => {
    const route = NIB_BY_OWNER.exec(path);
    if (!route || request.method !== 'GET') {
      return { status: 404, headers: { 'content-type': 'text/html' }, body: '<html><body><h1>404 Not Found</h1></body></html>' };
    }
    // The API gateway: it knows the user_key only, and answers in its own format.
    const userKey = header(request, 'user_key') ?? '';
    const account = byUserKey.get(userKey);
    if (!account) {
      return { status: 401, headers: JSON_HEADERS, body: JSON.stringify({ error: 'Authentication failed', message: 'user_key tidak valid' }) };
    }
    const wait = limiter.retryAfter(userKey);
    if (wait > 0) {
      return { status: 429, headers: { ...JSON_HEADERS, 'retry-after': String(wait) }, body: JSON.stringify({ error: 'Too Many Requests', message: 'Batas permintaan terlampaui' }) };
    }
    // OSS-RBA itself: HTTP Basic, refused with a real 401 and the envelope.
    const basic = basicAccount(request);
    if (!basic || basic.username !== account.username || basic.password !== account.password) {
      return envelope(OSS_STATUS.UNAUTHORIZED, 'Username atau password salah', null, 401, { 'www-authenticate': 'Basic realm="OSS-RBA"' });
    }

    const nik = route[1] ?? '';
    if (!/^[0-9]{16}$/.test(nik)) return envelope(OSS_STATUS.BAD_REQUEST, 'Format NIK tidak valid (16 digit)');
    const records = store.byOwner.get(nik) ?? [];
    if (records.length === 0) return envelope(OSS_STATUS.NOT_FOUND, 'Data NIB tidak ditemukan');
    // Stored records are served as written (odd values included), so they are not typed OssNibRecord.
    const daftar = esbList(records.map(esbRecord)) as unknown as OssNibByOwnerData['daftar_nib'];
    return envelope(OSS_STATUS.OK, 'OK', { nik, jumlah_nib: records.length, daftar_nib: daftar });
  };
}

/**
 * OSS-RBA's partner API served from the OSS store on loopback:
 * `GET {url}/api/v1/nib/pemilik/{nik}` with `user_key` and HTTP Basic, answers in the
 * `{status, message, data}` envelope with the ESB's list quirk.
 */
export async function startOssSimulator(options: OssSimulatorOptions): Promise<RunningSimulator> {
  const store = await loadOssStore(options.dataDir);
  const faults = new FaultInjector(options.faults);
  const running = await startHttpSimulator({
    host: options.host,
    port: options.port,
    faults,
    operationOf: ({ path }) => (NIB_BY_OWNER.test(path) ? 'nib/pemilik' : 'other'),
    answer: createOssAnswer(store, {
      accounts: options.accounts ?? [DEMO_CREDENTIALS],
      rateLimitPerSecond: options.rateLimitPerSecond ?? DEFAULT_RATE_LIMIT_PER_SECOND,
      now: options.now ?? Date.now,
    }),
    // What the ESB's front proxy sends when OSS behind it is down.
    errorReply: () => ({
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>',
    }),
    // An answer cut mid-record by the ESB.
    malformedReply: () => ({ status: 200, headers: JSON_HEADERS, body: '{"status":200,"message":"OK","data":{"nik":"1471' }),
  });
  return {
    name: 'oss-simulator',
    url: running.url,
    setFaults: (update) => {
      faults.update(update);
    },
    stats: () => running.stats(),
    stop: () => running.close(),
  };
}
