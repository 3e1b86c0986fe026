import nock from 'nock';
import { OssClient } from '../../../../subgraphs/oss/oss.client';
import { createOssLoaders } from '../../../../subgraphs/oss/oss.loaders';
import { useNockHygiene } from '../../../support/nock-hygiene';
import { OSS_ORIGIN, captureLogger, envelopeBody, nibRecord, okBody } from './oss-fixtures';

function niks(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `14710801019${String(index + 1).padStart(5, '0')}`);
}

/**
 * Answers every look-up after `delayMs`, counting calls and how many are in flight at once
 * (the number the OSS gateway's rate limit cares about). Even NIKs own a warung, odd ones nothing.
 */
function countingOss(delayMs: number, failFor: ReadonlySet<string> = new Set()) {
  const counts = { calls: 0, inFlight: 0, maxInFlight: 0, byNik: new Map<string, number>() };
  nock(OSS_ORIGIN)
    .persist()
    .get(/^\/api\/v1\/nib\/pemilik\/\d{16}$/)
    .reply(async (uri) => {
      const nik = /(\d{16})$/.exec(uri)?.[1] ?? '';
      counts.calls += 1;
      counts.byNik.set(nik, (counts.byNik.get(nik) ?? 0) + 1);
      counts.inFlight += 1;
      counts.maxInFlight = Math.max(counts.maxInFlight, counts.inFlight);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      counts.inFlight -= 1;
      if (failFor.has(nik)) return [502, '<html>502 Bad Gateway</html>'];
      if (Number(nik.slice(-1)) % 2 === 1) return [200, envelopeBody(404, 'Data NIB tidak ditemukan')];
      return [200, okBody(nik, [nibRecord({ penanggung_jawab: [{ nik, nama: 'X', jabatan: 'PEMILIK' }] })])];
    });
  return counts;
}

function client() {
  return new OssClient({ baseUrl: OSS_ORIGIN, timeoutMs: 5000, logger: captureLogger().logger });
}

useNockHygiene({ assertNoPendingMocks: false });

describe('oss loaders (OSS-RBA is per NIK, no batch call: bounded concurrency)', () => {
  it('makes one call per NIK and never has more than the default 4 in flight', async () => {
    const counts = countingOss(25);
    const loaders = createOssLoaders(client());
    const keys = niks(20);
    const answers = await Promise.all(keys.map((nik) => loaders.businessesByOwner.load(nik)));
    expect(answers.map((list) => list?.length)).toEqual(keys.map((nik) => (Number(nik.slice(-1)) % 2 === 1 ? 0 : 1)));
    expect(counts.calls).toBe(20);
    expect(counts.maxInFlight).toBe(4);
  });

  it.each([1, 2, 6])('honours a configured cap of %i', async (cap) => {
    const counts = countingOss(15);
    const loaders = createOssLoaders(client(), { concurrency: cap });
    await Promise.all(niks(12).map((nik) => loaders.businessesByOwner.load(nik)));
    expect(counts.calls).toBe(12);
    expect(counts.maxInFlight).toBe(cap);
  });

  it('asks once for a NIK requested several times in one request (an owner and a co-owner reference)', async () => {
    const counts = countingOss(5);
    const loaders = createOssLoaders(client());
    const [nik] = niks(2).slice(1) as [string];
    await Promise.all([loaders.businessesByOwner.load(nik), loaders.businessesByOwner.load(nik), loaders.businessesByOwner.load(nik)]);
    await loaders.businessesByOwner.load(nik);
    expect(counts.calls).toBe(1);
  });

  it('keeps a failure on its own key; the other NIKs are answered', async () => {
    const keys = niks(6);
    const counts = countingOss(5, new Set([keys[2]!]));
    const loaders = createOssLoaders(client());
    const settled = await Promise.allSettled(keys.map((nik) => loaders.businessesByOwner.load(nik)));
    expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect((settled[2] as PromiseRejectedResult).reason).toMatchObject({ code: 'AGENCY_UNAVAILABLE', agency: 'oss' });
    expect(counts.calls).toBe(6);
  });

  it('gives each request its own cache: fresh loaders call again', async () => {
    const counts = countingOss(1);
    const [nik] = niks(1) as [string];
    await createOssLoaders(client()).businessesByOwner.load(nik);
    await createOssLoaders(client()).businessesByOwner.load(nik);
    expect(counts.calls).toBe(2);
  });
});
