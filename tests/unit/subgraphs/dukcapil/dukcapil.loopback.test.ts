import { agency } from '../../../../subgraphs/dukcapil';
import type { RunningSimulator } from '../../../../subgraphs/kit/agency-module';
import type { RunningService } from '../../../../subgraphs/kit/subgraph-server';
import { startAgencyOnLoopback, type AgencyLoopback } from '../../../support/agency-loopback';
import { PENDUDUK_JSON } from './hand-data-dir';
import { ANI, BUDI, CITRA, KK, UNKNOWN } from './siak-fixtures';

/** Real simulator + real subgraph on loopback, over a hand-written data directory. */
let loopback: AgencyLoopback;
let simulator: RunningSimulator;
let subgraph: RunningService;

const DEDI = '1471011505900004'; // stored with an impossible TGL_LHR

interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

async function graphql(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLAnswer> {
  const response = await fetch(subgraph.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLAnswer;
}

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Citizen { nik fullName birthDate birthPlace sex religion maritalStatus bloodType ektpStatus address { rt districtCode district } }
  }
}`;
const representations = (niks: string[]): Array<{ __typename: string; nik: string }> => niks.map((nik) => ({ __typename: 'Citizen', nik }));

function legacyCalls(): number {
  return simulator.stats().requests;
}

beforeAll(async () => {
  loopback = await startAgencyOnLoopback(agency, { files: { 'dukcapil/penduduk.json': PENDUDUK_JSON }, legacyTimeoutMs: 400 });
  ({ simulator, subgraph } = loopback);
});
afterAll(() => loopback?.stop());

describe('dukcapil on loopback', () => {
  it('resolves _entities for known NIKs in one batch call, null for an unknown NIK', async () => {
    const before = legacyCalls();
    const answer = await graphql(ENTITIES, { representations: representations([BUDI, UNKNOWN, CITRA]) });
    expect(answer.errors).toBeUndefined();
    expect(answer.data?._entities).toEqual([
      {
        nik: BUDI,
        fullName: 'BUDI SANTOSO',
        birthDate: '1983-07-04',
        birthPlace: 'PEKANBARU',
        sex: 'MALE',
        religion: 'ISLAM',
        maritalStatus: 'KAWIN',
        bloodType: 'O',
        ektpStatus: 'SUDAH_REKAM',
        address: { rt: '003', districtCode: '147108', district: 'BINAWIDYA' },
      },
      null,
      // AGAMA "3" is a code, not a label: null, and the rest of the record stands.
      expect.objectContaining({ nik: CITRA, sex: 'FEMALE', religion: null, bloodType: 'TIDAK_TAHU', ektpStatus: null }),
    ]);
    expect(legacyCalls() - before).toBe(1);
    expect(simulator.stats().byOperation.CALL_NIK_BATCH).toBeGreaterThanOrEqual(1);
  });

  it('answers citizen with its family card; members are Citizens', async () => {
    const answer = await graphql(`{ citizen(nik: "${ANI}") { fullName familyRelation familyCard { number members { nik fullName familyRelation } } } }`);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.citizen).toEqual({
      fullName: 'ANI MARLINA',
      familyRelation: 'ISTRI',
      familyCard: {
        number: KK,
        members: [
          { nik: BUDI, fullName: 'BUDI SANTOSO', familyRelation: 'KEPALA_KELUARGA' },
          { nik: ANI, fullName: 'ANI MARLINA', familyRelation: 'ISTRI' },
          { nik: CITRA, fullName: 'CITRA AYU LESTARI', familyRelation: 'ANAK' },
        ],
      },
    });
  });

  it('answers citizen null without error for an unknown NIK, citizens in order', async () => {
    expect(await graphql(`{ citizen(nik: "${UNKNOWN}") { nik } }`)).toEqual({ data: { citizen: null } });
    const before = legacyCalls();
    const answer = await graphql(`query ($niks: [NIK!]!) { citizens(niks: $niks) { nik } }`, { niks: [CITRA, UNKNOWN, BUDI, CITRA] });
    expect(answer).toEqual({ data: { citizens: [{ nik: CITRA }, null, { nik: BUDI }, { nik: CITRA }] } });
    expect(legacyCalls() - before).toBe(1);
  });

  it('a record whose required field is unusable fails alone: AGENCY_BAD_RESPONSE at its path', async () => {
    const answer = await graphql(`query ($niks: [NIK!]!) { citizens(niks: $niks) { nik birthDate } }`, { niks: [BUDI, DEDI] });
    expect(answer.data?.citizens).toEqual([{ nik: BUDI, birthDate: '1983-07-04' }, null]);
    expect(answer.errors).toEqual([expect.objectContaining({ path: ['citizens', 1], extensions: { code: 'AGENCY_BAD_RESPONSE', agency: 'dukcapil' } })]);
  });

  it('refuses more than 100 NIKs and malformed NIKs with BAD_USER_INPUT before any legacy call', async () => {
    const before = legacyCalls();
    const tooMany = await graphql(`query ($niks: [NIK!]!) { citizens(niks: $niks) { nik } }`, { niks: Array.from({ length: 101 }, () => BUDI) });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(tooMany.errors?.[0]?.message).toMatch(/at most 100 NIKs.*got 101/);
    const badNik = await graphql(`query ($nik: NIK!) { citizen(nik: $nik) { nik } }`, { nik: '1471083002850001' });
    expect(badNik.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(badNik.errors?.[0]?.message).toMatch(/birth date/);
    // A literal is checked at validation: graphql-js keeps the scalar's message but Apollo codes it
    // GRAPHQL_VALIDATION_FAILED (a gateway concern, reported to the lead).
    const badLiteral = await graphql(`{ citizen(nik: "1471083002850001") { nik } }`);
    expect(badLiteral.errors?.[0]?.message).toMatch(/birth date/);
    const asNumber = await graphql(`query ($nik: NIK!) { citizen(nik: $nik) { nik } }`, { nik: 1471080407830001 });
    expect(asNumber.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(legacyCalls()).toBe(before);
  });

  it('SIAK answering 500: the entity is null with AGENCY_UNAVAILABLE and agency dukcapil, no host in the message', async () => {
    simulator.setFaults({ errorRate: 1 });
    try {
      const answer = await graphql(ENTITIES, { representations: representations([BUDI, ANI]) });
      expect(answer.data?._entities).toEqual([null, null]);
      expect(answer.errors?.map((error) => [error.path, error.extensions])).toEqual([
        [['_entities', 0], { code: 'AGENCY_UNAVAILABLE', agency: 'dukcapil' }],
        [['_entities', 1], { code: 'AGENCY_UNAVAILABLE', agency: 'dukcapil' }],
      ]);
      expect(JSON.stringify(answer.errors)).not.toMatch(/127\.0\.0\.1|NullPointer/);
    } finally {
      simulator.setFaults({ errorRate: 0 });
    }
  });

  it('SIAK answering garbage -> AGENCY_BAD_RESPONSE; SIAK hanging -> AGENCY_TIMEOUT', async () => {
    simulator.setFaults({ malformedRate: 1 });
    try {
      const garbage = await graphql(`{ citizen(nik: "${BUDI}") { nik } }`);
      expect(garbage.data?.citizen).toBeNull();
      expect(garbage.errors?.[0]?.extensions).toEqual({ code: 'AGENCY_BAD_RESPONSE', agency: 'dukcapil' });
      simulator.setFaults({ malformedRate: 0, hangRate: 1 });
      const hung = await graphql(`{ citizen(nik: "${BUDI}") { nik } }`);
      expect(hung.data?.citizen).toBeNull();
      expect(hung.errors?.[0]?.extensions).toEqual({ code: 'AGENCY_TIMEOUT', agency: 'dukcapil' });
    } finally {
      simulator.setFaults({ malformedRate: 0, hangRate: 0 });
    }
  });

  it('SIAK stopped: the entity is null with AGENCY_UNAVAILABLE', async () => {
    await simulator.stop();
    const answer = await graphql(ENTITIES, { representations: representations([BUDI]) });
    expect(answer.data?._entities).toEqual([null]);
    expect(answer.errors?.[0]).toMatchObject({ path: ['_entities', 0], extensions: { code: 'AGENCY_UNAVAILABLE', agency: 'dukcapil' } });
  });
});
