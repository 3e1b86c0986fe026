import type { RunningSimulator } from '../../../../subgraphs/kit/agency-module';
import type { RunningService } from '../../../../subgraphs/kit/subgraph-server';
import { startAgencyOnLoopback, type AgencyLoopback } from '../../../support/agency-loopback';
import { agency } from '../../../../subgraphs/oss';

const ROSNIAR = '1471085203850001';
const AFRIZAL = '1471081007800001';
const ODD = '1471101502900003';
const UNKNOWN = '1471080101990009';

// Written by hand from the README's description of the OSS store (its example, plus one record with odd values).
const NIB_JSON = `[
{"nib":"9120001234567","tgl_terbit_nib":"2022-03-14 10:22:31","nama_usaha":"WARUNG MAKAN UNI ROS","jenis_badan_usaha":"PERORANGAN","skala_usaha":"MIKRO","alamat_usaha":"JL. DURIAN NO. 12 RT 002 RW 005","kelurahan_usaha":"SIMPANG BARU","kd_wilayah":"1471081001","penanggung_jawab":[{"nik":"${ROSNIAR}","nama":"ROSNIAR","jabatan":"PEMILIK"}],"data_kbli":[{"kbli":"56102","judul_kbli":"Rumah/Warung Makan","tingkat_risiko":"Rendah"}],"data_izin":[{"jenis_izin":"NIB","nama_izin":"Nomor Induk Berusaha","nomor_izin":"9120001234567","kbli":null,"tgl_terbit_izin":"2022-03-14","tgl_berlaku_sampai":null,"status_izin":"AKTIF"}]},
{"nib":"8120009876543","tgl_terbit_nib":"2019-11-02","nama_usaha":"CV SAIYO BOGA","jenis_badan_usaha":"CV","skala_usaha":"KECIL","alamat_usaha":"JL. PAUS NO. 7 RT 004 RW 002","kelurahan_usaha":"TANGKERANG BARAT","kd_wilayah":"14.71.09","penanggung_jawab":[{"nik":"${ROSNIAR}","nama":"ROSNIAR","jabatan":"PESERO AKTIF"},{"nik":"${AFRIZAL}","nama":"H. AFRIZAL","jabatan":"PESERO KOMANDITER"}],"data_kbli":[{"kbli":"56210","judul_kbli":"Jasa Boga Untuk Suatu Event Tertentu (Event Catering)","tingkat_risiko":"Menengah Rendah"}],"data_izin":[{"jenis_izin":"NIB","nama_izin":"Nomor Induk Berusaha","nomor_izin":"8120009876543","kbli":null,"tgl_terbit_izin":"2019-11-02","tgl_berlaku_sampai":null,"status_izin":"AKTIF"},{"jenis_izin":"SS","nama_izin":"Sertifikat Standar","nomor_izin":"81200098765430001","kbli":"56210","tgl_terbit_izin":"2019-11-02","tgl_berlaku_sampai":null,"status_izin":"AKTIF"},{"jenis_izin":"PB_UMKU","nama_izin":"Sertifikat Laik Higiene Sanitasi","nomor_izin":"0412/SLHS/DINKES/2020","kbli":"56210","tgl_terbit_izin":"2020-02-10","tgl_berlaku_sampai":"2023-02-10","status_izin":"KEDALUWARSA"}]},
{"nib":"9130005550001","tgl_terbit_nib":"2023-02-30","nama_usaha":"BENGKEL MOTOR SINAR JAYA","jenis_badan_usaha":"PERORANGAN","skala_usaha":"MIKRO","alamat_usaha":"JL. KULIM NO. 3","kelurahan_usaha":"REJOSARI","kd_wilayah":"99.99.99","penanggung_jawab":[{"nik":"${ODD}","nama":"ANDI","jabatan":"PEMILIK"}],"data_kbli":[{"kbli":"45407","judul_kbli":"Reparasi dan Perawatan Sepeda Motor","tingkat_risiko":"SEDANG"}],"data_izin":[]}
]
`;

const QUERY = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Citizen {
      nik
      businesses {
        nib name legalForm scale umk riskLevel issuedOn address village regionCode district regency ownerNik ownerName ownerRole
        kbli { code title riskLevel }
        licences { kind name number activityCode issuedOn validUntil status }
        coOwners { nik }
      }
    }
  }
}`;

interface EntitiesAnswer {
  data?: { _entities: Array<{ nik: string; businesses: Array<Record<string, unknown>> | null }> };
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

let loopback: AgencyLoopback;
let simulator: RunningSimulator;
let subgraph: RunningService;

async function ask(niks: string[]): Promise<EntitiesAnswer> {
  return loopback.entities<EntitiesAnswer>(QUERY, niks);
}

beforeAll(async () => {
  loopback = await startAgencyOnLoopback(agency, { files: { 'oss/nib.json': NIB_JSON }, legacyTimeoutMs: 500 });
  ({ simulator, subgraph } = loopback);
});

afterAll(() => loopback?.stop());

describe('oss on loopback (simulator + subgraph)', () => {
  it('answers _entities for owners, a co-owner and a stranger, one OSS call per NIK', async () => {
    const before = simulator.stats().requests;
    const answer = await ask([ROSNIAR, AFRIZAL, UNKNOWN, ODD]);
    expect(answer.errors).toBeUndefined();
    const [rosniar, afrizal, unknown, odd] = answer.data!._entities;
    expect(rosniar?.businesses).toEqual([
      {
        nib: '9120001234567',
        name: 'WARUNG MAKAN UNI ROS',
        legalForm: 'INDIVIDUAL',
        scale: 'MICRO',
        umk: true,
        riskLevel: 'LOW',
        issuedOn: '2022-03-14',
        address: 'JL. DURIAN NO. 12 RT 002 RW 005',
        village: 'SIMPANG BARU',
        regionCode: '147108',
        district: 'BINAWIDYA',
        regency: 'KOTA PEKANBARU',
        ownerNik: ROSNIAR,
        ownerName: 'ROSNIAR',
        ownerRole: 'PEMILIK',
        kbli: [{ code: '56102', title: 'Rumah/Warung Makan', riskLevel: 'LOW' }],
        licences: [{ kind: 'NIB', name: 'Nomor Induk Berusaha', number: '9120001234567', activityCode: null, issuedOn: '2022-03-14', validUntil: null, status: 'ACTIVE' }],
        coOwners: [],
      },
      expect.objectContaining({
        nib: '8120009876543',
        legalForm: 'LIMITED_PARTNERSHIP',
        scale: 'SMALL',
        riskLevel: 'MEDIUM_LOW',
        issuedOn: '2019-11-02',
        regionCode: '147109',
        district: 'MARPOYAN DAMAI',
        ownerRole: 'PESERO AKTIF',
        coOwners: [{ nik: AFRIZAL }],
        licences: [
          expect.objectContaining({ kind: 'NIB', status: 'ACTIVE' }),
          expect.objectContaining({ kind: 'STANDARD_CERTIFICATE', number: '81200098765430001', activityCode: '56210', status: 'ACTIVE' }),
          expect.objectContaining({ kind: 'PB_UMKU', validUntil: '2023-02-10', status: 'EXPIRED' }),
        ],
      }),
    ]);
    // The co-owner sees the same CV from his side, with his own copy of his name.
    expect(afrizal?.businesses).toEqual([
      expect.objectContaining({ nib: '8120009876543', ownerNik: AFRIZAL, ownerName: 'H. AFRIZAL', ownerRole: 'PESERO KOMANDITER', coOwners: [{ nik: ROSNIAR }] }),
    ]);
    expect(unknown).toEqual({ nik: UNKNOWN, businesses: [] });
    // Odd values become null, not errors.
    expect(odd?.businesses).toEqual([
      expect.objectContaining({ nib: '9130005550001', issuedOn: null, regionCode: null, district: null, regency: null, riskLevel: null, kbli: [{ code: '45407', title: 'Reparasi dan Perawatan Sepeda Motor', riskLevel: null }], licences: [] }),
    ]);
    expect(simulator.stats().requests - before).toBe(4);
  });

  it('resolves a co-owner reference inside the subgraph with the same loader (no second call for a NIK)', async () => {
    const before = simulator.stats().requests;
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { businesses { nib coOwners { nik businesses { nib ownerName } } } } } }`,
        variables: { r: [{ __typename: 'Citizen', nik: AFRIZAL }] },
      }),
    });
    const answer = (await response.json()) as { data: { _entities: Array<{ businesses: Array<{ coOwners: Array<{ nik: string; businesses: unknown[] }> }> }> } };
    expect(answer.data._entities[0]?.businesses[0]?.coOwners[0]).toEqual({
      nik: ROSNIAR,
      businesses: [
        { nib: '9120001234567', ownerName: 'ROSNIAR' },
        { nib: '8120009876543', ownerName: 'ROSNIAR' },
      ],
    });
    expect(simulator.stats().requests - before).toBe(2);
  });

  it.each([
    ['errorRate', 'AGENCY_UNAVAILABLE'],
    ['malformedRate', 'AGENCY_BAD_RESPONSE'],
    ['hangRate', 'AGENCY_TIMEOUT'],
  ])('with %s = 1, businesses is null with %s and the agency, per entity', async (fault, code) => {
    simulator.setFaults({ [fault]: 1 });
    try {
      const answer = await ask([ROSNIAR, UNKNOWN]);
      expect(answer.data?._entities).toEqual([
        { nik: ROSNIAR, businesses: null },
        { nik: UNKNOWN, businesses: null },
      ]);
      expect(answer.errors?.map((error) => [error.path, error.extensions?.code, error.extensions?.agency])).toEqual([
        [['_entities', 0, 'businesses'], code, 'oss'],
        [['_entities', 1, 'businesses'], code, 'oss'],
      ]);
      // The client sees the catalogue text, never hosts or OSS's own pages.
      expect(JSON.stringify(answer.errors)).not.toMatch(/127\.0\.0\.1|api\/v1|Bad Gateway|nginx/);
    } finally {
      simulator.setFaults({ [fault]: 0 });
    }
  });

  it('gives AGENCY_UNAVAILABLE when the simulator is gone', async () => {
    await simulator.stop();
    const answer = await ask([ROSNIAR]);
    expect(answer.data?._entities).toEqual([{ nik: ROSNIAR, businesses: null }]);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'AGENCY_UNAVAILABLE', agency: 'oss' });
  });
});
