import type { RunningSimulator } from '../../../../subgraphs/kit/agency-module';
import { LegacyError } from '../../../../subgraphs/kit/errors';
import { createImigrasiClient, type ImigrasiClient } from '../../../../subgraphs/imigrasi/imigrasi.client';
import { DEFAULT_SIMKIM_CREDENTIALS } from '../../../../subgraphs/imigrasi/imigrasi.config';
import { createImigrasiLoaders, SIMKIM_APPLICATION_LOOKUP_CONCURRENCY } from '../../../../subgraphs/imigrasi/imigrasi.loaders';
import type { PassportApplicationRecord } from '../../../../subgraphs/imigrasi/passport-application.records';
import { startSimkimSimulator } from '../../../../subgraphs/imigrasi/legacy/simkim.simulator';
import type { PassportRecord } from '../../../../subgraphs/imigrasi/passport.records';
import { NIK_BINTI, NIK_TWO_PASSPORTS, NIK_UNKNOWN, removeDataDir, writeSimkimDataDir } from './simkim-fixture';

/** A client that records the batches it was asked for. */
function countingClient(fail = false): ImigrasiClient & { batches: string[][] } {
  const batches: string[][] = [];
  return {
    batches,
    passportsByNik: () => Promise.reject(new Error('the loader must use the batch call')),
    passportsByNiks: async (niks) => {
      batches.push([...niks]);
      if (fail) throw new LegacyError('AGENCY_UNAVAILABLE', 'imigrasi', 'down');
      const found = new Map<string, PassportRecord[]>();
      for (const nik of niks) if (nik.endsWith('1')) found.set(nik, [{ nik, number: `A${nik.slice(-7)}` } as PassportRecord]);
      return found;
    },
    submitPassportApplication: () => Promise.reject(new Error('loaders never write')),
    passportApplicationsByNik: () => Promise.reject(new Error('not used here')),
    close: () => undefined,
  };
}

/** A client whose getPermohonanByNik calls stay in flight until released, counting the peak. */
function slowApplicationsClient(): ImigrasiClient & { calls: string[]; peak: number } {
  let inFlight = 0;
  const state = {
    calls: [] as string[],
    peak: 0,
    passportsByNik: () => Promise.reject(new Error('not used here')),
    passportsByNiks: () => Promise.reject(new Error('not used here')),
    submitPassportApplication: () => Promise.reject(new Error('loaders never write')),
    passportApplicationsByNik: async (key: string): Promise<PassportApplicationRecord[]> => {
      state.calls.push(key);
      inFlight += 1;
      state.peak = Math.max(state.peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      if (key === nik(3)) throw new LegacyError('AGENCY_TIMEOUT', 'imigrasi', 'slow');
      return key === nik(1) ? [{ nik: key, applicationNumber: 'PMH-20261128-000001' } as PassportApplicationRecord] : [];
    },
    close: () => undefined,
  };
  return state;
}

const nik = (i: number): string => `1471010101850${String(i).padStart(3, '0')}`;

describe('imigrasi loaders', () => {
  it('one getPasporByNikList call for N NIKs asked in the same tick; null for "none"', async () => {
    const client = countingClient();
    const loaders = createImigrasiLoaders(client);
    const results = await Promise.all([nik(1), nik(2), nik(11), nik(1)].map((key) => loaders.passportsByNik.load(key)));
    expect(client.batches).toEqual([[nik(1), nik(2), nik(11)]]);
    expect(results.map((result) => result?.length ?? null)).toEqual([1, null, 1, 1]);
  });

  it('splits at 50 NIKs per call: 120 NIKs -> 3 calls (50, 50, 20)', async () => {
    const client = countingClient();
    const loaders = createImigrasiLoaders(client);
    await Promise.all(Array.from({ length: 120 }, (_, i) => loaders.passportsByNik.load(nik(i + 1))));
    expect(client.batches.map((batch) => batch.length)).toEqual([50, 50, 20]);
  });

  it('a failed call rejects every NIK of its batch with the LegacyError', async () => {
    const loaders = createImigrasiLoaders(countingClient(true));
    const settled = await Promise.allSettled([loaders.passportsByNik.load(nik(1)), loaders.passportsByNik.load(nik(2))]);
    for (const result of settled) {
      expect(result.status).toBe('rejected');
      expect((result as PromiseRejectedResult).reason).toMatchObject({ code: 'AGENCY_UNAVAILABLE' });
    }
  });

  it('fresh loaders per request: no cache shared between them', async () => {
    const client = countingClient();
    await createImigrasiLoaders(client).passportsByNik.load(nik(1));
    await createImigrasiLoaders(client).passportsByNik.load(nik(1));
    expect(client.batches).toHaveLength(2);
  });

  it('applications: one getPermohonanByNik per distinct NIK, never more than the cap in flight; a failure stays with its NIK', async () => {
    const client = slowApplicationsClient();
    const loaders = createImigrasiLoaders(client);
    const keys = [...Array.from({ length: 20 }, (_, i) => nik(i + 1)), nik(1)];
    const settled = await Promise.allSettled(keys.map((key) => loaders.passportApplicationsByNik.load(key)));
    expect(client.calls).toHaveLength(20);
    expect(client.peak).toBe(SIMKIM_APPLICATION_LOOKUP_CONCURRENCY);
    expect(settled[0]).toEqual({ status: 'fulfilled', value: [expect.objectContaining({ applicationNumber: 'PMH-20261128-000001' })] });
    expect(settled[1]).toEqual({ status: 'fulfilled', value: [] });
    expect(settled[2]).toMatchObject({ status: 'rejected', reason: { code: 'AGENCY_TIMEOUT' } });
    expect(settled[20]).toEqual(settled[0]);
  });

  describe('against the simulator (counting SOAP calls)', () => {
    let dataDir: string;
    let simulator: RunningSimulator;
    let client: ImigrasiClient;
    beforeAll(async () => {
      dataDir = await writeSimkimDataDir();
      simulator = await startSimkimSimulator({ dataDir, host: '127.0.0.1', port: 0, credentials: DEFAULT_SIMKIM_CREDENTIALS });
      client = await createImigrasiClient({ endpoint: simulator.url, timeoutMs: 1000, credentials: DEFAULT_SIMKIM_CREDENTIALS });
    });
    afterAll(async () => {
      client.close();
      await simulator.stop();
      await removeDataDir(dataDir);
    });

    it('3 NIKs -> exactly one SOAP request', async () => {
      const loaders = createImigrasiLoaders(client);
      const [two, one, none] = await Promise.all([NIK_TWO_PASSPORTS, NIK_BINTI, NIK_UNKNOWN].map((key) => loaders.passportsByNik.load(key)));
      expect([two?.length, one?.length, none]).toEqual([2, 1, null]);
      expect(simulator.stats()).toEqual({ requests: 1, byOperation: { getPasporByNikList: 1 } });
    });
  });
});
