import nock from 'nock';
import { LegacyError } from '../../../../subgraphs/kit/errors';
import { PolriClient, type PolriSource } from '../../../../subgraphs/polri/polri.client';
import { createPolriLoaders } from '../../../../subgraphs/polri/polri.loaders';
import type { PoliceClearanceRecord } from '../../../../subgraphs/polri/polri.records';
import { useNockHygiene } from '../../../support/nock-hygiene';
import { POLRI_BASE, POLRI_ORIGIN, captureLogger, pageOf, simRow, skckRow } from './polri-fixtures';

function niks(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `14710801019${String(index + 1).padStart(5, '0')}`);
}

function client(pageSize = 100) {
  return new PolriClient({ baseUrl: POLRI_BASE, timeoutMs: 5000, pageSize, logger: captureLogger().logger });
}

/**
 * A POLRI-SIM stand-in counting calls: SIM searches (by batch and page) and SKCK look-ups,
 * with how many SKCK calls are in flight at once (what the rate limit cares about).
 * Every NIK holds two licences and one SKCK.
 */
function countingPolri(options: { delayMs?: number; failSkckFor?: ReadonlySet<string> } = {}) {
  const counts = { searches: [] as Array<{ niks: string[]; page: number }>, skck: 0, inFlight: 0, maxInFlight: 0 };
  nock(POLRI_ORIGIN)
    .persist()
    .post('/api/v1/sim/search')
    .query(true)
    .reply(function (uri, body) {
      const url = new URL(uri, POLRI_ORIGIN);
      const page = Number(url.searchParams.get('page'));
      const size = Number(url.searchParams.get('size'));
      const asked = (body as { nik: string[] }).nik;
      counts.searches.push({ niks: asked, page });
      const rows = asked.flatMap((nik) => [simRow(nik, { no_sim: `${nik.slice(4, 16)}` }), simRow(nik, { gol_sim: 'A', no_sim: `${nik.slice(2, 16)}` })]);
      return [200, pageOf(rows, page, size)];
    })
    .get('/api/v1/skck')
    .query(true)
    .reply(async function (uri) {
      const nik = new URL(uri, POLRI_ORIGIN).searchParams.get('nik') ?? '';
      counts.skck += 1;
      counts.inFlight += 1;
      counts.maxInFlight = Math.max(counts.maxInFlight, counts.inFlight);
      await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 5));
      counts.inFlight -= 1;
      if (options.failSkckFor?.has(nik)) return [503, 'down'];
      return [200, pageOf([skckRow(nik)], 1, 100)];
    });
  return counts;
}

useNockHygiene({ assertNoPendingMocks: false });

describe('polri loaders: SIM through the batch search', () => {
  it('makes one search for every NIK asked in one tick (one page when it fits)', async () => {
    const counts = countingPolri();
    const loaders = createPolriLoaders(client());
    const keys = niks(20);
    const answers = await Promise.all(keys.map((nik) => loaders.drivingLicenses.load(nik)));
    expect(answers.map((licences) => licences?.map((licence) => licence.class))).toEqual(keys.map(() => ['C', 'A']));
    expect(counts.searches).toEqual([{ niks: keys, page: 1 }]);
  });

  it('follows every page of the one search: 6 NIKs x 2 licences at 5 a page = pages 1, 2, 3', async () => {
    const counts = countingPolri();
    const loaders = createPolriLoaders(client(5));
    const keys = niks(6);
    const answers = await Promise.all(keys.map((nik) => loaders.drivingLicenses.load(nik)));
    expect(answers.every((licences) => licences?.length === 2)).toBe(true);
    expect(counts.searches.map((search) => search.page)).toEqual([1, 2, 3]);
    expect(new Set(counts.searches.map((search) => search.niks.join())).size).toBe(1);
  });

  it('splits at the service limit of 50 NIKs: 120 NIKs are 3 searches', async () => {
    const counts = countingPolri();
    const loaders = createPolriLoaders(client());
    await Promise.all(niks(120).map((nik) => loaders.drivingLicenses.load(nik)));
    expect(counts.searches.map((search) => search.niks.length).sort()).toEqual([20, 50, 50]);
  });

  it('asks once for a NIK requested several times, and again only with fresh (per-request) loaders', async () => {
    const counts = countingPolri();
    const source = client();
    const loaders = createPolriLoaders(source);
    const [nik] = niks(1) as [string];
    await Promise.all([loaders.drivingLicenses.load(nik), loaders.drivingLicenses.load(nik)]);
    await loaders.drivingLicenses.load(nik);
    await createPolriLoaders(source).drivingLicenses.load(nik);
    expect(counts.searches).toHaveLength(2);
  });

  it('answers null ("holds none") for a NIK the search does not return, and fails every key of a failed search', async () => {
    const stub: PolriSource = {
      searchDrivingLicenses: async (keys) => new Map([[keys[0]!, []]]),
      findPoliceClearance: async () => {
        throw new Error('not used');
      },
    };
    const [first, second] = niks(2) as [string, string];
    const loaders = createPolriLoaders(stub);
    await expect(Promise.all([loaders.drivingLicenses.load(first), loaders.drivingLicenses.load(second)])).resolves.toEqual([[], null]);

    const failing: PolriSource = {
      ...stub,
      searchDrivingLicenses: async () => {
        throw new LegacyError('AGENCY_TIMEOUT', 'polri', 'slow');
      },
    };
    const settled = await Promise.allSettled(niks(3).map((nik) => createPolriLoaders(failing).drivingLicenses.load(nik)));
    expect(settled.map((result) => result.status === 'rejected' && (result.reason as LegacyError).code)).toEqual(['AGENCY_TIMEOUT', 'AGENCY_TIMEOUT', 'AGENCY_TIMEOUT']);
  });
});

describe('polri loaders: SKCK, one call per NIK with bounded concurrency', () => {
  it('makes one call per NIK and never has more than the default 4 in flight', async () => {
    const counts = countingPolri({ delayMs: 20 });
    const loaders = createPolriLoaders(client());
    const keys = niks(20);
    const records = await Promise.all(keys.map((nik) => loaders.policeClearance.load(nik)));
    expect(records.map((record) => record?.found)).toEqual(keys.map(() => true));
    expect(counts.skck).toBe(20);
    expect(counts.maxInFlight).toBe(4);
  });

  it.each([1, 2, 7])('honours a configured cap of %i', async (cap) => {
    const counts = countingPolri({ delayMs: 10 });
    const loaders = createPolriLoaders(client(), { concurrency: cap });
    await Promise.all(niks(15).map((nik) => loaders.policeClearance.load(nik)));
    expect(counts.skck).toBe(15);
    expect(counts.maxInFlight).toBe(cap);
  });

  it('keeps a failure on its own key; the other NIKs are answered', async () => {
    const keys = niks(5);
    const counts = countingPolri({ failSkckFor: new Set([keys[1]!]) });
    const loaders = createPolriLoaders(client());
    const settled = await Promise.allSettled(keys.map((nik) => loaders.policeClearance.load(nik)));
    expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'AGENCY_UNAVAILABLE', agency: 'polri' });
    expect(counts.skck).toBe(5);
  });

  it('asking for licences and clearance of the same NIKs costs one search plus one SKCK call per NIK', async () => {
    const counts = countingPolri();
    const loaders = createPolriLoaders(client());
    const keys = niks(6);
    await Promise.all(keys.flatMap((nik) => [loaders.drivingLicenses.load(nik), loaders.policeClearance.load(nik) as Promise<PoliceClearanceRecord | null>]));
    expect(counts.searches).toHaveLength(1);
    expect(counts.skck).toBe(6);
  });
});
