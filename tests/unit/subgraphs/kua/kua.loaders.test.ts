import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LegacyError } from '../../../../subgraphs/kit/errors';
import { KuaExportClient } from '../../../../subgraphs/kua/kua-export.client';
import { createKuaLoaders } from '../../../../subgraphs/kua/kua.loaders';
import { HUSBAND_NEW, HUSBAND_TWICE, NIK_WITHOUT_MARRIAGE, WIFE_NEW, WIFE_OLD, exportText } from './kua-fixtures';

describe('createKuaLoaders', () => {
  let directory: string;
  let client: KuaExportClient;

  beforeAll(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'kua-loaders-'));
    fs.writeFileSync(path.join(directory, 'SIMKAH_EKSPOR_NIKAH.csv'), exportText());
    client = new KuaExportClient({ path: path.join(directory, 'SIMKAH_EKSPOR_NIKAH.csv'), timeoutMs: 500 });
    await client.start();
  });

  afterAll(async () => {
    await client.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('makes one index lookup for every NIK asked in the same tick (a family of six: one lookup)', async () => {
    const before = client.lookupCount;
    const loaders = createKuaLoaders(client);
    const family = [HUSBAND_NEW, WIFE_NEW, HUSBAND_TWICE, WIFE_OLD, NIK_WITHOUT_MARRIAGE, WIFE_NEW];
    const answers = await Promise.all(family.map((nik) => loaders.marriagesByNik.load(nik)));
    expect(client.lookupCount - before).toBe(1);
    expect(answers.map((marriages) => marriages?.map((m) => m.role) ?? null)).toEqual([['HUSBAND'], ['WIFE'], ['HUSBAND', 'HUSBAND'], ['WIFE'], null, ['WIFE']]);
  });

  it('is per request: a new set of loaders looks up again, the same set caches', async () => {
    const before = client.lookupCount;
    const first = createKuaLoaders(client);
    await first.marriagesByNik.load(WIFE_OLD);
    await first.marriagesByNik.load(WIFE_OLD);
    await createKuaLoaders(client).marriagesByNik.load(WIFE_OLD);
    expect(client.lookupCount - before).toBe(2);
  });

  it('passes one batch of keys per lookup and fails every key of a failed lookup with the LegacyError', async () => {
    const calls: string[][] = [];
    const failing = {
      findMarriages: async (niks: readonly string[]) => {
        calls.push([...niks]);
        throw new LegacyError('AGENCY_UNAVAILABLE', 'kua', 'no good export yet');
      },
    };
    const loaders = createKuaLoaders(failing);
    const results = await Promise.allSettled([HUSBAND_NEW, WIFE_NEW].map((nik) => loaders.marriagesByNik.load(nik)));
    expect(calls).toEqual([[HUSBAND_NEW, WIFE_NEW]]);
    expect(results.map((result) => result.status === 'rejected' && (result.reason as LegacyError).code)).toEqual(['AGENCY_UNAVAILABLE', 'AGENCY_UNAVAILABLE']);
  });
});
