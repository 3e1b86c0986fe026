import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DjpExportClient } from '../../../../subgraphs/djp/djp-export.client';
import { createDjpLoaders } from '../../../../subgraphs/djp/djp.loaders';
import { LegacyError } from '../../../../subgraphs/kit/errors';
import { ACTIVE_OLD_NPWP, DOUBLE_NPWP, NIK_ONLY, NOT_A_TAXPAYER, exportBytes, exportText } from './djp-fixtures';

describe('createDjpLoaders', () => {
  let directory: string;
  let client: DjpExportClient;

  beforeAll(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'djp-loaders-'));
    fs.writeFileSync(path.join(directory, 'EXPORT_WP_OP.TXT'), exportBytes(exportText()));
    client = new DjpExportClient({ path: path.join(directory, 'EXPORT_WP_OP.TXT'), timeoutMs: 500 });
    await client.start();
  });

  afterAll(async () => {
    await client.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('makes one index lookup for every NIK asked in the same tick (a family of six is one lookup)', async () => {
    const before = client.lookupCount;
    const loaders = createDjpLoaders(client);
    const niks = [ACTIVE_OLD_NPWP, NIK_ONLY, DOUBLE_NPWP, NOT_A_TAXPAYER, NIK_ONLY, '1471084101100005'];
    const answers = await Promise.all(niks.map((nik) => loaders.taxProfile.load(nik)));
    expect(client.lookupCount - before).toBe(1);
    expect(answers.map((profile) => profile?.status)).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE', 'NOT_REGISTERED', 'ACTIVE', 'NOT_REGISTERED']);
  });

  it('is per request: a new set of loaders looks up again, the same set caches', async () => {
    const before = client.lookupCount;
    const first = createDjpLoaders(client);
    await first.taxProfile.load(ACTIVE_OLD_NPWP);
    await first.taxProfile.load(ACTIVE_OLD_NPWP);
    await createDjpLoaders(client).taxProfile.load(ACTIVE_OLD_NPWP);
    expect(client.lookupCount - before).toBe(2);
  });

  it('passes one batch of keys per lookup and fails every key of a failed lookup with the LegacyError', async () => {
    const calls: string[][] = [];
    const failing = {
      findTaxProfiles: async (niks: readonly string[]) => {
        calls.push([...niks]);
        throw new LegacyError('AGENCY_UNAVAILABLE', 'djp', 'no good export yet');
      },
    };
    const loaders = createDjpLoaders(failing);
    const results = await Promise.allSettled([ACTIVE_OLD_NPWP, NIK_ONLY].map((nik) => loaders.taxProfile.load(nik)));
    expect(calls).toEqual([[ACTIVE_OLD_NPWP, NIK_ONLY]]);
    expect(results.map((result) => result.status === 'rejected' && (result.reason as LegacyError).code)).toEqual(['AGENCY_UNAVAILABLE', 'AGENCY_UNAVAILABLE']);
  });
});
