import type { RunningSimulator } from '../../../../subgraphs/kit/agency-module';
import type { RunningService } from '../../../../subgraphs/kit/subgraph-server';
import { agency } from '../../../../subgraphs/polri';
import { startPolriSubgraph } from '../../../../subgraphs/polri/polri.server';
import { postEntities, startAgencyOnLoopback, type AgencyLoopback } from '../../../support/agency-loopback';

const BUDI = '1471080703850001';
const SITI = '1471084512900002';
const UNKNOWN = '1471080101990009';

// Written by hand from the README's "Data directory" section.
const SIM_JSON = `[
{"no_sim":"850314710123","nik":"${BUDI}","nama":"BUDI SANTOSO","tempat_lahir":"PEKANBARU","tgl_lahir":"07-03-1985","jenis_kelamin":"PRIA","gol_sim":"C","tgl_terbit":"12-05-2021","tgl_berlaku":"07-03-2026","satpas":"SATPAS POLRESTA PEKANBARU"},
{"no_sim":"8503-1471-001234","nik":"${BUDI}","nama":"BUDI SANTOSO","tempat_lahir":"PEKANBARU","tgl_lahir":"07-03-1985","jenis_kelamin":"PRIA","gol_sim":"BII","tgl_terbit":"02-02-2019","tgl_berlaku":"07-03-2024","satpas":"SATPAS POLRES KAMPAR"},
{"no_sim":"85031471005678","nik":"${BUDI}","nama":"BUDI SANTOSO","tempat_lahir":"PEKANBARU","tgl_lahir":"07-03-1985","jenis_kelamin":"PRIA","gol_sim":"A UMUM","tgl_terbit":"15-08-2023","tgl_berlaku":"07-03-2028","satpas":"GERAI SIM MPP PEKANBARU"},
{"no_sim":"90121471000042","nik":"${SITI}","nama":"Hj. SITI AMINAH","tempat_lahir":"KOTA PEKANBARU","tgl_lahir":"05-12-1990","jenis_kelamin":"WANITA","gol_sim":"C I","tgl_terbit":"31-02-2022","tgl_berlaku":"05-12-2027","satpas":"SATPAS POLRESTA PEKANBARU"},
{"no_sim":"90121471000043","nik":"${SITI}","nama":"Hj. SITI AMINAH","tempat_lahir":"KOTA PEKANBARU","tgl_lahir":"05-12-1990","jenis_kelamin":"WANITA","gol_sim":"E","tgl_terbit":"01-03-2022","tgl_berlaku":"05-12-2027","satpas":"SATPAS POLRESTA PEKANBARU"}
]
`;
const SKCK_JSON = `[
{"no_skck":"SKCK/YANMAS/00815/III/2019/INTELKAM","nik":"${BUDI}","nama":"BUDI SANTOSO","tgl_terbit":"04-03-2019","tgl_berlaku":"04-09-2019","keperluan":"MELAMAR PEKERJAAN","kesatuan":"POLRESTA PEKANBARU"},
{"no_skck":"SKCK/YANMAS/01234/V/2025/INTELKAM","nik":"${BUDI}","nama":"BUDI SANTOSO","tgl_terbit":"20-05-2025","tgl_berlaku":"20-11-2025","keperluan":"PENDAFTARAN CPNS","kesatuan":"POLRESTA PEKANBARU"}
]
`;

const QUERY = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Citizen {
      nik
      drivingLicenses { number class publicTransport issueDate expiryDate status issuingOffice holderName holderBirthPlace holderBirthDate holderSex }
      policeClearance { status number issueDate expiryDate purpose issuingOffice holderName }
    }
  }
}`;

interface EntitiesAnswer {
  data?: { _entities: Array<{ nik: string; drivingLicenses: Array<Record<string, unknown>> | null; policeClearance: Record<string, unknown> | null }> };
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

let loopback: AgencyLoopback;
let simulator: RunningSimulator;
let subgraph: RunningService;
let faultySubgraph: RunningService;

async function ask(url: string, niks: string[]): Promise<EntitiesAnswer> {
  return postEntities<EntitiesAnswer>(url, QUERY, niks);
}

function errorSummary(answer: EntitiesAnswer): string[] {
  return (answer.errors ?? []).map((error) => `${error.path?.join('.')} ${String(error.extensions?.code)} ${String(error.extensions?.agency)}`).sort();
}

beforeAll(async () => {
  // The agency's own subgraph (short timeout) for the fault tests.
  loopback = await startAgencyOnLoopback(agency, { files: { 'polri/sim.json': SIM_JSON, 'polri/skck.json': SKCK_JSON }, legacyTimeoutMs: 300 });
  ({ simulator, subgraph: faultySubgraph } = loopback);
  // A small page size so the search really pages over the wire; a fixed "today" for the statuses.
  subgraph = await startPolriSubgraph({
    host: '127.0.0.1',
    port: 0,
    legacyLocation: simulator.url,
    legacyTimeoutMs: 500,
    now: () => new Date('2025-06-10T05:00:00Z'),
    client: { pageSize: 2 },
  });
});

afterAll(async () => {
  await subgraph?.stop();
  await loopback?.stop();
});

describe('polri on loopback (simulator + subgraph)', () => {
  it('answers _entities for holders and a stranger: one paged search for all, one SKCK call per NIK', async () => {
    const before = simulator.stats().byOperation;
    const answer = await ask(subgraph.url, [BUDI, SITI, UNKNOWN]);
    expect(answer.errors).toBeUndefined();
    const holder = { holderName: 'BUDI SANTOSO', holderBirthPlace: 'PEKANBARU', holderBirthDate: '1985-03-07', holderSex: 'MALE' };
    expect(answer.data?._entities).toEqual([
      {
        nik: BUDI,
        drivingLicenses: [
          { number: '850314710123', class: 'C', publicTransport: false, issueDate: '2021-05-12', expiryDate: '2026-03-07', status: 'VALID', issuingOffice: 'SATPAS POLRESTA PEKANBARU', ...holder },
          { number: '85031471001234', class: 'B_II', publicTransport: false, issueDate: '2019-02-02', expiryDate: '2024-03-07', status: 'EXPIRED', issuingOffice: 'SATPAS POLRES KAMPAR', ...holder },
          { number: '85031471005678', class: 'A', publicTransport: true, issueDate: '2023-08-15', expiryDate: '2028-03-07', status: 'VALID', issuingOffice: 'GERAI SIM MPP PEKANBARU', ...holder },
        ],
        policeClearance: {
          status: 'VALID',
          number: 'SKCK/YANMAS/01234/V/2025/INTELKAM',
          issueDate: '2025-05-20',
          expiryDate: '2025-11-20',
          purpose: 'PENDAFTARAN CPNS',
          issuingOffice: 'POLRESTA PEKANBARU',
          holderName: 'BUDI SANTOSO',
        },
      },
      {
        nik: SITI,
        drivingLicenses: [
          // 31-02-2022 is no date: issueDate null, the rest stands.
          expect.objectContaining({ number: '90121471000042', class: 'C_I', issueDate: null, status: 'VALID', holderName: 'Hj. SITI AMINAH', holderBirthPlace: 'KOTA PEKANBARU', holderSex: 'FEMALE' }),
          // "E" is no SIM class: class null, the licence is still listed.
          expect.objectContaining({ number: '90121471000043', class: null, publicTransport: null, issueDate: '2022-03-01' }),
        ],
        policeClearance: { status: 'NONE', number: null, issueDate: null, expiryDate: null, purpose: null, issuingOffice: null, holderName: null },
      },
      { nik: UNKNOWN, drivingLicenses: [], policeClearance: expect.objectContaining({ status: 'NONE' }) },
    ]);
    const after = simulator.stats().byOperation;
    // 5 rows at 2 a page: pages 1-3 of one search; SKCK has no batch call.
    expect((after['sim/search'] ?? 0) - (before['sim/search'] ?? 0)).toBe(3);
    expect((after.skck ?? 0) - (before.skck ?? 0)).toBe(3);
  });

  it.each([
    ['errorRate', 'AGENCY_UNAVAILABLE'],
    ['malformedRate', 'AGENCY_BAD_RESPONSE'],
    ['hangRate', 'AGENCY_TIMEOUT'],
  ])('with %s = 1, both fields are null with %s and the agency, per entity', async (fault, code) => {
    simulator.setFaults({ [fault]: 1 });
    try {
      const answer = await ask(faultySubgraph.url, [BUDI, UNKNOWN]);
      expect(answer.data?._entities).toEqual([
        { nik: BUDI, drivingLicenses: null, policeClearance: null },
        { nik: UNKNOWN, drivingLicenses: null, policeClearance: null },
      ]);
      expect(errorSummary(answer)).toEqual([
        `_entities.0.drivingLicenses ${code} polri`,
        `_entities.0.policeClearance ${code} polri`,
        `_entities.1.drivingLicenses ${code} polri`,
        `_entities.1.policeClearance ${code} polri`,
      ]);
      // The client sees the catalogue text, never hosts or the legacy system's own messages.
      expect(JSON.stringify(answer.errors)).not.toMatch(/127\.0\.0\.1|api\/v1|nginx|Bad Gateway/);
    } finally {
      simulator.setFaults({ [fault]: 0 });
    }
  });

  it('gives AGENCY_UNAVAILABLE when our API key is refused', async () => {
    const wrongKey = await startPolriSubgraph({ host: '127.0.0.1', port: 0, legacyLocation: simulator.url, legacyTimeoutMs: 500, client: { apiKey: 'revoked-key' } });
    try {
      const answer = await ask(wrongKey.url, [BUDI]);
      expect(answer.data?._entities).toEqual([{ nik: BUDI, drivingLicenses: null, policeClearance: null }]);
      expect(errorSummary(answer)).toEqual(['_entities.0.drivingLicenses AGENCY_UNAVAILABLE polri', '_entities.0.policeClearance AGENCY_UNAVAILABLE polri']);
    } finally {
      await wrongKey.stop();
    }
  });

  it('gives AGENCY_UNAVAILABLE when the simulator is gone', async () => {
    await simulator.stop();
    const answer = await ask(faultySubgraph.url, [BUDI]);
    expect(answer.data?._entities).toEqual([{ nik: BUDI, drivingLicenses: null, policeClearance: null }]);
    expect(errorSummary(answer)).toEqual(['_entities.0.drivingLicenses AGENCY_UNAVAILABLE polri', '_entities.0.policeClearance AGENCY_UNAVAILABLE polri']);
  });
});
