import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LegacyError } from '../../../../subgraphs/kit/errors';
import { SamsatExportClient } from '../../../../subgraphs/samsat/samsat-export.client';
import { createSamsatLoaders } from '../../../../subgraphs/samsat/samsat.loaders';
import { NIK_WITHOUT_VEHICLE, OWNER_ONE_CAR, OWNER_TWO_VEHICLES, exportText } from './samsat-fixtures';

describe('createSamsatLoaders', () => {
  let directory: string;
  let client: SamsatExportClient;

  beforeAll(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'samsat-loaders-'));
    fs.writeFileSync(path.join(directory, 'EXPORT_KENDARAAN.csv'), exportText());
    client = new SamsatExportClient({ path: path.join(directory, 'EXPORT_KENDARAAN.csv'), timeoutMs: 500 });
    await client.start();
  });

  afterAll(async () => {
    await client.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('makes one index lookup for every NIK asked in the same tick', async () => {
    const before = client.lookupCount;
    const loaders = createSamsatLoaders(client);
    const answers = await Promise.all([OWNER_TWO_VEHICLES, OWNER_ONE_CAR, NIK_WITHOUT_VEHICLE, OWNER_ONE_CAR].map((nik) => loaders.vehiclesByOwner.load(nik)));
    expect(client.lookupCount - before).toBe(1);
    expect(answers.map((vehicles) => vehicles?.length ?? null)).toEqual([2, 1, null, 1]);
  });

  it('is per request: a new set of loaders looks up again, the same set caches', async () => {
    const before = client.lookupCount;
    const first = createSamsatLoaders(client);
    await first.vehiclesByOwner.load(OWNER_ONE_CAR);
    await first.vehiclesByOwner.load(OWNER_ONE_CAR);
    await createSamsatLoaders(client).vehiclesByOwner.load(OWNER_ONE_CAR);
    expect(client.lookupCount - before).toBe(2);
  });

  it('passes one batch of keys per lookup and fails every key of a failed lookup with the LegacyError', async () => {
    const calls: string[][] = [];
    const failing = {
      findVehicles: async (niks: readonly string[]) => {
        calls.push([...niks]);
        throw new LegacyError('AGENCY_UNAVAILABLE', 'samsat', 'no good export yet');
      },
    };
    const loaders = createSamsatLoaders(failing);
    const results = await Promise.allSettled([OWNER_ONE_CAR, OWNER_TWO_VEHICLES].map((nik) => loaders.vehiclesByOwner.load(nik)));
    expect(calls).toEqual([[OWNER_ONE_CAR, OWNER_TWO_VEHICLES]]);
    expect(results.map((result) => result.status === 'rejected' && (result.reason as LegacyError).code)).toEqual(['AGENCY_UNAVAILABLE', 'AGENCY_UNAVAILABLE']);
  });
});
