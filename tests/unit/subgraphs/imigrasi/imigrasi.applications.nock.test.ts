import nock from 'nock';
import { LegacyError } from '../../../../subgraphs/kit/errors';
import { createImigrasiClient, type ImigrasiClient } from '../../../../subgraphs/imigrasi/imigrasi.client';
import { DEFAULT_SIMKIM_CREDENTIALS } from '../../../../subgraphs/imigrasi/imigrasi.config';
import { PassportApplicationRefused } from '../../../../subgraphs/imigrasi/passport-application.records';
import { NIK_BINTI, NIK_TWO_PASSPORTS, recordingLogger } from './simkim-fixture';

const TODAY = '2026-11-28';
const HOST = 'http://simkim.imigrasi.test';
const PATH = '/simkim-ws/PasporService';

async function failureOf<T extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => T): Promise<T> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(type);
    return error as T;
  }
  throw new Error('expected the call to fail');
}

const envelope = (inner: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body>${inner}</S:Body></S:Envelope>`;
const fault = (faultstring: string): string =>
  envelope(`<S:Fault><faultcode>S:Client</faultcode><faultstring>${faultstring}</faultstring></S:Fault>`);
const submitResponse = (ret: string): string =>
  envelope(`<ns2:ajukanPermohonanPasporResponse xmlns:ns2="http://ws.simkim.imigrasi.go.id/"><return>${ret}</return></ns2:ajukanPermohonanPasporResponse>`);
const listResponse = (ret: string): string =>
  envelope(`<ns2:getPermohonanByNikResponse xmlns:ns2="http://ws.simkim.imigrasi.go.id/"><return>${ret}</return></ns2:getPermohonanByNikResponse>`);
const permohonan = (nik: string, extra: Record<string, string> = {}): string => {
  const fields: Record<string, string> = {
    nomorPermohonan: 'PMH-20261128-000042',
    nik,
    jenisPaspor: 'PE',
    kantorImigrasi: 'UNIT LAYANAN PASPOR MPP PEKANBARU',
    statusPermohonan: 'DITERIMA',
    tanggalPermohonan: '28-NOV-26',
    sumberIdentitas: 'DUKCAPIL',
    ...extra,
  };
  return `<permohonan>${Object.entries(fields)
    .map(([name, value]) => `<${name}>${value}</${name}>`)
    .join('')}</permohonan>`;
};

describe('imigrasi client, passport applications: answers only nock can give', () => {
  let client: ImigrasiClient;
  const logger = recordingLogger();

  beforeAll(async () => {
    nock.disableNetConnect();
    client = await createImigrasiClient({
      endpoint: `${HOST}${PATH}`,
      timeoutMs: 400,
      credentials: DEFAULT_SIMKIM_CREDENTIALS,
      today: () => TODAY,
      logger,
    });
  });
  afterEach(() => {
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
    logger.warnings.length = 0;
  });
  afterAll(() => {
    client.close();
    nock.enableNetConnect();
  });

  it('sends NIK, jenisPaspor and kantorImigrasi only (no declared identity), with the SOAPAction of the operation', async () => {
    nock(HOST, { reqheaders: { soapaction: '"ajukanPermohonanPaspor"' } })
      .post(
        PATH,
        (body: string) =>
          body.includes(`<nik>${NIK_BINTI}</nik>`) &&
          body.includes('<jenisPaspor>PB</jenisPaspor>') &&
          body.includes('<kantorImigrasi>KANTOR IMIGRASI KELAS II TPI DUMAI</kantorImigrasi>') &&
          !/namaLengkap|tanggalLahir|tempatLahir|jenisKelamin/.test(body),
      )
      .reply(200, submitResponse(`<kodeRespon>00</kodeRespon>${permohonan(NIK_BINTI, { jenisPaspor: 'PB', kantorImigrasi: 'KANTOR IMIGRASI KELAS II TPI DUMAI' })}`), {
        'content-type': 'text/xml',
      });
    await expect(
      client.submitPassportApplication({ nik: NIK_BINTI, passportType: 'ORDINARY', office: 'KANTOR IMIGRASI KELAS II TPI DUMAI' }),
    ).resolves.toMatchObject({ applicationNumber: 'PMH-20261128-000042', passportType: 'ORDINARY', submittedOn: TODAY });
  });

  it('SIMKIM-APP-02 as Metro writes it (HTTP 500, S:Fault) -> a refusal naming the open application', async () => {
    nock(HOST).post(PATH).reply(500, fault('SIMKIM-APP-02 Masih ada permohonan paspor PE yang belum selesai untuk NIK ini: PMH-20261101-000007'), {
      'content-type': 'text/xml;charset=utf-8',
    });
    const refusal = await failureOf(client.submitPassportApplication({ nik: NIK_BINTI, passportType: 'ELECTRONIC' }), PassportApplicationRefused);
    expect(refusal).toMatchObject({ reason: 'APPLICATION_ALREADY_OPEN', openApplicationNumber: 'PMH-20261101-000007' });
    expect(refusal.message).toBe('an application for this passport type is already open: PMH-20261101-000007');
  });

  it('SIMKIM-APP-02 whose faultstring names no number: still a refusal, without the number', async () => {
    nock(HOST).post(PATH).reply(500, fault('SIMKIM-APP-02 Permohonan ganda'), { 'content-type': 'text/xml' });
    const refusal = await failureOf(client.submitPassportApplication({ nik: NIK_BINTI, passportType: 'ELECTRONIC' }), PassportApplicationRefused);
    expect(refusal).toMatchObject({ openApplicationNumber: null, message: 'an application for this passport type is already open' });
  });

  it('a fault with a code that is not about the application (or no code) is the agency failing', async () => {
    nock(HOST).post(PATH).reply(500, fault('java.lang.NullPointerException'), { 'content-type': 'text/xml' });
    expect((await failureOf(client.submitPassportApplication({ nik: NIK_BINTI, passportType: 'ELECTRONIC' }), LegacyError)).code).toBe('AGENCY_UNAVAILABLE');
  });

  it("a proxy's HTML 502 on a submit -> AGENCY_UNAVAILABLE", async () => {
    nock(HOST).post(PATH).reply(502, '<html><body><h1>502 Bad Gateway</h1></body></html>', { 'content-type': 'text/html' });
    expect((await failureOf(client.submitPassportApplication({ nik: NIK_BINTI, passportType: 'ELECTRONIC' }), LegacyError)).code).toBe('AGENCY_UNAVAILABLE');
  });

  it('a submit answered with no application, or with the application of another NIK -> AGENCY_BAD_RESPONSE', async () => {
    nock(HOST).post(PATH).reply(200, submitResponse('<kodeRespon>01</kodeRespon>'), { 'content-type': 'text/xml' });
    expect((await failureOf(client.submitPassportApplication({ nik: NIK_BINTI, passportType: 'ELECTRONIC' }), LegacyError)).code).toBe('AGENCY_BAD_RESPONSE');
    nock(HOST).post(PATH).reply(200, submitResponse(`<kodeRespon>00</kodeRespon>${permohonan(NIK_TWO_PASSPORTS)}`), { 'content-type': 'text/xml' });
    expect((await failureOf(client.submitPassportApplication({ nik: NIK_BINTI, passportType: 'ELECTRONIC' }), LegacyError)).code).toBe('AGENCY_BAD_RESPONSE');
  });

  it('an application whose status, type or date cannot be read -> AGENCY_BAD_RESPONSE (they identify it)', async () => {
    const unreadable: Array<Record<string, string>> = [{ statusPermohonan: 'Q' }, { jenisPaspor: 'ZZ' }, { tanggalPermohonan: '31-FEB-26' }, { nomorPermohonan: '' }];
    for (const extra of unreadable) {
      nock(HOST).post(PATH).reply(200, listResponse(`<kodeRespon>00</kodeRespon>${permohonan(NIK_BINTI, extra)}`), { 'content-type': 'text/xml' });
      const error = await failureOf(client.passportApplicationsByNik(NIK_BINTI), LegacyError);
      expect(error.code).toBe('AGENCY_BAD_RESPONSE');
    }
  });

  it('an unknown sumberIdentitas is null with a warning; a missing office is null; the list is sorted oldest first', async () => {
    const older = permohonan(NIK_BINTI, { nomorPermohonan: 'PMH-20250102-000003', tanggalPermohonan: '02-JAN-25', statusPermohonan: 'SELESAI', kantorImigrasi: '' });
    const newer = permohonan(NIK_BINTI, { sumberIdentitas: 'X' });
    nock(HOST).post(PATH).reply(200, listResponse(`<kodeRespon>00</kodeRespon>${newer}${older}`), { 'content-type': 'text/xml' });
    const applications = await client.passportApplicationsByNik(NIK_BINTI);
    expect(applications.map((application) => [application.applicationNumber, application.status, application.submittedOn, application.office, application.identitySource])).toEqual([
      ['PMH-20250102-000003', 'COMPLETED', '2025-01-02', null, 'CIVIL_REGISTRY'],
      ['PMH-20261128-000042', 'RECEIVED', TODAY, 'UNIT LAYANAN PASPOR MPP PEKANBARU', null],
    ]);
    expect(logger.warnings.map((warning) => (warning.object as { field: string }).field)).toEqual(['sumberIdentitas']);
  });
});

afterAll(() => nock.restore());
