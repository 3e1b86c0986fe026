import { createCipheriv } from 'node:crypto';
import nock from 'nock';
import { BpjsKesehatanClient } from '../../../../subgraphs/bpjs-kesehatan/bpjs-kesehatan.client';
import { DEMO_CREDENTIALS } from '../../../../subgraphs/bpjs-kesehatan/bpjs-kesehatan.config';
import { deriveVClaimKey, encodeVClaimResponse, signVClaimRequest } from '../../../../subgraphs/bpjs-kesehatan/vclaim-crypto';
import { LegacyError } from '../../../../subgraphs/kit/errors';
import { useNockHygiene } from '../../../support/nock-hygiene';
import { FIXED_NOW, FIXED_TIMESTAMP, VCLAIM_BASE, VCLAIM_ORIGIN, captureLogger, memberRow, pesertaPath, vclaimBody } from './vclaim-nock';

const NIK = '1471080703850001';
const material = { consId: DEMO_CREDENTIALS.consId, secret: DEMO_CREDENTIALS.secret, timestamp: FIXED_TIMESTAMP };

function client(overrides: Partial<ConstructorParameters<typeof BpjsKesehatanClient>[0]> = {}) {
  const captured = captureLogger();
  const instance = new BpjsKesehatanClient({
    baseUrl: VCLAIM_BASE,
    timeoutMs: 2000,
    now: () => FIXED_NOW,
    logger: captured.logger,
    ...overrides,
  });
  return { client: instance, lines: captured.lines };
}

async function failure(promise: Promise<unknown>): Promise<LegacyError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(LegacyError);
    expect((error as LegacyError).agency).toBe('bpjs-kesehatan');
    return error as LegacyError;
  }
  throw new Error('expected the call to fail');
}

function envelope(response: string | null, code = '200', message = 'OK'): string {
  return JSON.stringify({ metaData: { code, message }, response });
}

useNockHygiene();

describe('BpjsKesehatanClient', () => {
  it('signs the request, decrypts and decompresses the answer, and maps the member', async () => {
    nock(VCLAIM_ORIGIN)
      .get(pesertaPath(NIK))
      .matchHeader('x-cons-id', DEMO_CREDENTIALS.consId)
      .matchHeader('x-timestamp', FIXED_TIMESTAMP)
      .matchHeader('x-signature', signVClaimRequest(DEMO_CREDENTIALS.consId, DEMO_CREDENTIALS.secret, FIXED_TIMESTAMP))
      .matchHeader('user_key', DEMO_CREDENTIALS.userKey)
      .reply(function () {
        return [200, vclaimBody(this.req.headers, { peserta: memberRow(NIK) }), { 'content-type': 'application/json' }];
      });
    await expect(client().client.findMemberByNik(NIK)).resolves.toEqual({
      status: 'ACTIVE',
      active: true,
      cardNumber: '0001234567890',
      class: 'KELAS_3',
      memberType: 'PBI_APBN',
      primaryCareProvider: 'PUSKESMAS SIDOMULYO',
      arrears: 0,
      holderName: 'BUDI SANTOSO',
      holderBirthDate: '1985-03-07',
      holderSex: 'MALE',
    });
  });

  it('reads "not found" inside HTTP 200 (metaData 201, response null) as NOT_REGISTERED', async () => {
    nock(VCLAIM_ORIGIN).get(pesertaPath(NIK)).reply(200, envelope(null, '201', 'Peserta tidak ditemukan'));
    await expect(client().client.findMemberByNik(NIK)).resolves.toMatchObject({
      status: 'NOT_REGISTERED',
      active: false,
      cardNumber: null,
      holderName: null,
    });
  });

  it('turns a refused signature (metaData 401) into AGENCY_UNAVAILABLE and logs a configuration fault', async () => {
    nock(VCLAIM_ORIGIN)
      .get(pesertaPath(NIK))
      .reply(function () {
        return [200, vclaimBody(this.req.headers, { peserta: memberRow(NIK) })];
      });
    const { client: wrongSecret, lines } = client({ credentials: { ...DEMO_CREDENTIALS, secret: 'not-the-secret' } });
    expect((await failure(wrongSecret.findMemberByNik(NIK))).code).toBe('AGENCY_UNAVAILABLE');
    const logged = lines.find((line) => line.level === 50);
    expect(logged?.msg).toContain('configuration fault');
    expect(JSON.stringify(lines)).not.toContain('not-the-secret');
  });

  it.each([500, 502, 503])('turns HTTP %i into AGENCY_UNAVAILABLE', async (status) => {
    nock(VCLAIM_ORIGIN).get(pesertaPath(NIK)).reply(status, '<html>down</html>');
    expect((await failure(client().client.findMemberByNik(NIK))).code).toBe('AGENCY_UNAVAILABLE');
  });

  it('turns a refused connection into AGENCY_UNAVAILABLE', async () => {
    nock(VCLAIM_ORIGIN).get(pesertaPath(NIK)).replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' });
    expect((await failure(client().client.findMemberByNik(NIK))).code).toBe('AGENCY_UNAVAILABLE');
  });

  it('backs off on HTTP 429 for the stated Retry-After, then succeeds', async () => {
    nock(VCLAIM_ORIGIN)
      .get(pesertaPath(NIK))
      .reply(429, envelope(null, '429', 'Too Many Requests'), { 'Retry-After': '1' })
      .get(pesertaPath(NIK))
      .reply(function () {
        return [200, vclaimBody(this.req.headers, { peserta: memberRow(NIK) })];
      });
    const started = Date.now();
    const record = await client({ timeoutMs: 3000 }).client.findMemberByNik(NIK);
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(record.status).toBe('ACTIVE');
  });

  it('uses its own back-off when a 429 carries no Retry-After', async () => {
    nock(VCLAIM_ORIGIN)
      .get(pesertaPath(NIK))
      .reply(429, '')
      .get(pesertaPath(NIK))
      .reply(function () {
        return [200, vclaimBody(this.req.headers, { peserta: memberRow(NIK) })];
      });
    const started = Date.now();
    await client({ retryOn429: { maxRetries: 2, backoffMs: 120 } }).client.findMemberByNik(NIK);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('refuses to wait when Retry-After passes the deadline (AGENCY_UNAVAILABLE at once)', async () => {
    nock(VCLAIM_ORIGIN).get(pesertaPath(NIK)).reply(429, '', { 'Retry-After': '5' });
    const started = Date.now();
    expect((await failure(client({ timeoutMs: 1000 }).client.findMemberByNik(NIK))).code).toBe('AGENCY_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('gives up after its retries when VClaim keeps answering 429', async () => {
    nock(VCLAIM_ORIGIN).get(pesertaPath(NIK)).times(3).reply(429, '', { 'Retry-After': '0' });
    const error = await failure(client({ retryOn429: { maxRetries: 2, backoffMs: 10 } }).client.findMemberByNik(NIK));
    expect(error.code).toBe('AGENCY_UNAVAILABLE');
  });

  it('turns an answer slower than the timeout into AGENCY_TIMEOUT', async () => {
    nock(VCLAIM_ORIGIN).get(pesertaPath(NIK)).delay(1000).reply(200, envelope(null, '201', 'Peserta tidak ditemukan'));
    const started = Date.now();
    expect((await failure(client({ timeoutMs: 150 }).client.findMemberByNik(NIK))).code).toBe('AGENCY_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(900);
  });

  const lzButNotJson = () => encodeVClaimResponse('<html>maintenance</html>', material);
  const notLz = () => {
    // Valid cipher text around bytes that are not LZ-string data.
    const { key, iv } = deriveVClaimKey(material);
    const cipher = createCipheriv('aes-256-cbc', key, iv);
    return Buffer.concat([cipher.update('hello world', 'utf8'), cipher.final()]).toString('base64');
  };

  it.each([
    ['a body that is not JSON', () => '<html><body>Service Unavailable</body></html>'],
    ['truncated JSON', () => '{"metaData":{"code":"200"'],
    ['JSON without metaData', () => JSON.stringify({ response: 'x' })],
    ['200 without a response string', () => envelope(null)],
    ['a response that is not base64', () => envelope('%%% not base64 %%%')],
    ['a response that does not decrypt', () => envelope(Buffer.from('not encrypted!').toString('base64'))],
    ['a response encrypted with another timestamp', () => envelope(encodeVClaimResponse('{}', { ...material, timestamp: '1' }))],
    ['a response that decrypts but is not LZ-string', () => envelope(notLz())],
    ['a response that decompresses to something other than JSON', () => envelope(lzButNotJson())],
    ['a decoded answer without peserta', () => envelope(encodeVClaimResponse('{"list":[]}', material))],
    ['an unknown metaData code', () => envelope(null, '500', 'Internal Server Error')],
    ['a bad-parameter code', () => envelope(null, '400', 'Format Tanggal SEP tidak sesuai')],
  ])('turns %s into AGENCY_BAD_RESPONSE', async (_label, body) => {
    nock(VCLAIM_ORIGIN).get(pesertaPath(NIK)).reply(200, body());
    expect((await failure(client().client.findMemberByNik(NIK))).code).toBe('AGENCY_BAD_RESPONSE');
  });

  it('turns a non-2xx, non-5xx status into AGENCY_BAD_RESPONSE', async () => {
    nock(VCLAIM_ORIGIN).get(pesertaPath(NIK)).reply(404, 'Not Found');
    expect((await failure(client().client.findMemberByNik(NIK))).code).toBe('AGENCY_BAD_RESPONSE');
  });

  it('exposes an unknown code or an impossible date as null, logs a warning with a masked NIK', async () => {
    nock(VCLAIM_ORIGIN)
      .get(pesertaPath(NIK))
      .reply(function () {
        const row = memberRow(NIK, { hakKelas: { kode: '9', keterangan: 'VVIP' }, tglLahir: '1985-02-31', jenisPeserta: { kode: '77', keterangan: '?' } });
        return [200, vclaimBody(this.req.headers, { peserta: row })];
      });
    const { client: instance, lines } = client();
    const record = await instance.findMemberByNik(NIK);
    expect(record).toMatchObject({ status: 'ACTIVE', class: null, holderBirthDate: null, memberType: null, holderName: 'BUDI SANTOSO' });
    const warnings = lines.filter((line) => line.level === 40);
    expect(warnings.map((line) => line.field)).toEqual(['hakKelas.kode', 'jenisPeserta.kode', 'tglLahir']);
    expect(JSON.stringify(lines)).not.toContain(NIK);
  });
});
