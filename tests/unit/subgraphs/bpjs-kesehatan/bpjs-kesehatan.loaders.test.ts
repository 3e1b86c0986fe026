import nock from 'nock';
import { BpjsKesehatanClient } from '../../../../subgraphs/bpjs-kesehatan/bpjs-kesehatan.client';
import { createBpjsKesehatanLoaders } from '../../../../subgraphs/bpjs-kesehatan/bpjs-kesehatan.loaders';
import { useNockHygiene } from '../../../support/nock-hygiene';
import { FIXED_NOW, VCLAIM_BASE, VCLAIM_ORIGIN, captureLogger, memberRow, vclaimBody } from './vclaim-nock';

function niks(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `14710801019${String(index + 1).padStart(5, '0')}`);
}

/**
 * Answers every member look-up after `delayMs`, counting calls and how many are in flight
 * at once (the number VClaim's rate limit cares about).
 */
function countingVClaim(delayMs: number, failFor: ReadonlySet<string> = new Set()) {
  const counts = { calls: 0, inFlight: 0, maxInFlight: 0, byNik: new Map<string, number>() };
  nock(VCLAIM_ORIGIN)
    .persist()
    .get(/\/vclaim-rest\/peserta\/nik\/\d{16}\/tglSEP\/\d{4}-\d{2}-\d{2}$/)
    .reply(async function (uri) {
      const nik = /\/nik\/(\d{16})\//.exec(uri)?.[1] ?? '';
      counts.calls += 1;
      counts.byNik.set(nik, (counts.byNik.get(nik) ?? 0) + 1);
      counts.inFlight += 1;
      counts.maxInFlight = Math.max(counts.maxInFlight, counts.inFlight);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      counts.inFlight -= 1;
      if (failFor.has(nik)) return [503, 'down'];
      return [200, vclaimBody(this.req.headers, { peserta: memberRow(nik) })];
    });
  return counts;
}

function client() {
  return new BpjsKesehatanClient({ baseUrl: VCLAIM_BASE, timeoutMs: 5000, now: () => FIXED_NOW, logger: captureLogger().logger });
}

useNockHygiene({ assertNoPendingMocks: false });

describe('bpjs-kesehatan loaders (VClaim has no batch call: bounded concurrency)', () => {
  it('makes one call per NIK and never has more than the default 4 in flight', async () => {
    const counts = countingVClaim(25);
    const loaders = createBpjsKesehatanLoaders(client());
    const keys = niks(20);
    const records = await Promise.all(keys.map((nik) => loaders.healthInsurance.load(nik)));
    expect(records.map((record) => record?.status)).toEqual(keys.map(() => 'ACTIVE'));
    expect(counts.calls).toBe(20);
    expect(counts.maxInFlight).toBe(4);
  });

  it.each([1, 2, 7])('honours a configured cap of %i', async (cap) => {
    const counts = countingVClaim(15);
    const loaders = createBpjsKesehatanLoaders(client(), { concurrency: cap });
    await Promise.all(niks(15).map((nik) => loaders.healthInsurance.load(nik)));
    expect(counts.calls).toBe(15);
    expect(counts.maxInFlight).toBe(cap);
  });

  it('asks once for a NIK requested several times in one request', async () => {
    const counts = countingVClaim(5);
    const loaders = createBpjsKesehatanLoaders(client());
    const [nik] = niks(1) as [string];
    await Promise.all([loaders.healthInsurance.load(nik), loaders.healthInsurance.load(nik), loaders.healthInsurance.load(nik)]);
    expect(counts.calls).toBe(1);
  });

  it('keeps a failure on its own key; the other NIKs are answered', async () => {
    const keys = niks(6);
    const counts = countingVClaim(5, new Set([keys[2]!]));
    const loaders = createBpjsKesehatanLoaders(client());
    const settled = await Promise.allSettled(keys.map((nik) => loaders.healthInsurance.load(nik)));
    expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect((settled[2] as PromiseRejectedResult).reason).toMatchObject({ code: 'AGENCY_UNAVAILABLE', agency: 'bpjs-kesehatan' });
    expect(counts.calls).toBe(6);
  });

  it('gives each request its own cache: fresh loaders call again', async () => {
    const counts = countingVClaim(1);
    const source = client();
    const [nik] = niks(1) as [string];
    await createBpjsKesehatanLoaders(source).healthInsurance.load(nik);
    await createBpjsKesehatanLoaders(source).healthInsurance.load(nik);
    expect(counts.calls).toBe(2);
  });
});
