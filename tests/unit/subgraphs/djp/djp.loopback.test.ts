import fs from 'node:fs';
import path from 'node:path';
import { agency } from '../../../../subgraphs/djp';
import type { DjpExportJob } from '../../../../subgraphs/djp/legacy/djp-export.simulator';
import { startDjpSubgraph, type RunningDjpSubgraph } from '../../../../subgraphs/djp/djp.server';
import { postEntities } from '../../../support/agency-loopback';
import { TempDirs } from '../../../support/temp-dir';
import { waitFor } from '../../../support/wait-for';
import { ACTIVE_OLD_NPWP, DETAILS, DOUBLE_NPWP, NIK_ONLY, NOT_A_TAXPAYER, detailLine, headerLine, trailerLine } from './djp-fixtures';

/** Written by hand from README.md's record layouts (plain padding, not our writer). */
const HAND_WRITTEN_EXPORT =
  [headerLine('10062025'), ...[DETAILS.activeOld, DETAILS.nikOnly, DETAILS.doubleOld, DETAILS.doubleCurrent].map(detailLine), trailerLine(4), ''].join('\r\n');

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Citizen {
      nik
      taxProfile {
        status npwp15 nikAsNpwp registeredOn
        taxOffice { code name }
        lastAnnualReturn { year status filedOn }
        taxpayerName taxpayerBirthDate taxpayerAddress asOf
      }
    }
  }
}`;

interface EntitiesAnswer {
  data?: { _entities: Array<{ nik: string; taxProfile: Record<string, unknown> | null }> };
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

async function askEntities(url: string, niks: readonly string[]): Promise<EntitiesAnswer> {
  return postEntities<EntitiesAnswer>(url, ENTITIES, niks);
}

const tempDirs = new TempDirs();
function dataDir(withExport: boolean): string {
  const directory = tempDirs.make('djp-loopback-', 'djp');
  if (withExport) fs.writeFileSync(path.join(directory, 'djp', 'EXPORT_WP_OP.TXT'), Buffer.from(HAND_WRITTEN_EXPORT, 'latin1'));
  return directory;
}

const WATCH = { pollIntervalMs: 100, settleMs: 10 };

describe('djp over loopback: export job + subgraph', () => {
  let job: DjpExportJob;
  let subgraph: RunningDjpSubgraph;
  let emptyJob: DjpExportJob;
  let emptySubgraph: RunningDjpSubgraph;

  beforeAll(async () => {
    job = (await agency.startSimulator({ dataDir: dataDir(true), host: '127.0.0.1', port: 0 })) as DjpExportJob;
    subgraph = await startDjpSubgraph({ host: '127.0.0.1', port: 0, legacyLocation: job.url, legacyTimeoutMs: 500, client: WATCH });
    emptyJob = (await agency.startSimulator({ dataDir: dataDir(false), host: '127.0.0.1', port: 0 })) as DjpExportJob;
    emptySubgraph = await startDjpSubgraph({ host: '127.0.0.1', port: 0, legacyLocation: emptyJob.url, legacyTimeoutMs: 500, client: WATCH });
  });

  afterAll(async () => {
    await Promise.all([subgraph?.stop(), emptySubgraph?.stop(), job?.stop(), emptyJob?.stop()]);
    tempDirs.removeAll();
  });

  it('answers tax profiles in clean notation with one index lookup; a citizen who is not a taxpayer is NOT_REGISTERED', async () => {
    const before = subgraph.client.lookupCount;
    const answer = await askEntities(subgraph.url, [ACTIVE_OLD_NPWP, NOT_A_TAXPAYER, DOUBLE_NPWP]);
    expect(answer.errors).toBeUndefined();
    expect(subgraph.client.lookupCount - before).toBe(1);
    expect(answer.data!._entities).toEqual([
      {
        nik: ACTIVE_OLD_NPWP,
        taxProfile: {
          status: 'ACTIVE',
          npwp15: '09.254.294.3-211.000',
          nikAsNpwp: true,
          registeredOn: '2009-07-14',
          taxOffice: { code: '211', name: 'KPP PRATAMA PEKANBARU TAMPAN' },
          lastAnnualReturn: { year: 2024, status: 'FILED', filedOn: '2025-03-21' },
          taxpayerName: 'H. AHMAD FAUZI, S.E.',
          taxpayerBirthDate: '1985-03-12',
          taxpayerAddress: 'JL. SUDIRMAN NO. 12, RT 003/RW 007, KEL. SIMPANG BARU, KEC. TAMPAN, PEKANBARU, RIAU 28293',
          asOf: '2025-06-10',
        },
      },
      {
        nik: NOT_A_TAXPAYER,
        taxProfile: {
          status: 'NOT_REGISTERED',
          npwp15: null,
          nikAsNpwp: false,
          registeredOn: null,
          taxOffice: null,
          lastAnnualReturn: null,
          taxpayerName: null,
          taxpayerBirthDate: null,
          taxpayerAddress: null,
          asOf: '2025-06-10',
        },
      },
      {
        nik: DOUBLE_NPWP,
        taxProfile: expect.objectContaining({
          status: 'ACTIVE',
          npwp15: '08.111.222.7-216.000',
          lastAnnualReturn: { year: 2024, status: 'NOT_FILED', filedOn: null },
        }),
      },
    ]);
  });

  it('keeps answering from the last good export when the job publishes a half-written file, garbage, or removes it', async () => {
    const before = await askEntities(subgraph.url, [ACTIVE_OLD_NPWP, NIK_ONLY]);
    const refusedSoFar = (): number => subgraph.client.status().rejections;
    let refused = refusedSoFar();
    job.setFaults({ errorRate: 1 });
    expect(await job.publish()).toBe('half-written');
    await waitFor(() => refusedSoFar() > refused);
    expect(await askEntities(subgraph.url, [ACTIVE_OLD_NPWP, NIK_ONLY])).toEqual(before);

    job.setFaults({ errorRate: 0 });
    refused = refusedSoFar();
    await job.publishGarbage();
    await waitFor(() => refusedSoFar() > refused);
    expect(await askEntities(subgraph.url, [ACTIVE_OLD_NPWP, NIK_ONLY])).toEqual(before);

    await job.removeExport();
    await waitFor(() => subgraph.client.status().lastRejection === 'the export file is missing');
    expect(await askEntities(subgraph.url, [ACTIVE_OLD_NPWP, NIK_ONLY])).toEqual(before);
    expect(subgraph.client.status().generation).toBe(1);
  });

  it('swaps to a new export published by the job', async () => {
    expect(await job.publish(job.rows().filter((row) => row.NIK === NIK_ONLY))).toBe('published');
    await waitFor(() => subgraph.client.status().generation === 2);
    const answer = await askEntities(subgraph.url, [ACTIVE_OLD_NPWP, NIK_ONLY]);
    expect(answer.data!._entities.map((entity) => entity.taxProfile?.status)).toEqual(['NOT_REGISTERED', 'ACTIVE']);
  });

  it('without any good export yet, taxProfile is null with AGENCY_UNAVAILABLE at its path, then answers once one is published', async () => {
    const answer = await askEntities(emptySubgraph.url, [ACTIVE_OLD_NPWP, NOT_A_TAXPAYER]);
    expect(answer.data!._entities).toEqual([
      { nik: ACTIVE_OLD_NPWP, taxProfile: null },
      { nik: NOT_A_TAXPAYER, taxProfile: null },
    ]);
    expect(answer.errors!.map((error) => [error.path, error.extensions?.code, error.extensions?.agency])).toEqual([
      [['_entities', 0, 'taxProfile'], 'AGENCY_UNAVAILABLE', 'djp'],
      [['_entities', 1, 'taxProfile'], 'AGENCY_UNAVAILABLE', 'djp'],
    ]);
    // The client sees the catalogue text, never the file path in the adapter's message.
    expect(answer.errors!.every((error) => !error.message.includes(emptyJob.url))).toBe(true);

    await emptyJob.publishText(HAND_WRITTEN_EXPORT);
    await waitFor(() => emptySubgraph.client.status().generation === 1);
    const after = await askEntities(emptySubgraph.url, [ACTIVE_OLD_NPWP, NOT_A_TAXPAYER]);
    expect(after.errors).toBeUndefined();
    expect(after.data!._entities.map((entity) => entity.taxProfile?.status)).toEqual(['ACTIVE', 'NOT_REGISTERED']);
  });

  it('a first read that does not finish within the legacy timeout gives AGENCY_TIMEOUT', async () => {
    const stuck = await startDjpSubgraph({
      host: '127.0.0.1',
      port: 0,
      legacyLocation: job.url,
      legacyTimeoutMs: 100,
      client: { ...WATCH, readExport: () => new Promise(() => undefined) },
    });
    try {
      const answer = await askEntities(stuck.url, [ACTIVE_OLD_NPWP]);
      expect(answer.data!._entities).toEqual([{ nik: ACTIVE_OLD_NPWP, taxProfile: null }]);
      expect(answer.errors!.map((error) => [error.path, error.extensions?.code, error.extensions?.agency])).toEqual([
        [['_entities', 0, 'taxProfile'], 'AGENCY_TIMEOUT', 'djp'],
      ]);
    } finally {
      await stuck.stop();
    }
  });

  it('starts through the agency module and serves /healthz', async () => {
    const started = await agency.startSubgraph({ host: '127.0.0.1', port: 0, legacyLocation: job.url, legacyTimeoutMs: 500 });
    try {
      const health = await fetch(started.url.replace('/graphql', '/healthz'));
      expect(await health.json()).toEqual({ status: 'ok', subgraph: 'djp' });
      const answer = await askEntities(started.url, [NIK_ONLY]);
      expect(answer.data!._entities[0]!.taxProfile).toMatchObject({ status: 'ACTIVE', npwp15: null, nikAsNpwp: true });
    } finally {
      await started.stop();
    }
  });
});
