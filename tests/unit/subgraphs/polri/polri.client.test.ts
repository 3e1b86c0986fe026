import nock from 'nock';
import { LegacyError } from '../../../../subgraphs/kit/errors';
import { PolriClient, type PolriClientOptions } from '../../../../subgraphs/polri/polri.client';
import { DEMO_API_KEY } from '../../../../subgraphs/polri/polri.config';
import { useNockHygiene } from '../../../support/nock-hygiene';
import { BUDI, NOBODY, POLRI_BASE, POLRI_ORIGIN, SITI, captureLogger, pageOf, simRow, skckRow } from './polri-fixtures';

const SEARCH = '/api/v1/sim/search';
const SKCK = '/api/v1/skck';

function client(overrides: Partial<PolriClientOptions> = {}) {
  const captured = captureLogger();
  const instance = new PolriClient({ baseUrl: POLRI_BASE, timeoutMs: 2000, logger: captured.logger, ...overrides });
  return { client: instance, lines: captured.lines };
}

async function failure(promise: Promise<unknown>): Promise<LegacyError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(LegacyError);
    expect((error as LegacyError).agency).toBe('polri');
    return error as LegacyError;
  }
  throw new Error('expected the call to fail');
}

/** Answers SIM search pages 1..n of `rows` at `size`, checking the key and the body. */
function searchPages(niks: string[], rows: unknown[], size: number) {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const scope = nock(POLRI_ORIGIN);
  for (let page = 1; page <= pages; page++) {
    scope
      .post(SEARCH, { nik: niks })
      .query({ page: String(page), size: String(size) })
      .matchHeader('x-api-key', DEMO_API_KEY)
      .reply(200, pageOf(rows, page, size));
  }
  return scope;
}

useNockHygiene();

describe('PolriClient: SIM search (batch, paginated)', () => {
  it('follows every page of one search and maps each licence, legacy spellings included', async () => {
    const rows = [
      simRow(BUDI, { gol_sim: 'A UMUM', no_sim: '8503-1471-0123' }),
      simRow(BUDI, { gol_sim: 'BII', no_sim: '85031471012345', tgl_berlaku: '07-03-2024' }),
      simRow(SITI, { gol_sim: 'C I', nama: 'Siti Aminah', jenis_kelamin: 'WANITA', tgl_lahir: '05-12-1990', tempat_lahir: 'KOTA PEKANBARU' }),
    ];
    searchPages([BUDI, SITI, NOBODY], rows, 2);
    const found = await client({ pageSize: 2 }).client.searchDrivingLicenses([BUDI, SITI, NOBODY]);
    expect([...found.keys()]).toEqual([BUDI, SITI]);
    expect(found.get(BUDI)).toEqual([
      {
        number: '850314710123',
        class: 'A',
        publicTransport: true,
        issueDate: '2021-05-12',
        expiryDate: '2026-03-07',
        issuingOffice: 'SATPAS POLRESTA PEKANBARU',
        holderName: 'BUDI SANTOSO',
        holderBirthPlace: 'PEKANBARU',
        holderBirthDate: '1985-03-07',
        holderSex: 'MALE',
      },
      expect.objectContaining({ number: '85031471012345', class: 'B_II', publicTransport: false, expiryDate: '2024-03-07' }),
    ]);
    // Identity copies exactly as Polri holds them: not trimmed, not recased.
    expect(found.get(SITI)).toEqual([
      expect.objectContaining({ class: 'C_I', holderName: 'Siti Aminah', holderBirthPlace: 'KOTA PEKANBARU', holderBirthDate: '1990-12-05', holderSex: 'FEMALE' }),
    ]);
  });

  it('answers "none" as an empty map (totalPages 0, or 1 empty page)', async () => {
    nock(POLRI_ORIGIN).post(SEARCH).query(true).reply(200, { data: [], page: 1, size: 100, totalPages: 0, totalItems: 0 });
    expect((await client().client.searchDrivingLicenses([NOBODY])).size).toBe(0);
    nock(POLRI_ORIGIN).post(SEARCH).query(true).reply(200, { data: [], page: 1, size: 100, totalPages: 1, totalItems: 0 });
    expect((await client().client.searchDrivingLicenses([NOBODY])).size).toBe(0);
  });

  it('asks nothing for no NIKs', async () => {
    expect((await client().client.searchDrivingLicenses([])).size).toBe(0);
  });

  it('exposes an unknown class, an impossible date, a bad number and an unknown sex as null, with masked warnings', async () => {
    const rows = [simRow(BUDI, { gol_sim: 'D I', tgl_terbit: '31-02-2021', tgl_lahir: '1985-03-07', no_sim: '12345', jenis_kelamin: 'X' })];
    searchPages([BUDI], rows, 100);
    const { client: instance, lines } = client();
    const [licence] = (await instance.searchDrivingLicenses([BUDI])).get(BUDI) ?? [];
    expect(licence).toEqual({
      number: null,
      class: null,
      publicTransport: null,
      issueDate: null,
      expiryDate: '2026-03-07',
      issuingOffice: 'SATPAS POLRESTA PEKANBARU',
      holderName: 'BUDI SANTOSO',
      holderBirthPlace: 'PEKANBARU',
      holderBirthDate: null,
      holderSex: null,
    });
    const warnings = lines.filter((line) => line.level === 40);
    expect(warnings.map((line) => line.field)).toEqual(['no_sim', 'gol_sim', 'tgl_terbit', 'tgl_lahir', 'jenis_kelamin']);
    expect(warnings.every((line) => line.nik === '1471********0001')).toBe(true);
    expect(JSON.stringify(lines)).not.toContain(BUDI);
  });

  it('refuses an answer holding a row for a NIK it was not asked about, or a row without a NIK', async () => {
    searchPages([BUDI], [simRow(SITI)], 100);
    expect((await failure(client().client.searchDrivingLicenses([BUDI]))).code).toBe('AGENCY_BAD_RESPONSE');
    searchPages([BUDI], [{ ...simRow(BUDI), nik: 1471080703850001 }], 100);
    expect((await failure(client().client.searchDrivingLicenses([BUDI]))).code).toBe('AGENCY_BAD_RESPONSE');
  });
});

describe('PolriClient: SKCK (one NIK, paginated)', () => {
  it('follows the pages and takes the certificate issued last', async () => {
    const rows = [
      skckRow(BUDI, { no_skck: 'SKCK/YANMAS/00001/I/2019/INTELKAM', tgl_terbit: '10-01-2019', tgl_berlaku: '10-07-2019' }),
      skckRow(BUDI, { no_skck: 'SKCK/YANMAS/00002/V/2025/INTELKAM', tgl_terbit: '20-05-2025', tgl_berlaku: '20-11-2025', keperluan: 'PENDAFTARAN CPNS' }),
      skckRow(BUDI, { no_skck: 'SKCK/YANMAS/00003/III/2022/INTELKAM', tgl_terbit: '01-03-2022', tgl_berlaku: '01-09-2022' }),
    ];
    for (const page of [1, 2]) {
      nock(POLRI_ORIGIN).get(SKCK).query({ nik: BUDI, page: String(page), size: '2' }).matchHeader('x-api-key', DEMO_API_KEY).reply(200, pageOf(rows, page, 2));
    }
    await expect(client({ pageSize: 2 }).client.findPoliceClearance(BUDI)).resolves.toEqual({
      found: true,
      number: 'SKCK/YANMAS/00002/V/2025/INTELKAM',
      issueDate: '2025-05-20',
      expiryDate: '2025-11-20',
      purpose: 'PENDAFTARAN CPNS',
      issuingOffice: 'POLRESTA PEKANBARU',
      holderName: 'BUDI SANTOSO',
    });
  });

  it('answers "no SKCK" as a found: false record', async () => {
    nock(POLRI_ORIGIN).get(SKCK).query(true).reply(200, pageOf([], 1, 100));
    await expect(client().client.findPoliceClearance(NOBODY)).resolves.toMatchObject({ found: false, number: null, holderName: null });
  });

  it('refuses another NIK\'s certificate', async () => {
    nock(POLRI_ORIGIN).get(SKCK).query(true).reply(200, pageOf([skckRow(SITI)], 1, 100));
    expect((await failure(client().client.findPoliceClearance(BUDI))).code).toBe('AGENCY_BAD_RESPONSE');
  });
});

describe('PolriClient: failures', () => {
  it.each([401, 403])('turns HTTP %i (our key refused) into AGENCY_UNAVAILABLE and logs a configuration fault, never the key', async (status) => {
    nock(POLRI_ORIGIN).post(SEARCH).query(true).reply(status, { status, message: 'API key tidak valid' });
    const { client: wrongKey, lines } = client({ apiKey: 'not-the-key' });
    const error = await failure(wrongKey.searchDrivingLicenses([BUDI]));
    expect(error).toMatchObject({ code: 'AGENCY_UNAVAILABLE', httpStatus: status });
    const logged = lines.find((line) => line.level === 50);
    expect(logged?.msg).toContain('configuration fault');
    expect(JSON.stringify(lines)).not.toContain('not-the-key');
  });

  it.each([500, 502, 503])('turns HTTP %i into AGENCY_UNAVAILABLE', async (status) => {
    nock(POLRI_ORIGIN).get(SKCK).query(true).reply(status, '<html>502 Bad Gateway</html>');
    expect((await failure(client().client.findPoliceClearance(BUDI))).code).toBe('AGENCY_UNAVAILABLE');
  });

  it('fails the whole search when a later page is a 5xx', async () => {
    const rows = [simRow(BUDI), simRow(BUDI, { gol_sim: 'A' })];
    nock(POLRI_ORIGIN)
      .post(SEARCH)
      .query({ page: '1', size: '1' })
      .reply(200, pageOf(rows, 1, 1))
      .post(SEARCH)
      .query({ page: '2', size: '1' })
      .reply(503, 'down');
    expect((await failure(client({ pageSize: 1 }).client.searchDrivingLicenses([BUDI]))).code).toBe('AGENCY_UNAVAILABLE');
  });

  it('turns a refused connection into AGENCY_UNAVAILABLE', async () => {
    nock(POLRI_ORIGIN).post(SEARCH).query(true).replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' });
    expect((await failure(client().client.searchDrivingLicenses([BUDI]))).code).toBe('AGENCY_UNAVAILABLE');
  });

  it.each([400, 404])('turns HTTP %i into AGENCY_BAD_RESPONSE', async (status) => {
    nock(POLRI_ORIGIN).get(SKCK).query(true).reply(status, { status, message: 'parameter nik harus 16 digit' });
    expect((await failure(client().client.findPoliceClearance(BUDI))).code).toBe('AGENCY_BAD_RESPONSE');
  });

  it('turns an answer slower than the timeout into AGENCY_TIMEOUT', async () => {
    nock(POLRI_ORIGIN).get(SKCK).query(true).delay(1000).reply(200, pageOf([], 1, 100));
    const started = Date.now();
    expect((await failure(client({ timeoutMs: 150 }).client.findPoliceClearance(BUDI))).code).toBe('AGENCY_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('bounds the whole walk, not each page: pages quick enough alone still time out together', async () => {
    const rows = [1, 2, 3, 4, 5, 6].map((n) => simRow(BUDI, { no_sim: `85031471000${n}` }));
    const scope = nock(POLRI_ORIGIN);
    for (let page = 1; page <= 6; page++) scope.post(SEARCH).query({ page: String(page), size: '1' }).delay(100).reply(200, pageOf(rows, page, 1));
    const error = await failure(client({ pageSize: 1, timeoutMs: 350 }).client.searchDrivingLicenses([BUDI]));
    expect(error.code).toBe('AGENCY_TIMEOUT');
    // The pages it never reached stay unasked.
    nock.cleanAll();
  });

  it.each([
    ['a body that is not JSON', '<html><body>Service Unavailable</body></html>'],
    ['truncated JSON', '{"data":[{"no_sim":"0985147101'],
    ['JSON that is not an envelope', '[]'],
    ['an envelope without data', JSON.stringify({ page: 1, size: 100, totalPages: 0, totalItems: 0 })],
    ['data that is not an array', JSON.stringify({ data: {}, page: 1, size: 100, totalPages: 0, totalItems: 0 })],
    ['a page number as a string', JSON.stringify({ data: [], page: '1', size: 100, totalPages: 0, totalItems: 0 })],
    ['a negative total', JSON.stringify({ data: [], page: 1, size: 100, totalPages: 0, totalItems: -1 })],
    ['an error body inside HTTP 200', JSON.stringify({ status: 500, message: 'Internal Server Error' })],
  ])('turns %s into AGENCY_BAD_RESPONSE', async (_label, body) => {
    nock(POLRI_ORIGIN).post(SEARCH).query(true).reply(200, body);
    expect((await failure(client().client.searchDrivingLicenses([BUDI]))).code).toBe('AGENCY_BAD_RESPONSE');
  });
});

describe('PolriClient: HTTP 429 (rate limit)', () => {
  it('waits the stated Retry-After, then goes on with the next pages', async () => {
    const rows = [simRow(BUDI), simRow(BUDI, { gol_sim: 'A', no_sim: '850314710124' })];
    nock(POLRI_ORIGIN)
      .post(SEARCH)
      .query({ page: '1', size: '1' })
      .reply(200, pageOf(rows, 1, 1))
      .post(SEARCH)
      .query({ page: '2', size: '1' })
      .reply(429, { status: 429, message: 'Terlalu banyak permintaan' }, { 'Retry-After': '1' })
      .post(SEARCH)
      .query({ page: '2', size: '1' })
      .reply(200, pageOf(rows, 2, 1));
    const started = Date.now();
    const found = await client({ pageSize: 1, timeoutMs: 3000 }).client.searchDrivingLicenses([BUDI]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(found.get(BUDI)?.map((licence) => licence.class)).toEqual(['C', 'A']);
  });

  it('uses its own back-off when a 429 carries no Retry-After', async () => {
    nock(POLRI_ORIGIN).get(SKCK).query(true).reply(429, '').get(SKCK).query(true).reply(200, pageOf([], 1, 100));
    const started = Date.now();
    await client({ retryOn429: { maxRetries: 2, backoffMs: 120 } }).client.findPoliceClearance(BUDI);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('refuses to wait when Retry-After passes the deadline (AGENCY_UNAVAILABLE at once)', async () => {
    nock(POLRI_ORIGIN).get(SKCK).query(true).reply(429, '', { 'Retry-After': '5' });
    const started = Date.now();
    expect((await failure(client({ timeoutMs: 1000 }).client.findPoliceClearance(BUDI))).code).toBe('AGENCY_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('gives up after its retries when the service keeps answering 429', async () => {
    nock(POLRI_ORIGIN).get(SKCK).query(true).times(3).reply(429, '', { 'Retry-After': '0' });
    expect((await failure(client({ retryOn429: { maxRetries: 2, backoffMs: 10 } }).client.findPoliceClearance(BUDI))).code).toBe('AGENCY_UNAVAILABLE');
  });
});

describe('PolriClient: guards against endless or untrustworthy paging', () => {
  const rows = [simRow(BUDI), simRow(BUDI, { gol_sim: 'A', no_sim: '850314710124' }), simRow(BUDI, { gol_sim: 'D', no_sim: '850314710125' })];

  async function walk(replies: Array<Record<string, unknown>>, pageSize = 1): Promise<LegacyError> {
    const scope = nock(POLRI_ORIGIN);
    replies.forEach((body, index) => scope.post(SEARCH).query({ page: String(index + 1), size: String(pageSize) }).reply(200, body));
    return failure(client({ pageSize }).client.searchDrivingLicenses([BUDI]));
  }

  it('stops when the service ignores the page number and repeats page 1', async () => {
    const error = await walk([pageOf(rows, 1, 1), pageOf(rows, 1, 1)]);
    expect(error.code).toBe('AGENCY_BAD_RESPONSE');
    expect(error.message).toMatch(/asked for page 2 and got page 1/);
  });

  it('stops when a page repeats rows of an earlier page under the right number', async () => {
    const error = await walk([pageOf(rows, 1, 1), { ...pageOf(rows, 1, 1), page: 2 }]);
    expect(error.message).toMatch(/page 2 repeats a row/);
  });

  it('does not follow an absurd totalPages: one call, then AGENCY_BAD_RESPONSE', async () => {
    const error = await walk([{ ...pageOf(rows, 1, 1), totalPages: 100000, totalItems: 100000 }]);
    expect(error.message).toMatch(/totalPages 100000 is more than 50/);
  });

  it('stops when the totals change between pages', async () => {
    const error = await walk([pageOf(rows, 1, 1), { ...pageOf(rows, 2, 1), totalPages: 4, totalItems: 4 }]);
    expect(error.message).toMatch(/changed while paging/);
  });

  it('refuses totals that disagree with each other', async () => {
    const error = await walk([{ ...pageOf(rows, 1, 1), totalPages: 2 }]);
    expect(error.message).toMatch(/totalPages 2 does not fit totalItems 3 at size 1/);
  });

  it('refuses a page holding more rows than its size', async () => {
    const error = await walk([{ ...pageOf(rows, 1, 3), size: 1, totalPages: 3 }]);
    expect(error.message).toMatch(/more than its size/);
  });

  it('refuses an empty page before the last one', async () => {
    const error = await walk([{ ...pageOf(rows, 1, 1), data: [] }]);
    expect(error.message).toMatch(/page 1 of 3 is empty/);
  });

  it('refuses a result whose rows do not add up to totalItems', async () => {
    const error = await walk([pageOf(rows, 1, 2, { totalItems: 4, totalPages: 2 }), pageOf(rows, 2, 2, { totalItems: 4, totalPages: 2, data: [] })], 2);
    expect(error.message).toMatch(/collected 2 rows but totalItems is 4/);
  });
});
