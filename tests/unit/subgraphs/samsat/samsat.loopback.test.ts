import fs from 'node:fs';
import path from 'node:path';
import { agency } from '../../../../subgraphs/samsat';
import type { SamsatExportJob } from '../../../../subgraphs/samsat/legacy/samsat-export.simulator';
import { startSamsatSubgraph, type RunningSamsatSubgraph } from '../../../../subgraphs/samsat/samsat.server';
import { postEntities } from '../../../support/agency-loopback';
import { TempDirs } from '../../../support/temp-dir';
import { waitFor } from '../../../support/wait-for';
import { DETAIL_LINES, HEADER, NIK_WITHOUT_VEHICLE, OWNER_ONE_CAR, OWNER_TWO_VEHICLES } from './samsat-fixtures';

/** Written by hand from README.md, not through our own writer. */
const HAND_WRITTEN_EXPORT = [HEADER, ...DETAIL_LINES, 'TRAILER;3;10/06/2025', ''].join('\r\n');

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Citizen { nik vehicles { plateNumber category brand model manufactureYear color registrationExpiry taxDueDate annualTax taxArrears taxStatus ownerName ownerAddress } }
  }
}`;

interface EntitiesAnswer {
  data?: { _entities: Array<{ nik: string; vehicles: Array<Record<string, unknown>> | null }> };
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

async function askEntities(url: string, niks: readonly string[]): Promise<EntitiesAnswer> {
  return postEntities<EntitiesAnswer>(url, ENTITIES, niks);
}

const tempDirs = new TempDirs();
function dataDir(withExport: boolean): string {
  const directory = tempDirs.make('samsat-loopback-', 'samsat');
  if (withExport) fs.writeFileSync(path.join(directory, 'samsat', 'EXPORT_KENDARAAN.csv'), HAND_WRITTEN_EXPORT);
  return directory;
}

describe('samsat over loopback: export job + subgraph', () => {
  let job: SamsatExportJob;
  let subgraph: RunningSamsatSubgraph;
  let emptyJob: SamsatExportJob;
  let emptySubgraph: RunningSamsatSubgraph;

  beforeAll(async () => {
    job = (await agency.startSimulator({ dataDir: dataDir(true), host: '127.0.0.1', port: 0 })) as SamsatExportJob;
    subgraph = await startSamsatSubgraph({
      host: '127.0.0.1',
      port: 0,
      legacyLocation: job.url,
      legacyTimeoutMs: 500,
      now: () => new Date('2025-06-10T05:00:00Z'),
      client: { pollIntervalMs: 100, settleMs: 10 },
    });
    emptyJob = (await agency.startSimulator({ dataDir: dataDir(false), host: '127.0.0.1', port: 0 })) as SamsatExportJob;
    emptySubgraph = await startSamsatSubgraph({ host: '127.0.0.1', port: 0, legacyLocation: emptyJob.url, legacyTimeoutMs: 500, client: { pollIntervalMs: 100, settleMs: 10 } });
  });

  afterAll(async () => {
    await Promise.all([subgraph?.stop(), emptySubgraph?.stop(), job?.stop(), emptyJob?.stop()]);
    tempDirs.removeAll();
  });

  it('answers vehicles per citizen in clean notation; a citizen without a vehicle gets []', async () => {
    const answer = await askEntities(subgraph.url, [OWNER_TWO_VEHICLES, NIK_WITHOUT_VEHICLE, OWNER_ONE_CAR]);
    expect(answer.errors).toBeUndefined();
    const [two, none, one] = answer.data!._entities;
    expect(two!.vehicles!.map((v) => [v.plateNumber, v.category, v.taxStatus])).toEqual([
      ['BM 1234 AJ', 'MOTORCYCLE', 'PAID'],
      ['BM 77 TQ', 'CAR', 'PAID'],
    ]);
    expect(none).toEqual({ nik: NIK_WITHOUT_VEHICLE, vehicles: [] });
    expect(one!.vehicles).toEqual([
      {
        plateNumber: 'BM 8801 NA',
        category: 'CAR',
        brand: 'DAIHATSU',
        model: 'TERIOS 1.5 X',
        manufactureYear: 2015,
        color: 'PUTIH',
        registrationExpiry: '2025-05-02',
        taxDueDate: '2020-05-02',
        annualTax: 3_400_000,
        taxArrears: 19_040_000,
        taxStatus: 'OVERDUE',
        ownerName: 'SITI AMINAH',
        ownerAddress: 'JL. TUANKU TAMBUSAI NO. 5 RT 001 RW 002, KEL. SUKA MULIA, KEC. SAIL, PEKANBARU',
      },
    ]);
  });

  it('keeps answering from the last good export when the job publishes a half-written file, garbage, or removes it', async () => {
    const before = await askEntities(subgraph.url, [OWNER_TWO_VEHICLES, OWNER_ONE_CAR]);
    job.setFaults({ errorRate: 1 });
    expect(await job.publish()).toBe('half-written');
    await waitFor(() => subgraph.client.status().lastRejection !== null);
    expect(await askEntities(subgraph.url, [OWNER_TWO_VEHICLES, OWNER_ONE_CAR])).toEqual(before);

    job.setFaults({ errorRate: 0 });
    await job.publishGarbage();
    await waitFor(() => /header|CSV|line break|trailer/.test(subgraph.client.status().lastRejection ?? ''));
    expect(await askEntities(subgraph.url, [OWNER_TWO_VEHICLES, OWNER_ONE_CAR])).toEqual(before);

    await job.removeExport();
    await waitFor(() => subgraph.client.status().lastRejection === 'the export file is missing');
    expect(await askEntities(subgraph.url, [OWNER_TWO_VEHICLES, OWNER_ONE_CAR])).toEqual(before);
    expect(subgraph.client.status().generation).toBe(1);
  });

  it('swaps to a new export published by the job', async () => {
    expect(await job.publish(job.rows().filter((row) => row.NIK_PEMILIK === OWNER_ONE_CAR))).toBe('published');
    await waitFor(() => subgraph.client.status().generation === 2);
    const answer = await askEntities(subgraph.url, [OWNER_TWO_VEHICLES, OWNER_ONE_CAR]);
    expect(answer.data!._entities.map((entity) => entity.vehicles?.length)).toEqual([0, 1]);
  });

  it('without any good export yet, vehicles is null with AGENCY_UNAVAILABLE at its path, then answers once one is published', async () => {
    const answer = await askEntities(emptySubgraph.url, [OWNER_ONE_CAR, NIK_WITHOUT_VEHICLE]);
    expect(answer.data!._entities).toEqual([
      { nik: OWNER_ONE_CAR, vehicles: null },
      { nik: NIK_WITHOUT_VEHICLE, vehicles: null },
    ]);
    expect(answer.errors!.map((error) => [error.path, error.extensions?.code, error.extensions?.agency])).toEqual([
      [['_entities', 0, 'vehicles'], 'AGENCY_UNAVAILABLE', 'samsat'],
      [['_entities', 1, 'vehicles'], 'AGENCY_UNAVAILABLE', 'samsat'],
    ]);
    // The client sees the catalogue text, never the file path in the adapter's message.
    expect(answer.errors!.every((error) => !error.message.includes(emptyJob.url))).toBe(true);

    await emptyJob.publishText(HAND_WRITTEN_EXPORT);
    await waitFor(() => emptySubgraph.client.status().generation === 1);
    const after = await askEntities(emptySubgraph.url, [OWNER_ONE_CAR, NIK_WITHOUT_VEHICLE]);
    expect(after.errors).toBeUndefined();
    expect(after.data!._entities.map((entity) => entity.vehicles?.length)).toEqual([1, 0]);
  });

  it('starts through the agency module and serves /healthz', async () => {
    const started = await agency.startSubgraph({ host: '127.0.0.1', port: 0, legacyLocation: job.url, legacyTimeoutMs: 500 });
    try {
      const health = await fetch(started.url.replace('/graphql', '/healthz'));
      expect(await health.json()).toEqual({ status: 'ok', subgraph: 'samsat' });
      const answer = await askEntities(started.url, [OWNER_ONE_CAR]);
      expect(answer.data!._entities[0]!.vehicles).toHaveLength(1);
    } finally {
      await started.stop();
    }
  });
});
