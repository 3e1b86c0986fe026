import nock from 'nock';
import { BpjsKetenagakerjaanClient } from '../../../../subgraphs/bpjs-ketenagakerjaan/bpjs-ketenagakerjaan.client';
import { DEMO_CREDENTIALS } from '../../../../subgraphs/bpjs-ketenagakerjaan/bpjs-ketenagakerjaan.config';
import { notRegistered } from '../../../../subgraphs/bpjs-ketenagakerjaan/employment-insurance.records';
import { LegacyError } from '../../../../subgraphs/kit/errors';
import { useNockHygiene } from '../../../support/nock-hygiene';
import {
  BATCH_PATH,
  BUDI,
  BUDI_RECORD,
  RAHMAT,
  SIPP_BASE,
  SIPP_ORIGIN,
  SITI,
  UNKNOWN,
  budiRow,
  captureLogger,
  envelope,
  found,
  notFound,
  rahmatRow,
  sitiRow,
} from './sipp-tk-fixtures';

const BASIC = `Basic ${Buffer.from(`${DEMO_CREDENTIALS.user}:${DEMO_CREDENTIALS.password}`).toString('base64')}`;

function client(timeoutMs = 1_000) {
  const log = captureLogger();
  return { client: new BpjsKetenagakerjaanClient({ baseUrl: `${SIPP_BASE}/`, timeoutMs, logger: log.logger }), lines: log.lines };
}

async function legacyError(promise: Promise<unknown>): Promise<LegacyError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LegacyError) return error;
    throw error;
  }
  throw new Error('expected a LegacyError');
}

useNockHygiene();

describe('BpjsKetenagakerjaanClient.findMembers (POST /api/kepesertaan/batch)', () => {
  it('sends every NIK in one POST with Basic auth and maps each entry to a clean record', async () => {
    nock(SIPP_ORIGIN)
      .post(BATCH_PATH, { nik: [BUDI, SITI] })
      .matchHeader('authorization', BASIC)
      .matchHeader('content-type', 'application/json')
      .reply(200, envelope('00', [found(budiRow()), found(sitiRow())]));
    const answers = await client().client.findMembers([BUDI, SITI]);
    expect(answers.get(BUDI)).toEqual(BUDI_RECORD);
    expect(answers.get(SITI)).toEqual({
      status: 'INACTIVE',
      active: false,
      membershipNumber: '21987654321',
      segment: 'NON_WAGE_EARNER',
      employer: null,
      programmes: ['WORK_ACCIDENT', 'DEATH'],
      oldAgeSavingsBalance: null,
      memberSince: '2021-08-14',
      holderName: 'Hj. SITI AMINAH',
      holderBirthDate: '1990-12-05',
    });
  });

  it('gives each NIK its own entry whether SIPP-TK answers in request order or not', async () => {
    nock(SIPP_ORIGIN).post(BATCH_PATH, { nik: [SITI, BUDI, RAHMAT] }).reply(200, envelope('00', [found(sitiRow()), found(budiRow()), found(rahmatRow())]));
    nock(SIPP_ORIGIN).post(BATCH_PATH, { nik: [SITI, BUDI, RAHMAT] }).reply(200, envelope('00', [found(rahmatRow()), found(budiRow()), found(sitiRow())]));
    const { client: sipp } = client();
    for (let round = 0; round < 2; round++) {
      const answers = await sipp.findMembers([SITI, BUDI, RAHMAT]);
      expect([...answers.keys()].sort()).toEqual([BUDI, RAHMAT, SITI].sort());
      expect([SITI, BUDI, RAHMAT].map((nik) => (answers.get(nik) as { membershipNumber: string }).membershipNumber)).toEqual([
        '21987654321',
        '09123456789',
        '24555000111',
      ]);
    }
  });

  it('reads a "01" entry inside a 200 as NOT_REGISTERED', async () => {
    nock(SIPP_ORIGIN).post(BATCH_PATH).reply(200, envelope('00', [found(budiRow()), notFound(UNKNOWN)]));
    const answers = await client().client.findMembers([BUDI, UNKNOWN]);
    expect(answers.get(BUDI)).toMatchObject({ status: 'ACTIVE' });
    expect(answers.get(UNKNOWN)).toEqual(notRegistered());
    expect(notRegistered()).toMatchObject({ status: 'NOT_REGISTERED', active: false, programmes: [], employer: null });
  });

  it('reads the envelope status 01 (no NIK of the batch is a member) as NOT_REGISTERED for all', async () => {
    nock(SIPP_ORIGIN).post(BATCH_PATH).reply(200, JSON.stringify({ status: '01', message: 'DATA TIDAK DITEMUKAN', data: null }));
    const answers = await client().client.findMembers([UNKNOWN, SITI]);
    expect(answers.get(UNKNOWN)).toEqual(notRegistered());
    expect(answers.get(SITI)).toEqual(notRegistered());
  });

  it('accepts status codes sent as numbers (0 means "00")', async () => {
    nock(SIPP_ORIGIN).post(BATCH_PATH).reply(200, JSON.stringify({ status: 0, message: 'SUKSES', data: [{ ...budiRow(), KODE_RESPON: 0 }, { NIK: SITI, KODE_RESPON: 1 }] }));
    const answers = await client().client.findMembers([BUDI, SITI]);
    expect(answers.get(BUDI)).toMatchObject({ status: 'ACTIVE' });
    expect(answers.get(SITI)).toEqual(notRegistered());
  });

  it('fails only the NIK left without an entry, or whose entry is unusable', async () => {
    nock(SIPP_ORIGIN)
      .post(BATCH_PATH)
      .reply(
        200,
        envelope('00', [
          found(budiRow()),
          { NIK: SITI, KODE_RESPON: '99', KETERANGAN: 'KESALAHAN SISTEM' },
          found(rahmatRow({ NIK: '1471101506920099' })), // a NIK nobody asked for
          { KODE_RESPON: '00' }, // no NIK at all
        ]),
      );
    const { client: sipp, lines } = client();
    const answers = await sipp.findMembers([BUDI, SITI, RAHMAT]);
    expect(answers.get(BUDI)).toMatchObject({ status: 'ACTIVE' });
    expect(answers.get(SITI)).toMatchObject({ code: 'AGENCY_UNAVAILABLE', agency: 'bpjs-ketenagakerjaan' });
    expect(answers.get(RAHMAT)).toBeInstanceOf(LegacyError);
    expect((answers.get(RAHMAT) as LegacyError).code).toBe('AGENCY_BAD_RESPONSE');
    expect(JSON.stringify(lines)).not.toContain('1471101506920099');
  });

  it('gives an entry with an unknown KODE_RESPON an AGENCY_BAD_RESPONSE for that NIK only', async () => {
    nock(SIPP_ORIGIN).post(BATCH_PATH).reply(200, envelope('00', [found(budiRow()), { NIK: SITI, KODE_RESPON: '77', KETERANGAN: '?' }]));
    const answers = await client().client.findMembers([BUDI, SITI]);
    expect(answers.get(BUDI)).toMatchObject({ status: 'ACTIVE' });
    expect(answers.get(SITI)).toMatchObject({ code: 'AGENCY_BAD_RESPONSE' });
  });

  it('turns a value outside its code list or an impossible date into null with a masked warning', async () => {
    nock(SIPP_ORIGIN)
      .post(BATCH_PATH)
      .reply(200, envelope('00', [found(budiRow({ SEGMEN: 'PNS', TGL_LAHIR: '31/02/1985', STATUS_KEPESERTAAN: 'DIBEKUKAN', PROGRAM: 'JHT,JKN' }))]));
    const { client: sipp, lines } = client();
    const answers = await sipp.findMembers([BUDI]);
    expect(answers.get(BUDI)).toMatchObject({
      status: null,
      active: false,
      segment: null,
      holderBirthDate: null,
      programmes: ['OLD_AGE_SAVINGS'],
      holderName: 'BUDI SANTOSO',
    });
    const warnings = lines.filter((line) => line.level === 40);
    expect(warnings.map((line) => line.field)).toEqual(['STATUS_KEPESERTAAN', 'SEGMEN', 'PROGRAM', 'TGL_LAHIR']);
    expect(warnings.every((line) => line.nik === '1471********0001')).toBe(true);
    expect(JSON.stringify(lines)).not.toContain(BUDI);
  });

  it('makes no call for an empty list and refuses more than 100 NIKs without calling', async () => {
    const { client: sipp } = client();
    expect((await sipp.findMembers([])).size).toBe(0);
    const niks = Array.from({ length: 101 }, (_, i) => `14710807038${String(i + 1).padStart(5, '0')}`);
    await expect(sipp.findMembers(niks)).rejects.toThrow(/at most 100/);
  });
});

describe('BpjsKetenagakerjaanClient.findMember (GET /api/kepesertaan/{nik})', () => {
  it('returns the member, or NOT_REGISTERED for status 01', async () => {
    nock(SIPP_ORIGIN).get(`/sipp-tk/api/kepesertaan/${BUDI}`).matchHeader('authorization', BASIC).reply(200, envelope('00', budiRow()));
    nock(SIPP_ORIGIN).get(`/sipp-tk/api/kepesertaan/${UNKNOWN}`).reply(200, envelope('01', null));
    const { client: sipp } = client();
    expect(await sipp.findMember(BUDI)).toEqual(BUDI_RECORD);
    expect(await sipp.findMember(UNKNOWN)).toEqual(notRegistered());
  });

  it('refuses a row about another NIK, or status 00 without a member object', async () => {
    nock(SIPP_ORIGIN).get(`/sipp-tk/api/kepesertaan/${BUDI}`).reply(200, envelope('00', sitiRow()));
    nock(SIPP_ORIGIN).get(`/sipp-tk/api/kepesertaan/${BUDI}`).reply(200, envelope('00', [budiRow()]));
    const { client: sipp } = client();
    expect((await legacyError(sipp.findMember(BUDI))).code).toBe('AGENCY_BAD_RESPONSE');
    expect((await legacyError(sipp.findMember(BUDI))).code).toBe('AGENCY_BAD_RESPONSE');
  });
});

describe('BpjsKetenagakerjaanClient failures', () => {
  it('credentials refused inside a 200 (status 03) -> AGENCY_UNAVAILABLE, logged as a configuration fault', async () => {
    nock(SIPP_ORIGIN).post(BATCH_PATH).reply(200, JSON.stringify({ status: '03', message: 'OTENTIKASI GAGAL', data: null }));
    const { client: sipp, lines } = client();
    const error = await legacyError(sipp.findMembers([BUDI]));
    expect(error).toMatchObject({ code: 'AGENCY_UNAVAILABLE', agency: 'bpjs-ketenagakerjaan' });
    expect(lines).toEqual([expect.objectContaining({ level: 50, msg: expect.stringContaining('refused our credentials') })]);
    expect(JSON.stringify(lines)).not.toContain(DEMO_CREDENTIALS.password);
  });

  it('HTTP 401 from the web tier -> AGENCY_UNAVAILABLE, logged', async () => {
    nock(SIPP_ORIGIN).post(BATCH_PATH).reply(401, '<html>HTTP Status 401 - Unauthorized</html>', { 'www-authenticate': 'Basic realm="SIPP-TK"' });
    const { client: sipp, lines } = client();
    expect(await legacyError(sipp.findMembers([BUDI]))).toMatchObject({ code: 'AGENCY_UNAVAILABLE' });
    expect(lines.map((line) => line.level)).toEqual([50]);
  });

  it.each([
    ['HTTP 502 from the proxy', 502, '<html>502 Bad Gateway</html>'],
    ['HTTP 500', 500, 'Internal Server Error'],
    ['status 99 inside a 200', 200, JSON.stringify({ status: '99', message: 'KESALAHAN SISTEM', data: null })],
    ['status 05 (maintenance) inside a 200', 200, JSON.stringify({ status: '05', message: 'LAYANAN SEDANG DALAM PEMELIHARAAN', data: null })],
  ])('%s -> AGENCY_UNAVAILABLE', async (_label, status, body) => {
    nock(SIPP_ORIGIN).post(BATCH_PATH).reply(status, body);
    expect((await legacyError(client().client.findMembers([BUDI]))).code).toBe('AGENCY_UNAVAILABLE');
  });

  it('connection refused -> AGENCY_UNAVAILABLE', async () => {
    nock(SIPP_ORIGIN).post(BATCH_PATH).replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' });
    expect((await legacyError(client().client.findMembers([BUDI]))).code).toBe('AGENCY_UNAVAILABLE');
  });

  it('no answer within the timeout -> AGENCY_TIMEOUT', async () => {
    nock(SIPP_ORIGIN).post(BATCH_PATH).delay(500).reply(200, envelope('00', [found(budiRow())]));
    expect((await legacyError(client(100).client.findMembers([BUDI]))).code).toBe('AGENCY_TIMEOUT');
  });

  it.each([
    ['truncated JSON', '{"status":"00","message":"SUKSES","data":[{"KODE_RESPON":"00","NIK":"1471'],
    ['a list instead of the envelope', JSON.stringify([found(budiRow())])],
    ['an envelope without status', JSON.stringify({ message: 'SUKSES', data: [] })],
    ['status 00 without a data list', JSON.stringify({ status: '00', message: 'SUKSES', data: { NIK: BUDI } })],
    ['an unknown status', JSON.stringify({ status: '42', message: 'KODE TIDAK DIKENAL', data: null })],
    ['status 02 (our request refused as invalid)', JSON.stringify({ status: '02', message: 'PARAMETER TIDAK VALID', data: null })],
    ['an HTML page with 200', '<html><body>Sedang pemeliharaan</body></html>'],
  ])('malformed body (%s) -> AGENCY_BAD_RESPONSE', async (_label, body) => {
    nock(SIPP_ORIGIN).post(BATCH_PATH).reply(200, body);
    expect((await legacyError(client().client.findMembers([BUDI]))).code).toBe('AGENCY_BAD_RESPONSE');
  });

  it('a 4xx other than 401/403 -> AGENCY_BAD_RESPONSE', async () => {
    nock(SIPP_ORIGIN).post(BATCH_PATH).reply(404, '<html>HTTP Status 404 - Not Found</html>');
    expect((await legacyError(client().client.findMembers([BUDI]))).code).toBe('AGENCY_BAD_RESPONSE');
  });
});
