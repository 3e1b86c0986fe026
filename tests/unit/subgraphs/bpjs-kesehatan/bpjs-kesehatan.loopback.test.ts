import { agency } from '../../../../subgraphs/bpjs-kesehatan';
import type { RunningSimulator } from '../../../../subgraphs/kit/agency-module';
import type { RunningService } from '../../../../subgraphs/kit/subgraph-server';
import { startAgencyOnLoopback, type AgencyLoopback } from '../../../support/agency-loopback';

const ACTIVE = '1471080703850001';
const INACTIVE = '1471084512900002';
const UNKNOWN = '1471080101990009';

// Written by hand from the README's description of the BPJS store.
const PESERTA_JSON = `[
{"noKartu":"0001234567890","nik":"${ACTIVE}","nama":"BUDI SANTOSO","tglLahir":"1985-03-07","sex":"L","hakKelas":{"kode":"2","keterangan":"KELAS II"},"jenisPeserta":{"kode":"25","keterangan":"PEGAWAI SWASTA"},"statusPeserta":{"kode":"0","keterangan":"AKTIF"},"provUmum":{"kdProvider":"04020801","nmProvider":"PUSKESMAS SIDOMULYO"},"tunggakan":0},
{"noKartu":"0009876543210","nik":"${INACTIVE}","nama":"Hj. SITI AMINAH","tglLahir":"1990-12-05","sex":"P","hakKelas":{"kode":"9","keterangan":"KELAS VIP"},"jenisPeserta":{"kode":"31","keterangan":"PEKERJA MANDIRI"},"statusPeserta":{"kode":"1","keterangan":"TIDAK AKTIF KARENA PREMI"},"provUmum":{"kdProvider":"0402K001","nmProvider":"KLINIK PRATAMA SEHAT MADANI"},"tunggakan":1050000}
]
`;

const QUERY = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Citizen {
      nik
      healthInsurance { status active cardNumber class memberType primaryCareProvider arrears holderName holderBirthDate holderSex }
    }
  }
}`;

interface EntitiesAnswer {
  data?: { _entities: Array<{ nik: string; healthInsurance: Record<string, unknown> | null }> };
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

let loopback: AgencyLoopback;
let simulator: RunningSimulator;
let subgraph: RunningService;

async function ask(niks: string[]): Promise<EntitiesAnswer> {
  return loopback.entities<EntitiesAnswer>(QUERY, niks);
}

beforeAll(async () => {
  loopback = await startAgencyOnLoopback(agency, { files: { 'bpjs-kesehatan/peserta.json': PESERTA_JSON }, legacyTimeoutMs: 500 });
  ({ simulator, subgraph } = loopback);
});

afterAll(() => loopback?.stop());

describe('bpjs-kesehatan on loopback (simulator + subgraph)', () => {
  it('answers hasActiveHealthInsurance (the SIM/STNK/SKCK/land-transfer rule) from the same single legacy call', async () => {
    const before = simulator.stats().requests;
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { nik hasActiveHealthInsurance healthInsurance { status } } } }',
        variables: { r: [ACTIVE, INACTIVE, UNKNOWN].map((nik) => ({ __typename: 'Citizen', nik })) },
      }),
    });
    const answer = (await response.json()) as { data: { _entities: Array<{ hasActiveHealthInsurance: boolean }> }; errors?: unknown };
    expect(answer.errors).toBeUndefined();
    expect(answer.data._entities.map((entity) => entity.hasActiveHealthInsurance)).toEqual([true, false, false]);
    expect(simulator.stats().requests - before).toBe(3);
  });

  it('answers _entities for members and a non-member, one VClaim call per NIK', async () => {
    const before = simulator.stats().requests;
    const answer = await ask([ACTIVE, INACTIVE, UNKNOWN]);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?._entities).toEqual([
      {
        nik: ACTIVE,
        healthInsurance: {
          status: 'ACTIVE',
          active: true,
          cardNumber: '0001234567890',
          class: 'KELAS_2',
          memberType: 'PPU',
          primaryCareProvider: 'PUSKESMAS SIDOMULYO',
          arrears: 0,
          holderName: 'BUDI SANTOSO',
          holderBirthDate: '1985-03-07',
          holderSex: 'MALE',
        },
      },
      {
        nik: INACTIVE,
        healthInsurance: {
          status: 'INACTIVE',
          active: false,
          cardNumber: '0009876543210',
          class: null, // "9" is outside VClaim's hakKelas list
          memberType: 'PBPU',
          primaryCareProvider: 'KLINIK PRATAMA SEHAT MADANI',
          arrears: 1050000,
          holderName: 'Hj. SITI AMINAH',
          holderBirthDate: '1990-12-05',
          holderSex: 'FEMALE',
        },
      },
      {
        nik: UNKNOWN,
        healthInsurance: {
          status: 'NOT_REGISTERED',
          active: false,
          cardNumber: null,
          class: null,
          memberType: null,
          primaryCareProvider: null,
          arrears: null,
          holderName: null,
          holderBirthDate: null,
          holderSex: null,
        },
      },
    ]);
    expect(simulator.stats().requests - before).toBe(3);
  });

  it.each([
    ['errorRate', 'AGENCY_UNAVAILABLE'],
    ['malformedRate', 'AGENCY_BAD_RESPONSE'],
    ['hangRate', 'AGENCY_TIMEOUT'],
  ])('with %s = 1, healthInsurance is null with %s and the agency, per entity', async (fault, code) => {
    simulator.setFaults({ [fault]: 1 });
    try {
      const answer = await ask([ACTIVE, UNKNOWN]);
      expect(answer.data?._entities).toEqual([
        { nik: ACTIVE, healthInsurance: null },
        { nik: UNKNOWN, healthInsurance: null },
      ]);
      expect(answer.errors?.map((error) => [error.path, error.extensions?.code, error.extensions?.agency])).toEqual([
        [['_entities', 0, 'healthInsurance'], code, 'bpjs-kesehatan'],
        [['_entities', 1, 'healthInsurance'], code, 'bpjs-kesehatan'],
      ]);
      // The client sees the catalogue text, never hosts or VClaim's own messages.
      expect(JSON.stringify(answer.errors)).not.toMatch(/127\.0\.0\.1|vclaim-rest|Service Temporarily/);
    } finally {
      simulator.setFaults({ [fault]: 0 });
    }
  });

  it('gives AGENCY_UNAVAILABLE when the simulator is gone', async () => {
    await simulator.stop();
    const answer = await ask([ACTIVE]);
    expect(answer.data?._entities).toEqual([{ nik: ACTIVE, healthInsurance: null }]);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'AGENCY_UNAVAILABLE', agency: 'bpjs-kesehatan' });
  });
});
