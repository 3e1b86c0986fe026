import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSimulator } from '../../../../subgraphs/kit/agency-module';
import { LegacyError } from '../../../../subgraphs/kit/errors';
import { PolriStoreError, loadPolriStore, parseStoreFile } from '../../../../subgraphs/polri/legacy/polri.store';
import { startPolriSimulator, type PolriSimulatorOptions } from '../../../../subgraphs/polri/legacy/polri.simulator';
import { PolriClient, type PolriClientOptions } from '../../../../subgraphs/polri/polri.client';
import { DEMO_API_KEY } from '../../../../subgraphs/polri/polri.config';
import { createPolriLoaders } from '../../../../subgraphs/polri/polri.loaders';
import { BUDI, NOBODY, SITI, captureLogger, simRow, skckRow } from './polri-fixtures';

const SIM_ROWS = [
  simRow(BUDI),
  simRow(BUDI, { gol_sim: 'A', no_sim: '850314710124' }),
  simRow(SITI, { gol_sim: 'C', no_sim: '904514710001', nama: 'SITI AMINAH', jenis_kelamin: 'WANITA' }),
];
const SKCK_ROWS = [skckRow(BUDI, { tgl_terbit: '01-01-2020', no_skck: 'OLD' }), skckRow(BUDI)];

let dataDir: string;
const running: RunningSimulator[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'satu-polri-sim-'));
  await mkdir(join(dataDir, 'polri'));
  await writeFile(join(dataDir, 'polri', 'sim.json'), JSON.stringify(SIM_ROWS));
  await writeFile(join(dataDir, 'polri', 'skck.json'), JSON.stringify(SKCK_ROWS));
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((simulator) => simulator.stop()));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function simulator(options: Partial<PolriSimulatorOptions> = {}): Promise<RunningSimulator> {
  const started = await startPolriSimulator({ dataDir, host: '127.0.0.1', port: 0, ...options });
  running.push(started);
  return started;
}

function client(url: string, overrides: Partial<PolriClientOptions> = {}) {
  return new PolriClient({ baseUrl: url, timeoutMs: 2000, logger: captureLogger().logger, ...overrides });
}

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error instanceof LegacyError ? error.code : `not a LegacyError: ${String(error)}`;
  }
}

async function raw(url: string, path: string, init: { method?: string; body?: unknown; key?: string } = {}) {
  const response = await fetch(`${url}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'X-Api-Key': init.key ?? DEMO_API_KEY, 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Record<string, unknown> };
}

describe('POLRI-SIM simulator', () => {
  it('pages the combined search result in the order asked, and counts calls by operation', async () => {
    const polri = await simulator();
    expect(polri.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
    const page1 = await raw(polri.url, '/sim/search?page=1&size=2', { method: 'POST', body: { nik: [SITI, NOBODY, BUDI] } });
    expect(page1).toMatchObject({ status: 200, body: { page: 1, size: 2, totalPages: 2, totalItems: 3 } });
    expect((page1.body.data as Array<{ nik: string }>).map((row) => row.nik)).toEqual([SITI, BUDI]);
    const page2 = await raw(polri.url, '/sim/search?page=2&size=2', { method: 'POST', body: { nik: [SITI, NOBODY, BUDI] } });
    expect((page2.body.data as Array<{ no_sim: string }>).map((row) => row.no_sim)).toEqual(['850314710124']);
    const skck = await raw(polri.url, `/skck?nik=${NOBODY}`);
    expect(skck.body).toEqual({ data: [], page: 1, size: 20, totalPages: 0, totalItems: 0 });
    expect(polri.stats()).toEqual({ requests: 3, byOperation: { 'sim/search': 2, skck: 1 } });
  });

  it('serves the adapter: licences over several pages, the latest SKCK, "none" for strangers', async () => {
    const polri = await simulator();
    const adapter = client(polri.url, { pageSize: 1 });
    const found = await adapter.searchDrivingLicenses([BUDI, SITI, NOBODY]);
    expect([...found].map(([nik, licences]) => [nik, licences.map((licence) => licence.class)])).toEqual([
      [BUDI, ['C', 'A']],
      [SITI, ['C']],
    ]);
    await expect(adapter.findPoliceClearance(BUDI)).resolves.toMatchObject({ found: true, number: 'SKCK/YANMAS/01234/V/2025/INTELKAM' });
    await expect(adapter.findPoliceClearance(NOBODY)).resolves.toMatchObject({ found: false });
    expect(polri.stats().byOperation).toEqual({ 'sim/search': 3, skck: 3 });
  });

  it('refuses a wrong or missing API key with HTTP 401 -> AGENCY_UNAVAILABLE', async () => {
    const polri = await simulator();
    expect((await raw(polri.url, `/skck?nik=${BUDI}`, { key: 'wrong' })).body).toEqual({ status: 401, message: 'API key tidak valid' });
    expect(await code(client(polri.url, { apiKey: 'wrong' }).findPoliceClearance(BUDI))).toBe('AGENCY_UNAVAILABLE');
  });

  it.each([
    ['size over 100', '/sim/search?size=101', { nik: [BUDI] }],
    ['page 0', '/sim/search?page=0', { nik: [BUDI] }],
    ['51 NIKs', '/sim/search', { nik: Array.from({ length: 51 }, (_, i) => `14710801019${String(i + 1).padStart(5, '0')}`) }],
    ['no NIKs', '/sim/search', { nik: [] }],
    ['a NIK as a number', '/sim/search', { nik: [1471080703850001] }],
    ['a body without nik', '/sim/search', { niks: [BUDI] }],
  ])('answers HTTP 400 for %s', async (_label, path, body) => {
    const polri = await simulator();
    expect((await raw(polri.url, path, { method: 'POST', body })).status).toBe(400);
  });

  it('answers HTTP 400 for a bad SKCK NIK and 404 for unknown paths or methods', async () => {
    const polri = await simulator();
    expect((await raw(polri.url, '/skck?nik=123')).status).toBe(400);
    expect((await raw(polri.url, '/sim?nik=' + BUDI)).status).toBe(404);
    expect((await raw(polri.url, '/sim/search')).status).toBe(404);
  });

  it('throttles per API key with HTTP 429 and Retry-After, and opens again in the next second', async () => {
    let clock = Date.UTC(2025, 5, 2, 3, 0, 0, 100);
    const polri = await simulator({ rateLimitPerSecond: 2, now: () => clock });
    const path = `/skck?nik=${BUDI}`;
    expect((await raw(polri.url, path)).status).toBe(200);
    expect((await raw(polri.url, path)).status).toBe(200);
    expect(await raw(polri.url, path)).toMatchObject({ status: 429, retryAfter: '1' });
    clock += 1000;
    expect((await raw(polri.url, path)).status).toBe(200);
  });

  it('lets the loaders ride out the rate limit: every NIK answered after backing off', async () => {
    const polri = await simulator({ rateLimitPerSecond: 2 });
    const intoSecond = Date.now() % 1000;
    if (intoSecond > 700) await new Promise((resolve) => setTimeout(resolve, 1000 - intoSecond + 10));
    const loaders = createPolriLoaders(client(polri.url, { timeoutMs: 4000 }), { concurrency: 4 });
    const records = await Promise.all([BUDI, SITI, NOBODY, BUDI.replace(/1$/, '3')].map((nik) => loaders.policeClearance.load(nik)));
    expect(records.map((record) => record?.found)).toEqual([true, false, false, false]);
    expect(polri.stats().requests).toBeGreaterThan(4); // the throttled ones came back
  });

  it('applies faults: 502 -> AGENCY_UNAVAILABLE, garbage -> AGENCY_BAD_RESPONSE, hang -> AGENCY_TIMEOUT', async () => {
    const polri = await simulator();
    const adapter = client(polri.url, { timeoutMs: 300 });
    polri.setFaults({ errorRate: 1 });
    expect(await code(adapter.searchDrivingLicenses([BUDI]))).toBe('AGENCY_UNAVAILABLE');
    polri.setFaults({ errorRate: 0, malformedRate: 1 });
    expect(await code(adapter.searchDrivingLicenses([BUDI]))).toBe('AGENCY_BAD_RESPONSE');
    polri.setFaults({ malformedRate: 0, hangRate: 1 });
    expect(await code(adapter.findPoliceClearance(BUDI))).toBe('AGENCY_TIMEOUT');
    polri.setFaults({ hangRate: 0 });
    await expect(adapter.findPoliceClearance(BUDI)).resolves.toMatchObject({ found: true });
  });

  it('gives AGENCY_UNAVAILABLE once stopped (connection refused)', async () => {
    const polri = await simulator();
    await polri.stop();
    expect(await code(client(polri.url).searchDrivingLicenses([BUDI]))).toBe('AGENCY_UNAVAILABLE');
  });
});

describe('the POLRI-SIM store', () => {
  it('groups rows by NIK in file order and keeps odd values as written', () => {
    const store = parseStoreFile(JSON.stringify([simRow(BUDI, { gol_sim: 'Z' }), simRow(SITI), simRow(BUDI, { gol_sim: 'A' })]), 'sim.json');
    expect(store.get(BUDI)?.map((row) => row.gol_sim)).toEqual(['Z', 'A']);
  });

  it.each([
    ['not JSON', '{', /not valid JSON/],
    ['not an array', '{}', /JSON array/],
    ['a row that is not an object', '[1]', /row 0 is not an object/],
    ['a NIK as a number', '[{"nik":1471080703850001}]', /row 0 needs "nik" as a string of 16 digits/],
  ])('refuses %s with a message naming the problem', (_label, text, message) => {
    expect(() => parseStoreFile(text, 'sim.json')).toThrow(message);
  });

  it('says to run the seed when a file is missing', async () => {
    await expect(loadPolriStore(join(dataDir, 'nowhere'))).rejects.toThrow(PolriStoreError);
    await expect(loadPolriStore(join(dataDir, 'nowhere'))).rejects.toThrow(/run the seed first/);
  });
});
