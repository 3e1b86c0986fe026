import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BpjsKesehatanClient } from '../../../../subgraphs/bpjs-kesehatan/bpjs-kesehatan.client';
import { DEMO_CREDENTIALS } from '../../../../subgraphs/bpjs-kesehatan/bpjs-kesehatan.config';
import { createBpjsKesehatanLoaders } from '../../../../subgraphs/bpjs-kesehatan/bpjs-kesehatan.loaders';
import { startVClaimSimulator, type VClaimSimulatorOptions } from '../../../../subgraphs/bpjs-kesehatan/legacy/vclaim.simulator';
import { VClaimStoreError, loadVClaimStore, parseVClaimStore } from '../../../../subgraphs/bpjs-kesehatan/legacy/vclaim.store';
import { signVClaimRequest } from '../../../../subgraphs/bpjs-kesehatan/vclaim-crypto';
import type { RunningSimulator } from '../../../../subgraphs/kit/agency-module';
import { LegacyError } from '../../../../subgraphs/kit/errors';
import { captureLogger, memberRow } from './vclaim-nock';

const MEMBER = '1471080703850001';
const MEMBERS = ['1471080703850001', '1471084507850002', '1471081212000003', '1471080101700004'];
const STRANGER = '1471080101990009';

let dataDir: string;
const running: RunningSimulator[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'satu-vclaim-'));
  await mkdir(join(dataDir, 'bpjs-kesehatan'));
  await writeFile(join(dataDir, 'bpjs-kesehatan', 'peserta.json'), JSON.stringify(MEMBERS.map((nik) => memberRow(nik))));
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((simulator) => simulator.stop()));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function simulator(options: Partial<VClaimSimulatorOptions> = {}): Promise<RunningSimulator> {
  const started = await startVClaimSimulator({ dataDir, host: '127.0.0.1', port: 0, ...options });
  running.push(started);
  return started;
}

function client(url: string, overrides: Partial<ConstructorParameters<typeof BpjsKesehatanClient>[0]> = {}) {
  return new BpjsKesehatanClient({ baseUrl: url, timeoutMs: 2000, logger: captureLogger().logger, ...overrides });
}

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error instanceof LegacyError ? error.code : `not a LegacyError: ${String(error)}`;
  }
}

/** A signed raw request, to see the simulator's wire answers. */
async function raw(url: string, path: string, nowMs = Date.now()) {
  const timestamp = String(Math.floor(nowMs / 1000));
  const { consId, secret, userKey } = DEMO_CREDENTIALS;
  const response = await fetch(`${url}${path}`, {
    headers: { 'X-cons-id': consId, 'X-timestamp': timestamp, 'X-signature': signVClaimRequest(consId, secret, timestamp), user_key: userKey },
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as { metaData: { code: string } } };
}

describe('VClaim simulator', () => {
  it('answers members encrypted for the client, non-members with 201, and counts calls by operation', async () => {
    const vclaim = await simulator();
    expect(vclaim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/vclaim-rest$/);
    const adapter = client(vclaim.url);
    await expect(adapter.findMemberByNik(MEMBER)).resolves.toMatchObject({ status: 'ACTIVE', holderName: 'BUDI SANTOSO' });
    await expect(adapter.findMemberByNik(STRANGER)).resolves.toMatchObject({ status: 'NOT_REGISTERED' });
    expect(vclaim.stats()).toEqual({ requests: 2, byOperation: { 'peserta/nik': 2 } });
  });

  it.each([
    ['an unknown cons-id', { credentials: { ...DEMO_CREDENTIALS, consId: '99999' } }],
    ['a wrong secret (bad signature)', { credentials: { ...DEMO_CREDENTIALS, secret: 'wrong' } }],
    ['a wrong user_key', { credentials: { ...DEMO_CREDENTIALS, userKey: 'wrong' } }],
    ['a clock 400 s behind (X-timestamp skew)', { now: () => Date.now() - 400_000 }],
  ])('refuses %s with metaData 401 -> AGENCY_UNAVAILABLE', async (_label, overrides) => {
    const vclaim = await simulator();
    expect(await code(client(vclaim.url, overrides).findMemberByNik(MEMBER))).toBe('AGENCY_UNAVAILABLE');
  });

  it('accepts a clock within the allowed skew', async () => {
    const vclaim = await simulator({ maxSkewSeconds: 300 });
    await expect(client(vclaim.url, { now: () => Date.now() - 200_000 }).findMemberByNik(MEMBER)).resolves.toMatchObject({ status: 'ACTIVE' });
  });

  it('answers bad parameters with metaData 400 and unknown paths with HTTP 404', async () => {
    const vclaim = await simulator();
    expect((await raw(vclaim.url, '/peserta/nik/123/tglSEP/2024-06-02')).body.metaData.code).toBe('400');
    expect((await raw(vclaim.url, `/peserta/nik/${MEMBER}/tglSEP/2024-02-30`)).body.metaData.code).toBe('400');
    const missing = await fetch(`${vclaim.url}/peserta/nokartu/0001234567890`);
    expect(missing.status).toBe(404);
    await missing.text();
  });

  it('throttles per cons-id with HTTP 429 and Retry-After, and opens again in the next second', async () => {
    let clock = Date.UTC(2024, 5, 2, 3, 0, 0, 100);
    const vclaim = await simulator({ rateLimitPerSecond: 2, now: () => clock });
    const path = `/peserta/nik/${MEMBER}/tglSEP/2024-06-02`;
    expect((await raw(vclaim.url, path, clock)).status).toBe(200);
    expect((await raw(vclaim.url, path, clock)).status).toBe(200);
    const throttled = await raw(vclaim.url, path, clock);
    expect(throttled).toMatchObject({ status: 429, retryAfter: '1' });
    clock += 1000;
    expect((await raw(vclaim.url, path, clock)).status).toBe(200);
  });

  it('lets the client ride out the rate limit: every NIK answered after backing off', async () => {
    const vclaim = await simulator({ rateLimitPerSecond: 2 });
    // Start early in a second so the burst meets the limit inside one window.
    const intoSecond = Date.now() % 1000;
    if (intoSecond > 700) await new Promise((resolve) => setTimeout(resolve, 1000 - intoSecond + 10));
    const loaders = createBpjsKesehatanLoaders(client(vclaim.url, { timeoutMs: 4000 }), { concurrency: 4 });
    const records = await Promise.all(MEMBERS.map((nik) => loaders.healthInsurance.load(nik)));
    expect(records.map((record) => record?.status)).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE', 'ACTIVE']);
    expect(vclaim.stats().requests).toBeGreaterThan(MEMBERS.length); // the throttled ones came back
  });

  it('applies faults: 5xx -> AGENCY_UNAVAILABLE, garbage -> AGENCY_BAD_RESPONSE, hang -> AGENCY_TIMEOUT', async () => {
    const vclaim = await simulator();
    const adapter = client(vclaim.url, { timeoutMs: 300 });
    vclaim.setFaults({ errorRate: 1 });
    expect(await code(adapter.findMemberByNik(MEMBER))).toBe('AGENCY_UNAVAILABLE');
    vclaim.setFaults({ errorRate: 0, malformedRate: 1 });
    expect(await code(adapter.findMemberByNik(MEMBER))).toBe('AGENCY_BAD_RESPONSE');
    vclaim.setFaults({ malformedRate: 0, hangRate: 1 });
    expect(await code(adapter.findMemberByNik(MEMBER))).toBe('AGENCY_TIMEOUT');
    vclaim.setFaults({ hangRate: 0 });
    await expect(adapter.findMemberByNik(MEMBER)).resolves.toMatchObject({ status: 'ACTIVE' });
  });

  it('gives AGENCY_UNAVAILABLE once stopped (connection refused)', async () => {
    const vclaim = await simulator();
    await vclaim.stop();
    expect(await code(client(vclaim.url).findMemberByNik(MEMBER))).toBe('AGENCY_UNAVAILABLE');
  });
});

describe('the BPJS store', () => {
  it('indexes rows by NIK and keeps odd values as written', () => {
    const store = parseVClaimStore(JSON.stringify([memberRow(MEMBER, { hakKelas: { kode: '9' } })]), 'test');
    expect(store.get(MEMBER)?.hakKelas).toEqual({ kode: '9' });
  });

  it.each([
    ['not JSON', '{', /not valid JSON/],
    ['not an array', '{}', /JSON array/],
    ['a row that is not an object', '[1]', /row 0 is not an object/],
    ['a NIK as a number', '[{"nik":1471080703850001}]', /row 0 needs "nik" as a string of 16 digits/],
    ['a repeated NIK', JSON.stringify([memberRow(MEMBER), memberRow(MEMBER)]), /row 1 repeats a NIK already in row 0/],
  ])('refuses %s with a message naming the problem', (_label, text, message) => {
    expect(() => parseVClaimStore(text, 'peserta.json')).toThrow(message);
  });

  it('says to run the seed when the file is missing', async () => {
    await expect(loadVClaimStore(join(dataDir, 'nowhere'))).rejects.toThrow(VClaimStoreError);
    await expect(loadVClaimStore(join(dataDir, 'nowhere'))).rejects.toThrow(/run the seed first/);
  });
});
