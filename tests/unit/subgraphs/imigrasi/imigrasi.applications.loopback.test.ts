import type { RunningSimulator } from '../../../../subgraphs/kit/agency-module';
import type { RunningService } from '../../../../subgraphs/kit/subgraph-server';
import { agency } from '../../../../subgraphs/imigrasi';
import { startAgencyOnLoopback, type AgencyLoopback } from '../../../support/agency-loopback';
import { NIK_BINTI, NIK_QUIRKY, NIK_TWO_PASSPORTS, NIK_UNKNOWN, T_PASPOR_CSV } from './simkim-fixture';

const APPLY = `mutation ($nik: NIK!, $passportType: PassportType!, $office: String) {
  applyForPassport(nik: $nik, passportType: $passportType, office: $office) { applicationNumber status submittedOn passportType office }
}`;

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Citizen { nik passportApplications { applicationNumber status submittedOn passportType office } }
  }
}`;

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}
type Application = { applicationNumber: string; status: string; submittedOn: string; passportType: string; office: string | null };
type ApplyAnswer = GraphQLAnswer<{ applyForPassport: Application }>;
type EntitiesAnswer = GraphQLAnswer<{ _entities: Array<{ nik: string; passportApplications: Application[] | null }> }>;

describe('imigrasi loopback: applyForPassport, then Citizen.passportApplications', () => {
  let loopback: AgencyLoopback;
  let simulator: RunningSimulator;
  let subgraph: RunningService;

  async function post<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as T;
  }
  const apply = (variables: Record<string, unknown>): Promise<ApplyAnswer> => post<ApplyAnswer>(APPLY, variables);
  const entities = (niks: string[]): Promise<EntitiesAnswer> =>
    post<EntitiesAnswer>(ENTITIES, { representations: niks.map((nik) => ({ __typename: 'Citizen', nik })) });
  const submits = (): number => simulator.stats().byOperation.ajukanPermohonanPaspor ?? 0;

  beforeAll(async () => {
    loopback = await startAgencyOnLoopback(agency, { files: { 'imigrasi/T_PASPOR.csv': T_PASPOR_CSV }, legacyTimeoutMs: 500 });
    ({ simulator, subgraph } = loopback);
  });
  afterEach(() => simulator.setFaults({ errorRate: 0, hangRate: 0, malformedRate: 0 }));
  afterAll(() => loopback.stop());

  it('files an application over HTTP and the Citizen field reads it back (one getPermohonanByNik per NIK)', async () => {
    const answer = await apply({ nik: NIK_BINTI, passportType: 'ELECTRONIC' });
    expect(answer.errors).toBeUndefined();
    const application = answer.data!.applyForPassport;
    expect(application).toMatchObject({ status: 'RECEIVED', passportType: 'ELECTRONIC', office: 'UNIT LAYANAN PASPOR MPP PEKANBARU' });
    expect(application.applicationNumber).toMatch(/^PMH-\d{8}-\d{6}$/);
    // The number carries SIMKIM's date of receipt; submittedOn is the same day.
    expect(application.submittedOn.replace(/-/g, '')).toBe(application.applicationNumber.slice(4, 12));

    const before = simulator.stats().byOperation.getPermohonanByNik ?? 0;
    const read = await entities([NIK_BINTI, NIK_UNKNOWN]);
    expect(read.errors).toBeUndefined();
    expect(read.data!._entities).toEqual([
      { nik: NIK_BINTI, passportApplications: [application] },
      { nik: NIK_UNKNOWN, passportApplications: [] },
    ]);
    expect(simulator.stats().byOperation.getPermohonanByNik).toBe(before + 2);
  });

  it('a second open application of the same type: BAD_USER_INPUT naming the open one, nothing new filed', async () => {
    const first = (await apply({ nik: NIK_TWO_PASSPORTS, passportType: 'ORDINARY', office: 'Kantor Imigrasi Kelas I TPI Pekanbaru' })).data!.applyForPassport;
    expect(first.office).toBe('KANTOR IMIGRASI KELAS I TPI PEKANBARU');
    const answer = await apply({ nik: NIK_TWO_PASSPORTS, passportType: 'ORDINARY' });
    expect(answer.data).toBeNull();
    expect(answer.errors).toEqual([
      {
        message: `an application for this passport type is already open: ${first.applicationNumber}`,
        path: ['applyForPassport'],
        locations: expect.any(Array),
        extensions: { code: 'BAD_USER_INPUT', agency: 'imigrasi', reason: 'APPLICATION_ALREADY_OPEN', applicationNumber: first.applicationNumber },
      },
    ]);
    const read = await entities([NIK_TWO_PASSPORTS]);
    expect(read.data!._entities[0]!.passportApplications!.map((application) => application.applicationNumber)).toEqual([first.applicationNumber]);
  });

  it('refusals on the merits are BAD_USER_INPUT: an unknown office, a type not taken here', async () => {
    const office = await apply({ nik: NIK_QUIRKY, passportType: 'ELECTRONIC', office: 'KANTOR IMIGRASI BATAM' });
    expect(office.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', agency: 'imigrasi', reason: 'UNKNOWN_OFFICE' });
    const type = await apply({ nik: NIK_QUIRKY, passportType: 'DIPLOMATIC' });
    expect(type.errors![0]).toMatchObject({
      message: 'imigrasi takes applications only for ORDINARY or ELECTRONIC passports here, not DIPLOMATIC',
      extensions: { code: 'BAD_USER_INPUT', reason: 'PASSPORT_TYPE_NOT_ACCEPTED' },
    });
  });

  it('bad arguments never reach SIMKIM: an invalid NIK, a blank office', async () => {
    const before = submits();
    const nik = await apply({ nik: '1471011207850', passportType: 'ELECTRONIC' });
    expect(nik.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const blank = await apply({ nik: NIK_QUIRKY, passportType: 'ELECTRONIC', office: '   ' });
    expect(blank.errors![0]).toMatchObject({ path: ['applyForPassport'], extensions: { code: 'BAD_USER_INPUT' } });
    expect(submits()).toBe(before);
  });

  it('SIMKIM failing: the mutation errs with AGENCY_UNAVAILABLE for imigrasi and the Citizen field is null', async () => {
    simulator.setFaults({ errorRate: 1 });
    const answer = await apply({ nik: NIK_QUIRKY, passportType: 'ELECTRONIC' });
    expect(answer.data).toBeNull();
    expect(answer.errors!.map((error) => [error.path, error.extensions?.code, error.extensions?.agency])).toEqual([
      [['applyForPassport'], 'AGENCY_UNAVAILABLE', 'imigrasi'],
    ]);
    expect(JSON.stringify(answer.errors)).not.toMatch(/SIMKIM-DB|SQLRecoverable|127\.0\.0\.1/);

    const read = await entities([NIK_BINTI]);
    expect(read.data!._entities).toEqual([{ nik: NIK_BINTI, passportApplications: null }]);
    expect(read.errors![0]).toMatchObject({
      path: ['_entities', 0, 'passportApplications'],
      extensions: { code: 'AGENCY_UNAVAILABLE', agency: 'imigrasi' },
    });
  });

  it('SIMKIM hung: AGENCY_TIMEOUT within the legacy timeout', async () => {
    simulator.setFaults({ hangRate: 1 });
    const started = Date.now();
    const answer = await apply({ nik: NIK_QUIRKY, passportType: 'ELECTRONIC' });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(answer.errors![0]!.extensions).toMatchObject({ code: 'AGENCY_TIMEOUT', agency: 'imigrasi' });
  });
});
