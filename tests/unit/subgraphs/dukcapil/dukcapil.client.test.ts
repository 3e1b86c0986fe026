import nock from 'nock';
import pino from 'pino';
import { Writable } from 'node:stream';
import { DukcapilClient } from '../../../../subgraphs/dukcapil/dukcapil.client';
import { DEMO_CREDENTIALS } from '../../../../subgraphs/dukcapil/dukcapil.config';
import { LegacyError } from '../../../../subgraphs/kit/errors';
import { useNockHygiene } from '../../../support/nock-hygiene';
import { ANI, BASE_URL, BUDI, CITRA, KK, UNKNOWN, aniRow, budiRow, citraRow, envelope } from './siak-fixtures';

const PATH = '/dukcapil/get_json/SATU_MPP_PEKANBARU';

/** A client whose log lines we can read (to check warnings and that NIKs are masked). */
function clientWithLog(timeoutMs = 1_000): { client: DukcapilClient; lines: () => Array<Record<string, unknown>> } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const client = new DukcapilClient({ baseUrl: `${BASE_URL}/`, timeoutMs, credentials: DEMO_CREDENTIALS, logger: pino({ level: 'warn' }, stream) });
  return { client, lines: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
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

/** The body SIAK must receive: the payload plus the credentials. */
function withCredentials(payload: Record<string, string | string[]>): Record<string, string | string[]> {
  return { ...payload, ...DEMO_CREDENTIALS };
}

useNockHygiene();

describe('DukcapilClient.findCitizens (CALL_NIK_BATCH)', () => {
  it('sends every NIK in one POST with the credentials in the body and maps the rows', async () => {
    nock(BASE_URL)
      .post(`${PATH}/CALL_NIK_BATCH`, withCredentials({ NIK: [BUDI, ANI] }))
      .matchHeader('content-type', 'application/json')
      .reply(200, envelope([budiRow(), aniRow()]));
    const found = await clientWithLog().client.findCitizens([BUDI, ANI]);
    expect(found.get(BUDI)).toMatchObject({ fullName: 'BUDI SANTOSO', birthDate: '1983-07-04', sex: 'MALE' });
    expect(found.get(ANI)).toMatchObject({ fullName: 'ANI MARLINA', sex: 'FEMALE' });
  });

  it('leaves out NIKs SIAK answers "Data Tidak Ditemukan" for, inside a 200', async () => {
    nock(BASE_URL)
      .post(`${PATH}/CALL_NIK_BATCH`)
      .reply(200, envelope([budiRow(), { NIK: UNKNOWN, RESPON: 'Data Tidak Ditemukan' }]));
    const found = await clientWithLog().client.findCitizens([BUDI, UNKNOWN]);
    expect([...found.keys()]).toEqual([BUDI]);
  });

  it('reads a lone not-found message as "none of them"', async () => {
    nock(BASE_URL).post(`${PATH}/CALL_NIK_BATCH`).reply(200, envelope([{ RESPON: 'Data Tidak Ditemukan' }]));
    expect((await clientWithLog().client.findCitizens([UNKNOWN])).size).toBe(0);
  });

  it('makes no call for an empty list', async () => {
    expect((await clientWithLog().client.findCitizens([])).size).toBe(0);
  });

  it('fails only the NIK whose row has an impossible birth date, and logs it masked', async () => {
    nock(BASE_URL).post(`${PATH}/CALL_NIK_BATCH`).reply(200, envelope([budiRow({ TGL_LHR: '30-02-1983' }), aniRow()]));
    const { client, lines } = clientWithLog();
    const found = await client.findCitizens([BUDI, ANI]);
    expect(found.get(BUDI)).toBeInstanceOf(LegacyError);
    expect((found.get(BUDI) as LegacyError).code).toBe('AGENCY_BAD_RESPONSE');
    expect(found.get(ANI)).toMatchObject({ nik: ANI });
    expect(lines()).toEqual([expect.objectContaining({ field: 'TGL_LHR', nik: '1471********0001' })]);
  });

  it('turns an unknown code into null with a warning', async () => {
    nock(BASE_URL).post(`${PATH}/CALL_NIK_BATCH`).reply(200, envelope([aniRow({ AGAMA: '8', STATUS_KAWIN: 'KAWIN TERCATAT' })]));
    const { client, lines } = clientWithLog();
    const found = await client.findCitizens([ANI]);
    expect(found.get(ANI)).toMatchObject({ religion: null, maritalStatus: null, fullName: 'ANI MARLINA' });
    expect(lines().map((line) => line.field)).toEqual(['AGAMA', 'STATUS_KAWIN']);
    expect(JSON.stringify(lines())).not.toContain(ANI);
  });

  it('refuses a row whose NIK is a JSON number: AGENCY_BAD_RESPONSE', async () => {
    nock(BASE_URL).post(`${PATH}/CALL_NIK_BATCH`).reply(200, `{"content":[{"NIK":${BUDI},"NAMA_LGKP":"BUDI"}],"numberOfElements":1}`);
    expect((await legacyError(clientWithLog().client.findCitizens([BUDI]))).code).toBe('AGENCY_BAD_RESPONSE');
  });

  it('ignores a row for a NIK that was not asked for', async () => {
    nock(BASE_URL).post(`${PATH}/CALL_NIK_BATCH`).reply(200, envelope([budiRow(), aniRow()]));
    expect([...(await clientWithLog().client.findCitizens([BUDI])).keys()]).toEqual([BUDI]);
  });

  it('refuses more than 100 NIKs without calling', async () => {
    const niks = Array.from({ length: 101 }, (_, i) => `14710804078${String(i + 1).padStart(5, '0')}`);
    await expect(clientWithLog().client.findCitizens(niks)).rejects.toThrow(/at most 100/);
  });
});

describe('DukcapilClient failures', () => {
  it('login refused inside a 200 -> AGENCY_UNAVAILABLE, logged', async () => {
    nock(BASE_URL).post(`${PATH}/CALL_NIK_BATCH`).reply(200, envelope([{ RESPON: 'User ID / Password salah' }]));
    const { client, lines } = clientWithLog();
    const error = await legacyError(client.findCitizens([BUDI]));
    expect(error).toMatchObject({ code: 'AGENCY_UNAVAILABLE', agency: 'dukcapil' });
    expect(lines()).toEqual([expect.objectContaining({ level: 50, msg: expect.stringContaining('refused our credentials') })]);
    expect(JSON.stringify(lines())).not.toContain(DEMO_CREDENTIALS.password);
  });

  it('an unknown message -> AGENCY_BAD_RESPONSE', async () => {
    nock(BASE_URL).post(`${PATH}/CALL_NIK`).reply(200, envelope([{ RESPON: 'Kuota harian habis' }]));
    expect((await legacyError(clientWithLog().client.findCitizen(BUDI))).code).toBe('AGENCY_BAD_RESPONSE');
  });

  it('5xx -> AGENCY_UNAVAILABLE', async () => {
    nock(BASE_URL).post(`${PATH}/CALL_NIK`).reply(503, '<html>Service Unavailable</html>');
    expect((await legacyError(clientWithLog().client.findCitizen(BUDI))).code).toBe('AGENCY_UNAVAILABLE');
  });

  it('connection refused -> AGENCY_UNAVAILABLE', async () => {
    nock(BASE_URL).post(`${PATH}/CALL_NIK`).replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' });
    expect((await legacyError(clientWithLog().client.findCitizen(BUDI))).code).toBe('AGENCY_UNAVAILABLE');
  });

  it('no answer within the timeout -> AGENCY_TIMEOUT', async () => {
    nock(BASE_URL).post(`${PATH}/CALL_NIK`).delay(500).reply(200, envelope([budiRow()]));
    expect((await legacyError(clientWithLog(100).client.findCitizen(BUDI))).code).toBe('AGENCY_TIMEOUT');
  });

  it.each([
    ['truncated JSON', '{"content":[{"NIK":"14710'],
    ['JSON without the envelope', '[{"NIK":"1471080407830001"}]'],
    ['content that is not a list', '{"content":"Data Tidak Ditemukan"}'],
    ['content with non-objects', '{"content":["1471080407830001"]}'],
    ['an HTML page with 200', '<html><body>Maintenance</body></html>'],
  ])('malformed body (%s) -> AGENCY_BAD_RESPONSE', async (_label, body) => {
    nock(BASE_URL).post(`${PATH}/CALL_NIK`).reply(200, body);
    expect((await legacyError(clientWithLog().client.findCitizen(BUDI))).code).toBe('AGENCY_BAD_RESPONSE');
  });

  it('a 4xx -> AGENCY_BAD_RESPONSE', async () => {
    nock(BASE_URL).post(`${PATH}/CALL_NIK`).reply(404, '<html>HTTP Status 404</html>');
    expect((await legacyError(clientWithLog().client.findCitizen(BUDI))).code).toBe('AGENCY_BAD_RESPONSE');
  });
});

describe('DukcapilClient.findCitizen (CALL_NIK)', () => {
  it('returns the row, or null for "Data Tidak Ditemukan"', async () => {
    nock(BASE_URL).post(`${PATH}/CALL_NIK`, withCredentials({ NIK: BUDI })).reply(200, envelope([budiRow()]));
    nock(BASE_URL).post(`${PATH}/CALL_NIK`, withCredentials({ NIK: UNKNOWN })).reply(200, envelope([{ RESPON: 'DATA TIDAK DITEMUKAN' }]));
    const { client } = clientWithLog();
    expect(await client.findCitizen(BUDI)).toMatchObject({ nik: BUDI });
    expect(await client.findCitizen(UNKNOWN)).toBeNull();
  });

  it('refuses an answer about another NIK', async () => {
    nock(BASE_URL).post(`${PATH}/CALL_NIK`).reply(200, envelope([aniRow()]));
    expect((await legacyError(clientWithLog().client.findCitizen(BUDI))).code).toBe('AGENCY_BAD_RESPONSE');
  });
});

describe('DukcapilClient.findFamilyCard (CALL_KK)', () => {
  it('returns the members in card order', async () => {
    nock(BASE_URL).post(`${PATH}/CALL_KK`, withCredentials({ NO_KK: KK })).reply(200, envelope([budiRow(), aniRow(), citraRow()]));
    const card = await clientWithLog().client.findFamilyCard(KK);
    expect(card?.number).toBe(KK);
    expect(card?.members.map((member) => member.nik)).toEqual([BUDI, ANI, CITRA]);
  });

  it('returns null for an unknown card', async () => {
    nock(BASE_URL).post(`${PATH}/CALL_KK`).reply(200, envelope([{ RESPON: 'Data Tidak Ditemukan' }]));
    expect(await clientWithLog().client.findFamilyCard(KK)).toBeNull();
  });

  it('refuses a member of another card', async () => {
    nock(BASE_URL).post(`${PATH}/CALL_KK`).reply(200, envelope([budiRow(), aniRow({ NO_KK: '1471081501100002' })]));
    expect((await legacyError(clientWithLog().client.findFamilyCard(KK))).code).toBe('AGENCY_BAD_RESPONSE');
  });
});

describe('DukcapilClient.verifyByElement (CALL_VERIFY_BY_ELEMEN)', () => {
  it('sends the claims in SIAK notation and reads "Sesuai" / "Tidak Sesuai"', async () => {
    nock(BASE_URL)
      .post(`${PATH}/CALL_VERIFY_BY_ELEMEN`, withCredentials({ NIK: BUDI, NAMA_LGKP: 'BUDI SANTOSO', TGL_LHR: '05-07-1983', JENIS_KLMIN: 'LAKI-LAKI' }))
      .reply(200, envelope([{ NIK: 'Sesuai', NAMA_LGKP: 'Sesuai', TGL_LHR: 'Tidak Sesuai', JENIS_KLMIN: 'Sesuai' }]));
    const result = await clientWithLog().client.verifyByElement(BUDI, { fullName: 'BUDI SANTOSO', birthDate: '1983-07-05', sex: 'MALE' });
    expect(result).toEqual({ fullName: true, birthDate: false, sex: true });
  });

  it('null for an unknown NIK; no call when nothing is claimed', async () => {
    nock(BASE_URL).post(`${PATH}/CALL_VERIFY_BY_ELEMEN`).reply(200, envelope([{ RESPON: 'Data Tidak Ditemukan' }]));
    const { client } = clientWithLog();
    expect(await client.verifyByElement(UNKNOWN, { fullName: 'X' })).toBeNull();
    expect(await client.verifyByElement(BUDI, {})).toEqual({});
  });

  it('an element without a verdict -> AGENCY_BAD_RESPONSE', async () => {
    nock(BASE_URL).post(`${PATH}/CALL_VERIFY_BY_ELEMEN`).reply(200, envelope([{ NIK: 'Sesuai', NAMA_LGKP: 'MUNGKIN' }]));
    expect((await legacyError(clientWithLog().client.verifyByElement(BUDI, { fullName: 'BUDI' }))).code).toBe('AGENCY_BAD_RESPONSE');
  });
});
