import type { RunningSimulator } from '../../../../subgraphs/kit/agency-module';
import { agency } from '../../../../subgraphs/imigrasi';
import { startAgencyOnLoopback, type AgencyLoopback } from '../../../support/agency-loopback';
import { NIK_BINTI, NIK_TWO_PASSPORTS, NIK_UNKNOWN, T_PASPOR_CSV } from './simkim-fixture';

const FILES = { 'imigrasi/T_PASPOR.csv': T_PASPOR_CSV };

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Citizen {
      nik
      passports { number type issueDate expiryDate issuingOffice status holderName holderBirthDate holderBirthPlace holderSex }
    }
  }
}`;

interface EntitiesAnswer {
  data?: { _entities: Array<{ nik: string; passports: Array<Record<string, unknown>> | null } | null> };
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

describe('imigrasi loopback: simulator + subgraph', () => {
  let loopback: AgencyLoopback;
  let simulator: RunningSimulator;

  async function askEntities(niks: string[]): Promise<EntitiesAnswer> {
    return loopback.entities<EntitiesAnswer>(ENTITIES, niks);
  }

  beforeAll(async () => {
    loopback = await startAgencyOnLoopback(agency, { files: FILES, legacyTimeoutMs: 500 });
    simulator = loopback.simulator;
  });
  afterEach(() => simulator.setFaults({ errorRate: 0, hangRate: 0, malformedRate: 0 }));
  afterAll(() => loopback.stop());

  it('answers _entities for three NIKs (one unknown) with one SOAP call', async () => {
    const before = simulator.stats().byOperation.getPasporByNikList ?? 0;
    const answer = await askEntities([NIK_TWO_PASSPORTS, NIK_BINTI, NIK_UNKNOWN]);
    expect(answer.errors).toBeUndefined();
    expect(simulator.stats().byOperation.getPasporByNikList).toBe(before + 1);
    const [two, binti, unknown] = answer.data!._entities;
    expect(two!.passports!.map((passport) => [passport.number, passport.type, passport.status])).toEqual([
      ['AR123456', 'ORDINARY', 'EXPIRED'],
      ['X1234567', 'ELECTRONIC', 'VALID'],
    ]);
    expect(binti).toEqual({
      nik: NIK_BINTI,
      passports: [
        {
          number: 'B7654321',
          type: 'ORDINARY',
          issueDate: '2019-06-01',
          expiryDate: '2024-06-01',
          issuingOffice: 'KANTOR IMIGRASI KELAS II TPI DUMAI',
          status: 'EXPIRED',
          holderName: 'SITI BINTI AHMAD',
          holderBirthDate: '1990-05-15',
          holderBirthPlace: 'KAMPAR',
          holderSex: 'FEMALE',
        },
      ],
    });
    expect(unknown).toEqual({ nik: NIK_UNKNOWN, passports: [] });
  });

  it('a SIMKIM fault: passports null with AGENCY_UNAVAILABLE for imigrasi, at each entity path', async () => {
    simulator.setFaults({ errorRate: 1 });
    const answer = await askEntities([NIK_TWO_PASSPORTS, NIK_UNKNOWN]);
    expect(answer.data!._entities).toEqual([
      { nik: NIK_TWO_PASSPORTS, passports: null },
      { nik: NIK_UNKNOWN, passports: null },
    ]);
    expect(answer.errors!.map((error) => [error.path, error.extensions?.code, error.extensions?.agency])).toEqual([
      [['_entities', 0, 'passports'], 'AGENCY_UNAVAILABLE', 'imigrasi'],
      [['_entities', 1, 'passports'], 'AGENCY_UNAVAILABLE', 'imigrasi'],
    ]);
    // The client sees the catalogue text, never SIMKIM's fault string or host names.
    expect(JSON.stringify(answer.errors)).not.toMatch(/SIMKIM-DB|SQLRecoverable|127\.0\.0\.1/);
  });

  it('a hung SIMKIM: AGENCY_TIMEOUT within the legacy timeout', async () => {
    simulator.setFaults({ hangRate: 1 });
    const started = Date.now();
    const answer = await askEntities([NIK_BINTI]);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(answer.data!._entities).toEqual([{ nik: NIK_BINTI, passports: null }]);
    expect(answer.errors![0]!.extensions).toMatchObject({ code: 'AGENCY_TIMEOUT', agency: 'imigrasi' });
  });

  it('garbage from SIMKIM: AGENCY_BAD_RESPONSE', async () => {
    simulator.setFaults({ malformedRate: 1 });
    const answer = await askEntities([NIK_BINTI]);
    expect(answer.errors![0]!.extensions).toMatchObject({ code: 'AGENCY_BAD_RESPONSE', agency: 'imigrasi' });
  });
});

describe('imigrasi loopback: SIMKIM stopped', () => {
  it('passports null with AGENCY_UNAVAILABLE', async () => {
    const loopback = await startAgencyOnLoopback(agency, { files: FILES, legacyTimeoutMs: 500 });
    const { simulator, subgraph } = loopback;
    try {
      await simulator.stop();
      const response = await fetch(subgraph.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: ENTITIES, variables: { representations: [{ __typename: 'Citizen', nik: NIK_BINTI }] } }),
      });
      const answer = (await response.json()) as EntitiesAnswer;
      expect(answer.data!._entities).toEqual([{ nik: NIK_BINTI, passports: null }]);
      expect(answer.errors![0]).toMatchObject({ path: ['_entities', 0, 'passports'], extensions: { code: 'AGENCY_UNAVAILABLE', agency: 'imigrasi' } });
    } finally {
      await loopback.stop();
    }
  });
});
