import nock from 'nock';
import { BpjsKetenagakerjaanClient, type EmploymentInsuranceSource } from '../../../../subgraphs/bpjs-ketenagakerjaan/bpjs-ketenagakerjaan.client';
import { createBpjsKetenagakerjaanLoaders } from '../../../../subgraphs/bpjs-ketenagakerjaan/bpjs-ketenagakerjaan.loaders';
import { notRegistered } from '../../../../subgraphs/bpjs-ketenagakerjaan/employment-insurance.records';
import { LegacyError } from '../../../../subgraphs/kit/errors';
import { useNockHygiene } from '../../../support/nock-hygiene';
import { BATCH_PATH, SIPP_BASE, SIPP_ORIGIN, budiRow, captureLogger, found, notFound } from './sipp-tk-fixtures';

/** NIKs 1471080703850001.. (the same birth date, serials counting up). */
function niks(count: number, from = 1): string[] {
  return Array.from({ length: count }, (_, index) => `1471080703${String(85_0000 + from + index).padStart(6, '0')}`);
}

/**
 * A SIPP-TK batch endpoint that records each call's NIKs: NIKs ending in an even digit are
 * members, the others not; `failFor` NIKs get a "99" entry (that NIK's look-up failed).
 */
function countingSippTk(options: { failFor?: ReadonlySet<string>; status?: number } = {}) {
  const batches: string[][] = [];
  nock(SIPP_ORIGIN)
    .persist()
    .post(BATCH_PATH)
    .reply((_uri, body) => {
      const asked = (body as { nik: string[] }).nik;
      batches.push(asked);
      if (options.status) return [options.status, 'down'];
      const entries = asked.map((nik) => {
        if (options.failFor?.has(nik)) return { NIK: nik, KODE_RESPON: '99', KETERANGAN: 'KESALAHAN SISTEM' };
        return Number(nik.slice(-1)) % 2 === 0 ? found(budiRow({ NIK: nik })) : notFound(nik);
      });
      return [200, { status: '00', message: 'SUKSES', data: entries }];
    });
  return batches;
}

function client() {
  return new BpjsKetenagakerjaanClient({ baseUrl: SIPP_BASE, timeoutMs: 5_000, logger: captureLogger('silent').logger });
}

useNockHygiene({ assertNoPendingMocks: false });

describe('bpjs-ketenagakerjaan loaders (SIPP-TK has a batch call)', () => {
  it('asks SIPP-TK once for N NIKs requested in the same tick, one answer per NIK in order', async () => {
    const batches = countingSippTk();
    const { employmentInsurance } = createBpjsKetenagakerjaanLoaders(client());
    const keys = niks(6);
    const answers = await Promise.all(keys.map((nik) => employmentInsurance.load(nik)));
    expect(batches).toEqual([keys]);
    expect(answers.map((answer) => answer?.status)).toEqual(['NOT_REGISTERED', 'ACTIVE', 'NOT_REGISTERED', 'ACTIVE', 'NOT_REGISTERED', 'ACTIVE']);
    expect(answers[0]).toEqual(notRegistered());
  });

  it('asks once for a NIK requested several times', async () => {
    const batches = countingSippTk();
    const { employmentInsurance } = createBpjsKetenagakerjaanLoaders(client());
    const [a, b] = niks(2) as [string, string];
    await Promise.all([a, b, a, a, b].map((nik) => employmentInsurance.load(nik)));
    expect(batches).toEqual([[a, b]]);
  });

  it('splits at 100 NIKs per call: 250 keys -> 3 calls of 100, 100, 50', async () => {
    const batches = countingSippTk();
    const { employmentInsurance } = createBpjsKetenagakerjaanLoaders(client());
    const keys = niks(250);
    const answers = await Promise.all(keys.map((nik) => employmentInsurance.load(nik)));
    expect(batches.map((batch) => batch.length)).toEqual([100, 100, 50]);
    expect(batches.flat()).toEqual(keys);
    expect(answers.every((answer, index) => answer?.status === (index % 2 === 0 ? 'NOT_REGISTERED' : 'ACTIVE'))).toBe(true);
  });

  it('fails only the key whose entry failed; the others are answered from the same call', async () => {
    const keys = niks(4);
    const batches = countingSippTk({ failFor: new Set([keys[1]!]) });
    const { employmentInsurance } = createBpjsKetenagakerjaanLoaders(client());
    const settled = await Promise.allSettled(keys.map((nik) => employmentInsurance.load(nik)));
    expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'AGENCY_UNAVAILABLE', agency: 'bpjs-ketenagakerjaan' });
    expect(batches).toHaveLength(1);
  });

  it('rejects every key of a failed call, after one call', async () => {
    const batches = countingSippTk({ status: 503 });
    const { employmentInsurance } = createBpjsKetenagakerjaanLoaders(client());
    const settled = await Promise.allSettled(niks(3).map((nik) => employmentInsurance.load(nik)));
    expect(settled.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect((settled[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'AGENCY_UNAVAILABLE' });
    expect(batches).toHaveLength(1);
  });

  it('gives each request its own cache: fresh loaders call again', async () => {
    const batches = countingSippTk();
    const source = client();
    const [nik] = niks(1) as [string];
    await createBpjsKetenagakerjaanLoaders(source).employmentInsurance.load(nik);
    await createBpjsKetenagakerjaanLoaders(source).employmentInsurance.load(nik);
    expect(batches).toHaveLength(2);
  });

  it('passes an Error a source maps to one key through to that key only', async () => {
    const source: EmploymentInsuranceSource = {
      findMembers: async (keys) => new Map(keys.map((key, index) => [key, index === 0 ? new LegacyError('AGENCY_BAD_RESPONSE', 'bpjs-ketenagakerjaan', 'bad row') : notRegistered()])),
    };
    const { employmentInsurance } = createBpjsKetenagakerjaanLoaders(source);
    const settled = await Promise.allSettled(niks(2).map((nik) => employmentInsurance.load(nik)));
    expect(settled.map((result) => result.status)).toEqual(['rejected', 'fulfilled']);
  });
});
