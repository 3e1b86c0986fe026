import { agency } from '../../../../subgraphs/bpjs-ketenagakerjaan';
import type { RunningSimulator } from '../../../../subgraphs/kit/agency-module';
import { startAgencyOnLoopback, type AgencyLoopback } from '../../../support/agency-loopback';

const WAGE_EARNER = '1471080703850001';
const INFORMAL = '1471084512900002';
const UNKNOWN = '1471080101990009';

// Written by hand from the README's description of the SIPP-TK store.
const KEPESERTAAN_JSON = `[
{"KPJ":"09123456789","NIK":"${WAGE_EARNER}","NAMA_PESERTA":"BUDI SANTOSO","TGL_LAHIR":"07/03/1985","SEGMEN":"PU","STATUS_KEPESERTAAN":"AKTIF","NPP":"14010027","NAMA_PERUSAHAAN":"PT RIAU SAWIT LESTARI","PROGRAM":"JKK,JKM,JHT,JPK,JP,JKP","SALDO_JHT":"125750000.85","TGL_KEPESERTAAN":"02/05/2009"},
{"KPJ":"21987654321","NIK":"${INFORMAL}","NAMA_PESERTA":"Hj. SITI AMINAH","TGL_LAHIR":"31/11/1990","SEGMEN":"BPU","STATUS_KEPESERTAAN":"NON AKTIF","NPP":null,"NAMA_PERUSAHAAN":null,"PROGRAM":"JKK,JKM,JHT","SALDO_JHT":"1020880.26","TGL_KEPESERTAAN":"14/08/2021"}
]
`;

const QUERY = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Citizen {
      nik
      employmentInsurance {
        status active membershipNumber segment employer { registrationNumber name } programmes
        oldAgeSavingsBalance memberSince holderName holderBirthDate
      }
    }
  }
}`;

interface EntitiesAnswer {
  data?: { _entities: Array<{ nik: string; employmentInsurance: Record<string, unknown> | null }> };
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

let loopback: AgencyLoopback;
let simulator: RunningSimulator;

async function ask(niks: string[]): Promise<EntitiesAnswer> {
  return loopback.entities<EntitiesAnswer>(QUERY, niks);
}

beforeAll(async () => {
  loopback = await startAgencyOnLoopback(agency, { files: { 'bpjs-ketenagakerjaan/kepesertaan.json': KEPESERTAAN_JSON }, legacyTimeoutMs: 500 });
  simulator = loopback.simulator;
});

afterAll(() => loopback?.stop());

describe('bpjs-ketenagakerjaan on loopback (simulator + subgraph)', () => {
  it('answers _entities for members and a non-member with one SIPP-TK batch call', async () => {
    const before = simulator.stats().requests;
    const answer = await ask([WAGE_EARNER, UNKNOWN, INFORMAL]);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?._entities).toEqual([
      {
        nik: WAGE_EARNER,
        employmentInsurance: {
          status: 'ACTIVE',
          active: true,
          membershipNumber: '09123456789',
          segment: 'WAGE_EARNER',
          employer: { registrationNumber: '14010027', name: 'PT RIAU SAWIT LESTARI' },
          programmes: ['OLD_AGE_SAVINGS', 'WORK_ACCIDENT', 'DEATH', 'PENSION', 'JOB_LOSS'],
          oldAgeSavingsBalance: 125750000,
          memberSince: '2009-05-02',
          holderName: 'BUDI SANTOSO',
          holderBirthDate: '1985-03-07',
        },
      },
      {
        nik: UNKNOWN,
        employmentInsurance: {
          status: 'NOT_REGISTERED',
          active: false,
          membershipNumber: null,
          segment: null,
          employer: null,
          programmes: [],
          oldAgeSavingsBalance: null,
          memberSince: null,
          holderName: null,
          holderBirthDate: null,
        },
      },
      {
        nik: INFORMAL,
        employmentInsurance: {
          status: 'INACTIVE',
          active: false,
          membershipNumber: '21987654321',
          segment: 'NON_WAGE_EARNER',
          employer: null,
          programmes: ['OLD_AGE_SAVINGS', 'WORK_ACCIDENT', 'DEATH'],
          oldAgeSavingsBalance: 1020880,
          memberSince: '2021-08-14',
          holderName: 'Hj. SITI AMINAH',
          holderBirthDate: null, // 31/11 is not a date: null with a warning, not a crash
        },
      },
    ]);
    expect(simulator.stats().requests - before).toBe(1);
    expect(simulator.stats().byOperation).toEqual({ 'kepesertaan/batch': 1 });
  });

  it.each([
    ['errorRate', 'AGENCY_UNAVAILABLE'],
    ['malformedRate', 'AGENCY_BAD_RESPONSE'],
    ['hangRate', 'AGENCY_TIMEOUT'],
  ])('with %s = 1, employmentInsurance is null with %s and the agency, per entity', async (fault, code) => {
    simulator.setFaults({ [fault]: 1 });
    try {
      const answer = await ask([WAGE_EARNER, UNKNOWN]);
      expect(answer.data?._entities).toEqual([
        { nik: WAGE_EARNER, employmentInsurance: null },
        { nik: UNKNOWN, employmentInsurance: null },
      ]);
      expect(answer.errors?.map((error) => [error.path, error.extensions?.code, error.extensions?.agency])).toEqual([
        [['_entities', 0, 'employmentInsurance'], code, 'bpjs-ketenagakerjaan'],
        [['_entities', 1, 'employmentInsurance'], code, 'bpjs-ketenagakerjaan'],
      ]);
      // The client sees the catalogue text, never hosts or SIPP-TK's own pages.
      expect(JSON.stringify(answer.errors)).not.toMatch(/127\.0\.0\.1|sipp-tk\/api|nginx|Bad Gateway/);
    } finally {
      simulator.setFaults({ [fault]: 0 });
    }
  });

  it('gives AGENCY_UNAVAILABLE when the simulator is gone', async () => {
    await simulator.stop();
    const answer = await ask([WAGE_EARNER]);
    expect(answer.data?._entities).toEqual([{ nik: WAGE_EARNER, employmentInsurance: null }]);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'AGENCY_UNAVAILABLE', agency: 'bpjs-ketenagakerjaan' });
  });
});
