import fs from 'node:fs';
import path from 'node:path';
import { agency } from '../../../../subgraphs/kua';
import type { KuaExportJob } from '../../../../subgraphs/kua/legacy/kua-export.simulator';
import { startKuaSubgraph, type RunningKuaSubgraph } from '../../../../subgraphs/kua/kua.server';
import { postEntities } from '../../../support/agency-loopback';
import { TempDirs } from '../../../support/temp-dir';
import { waitFor } from '../../../support/wait-for';
import { DETAIL_LINES, HEADER, HUSBAND_NEW, HUSBAND_TWICE, NIK_WITHOUT_MARRIAGE, WIFE_NEW } from './kua-fixtures';

/** Written by hand from README.md, not through our own writer. */
const HAND_WRITTEN_EXPORT = '\uFEFF' + [HEADER, ...DETAIL_LINES, '"#JUMLAH_BARIS","3","10-06-2025"', ''].join('\n');

const MARRIAGE_FIELDS =
  'certificateNumber certificateFormat marriedOn venue place kuaCode kuaOffice role status spouseNik spouseName holderName holderBirthDate spouse { nik }';
const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Citizen { nik marriages { ${MARRIAGE_FIELDS} } } }
}`;

type Marriage = Record<string, unknown> & { spouse: { nik: string } | null };
interface EntitiesAnswer {
  data?: { _entities: Array<{ nik: string; marriages: Marriage[] | null }> };
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

async function ask<T = EntitiesAnswer>(url: string, niks: readonly string[], query = ENTITIES): Promise<T> {
  return postEntities<T>(url, query, niks);
}

const tempDirs = new TempDirs();
function dataDir(withExport: boolean): string {
  const directory = tempDirs.make('kua-loopback-', 'kua');
  if (withExport) fs.writeFileSync(path.join(directory, 'kua', 'SIMKAH_EKSPOR_NIKAH.csv'), HAND_WRITTEN_EXPORT);
  return directory;
}

const WATCH = { pollIntervalMs: 100, settleMs: 10 };

describe('kua over loopback: export job + subgraph', () => {
  let job: KuaExportJob;
  let subgraph: RunningKuaSubgraph;
  let emptyJob: KuaExportJob;
  let emptySubgraph: RunningKuaSubgraph;

  beforeAll(async () => {
    job = (await agency.startSimulator({ dataDir: dataDir(true), host: '127.0.0.1', port: 0 })) as KuaExportJob;
    subgraph = await startKuaSubgraph({ host: '127.0.0.1', port: 0, legacyLocation: job.url, legacyTimeoutMs: 500, client: WATCH });
    emptyJob = (await agency.startSimulator({ dataDir: dataDir(false), host: '127.0.0.1', port: 0 })) as KuaExportJob;
    emptySubgraph = await startKuaSubgraph({ host: '127.0.0.1', port: 0, legacyLocation: emptyJob.url, legacyTimeoutMs: 500, client: WATCH });
  });

  afterAll(async () => {
    await Promise.all([subgraph?.stop(), emptySubgraph?.stop(), job?.stop(), emptyJob?.stop()]);
    tempDirs.removeAll();
  });

  it('answers each spouse with their own role and the other as a Citizen reference; an unknown NIK gets []', async () => {
    const before = subgraph.client.lookupCount;
    const answer = await ask(subgraph.url, [HUSBAND_NEW, WIFE_NEW, NIK_WITHOUT_MARRIAGE]);
    expect(answer.errors).toBeUndefined();
    expect(subgraph.client.lookupCount - before).toBe(1); // three NIKs, one index lookup
    const [husband, wife, none] = answer.data!._entities;
    expect(husband!.marriages).toEqual([
      {
        certificateNumber: '1471081032023007',
        certificateFormat: 'NEW_16_DIGIT',
        marriedOn: '2023-03-12',
        venue: 'KUA_OFFICE',
        place: 'BALAI NIKAH KUA KEC. BINAWIDYA',
        kuaCode: '1471081',
        kuaOffice: 'KUA KECAMATAN BINAWIDYA',
        role: 'HUSBAND',
        status: 'REGISTERED',
        spouseNik: WIFE_NEW,
        spouseName: 'Siti  Aminah',
        holderName: 'AHMAD FAUZI',
        holderBirthDate: '1985-03-12',
        spouse: { nik: WIFE_NEW },
      },
    ]);
    expect(wife!.marriages!.map((m) => [m.role, m.holderName, m.holderBirthDate, m.spouse])).toEqual([['WIFE', 'Siti  Aminah', '1990-07-05', { nik: HUSBAND_NEW }]]);
    expect(none).toEqual({ nik: NIK_WITHOUT_MARRIAGE, marriages: [] });
  });

  it('reads both numbering schemes and gives spouse null when KUA holds no NIK for them', async () => {
    const answer = await ask(subgraph.url, [HUSBAND_TWICE]);
    expect(answer.data!._entities[0]!.marriages!.map((m) => [m.certificateNumber, m.certificateFormat, m.marriedOn, m.status, m.spouse])).toEqual([
      ['0123/10/IV/1988', 'OLD_FREE_TEXT', '1988-04-17', 'DIVORCED', null],
      ['Kk.04.2.10/PW.01/0045/1995', 'OLD_FREE_TEXT', '1995-06-25', 'REGISTERED', { nik: '1471105505650004' }],
    ]);
  });

  it('walks from a citizen to the spouse and back through the spouse reference', async () => {
    const query = `query ($representations: [_Any!]!) {
      _entities(representations: $representations) { ... on Citizen { nik marriages { role spouse { nik marriages { role spouse { nik } } } } } }
    }`;
    const answer = await ask<{ data: { _entities: unknown[] }; errors?: unknown }>(subgraph.url, [WIFE_NEW], query);
    expect(answer.errors).toBeUndefined();
    expect(answer.data._entities).toEqual([
      { nik: WIFE_NEW, marriages: [{ role: 'WIFE', spouse: { nik: HUSBAND_NEW, marriages: [{ role: 'HUSBAND', spouse: { nik: WIFE_NEW } }] } }] },
    ]);
  });

  it('keeps answering from the last good export when the job publishes a half-written file, garbage, or removes it', async () => {
    const before = await ask(subgraph.url, [HUSBAND_NEW, HUSBAND_TWICE]);
    job.setFaults({ errorRate: 1 });
    expect(await job.publish()).toBe('half-written');
    await waitFor(() => subgraph.client.status().lastRejection !== null);
    expect(await ask(subgraph.url, [HUSBAND_NEW, HUSBAND_TWICE])).toEqual(before);

    job.setFaults({ errorRate: 0 });
    await job.publishGarbage();
    await waitFor(() => /header|CSV|line break|trailer/.test(subgraph.client.status().lastRejection ?? ''));
    expect(await ask(subgraph.url, [HUSBAND_NEW, HUSBAND_TWICE])).toEqual(before);

    await job.removeExport();
    await waitFor(() => subgraph.client.status().lastRejection === 'the export file is missing');
    expect(await ask(subgraph.url, [HUSBAND_NEW, HUSBAND_TWICE])).toEqual(before);
    expect(subgraph.client.status().generation).toBe(1);
  });

  it('swaps to a new export published by the job', async () => {
    expect(await job.publish(job.rows().filter((row) => row.NIK_SUAMI === HUSBAND_TWICE))).toBe('published');
    await waitFor(() => subgraph.client.status().generation === 2);
    const answer = await ask(subgraph.url, [HUSBAND_NEW, HUSBAND_TWICE]);
    expect(answer.data!._entities.map((entity) => entity.marriages?.length)).toEqual([0, 2]);
  });

  it('without any good export, marriages is null with AGENCY_UNAVAILABLE at its path (faults included), then answers once one is published', async () => {
    emptyJob.setFaults({ errorRate: 1 });
    expect(await emptyJob.publish([])).toBe('half-written');
    await waitFor(() => /trailer|line break|header|CSV/.test(emptySubgraph.client.status().lastRejection ?? ''));
    const answer = await ask(emptySubgraph.url, [HUSBAND_NEW, NIK_WITHOUT_MARRIAGE]);
    expect(answer.data!._entities).toEqual([
      { nik: HUSBAND_NEW, marriages: null },
      { nik: NIK_WITHOUT_MARRIAGE, marriages: null },
    ]);
    expect(answer.errors!.map((error) => [error.path, error.extensions?.code, error.extensions?.agency])).toEqual([
      [['_entities', 0, 'marriages'], 'AGENCY_UNAVAILABLE', 'kua'],
      [['_entities', 1, 'marriages'], 'AGENCY_UNAVAILABLE', 'kua'],
    ]);
    // The client sees the catalogue text, never the file path in the adapter's message.
    expect(answer.errors!.every((error) => !error.message.includes(emptyJob.url))).toBe(true);

    emptyJob.setFaults({ errorRate: 0 });
    await emptyJob.publishText(HAND_WRITTEN_EXPORT);
    await waitFor(() => emptySubgraph.client.status().generation === 1);
    const after = await ask(emptySubgraph.url, [HUSBAND_NEW, NIK_WITHOUT_MARRIAGE]);
    expect(after.errors).toBeUndefined();
    expect(after.data!._entities.map((entity) => entity.marriages?.length)).toEqual([1, 0]);
  });

  it('starts through the agency module and serves /healthz', async () => {
    const started = await agency.startSubgraph({ host: '127.0.0.1', port: 0, legacyLocation: job.url, legacyTimeoutMs: 500 });
    try {
      const health = await fetch(started.url.replace('/graphql', '/healthz'));
      expect(await health.json()).toEqual({ status: 'ok', subgraph: 'kua' });
      const answer = await ask(started.url, [HUSBAND_TWICE]);
      expect(answer.data!._entities[0]!.marriages).toHaveLength(2);
    } finally {
      await started.stop();
    }
  });
});
