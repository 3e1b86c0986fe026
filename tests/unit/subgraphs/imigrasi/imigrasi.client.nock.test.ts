import nock from 'nock';
import { LegacyError } from '../../../../subgraphs/kit/errors';
import { createImigrasiClient, type ImigrasiClient } from '../../../../subgraphs/imigrasi/imigrasi.client';
import { DEFAULT_SIMKIM_CREDENTIALS } from '../../../../subgraphs/imigrasi/imigrasi.config';
import { NIK_BINTI, NIK_TWO_PASSPORTS } from './simkim-fixture';

const TODAY = '2026-11-28';

async function legacyErrorOf(promise: Promise<unknown>): Promise<LegacyError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(LegacyError);
    return error as LegacyError;
  }
  throw new Error('expected the call to fail');
}

describe('imigrasi client, answers only a proxy or a broken SIMKIM gives (nock)', () => {
  const ENDPOINT = 'http://simkim.imigrasi.test/simkim-ws/PasporService';
  let client: ImigrasiClient;

  beforeAll(async () => {
    nock.disableNetConnect();
    // No answer here is slow; the generous timeout only keeps a cold first call on a loaded CI
    // machine (SOAP client, nock and the XML parser warming up) from timing out before its error.
    client = await createImigrasiClient({ endpoint: ENDPOINT, timeoutMs: 5000, credentials: DEFAULT_SIMKIM_CREDENTIALS, today: () => TODAY });
  });
  afterEach(() => {
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
  });
  afterAll(() => {
    client.close();
    nock.enableNetConnect();
    // Take nock's interceptor out of node:http, or jest warns that it outlives this file.
    nock.restore();
  });

  const envelope = (inner: string): string =>
    `<?xml version="1.0" encoding="UTF-8"?><S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body>${inner}</S:Body></S:Envelope>`;
  const listResponse = (ret: string): string =>
    envelope(`<ns2:getPasporByNikListResponse xmlns:ns2="http://ws.simkim.imigrasi.go.id/"><return>${ret}</return></ns2:getPasporByNikListResponse>`);

  it('a SOAP Fault with HTTP 500 (as Metro writes it) -> AGENCY_UNAVAILABLE', async () => {
    nock('http://simkim.imigrasi.test')
      .post('/simkim-ws/PasporService')
      .reply(
        500,
        envelope('<S:Fault><faultcode>S:Server</faultcode><faultstring>SIMKIM-DB-01 ORA-12541: TNS:no listener</faultstring></S:Fault>'),
        { 'content-type': 'text/xml;charset=utf-8' },
      );
    const error = await legacyErrorOf(client.passportsByNiks([NIK_BINTI]));
    expect(error.code).toBe('AGENCY_UNAVAILABLE');
    expect(error.message).toContain('ORA-12541');
  });

  it('an HTML 502 from the reverse proxy -> AGENCY_UNAVAILABLE', async () => {
    nock('http://simkim.imigrasi.test')
      .post('/simkim-ws/PasporService')
      .reply(502, '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>', {
        'content-type': 'text/html',
      });
    expect((await legacyErrorOf(client.passportsByNiks([NIK_BINTI]))).code).toBe('AGENCY_UNAVAILABLE');
  });

  it('an HTML error page that is not even well-formed, with 503 -> AGENCY_UNAVAILABLE', async () => {
    nock('http://simkim.imigrasi.test').post('/simkim-ws/PasporService').reply(503, 'Service Unavailable<br>', { 'content-type': 'text/html' });
    expect((await legacyErrorOf(client.passportsByNiks([NIK_BINTI]))).code).toBe('AGENCY_UNAVAILABLE');
  });

  it('an unknown kodeRespon -> AGENCY_BAD_RESPONSE', async () => {
    nock('http://simkim.imigrasi.test')
      .post('/simkim-ws/PasporService')
      .reply(200, listResponse('<kodeRespon>99</kodeRespon><pesanRespon>GAGAL</pesanRespon>'), { 'content-type': 'text/xml' });
    expect((await legacyErrorOf(client.passportsByNiks([NIK_BINTI]))).code).toBe('AGENCY_BAD_RESPONSE');
  });

  it('an envelope without <return> -> AGENCY_BAD_RESPONSE', async () => {
    nock('http://simkim.imigrasi.test').post('/simkim-ws/PasporService').reply(200, envelope(''), { 'content-type': 'text/xml' });
    expect((await legacyErrorOf(client.passportsByNiks([NIK_BINTI]))).code).toBe('AGENCY_BAD_RESPONSE');
  });

  it('a passport of a NIK that was not asked -> AGENCY_BAD_RESPONSE (never pass on someone else\'s data)', async () => {
    nock('http://simkim.imigrasi.test')
      .post('/simkim-ws/PasporService')
      .reply(
        200,
        listResponse(`<kodeRespon>00</kodeRespon><paspor><nomorPaspor>B7654321</nomorPaspor><nik>${NIK_TWO_PASSPORTS}</nik></paspor>`),
        { 'content-type': 'text/xml' },
      );
    expect((await legacyErrorOf(client.passportsByNiks([NIK_BINTI]))).code).toBe('AGENCY_BAD_RESPONSE');
  });

  it("lists a holder's passports oldest first whatever order SIMKIM used", async () => {
    const paspor = (number: string, issued: string): string =>
      `<paspor><nomorPaspor>${number}</nomorPaspor><nik>${NIK_BINTI}</nik><surname>AHMAD</surname><tanggalTerbit>${issued}</tanggalTerbit></paspor>`;
    nock('http://simkim.imigrasi.test')
      .post('/simkim-ws/PasporService')
      .reply(200, listResponse(`<kodeRespon>00</kodeRespon>${paspor('X7654321', '01-JUN-24')}${paspor('B7654321', '01-JUN-19')}${paspor('C7654321', '')}`), {
        'content-type': 'text/xml',
      });
    const found = await client.passportsByNiks([NIK_BINTI]);
    expect(found.get(NIK_BINTI)!.map((passport) => passport.number)).toEqual(['B7654321', 'X7654321', 'C7654321']);
  });

  it('sends a WS-Security UsernameToken and the SOAPAction of the operation', async () => {
    nock('http://simkim.imigrasi.test', { reqheaders: { soapaction: '"getPasporByNikList"' } })
      .post('/simkim-ws/PasporService', (body: string) => body.includes('<wsse:Username>satu-mpp-pekanbaru</wsse:Username>') && body.includes(`<nik>${NIK_BINTI}</nik>`))
      .reply(200, listResponse('<kodeRespon>01</kodeRespon><pesanRespon>DATA TIDAK DITEMUKAN</pesanRespon>'), { 'content-type': 'text/xml' });
    expect((await client.passportsByNiks([NIK_BINTI])).size).toBe(0);
  });
});
