import type { RunningSimulator } from '../../kit/agency-module';
import { isCalendarDate } from '../../kit/nik';
import { FaultInjector, type FaultSettings } from '../../kit/simulator/faults';
import { RateLimiter } from '../../kit/simulator/rate-limiter';
import { header } from '../../kit/simulator/request-headers';
import { startHttpSimulator, type SimulatorReply, type SimulatorRequest } from '../../kit/simulator/simulator-http';
import { DEFAULT_MAX_SKEW_SECONDS, DEFAULT_RATE_LIMIT_PER_SECOND, DEMO_CREDENTIALS, type VClaimCredentials } from '../bpjs-kesehatan.config';
import { encodeVClaimResponse, isValidVClaimSignature } from '../vclaim-crypto';
import { VCLAIM_CODES, type VClaimEnvelope } from '../vclaim.records';
import { loadVClaimStore, type VClaimStore } from './vclaim.store';

/** VClaim's REST root; the simulator's `url` ends with it, and the client appends the call path. */
export const VCLAIM_BASE_PATH = '/vclaim-rest';

export interface VClaimSimulatorOptions {
  dataDir: string;
  host: string;
  port: number;
  faults?: Partial<FaultSettings>;
  /** Registered consumers. @default [DEMO_CREDENTIALS] */
  consumers?: readonly VClaimCredentials[];
  /** Requests per second per cons-id before HTTP 429. @default 5000 */
  rateLimitPerSecond?: number;
  /** Largest accepted |X-timestamp - now| in seconds. @default 300 */
  maxSkewSeconds?: number;
  /** Clock, injectable for tests. @default Date.now */
  now?: () => number;
}

const PESERTA_BY_NIK = /^\/vclaim-rest\/peserta\/nik\/([^/]+)\/tglsep\/([^/]+)\/?$/i;
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

function envelope(code: string, message: string, response: string | null = null): SimulatorReply {
  const body: VClaimEnvelope = { metaData: { code, message }, response };
  return { status: 200, headers: JSON_HEADERS, body: JSON.stringify(body) };
}

/** Answers one VClaim call from the store, after rate limit, authentication and parameter checks. */
function createVClaimAnswer(store: VClaimStore, options: Required<Omit<VClaimSimulatorOptions, 'faults' | 'dataDir' | 'host' | 'port'>>) {
  const consumers = new Map(options.consumers.map((consumer) => [consumer.consId, consumer]));
  // Fixed one-second windows per cons-id, the way VClaim's API gateway throttles a consumer.
  const limiter = new RateLimiter(options.rateLimitPerSecond, options.now);

  return ({ request, path }: SimulatorRequest): SimulatorReply => {
    const route = PESERTA_BY_NIK.exec(path);
    if (!route || request.method !== 'GET') {
      return { status: 404, headers: { 'content-type': 'text/html' }, body: '<html><body>404 Not Found</body></html>' };
    }
    const consId = header(request, 'x-cons-id') ?? '';
    const wait = limiter.retryAfter(consId);
    if (wait > 0) {
      return {
        status: 429,
        headers: { ...JSON_HEADERS, 'retry-after': String(wait) },
        body: JSON.stringify({ metaData: { code: '429', message: 'Too Many Requests' }, response: null }),
      };
    }

    // VClaim quirk: authentication failures are HTTP 200 with metaData 401 inside.
    const consumer = consumers.get(consId);
    if (!consumer) return envelope(VCLAIM_CODES.UNAUTHORIZED, 'Unauthorized! Consumer ID tidak terdaftar');
    if (header(request, 'user_key') !== consumer.userKey) {
      return envelope(VCLAIM_CODES.UNAUTHORIZED, 'Unauthorized! user_key tidak valid');
    }
    const timestamp = header(request, 'x-timestamp') ?? '';
    if (!/^[0-9]{1,12}$/.test(timestamp)) return envelope(VCLAIM_CODES.UNAUTHORIZED, 'Unauthorized! X-timestamp tidak valid');
    if (Math.abs(Number(timestamp) - options.now() / 1000) > options.maxSkewSeconds) {
      return envelope(VCLAIM_CODES.UNAUTHORIZED, 'Unauthorized! X-timestamp di luar batas waktu');
    }
    if (!isValidVClaimSignature(header(request, 'x-signature') ?? '', consId, consumer.secret, timestamp)) {
      return envelope(VCLAIM_CODES.UNAUTHORIZED, 'Unauthorized! Signature tidak sesuai');
    }

    const nik = route[1] ?? '';
    const serviceDate = route[2] ?? '';
    if (!/^[0-9]{16}$/.test(nik)) return envelope(VCLAIM_CODES.BAD_PARAMETER, 'NIK harus 16 digit');
    const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(serviceDate);
    if (!date || !isCalendarDate(Number(date[1]), Number(date[2]), Number(date[3]))) {
      return envelope(VCLAIM_CODES.BAD_PARAMETER, 'Format Tanggal SEP tidak sesuai (yyyy-MM-dd)');
    }

    const peserta = store.get(nik);
    if (!peserta) return envelope(VCLAIM_CODES.NOT_FOUND, 'Peserta tidak ditemukan');
    const json = JSON.stringify({ peserta });
    return envelope(VCLAIM_CODES.OK, 'OK', encodeVClaimResponse(json, { consId, secret: consumer.secret, timestamp }));
  };
}

/**
 * BPJS Kesehatan's VClaim REST service, served from the BPJS store on loopback:
 * `GET {url}/peserta/nik/{nik}/tglSEP/{yyyy-mm-dd}` with signed headers, answers in the
 * `{metaData, response}` envelope with `response` encrypted and compressed.
 */
export async function startVClaimSimulator(options: VClaimSimulatorOptions): Promise<RunningSimulator> {
  const store = await loadVClaimStore(options.dataDir);
  const faults = new FaultInjector(options.faults);
  const running = await startHttpSimulator({
    host: options.host,
    port: options.port,
    faults,
    operationOf: ({ path }) => (PESERTA_BY_NIK.test(path) ? 'peserta/nik' : 'other'),
    answer: createVClaimAnswer(store, {
      consumers: options.consumers ?? [DEMO_CREDENTIALS],
      rateLimitPerSecond: options.rateLimitPerSecond ?? DEFAULT_RATE_LIMIT_PER_SECOND,
      maxSkewSeconds: options.maxSkewSeconds ?? DEFAULT_MAX_SKEW_SECONDS,
      now: options.now ?? Date.now,
    }),
    // What VClaim sends when the API gateway cannot reach the backend.
    errorReply: () => ({
      status: 503,
      headers: { 'content-type': 'text/html' },
      body: '<html><head><title>503 Service Temporarily Unavailable</title></head><body><center><h1>503 Service Temporarily Unavailable</h1></center></body></html>',
    }),
    // A well-formed envelope whose `response` is not cipher text (14 bytes: not a whole AES block).
    malformedReply: () => envelope(VCLAIM_CODES.OK, 'OK', Buffer.from('not encrypted!').toString('base64')),
  });
  return {
    name: 'bpjs-kesehatan-simulator',
    url: `${running.url}${VCLAIM_BASE_PATH}`,
    setFaults: (update) => {
      faults.update(update);
    },
    stats: () => running.stats(),
    stop: () => running.close(),
  };
}
