import type { RunningSimulator } from '../../kit/agency-module';
import { FaultInjector, type FaultSettings } from '../../kit/simulator/faults';
import { RateLimiter } from '../../kit/simulator/rate-limiter';
import { header } from '../../kit/simulator/request-headers';
import { startHttpSimulator, type SimulatorReply, type SimulatorRequest } from '../../kit/simulator/simulator-http';
import { DEFAULT_RATE_LIMIT_PER_SECOND, DEMO_API_KEY } from '../polri.config';
import { API_KEY_HEADER, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MAX_SEARCH_NIKS, type PolriErrorBody, type PolriPage } from '../polri.wire';
import { loadPolriStore, type PolriStore, type StoredRow } from './polri.store';

/** The service root; the simulator's `url` ends with it and the client appends `/sim/search`, `/skck`. */
export const POLRI_BASE_PATH = '/api/v1';

export interface PolriSimulatorOptions {
  dataDir: string;
  host: string;
  port: number;
  faults?: Partial<FaultSettings>;
  /** Keys the service accepts. @default [DEMO_API_KEY] */
  apiKeys?: readonly string[];
  /** Requests per second per API key before HTTP 429. @default 5000 */
  rateLimitPerSecond?: number;
  /** Clock, injectable for tests. @default Date.now */
  now?: () => number;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };
const NIK = /^[0-9]{16}$/;

function reply(status: number, body: unknown, headers: Record<string, string> = {}): SimulatorReply {
  return { status, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

function error(status: number, message: string, headers: Record<string, string> = {}): SimulatorReply {
  const body: PolriErrorBody = { status, message };
  return reply(status, body, headers);
}

/** `page` and `size` from the query string: absent -> 1 and 20; otherwise whole numbers in range, or a 400 message. */
function paging(query: URLSearchParams): { page: number; size: number } | string {
  const read = (name: string, fallback: number, max: number): number | string => {
    const raw = query.get(name);
    if (raw === null) return fallback;
    if (!/^[0-9]{1,6}$/.test(raw) || Number(raw) < 1 || Number(raw) > max) return `parameter ${name} harus bilangan bulat 1-${max}`;
    return Number(raw);
  };
  const page = read('page', 1, 999_999);
  const size = read('size', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  if (typeof page === 'string') return page;
  if (typeof size === 'string') return size;
  return { page, size };
}

function pageOf(items: readonly StoredRow[], page: number, size: number): SimulatorReply {
  const body: PolriPage<StoredRow> = {
    data: items.slice((page - 1) * size, page * size),
    page,
    size,
    totalPages: Math.ceil(items.length / size),
    totalItems: items.length,
  };
  return reply(200, body);
}

/** Answers one POLRI-SIM call from the store, after the key, the rate limit and the parameters are checked. */
export function createPolriAnswer(store: PolriStore, options: { apiKeys: readonly string[]; rateLimitPerSecond: number; now: () => number }) {
  const keys = new Set(options.apiKeys);
  // Fixed one-second windows per API key, the way Polri's API gateway throttles a consumer.
  const limiter = new RateLimiter(options.rateLimitPerSecond, options.now);

  return ({ request, path, body }: SimulatorRequest): SimulatorReply => {
    const route = path.replace(/\/+$/, '');
    const isSearch = route === `${POLRI_BASE_PATH}/sim/search` && request.method === 'POST';
    const isSkck = route === `${POLRI_BASE_PATH}/skck` && request.method === 'GET';
    if (!isSearch && !isSkck) return error(404, 'Resource tidak ditemukan');

    const key = header(request, API_KEY_HEADER) ?? '';
    if (!keys.has(key)) return error(401, 'API key tidak valid');
    const wait = limiter.retryAfter(key);
    if (wait > 0) return error(429, 'Terlalu banyak permintaan', { 'retry-after': String(wait) });

    const query = new URL(request.url ?? '/', 'http://polri.invalid').searchParams;
    const pages = paging(query);
    if (typeof pages === 'string') return error(400, pages);

    if (isSkck) {
      const nik = query.get('nik') ?? '';
      if (!NIK.test(nik)) return error(400, 'parameter nik harus 16 digit');
      return pageOf(store.skck.get(nik) ?? [], pages.page, pages.size);
    }

    let niks: unknown;
    try {
      niks = (JSON.parse(body) as { nik?: unknown }).nik;
    } catch {
      return error(400, 'body harus JSON {"nik": [...]}');
    }
    if (!Array.isArray(niks) || niks.length === 0 || niks.length > MAX_SEARCH_NIKS || !niks.every((nik) => typeof nik === 'string' && NIK.test(nik))) {
      return error(400, `nik harus daftar 1-${MAX_SEARCH_NIKS} NIK 16 digit (string)`);
    }
    // The combined result: each asked NIK once, in the order asked, its rows in store order.
    const combined = [...new Set(niks as string[])].flatMap((nik) => store.sim.get(nik) ?? []);
    return pageOf(combined, pages.page, pages.size);
  };
}

/**
 * The POLRI-SIM simulator: the data-sharing REST service over `<dataDir>/polri/`, with the
 * API key, the rate limit, pagination and the kit's faults (latency, 502 from the gateway,
 * truncated JSON, hung sockets).
 */
export async function startPolriSimulator(options: PolriSimulatorOptions): Promise<RunningSimulator> {
  const store = await loadPolriStore(options.dataDir);
  const faults = new FaultInjector(options.faults);
  const running = await startHttpSimulator({
    host: options.host,
    port: options.port,
    faults,
    operationOf: ({ path }) => (path.endsWith('/sim/search') ? 'sim/search' : path.endsWith('/skck') ? 'skck' : 'other'),
    answer: createPolriAnswer(store, {
      apiKeys: options.apiKeys ?? [DEMO_API_KEY],
      rateLimitPerSecond: options.rateLimitPerSecond ?? DEFAULT_RATE_LIMIT_PER_SECOND,
      now: options.now ?? Date.now,
    }),
    errorReply: () => ({
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>',
    }),
    malformedReply: () => ({ status: 200, headers: JSON_HEADERS, body: '{"data":[{"no_sim":"0985147101' }),
  });
  return {
    name: 'polri-simulator',
    url: `${running.url}${POLRI_BASE_PATH}`,
    setFaults: (update) => {
      faults.update(update);
    },
    stats: () => running.stats(),
    stop: () => running.close(),
  };
}
