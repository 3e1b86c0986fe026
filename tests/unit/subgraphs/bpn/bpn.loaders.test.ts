import { BpnKkpClient } from '../../../../subgraphs/bpn/bpn-kkp.client';
import { createBpnLoaders } from '../../../../subgraphs/bpn/bpn.loaders';
import type { LandParcelRecord } from '../../../../subgraphs/bpn/land-parcel.records';
import { LegacyError } from '../../../../subgraphs/kit/errors';
import { FIXTURE_DUMP, HUSBAND, SOLE_HOLDER, UNKNOWN, WIFE } from './bpn-fixtures';
import { sqliteDatabases, type KkpTestDatabases } from './kkp-test-databases';

describe('createBpnLoaders', () => {
  let databases: KkpTestDatabases;
  let client: BpnKkpClient;

  beforeAll(async () => {
    databases = sqliteDatabases();
    client = new BpnKkpClient({ location: await databases.create(FIXTURE_DUMP), timeoutMs: 1000 });
  });

  afterAll(async () => {
    await client.close();
    await databases.cleanup();
  });

  it('sends every NIK asked in one tick as one query on the view', async () => {
    const before = client.queryCount;
    const loaders = createBpnLoaders(client);
    const answers = await Promise.all([SOLE_HOLDER, HUSBAND, UNKNOWN, WIFE, SOLE_HOLDER].map((nik) => loaders.landParcels.load(nik)));
    expect(client.queryCount - before).toBe(1);
    expect(answers.map((parcels) => parcels?.length ?? null)).toEqual([2, 1, null, 1, 2]);
  });

  it('is per request: a new set of loaders queries again, the same set caches', async () => {
    const before = client.queryCount;
    const first = createBpnLoaders(client);
    await first.landParcels.load(HUSBAND);
    await first.landParcels.load(HUSBAND);
    await createBpnLoaders(client).landParcels.load(HUSBAND);
    expect(client.queryCount - before).toBe(2);
  });

  it('splits a batch above 100 NIKs into queries of at most 100', async () => {
    const batches: number[] = [];
    const source = {
      findParcels: async (niks: readonly string[]) => {
        batches.push(niks.length);
        return new Map<string, readonly LandParcelRecord[]>();
      },
    };
    const loaders = createBpnLoaders(source);
    const niks = Array.from({ length: 230 }, (_, i) => `1471080101${String(900000 + i)}`);
    await Promise.all(niks.map((nik) => loaders.landParcels.load(nik)));
    expect(batches).toEqual([100, 100, 30]);
  });

  it('fails every key of a failed query with its LegacyError', async () => {
    const source = {
      findParcels: async () => {
        throw new LegacyError('AGENCY_UNAVAILABLE', 'bpn', 'view gone');
      },
    };
    const loaders = createBpnLoaders(source);
    const results = await Promise.allSettled([SOLE_HOLDER, HUSBAND].map((nik) => loaders.landParcels.load(nik)));
    expect(results.map((result) => result.status === 'rejected' && (result.reason as LegacyError).code)).toEqual(['AGENCY_UNAVAILABLE', 'AGENCY_UNAVAILABLE']);
  });
});
