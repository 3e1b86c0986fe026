import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSimulator } from '../../../../subgraphs/kit/agency-module';
import { LegacyError } from '../../../../subgraphs/kit/errors';
import { startOssSimulator, type OssSimulatorOptions } from '../../../../subgraphs/oss/legacy/oss.simulator';
import { OssStoreError, loadOssStore, parseOssStore } from '../../../../subgraphs/oss/legacy/oss.store';
import { OssClient } from '../../../../subgraphs/oss/oss.client';
import { DEMO_CREDENTIALS, basicAuthorization, type OssCredentials } from '../../../../subgraphs/oss/oss.config';
import { createOssLoaders } from '../../../../subgraphs/oss/oss.loaders';
import { OWNER, PARTNER, STRANGER, captureLogger, nibRecord } from './oss-fixtures';

const CV = nibRecord({
  nib: '8120009876543',
  jenis_badan_usaha: 'CV',
  penanggung_jawab: [
    { nik: PARTNER, nama: 'SITI AMINAH', jabatan: 'PESERO AKTIF' },
    { nik: OWNER, nama: 'ROSNIAR', jabatan: 'PESERO KOMANDITER' },
  ],
});
const OWNERS = Array.from({ length: 6 }, (_, index) => `147108010190${String(index + 10).padStart(4, '0')}`);

let dataDir: string;
const running: RunningSimulator[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'satu-oss-sim-'));
  await mkdir(join(dataDir, 'oss'));
  const others = OWNERS.map((nik, index) => nibRecord({ nib: `912000000${String(index).padStart(4, '0')}`, penanggung_jawab: [{ nik, nama: 'X', jabatan: 'PEMILIK' }] }));
  await writeFile(join(dataDir, 'oss', 'nib.json'), JSON.stringify([nibRecord(), CV, ...others]));
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((simulator) => simulator.stop()));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function simulator(options: Partial<OssSimulatorOptions> = {}): Promise<RunningSimulator> {
  const started = await startOssSimulator({ dataDir, host: '127.0.0.1', port: 0, ...options });
  running.push(started);
  return started;
}

function client(url: string, overrides: Partial<ConstructorParameters<typeof OssClient>[0]> = {}) {
  return new OssClient({ baseUrl: url, timeoutMs: 2000, logger: captureLogger().logger, ...overrides });
}

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error instanceof LegacyError ? error.code : `not a LegacyError: ${String(error)}`;
  }
}

/** A raw request, to see the simulator's wire answers. */
async function raw(url: string, path: string, credentials: OssCredentials = DEMO_CREDENTIALS) {
  const response = await fetch(`${url}${path}`, { headers: { user_key: credentials.userKey, Authorization: basicAuthorization(credentials) } });
  const text = await response.text();
  return { status: response.status, retryAfter: response.headers.get('retry-after'), authenticate: response.headers.get('www-authenticate'), body: text };
}

describe('OSS-RBA simulator', () => {
  it('answers owners and co-owners from the store, strangers with 404 inside, and counts calls', async () => {
    const oss = await simulator();
    expect(oss.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const adapter = client(oss.url);
    const owned = await adapter.findBusinessesByOwner(OWNER);
    expect(owned.map((business) => [business.nib, business.ownerRole, business.coOwners])).toEqual([
      ['9120001234567', 'PEMILIK', []],
      ['8120009876543', 'PESERO KOMANDITER', [{ nik: PARTNER }]],
    ]);
    const partner = await adapter.findBusinessesByOwner(PARTNER);
    expect(partner.map((business) => [business.nib, business.ownerName, business.coOwners])).toEqual([['8120009876543', 'SITI AMINAH', [{ nik: OWNER }]]]);
    await expect(adapter.findBusinessesByOwner(STRANGER)).resolves.toEqual([]);
    expect(oss.stats()).toEqual({ requests: 3, byOperation: { 'nib/pemilik': 3 } });
  });

  it('applies the ESB quirk on the way out: one record (and its one-element lists) as objects', async () => {
    const oss = await simulator();
    const answer = JSON.parse((await raw(oss.url, `/api/v1/nib/pemilik/${PARTNER}`)).body) as { data: { jumlah_nib: number; daftar_nib: Record<string, unknown> } };
    expect(answer.data.jumlah_nib).toBe(1);
    expect(Array.isArray(answer.data.daftar_nib)).toBe(false);
    expect(Array.isArray(answer.data.daftar_nib.penanggung_jawab)).toBe(true);
    expect(Array.isArray(answer.data.daftar_nib.data_kbli)).toBe(false);
  });

  it('refuses a wrong user_key at the gateway and a wrong Basic account at OSS, both with HTTP 401', async () => {
    const oss = await simulator();
    const path = `/api/v1/nib/pemilik/${OWNER}`;
    const gateway = await raw(oss.url, path, { ...DEMO_CREDENTIALS, userKey: 'nope' });
    expect(gateway).toMatchObject({ status: 401, authenticate: null });
    const basic = await raw(oss.url, path, { ...DEMO_CREDENTIALS, password: 'nope' });
    expect(basic).toMatchObject({ status: 401, authenticate: 'Basic realm="OSS-RBA"' });
    expect(JSON.parse(basic.body)).toMatchObject({ status: 401, data: null });
    const noBasic = await fetch(`${oss.url}${path}`, { headers: { user_key: DEMO_CREDENTIALS.userKey } });
    expect(noBasic.status).toBe(401);
    await noBasic.text();
    for (const credentials of [{ ...DEMO_CREDENTIALS, userKey: 'nope' }, { ...DEMO_CREDENTIALS, username: 'nope' }]) {
      expect(await code(client(oss.url, { credentials }).findBusinessesByOwner(OWNER))).toBe('AGENCY_UNAVAILABLE');
    }
  });

  it('answers a malformed NIK with status 400 inside, and an unknown path with HTTP 404', async () => {
    const oss = await simulator();
    expect(JSON.parse((await raw(oss.url, '/api/v1/nib/pemilik/123')).body)).toMatchObject({ status: 400 });
    expect((await raw(oss.url, '/api/v1/nib/9120001234567')).status).toBe(404);
  });

  it('throttles per user_key with HTTP 429 and Retry-After, and opens again in the next second', async () => {
    let clock = Date.UTC(2025, 5, 2, 3, 0, 0, 100);
    const oss = await simulator({ rateLimitPerSecond: 2, now: () => clock });
    const path = `/api/v1/nib/pemilik/${OWNER}`;
    expect((await raw(oss.url, path)).status).toBe(200);
    expect((await raw(oss.url, path)).status).toBe(200);
    expect(await raw(oss.url, path)).toMatchObject({ status: 429, retryAfter: '1' });
    clock += 1000;
    expect((await raw(oss.url, path)).status).toBe(200);
  });

  it('lets the client ride out the rate limit: every NIK answered after backing off', async () => {
    const oss = await simulator({ rateLimitPerSecond: 2 });
    const intoSecond = Date.now() % 1000;
    if (intoSecond > 700) await new Promise((resolve) => setTimeout(resolve, 1000 - intoSecond + 10));
    const loaders = createOssLoaders(client(oss.url, { timeoutMs: 4000 }), { concurrency: 4 });
    const answers = await Promise.all(OWNERS.slice(0, 4).map((nik) => loaders.businessesByOwner.load(nik)));
    expect(answers.map((list) => list?.length)).toEqual([1, 1, 1, 1]);
    expect(oss.stats().requests).toBeGreaterThan(4); // the throttled ones came back
  });

  it('applies faults: 5xx -> AGENCY_UNAVAILABLE, garbage -> AGENCY_BAD_RESPONSE, hang -> AGENCY_TIMEOUT', async () => {
    const oss = await simulator();
    const adapter = client(oss.url, { timeoutMs: 300 });
    oss.setFaults({ errorRate: 1 });
    expect(await code(adapter.findBusinessesByOwner(OWNER))).toBe('AGENCY_UNAVAILABLE');
    oss.setFaults({ errorRate: 0, malformedRate: 1 });
    expect(await code(adapter.findBusinessesByOwner(OWNER))).toBe('AGENCY_BAD_RESPONSE');
    oss.setFaults({ malformedRate: 0, hangRate: 1 });
    expect(await code(adapter.findBusinessesByOwner(OWNER))).toBe('AGENCY_TIMEOUT');
    oss.setFaults({ hangRate: 0 });
    await expect(adapter.findBusinessesByOwner(OWNER)).resolves.toHaveLength(2);
  });

  it('gives AGENCY_UNAVAILABLE once stopped (connection refused)', async () => {
    const oss = await simulator();
    await oss.stop();
    expect(await code(client(oss.url).findBusinessesByOwner(OWNER))).toBe('AGENCY_UNAVAILABLE');
  });
});

describe('the OSS store', () => {
  it('indexes each record under every responsible person and keeps odd values as written', () => {
    const store = parseOssStore(JSON.stringify([nibRecord({ skala_usaha: 'RAKSASA' }), CV]), 'test');
    expect(store.records).toBe(2);
    expect(store.byOwner.get(OWNER)?.map((record) => record.nib)).toEqual(['9120001234567', '8120009876543']);
    expect(store.byOwner.get(PARTNER)?.map((record) => record.nib)).toEqual(['8120009876543']);
    expect(store.byOwner.get(OWNER)?.[0]?.skala_usaha).toBe('RAKSASA');
  });

  it.each([
    ['not JSON', '{', /not valid JSON/],
    ['not an array', '{}', /JSON array/],
    ['a record that is not an object', '[1]', /record 0 is not an object/],
    ['a record without nib', JSON.stringify([{ penanggung_jawab: [{ nik: OWNER }] }]), /record 0 needs "nib"/],
    ['a repeated NIB', JSON.stringify([nibRecord(), nibRecord()]), /record 1 repeats NIB 9120001234567 of record 0/],
    ['no responsible person', JSON.stringify([nibRecord({ penanggung_jawab: [] })]), /record 0 needs "penanggung_jawab" as a non-empty array/],
    ['a NIK as a number', JSON.stringify([nibRecord({ penanggung_jawab: [{ nik: 1471081203850001 }] })]), /penanggung_jawab\[0\] needs "nik" as a string of 16 digits/],
  ])('refuses %s with a message naming the problem', (_label, text, message) => {
    expect(() => parseOssStore(text, 'nib.json')).toThrow(message);
  });

  it('says to run the seed when the file is missing', async () => {
    await expect(loadOssStore(join(dataDir, 'nowhere'))).rejects.toThrow(OssStoreError);
    await expect(loadOssStore(join(dataDir, 'nowhere'))).rejects.toThrow(/run the seed first/);
  });
});
