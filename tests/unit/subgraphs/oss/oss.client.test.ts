import nock from 'nock';
import { LegacyError } from '../../../../subgraphs/kit/errors';
import { OssClient } from '../../../../subgraphs/oss/oss.client';
import { DEMO_CREDENTIALS, basicAuthorization } from '../../../../subgraphs/oss/oss.config';
import { useNockHygiene } from '../../../support/nock-hygiene';
import { OSS_ORIGIN, OWNER, PARTNER, captureLogger, envelopeBody, nibRecord, okBody, ownerPath, refusal } from './oss-fixtures';

function client(overrides: Partial<ConstructorParameters<typeof OssClient>[0]> = {}) {
  const captured = captureLogger();
  const instance = new OssClient({ baseUrl: OSS_ORIGIN, timeoutMs: 2000, logger: captured.logger, ...overrides });
  return { client: instance, lines: captured.lines };
}

async function failure(promise: Promise<unknown>): Promise<LegacyError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(LegacyError);
    expect((error as LegacyError).agency).toBe('oss');
    return error as LegacyError;
  }
  throw new Error('expected the call to fail');
}

/** OSS answering like the real one: both credentials checked, then the given body. */
function oss(body: () => string) {
  return nock(OSS_ORIGIN)
    .get(ownerPath(OWNER))
    .reply(function () {
      return refusal(this.req.headers) ?? [200, body(), { 'content-type': 'application/json' }];
    });
}

useNockHygiene();

describe('OssClient', () => {
  it('sends user_key and HTTP Basic, unwraps the envelope and maps every field', async () => {
    nock(OSS_ORIGIN)
      .get(ownerPath(OWNER))
      .matchHeader('user_key', DEMO_CREDENTIALS.userKey)
      .matchHeader('authorization', basicAuthorization(DEMO_CREDENTIALS))
      .reply(200, okBody(OWNER, [nibRecord()]));
    await expect(client().client.findBusinessesByOwner(OWNER)).resolves.toEqual([
      {
        nib: '9120001234567',
        name: 'WARUNG MAKAN UNI ROS',
        legalForm: 'INDIVIDUAL',
        scale: 'MICRO',
        umk: true,
        riskLevel: 'LOW',
        kbli: [{ code: '56102', title: 'Rumah/Warung Makan', riskLevel: 'LOW' }],
        licences: [
          { kind: 'NIB', name: 'Nomor Induk Berusaha', number: '9120001234567', activityCode: null, issuedOn: '2022-03-14', validUntil: null, status: 'ACTIVE' },
        ],
        issuedOn: '2022-03-14',
        address: 'JL. DURIAN NO. 12 RT 002 RW 005',
        village: 'SIMPANG BARU',
        regionCode: '147108',
        district: 'BINAWIDYA',
        regency: 'KOTA PEKANBARU',
        ownerNik: OWNER,
        ownerName: 'ROSNIAR',
        ownerRole: 'PEMILIK',
        coOwners: [],
      },
    ]);
  });

  it('reads the ESB quirk: a one-element list arrives as an object, an empty one as null', async () => {
    const single = nibRecord({
      penanggung_jawab: { nik: OWNER, nama: 'ROSNIAR', jabatan: 'PEMILIK' },
      data_kbli: { kbli: '96112', judul_kbli: 'Aktivitas Penatu', tingkat_risiko: 'Rendah' },
      data_izin: null,
    });
    oss(() => okBody(OWNER, single));
    const [business] = await client().client.findBusinessesByOwner(OWNER);
    expect(business).toMatchObject({ ownerName: 'ROSNIAR', kbli: [{ code: '96112', riskLevel: 'LOW' }], licences: [] });
  });

  it('gives the other responsible persons as co-owners, and this citizen\'s own entry as owner', async () => {
    const cv = nibRecord({
      jenis_badan_usaha: 'CV',
      skala_usaha: 'Usaha Kecil',
      penanggung_jawab: [
        { nik: PARTNER, nama: 'SITI AMINAH', jabatan: 'PESERO AKTIF' },
        { nik: OWNER, nama: 'H. AHMAD FAUZI', jabatan: 'PESERO KOMANDITER' },
      ],
      data_kbli: [
        { kbli: '56101', judul_kbli: 'Restoran', tingkat_risiko: 'Menengah Rendah' },
        { kbli: '47721', judul_kbli: 'Perdagangan Eceran Barang dan Obat Farmasi di Apotek', tingkat_risiko: 'T' },
      ],
    });
    oss(() => okBody(OWNER, [cv, nibRecord({ nib: '8120009876543' })]));
    const businesses = await client().client.findBusinessesByOwner(OWNER);
    expect(businesses).toHaveLength(2);
    expect(businesses[0]).toMatchObject({
      legalForm: 'LIMITED_PARTNERSHIP',
      scale: 'SMALL',
      umk: true,
      riskLevel: 'HIGH',
      ownerNik: OWNER,
      ownerName: 'H. AHMAD FAUZI',
      ownerRole: 'PESERO KOMANDITER',
      coOwners: [{ nik: PARTNER }],
    });
  });

  it.each([
    ['HTTP 200 with status 404 inside', () => envelopeBody(404, 'Data NIB tidak ditemukan')],
    ['a status sent as a string', () => envelopeBody('404', 'Data NIB tidak ditemukan')],
  ])('reads "not found" (%s) as no businesses: []', async (_label, body) => {
    oss(body);
    await expect(client().client.findBusinessesByOwner(OWNER)).resolves.toEqual([]);
  });

  it.each([
    ['a wrong user_key (refused by the API gateway)', { ...DEMO_CREDENTIALS, userKey: 'not-the-key' }, 'not-the-key'],
    ['a wrong Basic password (refused by OSS)', { ...DEMO_CREDENTIALS, password: 'not-the-password' }, 'not-the-password'],
    ['a wrong Basic user (refused by OSS)', { ...DEMO_CREDENTIALS, username: 'someone-else' }, 'no-secret-to-check'],
  ])('turns HTTP 401 for %s into AGENCY_UNAVAILABLE, logged as a configuration fault', async (_label, credentials, secret) => {
    oss(() => okBody(OWNER, [nibRecord()]));
    const { client: misconfigured, lines } = client({ credentials });
    const error = await failure(misconfigured.findBusinessesByOwner(OWNER));
    expect(error.code).toBe('AGENCY_UNAVAILABLE');
    expect(error.httpStatus).toBe(401);
    const logged = lines.find((line) => line.level === 50);
    expect(logged?.msg).toContain('configuration fault');
    expect(JSON.stringify(lines)).not.toContain(secret);
    expect(JSON.stringify(lines)).not.toContain(basicAuthorization(credentials));
  });

  it('treats HTTP 403 (account may not use the API) and a 401/403 inside the envelope as configuration faults too', async () => {
    nock(OSS_ORIGIN).get(ownerPath(OWNER)).reply(403, envelopeBody(403, 'Akses ditolak'));
    expect((await failure(client().client.findBusinessesByOwner(OWNER))).code).toBe('AGENCY_UNAVAILABLE');
    nock(OSS_ORIGIN).get(ownerPath(OWNER)).reply(200, envelopeBody(401, 'Token kedaluwarsa'));
    const { client: instance, lines } = client();
    expect((await failure(instance.findBusinessesByOwner(OWNER))).code).toBe('AGENCY_UNAVAILABLE');
    expect(lines.some((line) => line.level === 50 && String(line.msg).includes('configuration fault'))).toBe(true);
  });

  it.each([500, 502, 503, 504])('turns HTTP %i into AGENCY_UNAVAILABLE', async (status) => {
    nock(OSS_ORIGIN).get(ownerPath(OWNER)).reply(status, '<html>502 Bad Gateway</html>');
    expect((await failure(client().client.findBusinessesByOwner(OWNER))).code).toBe('AGENCY_UNAVAILABLE');
  });

  it.each([500, 503])('turns a backend failure wrapped in HTTP 200 (status %i inside) into AGENCY_UNAVAILABLE', async (status) => {
    nock(OSS_ORIGIN).get(ownerPath(OWNER)).reply(200, envelopeBody(status, 'Internal Server Error'));
    expect((await failure(client().client.findBusinessesByOwner(OWNER))).code).toBe('AGENCY_UNAVAILABLE');
  });

  it('turns a refused connection into AGENCY_UNAVAILABLE', async () => {
    nock(OSS_ORIGIN).get(ownerPath(OWNER)).replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' });
    expect((await failure(client().client.findBusinessesByOwner(OWNER))).code).toBe('AGENCY_UNAVAILABLE');
  });

  it('backs off on HTTP 429 for the stated Retry-After, then succeeds', async () => {
    nock(OSS_ORIGIN)
      .get(ownerPath(OWNER))
      .reply(429, JSON.stringify({ error: 'Too Many Requests' }), { 'Retry-After': '1' })
      .get(ownerPath(OWNER))
      .reply(200, okBody(OWNER, [nibRecord()]));
    const started = Date.now();
    const businesses = await client({ timeoutMs: 3000 }).client.findBusinessesByOwner(OWNER);
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(businesses).toHaveLength(1);
  });

  it('refuses to wait when Retry-After passes the deadline, and gives up after its retries', async () => {
    nock(OSS_ORIGIN).get(ownerPath(OWNER)).reply(429, '', { 'Retry-After': '5' });
    const started = Date.now();
    expect((await failure(client({ timeoutMs: 1000 }).client.findBusinessesByOwner(OWNER))).code).toBe('AGENCY_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(500);

    nock(OSS_ORIGIN).get(ownerPath(OWNER)).times(3).reply(429, '', { 'Retry-After': '0' });
    expect((await failure(client({ retryOn429: { maxRetries: 2, backoffMs: 10 } }).client.findBusinessesByOwner(OWNER))).code).toBe('AGENCY_UNAVAILABLE');
  });

  it('turns an answer slower than the timeout into AGENCY_TIMEOUT', async () => {
    nock(OSS_ORIGIN).get(ownerPath(OWNER)).delay(1000).reply(200, envelopeBody(404, 'Data NIB tidak ditemukan'));
    const started = Date.now();
    expect((await failure(client({ timeoutMs: 150 }).client.findBusinessesByOwner(OWNER))).code).toBe('AGENCY_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(900);
  });

  it.each([
    ['a body that is not JSON', () => '<html><body>Maintenance</body></html>'],
    ['truncated JSON', () => '{"status":200,"message":"OK","data":{"nik":"1471'],
    ['JSON without an envelope', () => JSON.stringify({ nib: [] })],
    ['status 200 without data', () => envelopeBody(200, 'OK', null)],
    ['data for another NIK', () => okBody(PARTNER, [nibRecord()])],
    ['daftar_nib that is not a list', () => JSON.stringify({ status: 200, message: 'OK', data: { nik: OWNER, jumlah_nib: 1, daftar_nib: 'x' } })],
    ['a count that disagrees (cut answer)', () => JSON.stringify({ status: 200, message: 'OK', data: { nik: OWNER, jumlah_nib: 3, daftar_nib: [nibRecord()] } })],
    ['a record that is not an object', () => okBody(OWNER, [nibRecord(), 42])],
    ['a record where the NIK is not a responsible person', () => okBody(OWNER, [nibRecord({ penanggung_jawab: [{ nik: PARTNER, nama: 'X', jabatan: 'PEMILIK' }] })])],
    ['a bad-request status', () => envelopeBody(400, 'Format NIK tidak valid')],
    ['an unknown status', () => envelopeBody(299, '?')],
  ])('turns %s into AGENCY_BAD_RESPONSE', async (_label, body) => {
    nock(OSS_ORIGIN).get(ownerPath(OWNER)).reply(200, body());
    expect((await failure(client().client.findBusinessesByOwner(OWNER))).code).toBe('AGENCY_BAD_RESPONSE');
  });

  it('turns HTTP 404 for the path (not the envelope) into AGENCY_BAD_RESPONSE', async () => {
    nock(OSS_ORIGIN).get(ownerPath(OWNER)).reply(404, '<html>404 Not Found</html>');
    expect((await failure(client().client.findBusinessesByOwner(OWNER))).code).toBe('AGENCY_BAD_RESPONSE');
  });

  it('exposes unknown codes, impossible dates and malformed numbers as null, with warnings and a masked NIK', async () => {
    const odd = nibRecord({
      nib: '91200012345',
      tgl_terbit_nib: '2022-02-30 10:00:00',
      skala_usaha: 'RAKSASA',
      jenis_badan_usaha: 'YAYASAN',
      kd_wilayah: '99.99.99',
      data_kbli: [{ kbli: 5610, judul_kbli: 'Restoran', tingkat_risiko: 'SANGAT TINGGI' }],
      data_izin: [{ jenis_izin: 'SIUP', nama_izin: 'SIUP lama', nomor_izin: '503/123', kbli: null, tgl_terbit_izin: '14-03-2012', tgl_berlaku_sampai: null, status_izin: 'MATI' }],
    });
    oss(() => okBody(OWNER, [odd]));
    const { client: instance, lines } = client();
    const [business] = await instance.findBusinessesByOwner(OWNER);
    expect(business).toMatchObject({
      nib: null,
      issuedOn: null,
      scale: null,
      umk: null,
      legalForm: null,
      regionCode: null,
      district: null,
      regency: null,
      riskLevel: null,
      kbli: [{ code: null, title: 'Restoran', riskLevel: null }],
      licences: [{ kind: null, name: 'SIUP lama', number: '503/123', issuedOn: null, status: null }],
      name: 'WARUNG MAKAN UNI ROS',
      ownerName: 'ROSNIAR',
    });
    const warnings = lines.filter((line) => line.level === 40).map((line) => line.field);
    expect(warnings.sort()).toEqual(
      [
        'data_izin[].jenis_izin',
        'data_izin[].status_izin',
        'data_izin[].tgl_terbit_izin',
        'data_kbli[].kbli',
        'data_kbli[].tingkat_risiko',
        'jenis_badan_usaha',
        'kd_wilayah',
        'nib',
        'skala_usaha',
        'tgl_terbit_nib',
      ].sort(),
    );
    expect(JSON.stringify(lines)).not.toContain(OWNER);
    expect(JSON.stringify(lines)).not.toContain('91200012345');
    expect(lines.filter((line) => line.level === 40).every((line) => line.record === 0 && line.nik === '1471********0001')).toBe(true);
  });
});
