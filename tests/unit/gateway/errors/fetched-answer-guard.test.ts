import { FetchedAnswerGuard } from '../../../../gateway/errors/fetched-answer-guard';
import { composeSupergraph } from '../../../../schema/compose';
import { captureLog, type CapturedLog } from './log-capture';

const HEADER = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
scalar NIK
scalar Date`;

const REGISTRY_SDL = `${HEADER}
type Query { citizen(nik: NIK!): Citizen  documents: [Document!]!  search: [SearchResult!]! }
enum Sex { MALE FEMALE }
type Citizen @key(fields: "nik") { nik: NIK!  fullName: String!  birthDate: Date!  age: Int  height: Float  alive: Boolean  sex: Sex  id: ID }
interface Document { id: ID!  number: String }
type IdCard implements Document { id: ID!  number: String  issuedIn: String }
type Licence implements Document { id: ID!  number: String  licenceClass: String }
union SearchResult = IdCard | Licence`;

const POLICE_SDL = `${HEADER}
type Citizen @key(fields: "nik") { nik: NIK!  licences: [DrivingLicence!]  clearance: Clearance }
type DrivingLicence { class: String!  points: Int  expiryDate: Date }
type Clearance { status: String!  issuedOn: Date }`;

const NIK = '1471100405960001';
const ROOT_QUERY = 'query($n:NIK!){citizen(nik:$n){__typename nik fullName birthDate age height alive sex id}}';
const ENTITIES_QUERY = 'query($representations:[_Any!]!){_entities(representations:$representations){...on Citizen{licences{class points expiryDate} clearance{status issuedOn}}}}';
const representations = (count: number) => ({ representations: Array.from({ length: count }, () => ({ __typename: 'Citizen', nik: NIK })) });

function goodCitizen(): Record<string, unknown> {
  return { __typename: 'Citizen', nik: NIK, fullName: 'NUR IHSAN', birthDate: '1996-05-04', age: 29, height: 170.5, alive: true, sex: 'MALE', id: 7 };
}

describe('FetchedAnswerGuard', () => {
  let log: CapturedLog;
  let guard: FetchedAnswerGuard;
  const { supergraphSdl } = composeSupergraph([
    { name: 'dukcapil', url: 'http://127.0.0.1:1/graphql', sdl: REGISTRY_SDL },
    { name: 'polri', url: 'in-process://polri', sdl: POLICE_SDL },
  ]);

  beforeEach(() => {
    log = captureLog();
    guard = new FetchedAnswerGuard({ logger: log.logger, maxViolations: 5 });
    guard.adopt(supergraphSdl);
  });

  const checkRoot = (citizen: unknown, errors?: unknown[]) => guard.check('dukcapil', { data: { citizen }, ...(errors ? { errors } : {}) }, ROOT_QUERY, { n: NIK });
  const checkEntities = (entities: unknown, count = 1, errors?: unknown[]) => guard.check('polri', { data: { _entities: entities }, ...(errors ? { errors } : {}) }, ENTITIES_QUERY, representations(count));
  const badResponse = (agency: string, path: Array<string | number>) => ({ message: `${agency}: The agency's system answered something Satu could not read; only its fields are null.`, path, extensions: { code: 'AGENCY_BAD_RESPONSE', agency } });

  it('passes a well-typed answer through untouched and logs nothing', () => {
    const answer = { data: { citizen: goodCitizen() } };
    const checked = guard.check('dukcapil', answer, ROOT_QUERY, { n: NIK });
    expect(checked).toEqual({ data: { citizen: goodCitizen() } });
    expect(log.entries()).toEqual([]);
  });

  it.each([
    ['a string for an Int', 'age', 'old', 'Int', 'string'],
    ['a fraction for an Int', 'age', 29.5, 'Int', 'number'],
    ['an Int beyond 32 bits', 'age', 2 ** 31, 'Int', 'number'],
    ['a string for a Float', 'height', '170', 'Float', 'string'],
    ['a string for a Boolean', 'alive', 'true', 'Boolean', 'string'],
    ['an object for a String', 'fullName', { first: 'NUR' }, 'String', 'object'],
    ['a number for a String', 'fullName', 12, 'String', 'number'],
    ['an object for a Date', 'birthDate', { year: 1996 }, 'Date', 'object'],
    ['an impossible Date', 'birthDate', '1996-02-30', 'Date', 'string'],
    ['a NIK as a number', 'nik', 1471100405960001, 'NIK', 'number'],
    ['a 15-digit NIK', 'nik', '147110040596000', 'NIK', 'string'],
    ['an unknown enum value', 'sex', 'MALES', 'Sex', 'string'],
    ['a fraction for an ID', 'id', 1.5, 'ID', 'number'],
    ['a list for a String', 'fullName', ['NUR'], 'String', 'list'],
  ])('turns %s into null with an AGENCY_BAD_RESPONSE error at its path', (_case, field, value, expected, found) => {
    const checked = checkRoot({ ...goodCitizen(), [field]: value });
    expect((checked.data!.citizen as Record<string, unknown>)[field]).toBeNull();
    expect(checked.errors).toEqual([badResponse('dukcapil', ['citizen', field])]);
    const [entry] = log.entries();
    expect(entry).toMatchObject({ agency: 'dukcapil', count: 1, violations: [{ path: ['citizen', field], expected, found }] });
    // The log names the path, the expected type and the JSON kind, never the value.
    const { time: _time, ...logged } = entry!;
    expect(JSON.stringify(logged)).not.toContain(JSON.stringify(value));
  });

  it('flags a null where the type is non-null, unless the subgraph reported an error there', () => {
    const silent = checkRoot({ ...goodCitizen(), fullName: null });
    expect(silent.errors).toEqual([badResponse('dukcapil', ['citizen', 'fullName'])]);
    const reported = checkRoot({ ...goodCitizen(), fullName: null }, [{ message: 'registry down', path: ['citizen', 'fullName'], extensions: { code: 'AGENCY_UNAVAILABLE' } }]);
    expect(reported.errors).toEqual([{ message: 'registry down', path: ['citizen', 'fullName'], extensions: { code: 'AGENCY_UNAVAILABLE' } }]);
  });

  it('flags a missing non-null field, but not one under @include', () => {
    const withoutName = () => {
      const { fullName: _fullName, ...rest } = goodCitizen();
      return rest;
    };
    expect(checkRoot(withoutName()).errors).toEqual([badResponse('dukcapil', ['citizen', 'fullName'])]);
    const conditional = guard.check('dukcapil', { data: { citizen: withoutName() } }, 'query($n:NIK!,$w:Boolean!){citizen(nik:$n){nik fullName @include(if:$w) birthDate}}', { n: NIK, w: false });
    expect(conditional.errors).toBeUndefined();
  });

  it('checks entity answers: lists, objects in lists and nested values', () => {
    const checked = checkEntities([
      { __typename: 'Citizen', licences: [{ class: 'C', points: 'many', expiryDate: '2027-05-04' }, 'A', { class: 'B', points: 1, expiryDate: 20270504 }], clearance: { status: 'NONE', issuedOn: null } },
    ]);
    expect(checked.data!._entities).toEqual([
      { __typename: 'Citizen', licences: [{ class: 'C', points: null, expiryDate: '2027-05-04' }, null, { class: 'B', points: 1, expiryDate: null }], clearance: { status: 'NONE', issuedOn: null } },
    ]);
    expect(checked.errors).toEqual([
      badResponse('polri', ['_entities', 0, 'licences', 0, 'points']),
      badResponse('polri', ['_entities', 0, 'licences', 1]),
      badResponse('polri', ['_entities', 0, 'licences', 2, 'expiryDate']),
    ]);
  });

  it.each([
    ['a string where a list belongs', 'C 1471100405960001', ['_entities', 0, 'licences']],
    ['an object where a list belongs', { class: 'C' }, ['_entities', 0, 'licences']],
  ])('turns %s into null at its path (ApolloGateway would fail the whole response, quoting it)', (_case, licences, path) => {
    const checked = checkEntities([{ __typename: 'Citizen', licences, clearance: null }]);
    expect((checked.data!._entities as Array<Record<string, unknown>>)[0]!.licences).toBeNull();
    expect(checked.errors).toEqual([badResponse('polri', path)]);
  });

  it('uses the representation type for entities that carry no __typename, and refuses an unknown one', () => {
    expect(checkEntities([{ licences: [], clearance: { status: 7 } }]).errors).toEqual([badResponse('polri', ['_entities', 0, 'clearance', 'status'])]);
    const unknown = checkEntities([{ __typename: 'Vehicle', licences: [] }]);
    expect(unknown.data!._entities).toEqual([null]);
    expect(unknown.errors).toEqual([badResponse('polri', ['_entities', 0])]);
  });

  it('checks abstract types by __typename: fragments apply per member, a non-member type is refused', () => {
    const query = '{documents{__typename id number ...on IdCard{issuedIn} ...on Licence{licenceClass}} search{__typename ...on Licence{licenceClass}}}';
    const checked = guard.check(
      'dukcapil',
      {
        data: {
          documents: [
            { __typename: 'IdCard', id: 'd1', number: 'KTP', issuedIn: 14 },
            { __typename: 'Licence', id: 'd2', number: 'SIM', licenceClass: 'C' },
            { __typename: 'Citizen', id: 'd3', number: 'X' },
          ],
          search: [{ __typename: 'Licence', licenceClass: false }],
        },
      },
      query,
      undefined,
    );
    expect(checked.data!.documents).toEqual([{ __typename: 'IdCard', id: 'd1', number: 'KTP', issuedIn: null }, { __typename: 'Licence', id: 'd2', number: 'SIM', licenceClass: 'C' }, null]);
    expect(checked.errors).toEqual([badResponse('dukcapil', ['documents', 0, 'issuedIn']), badResponse('dukcapil', ['documents', 2]), badResponse('dukcapil', ['search', 0, 'licenceClass'])]);
  });

  describe('a broken envelope fails the fetch as a partial answer (fields null, a coded error at each)', () => {
    const partial = (code: string) => ({
      data: { _entities: [{ __typename: 'Citizen', licences: null, clearance: null }] },
      errors: [
        { message: expect.stringContaining('polri: '), path: ['_entities', 0, 'licences'], extensions: { code, agency: 'polri' } },
        { message: expect.stringContaining('polri: '), path: ['_entities', 0, 'clearance'], extensions: { code, agency: 'polri' } },
      ],
    });

    it.each([
      ['not an object', 'hello'],
      ['"data" a string', { data: 'hello' }],
      ['"errors" not a list', { data: null, errors: 'boom' }],
      ['"_entities" not a list', { data: { _entities: 'x' } }],
      ['"_entities" of the wrong length', { data: { _entities: [] } }],
      ['"_entities" missing without an error', { data: {} }],
    ])('%s', (_case, answer) => {
      expect(guard.check('polri', answer, ENTITIES_QUERY, representations(1))).toEqual(partial('AGENCY_BAD_RESPONSE'));
    });

    it('keeps the agency code the subgraph gave for a whole failed entity fetch', () => {
      const answer = { data: { _entities: null }, errors: [{ message: `SIPP down for ${NIK}`, path: ['_entities'], extensions: { code: 'AGENCY_UNAVAILABLE' } }] };
      expect(guard.check('polri', answer, ENTITIES_QUERY, representations(1))).toEqual(partial('AGENCY_UNAVAILABLE'));
      expect(log.text()).toContain('1471********0001');
      expect(log.text()).not.toContain(NIK);
    });

    it('more wrong values than the maximum', () => {
      const licences = Array.from({ length: 6 }, () => ({ class: 5 }));
      expect(checkEntities([{ __typename: 'Citizen', licences, clearance: null }])).toEqual(partial('AGENCY_BAD_RESPONSE'));
    });
  });

  it('takes from subgraph errors only a cut message, a well-formed path and extensions without http', () => {
    const errors = [
      { message: 'x'.repeat(5000), path: ['citizen', { evil: true }], locations: [{ line: 1, column: 1 }], extensions: { code: 'AGENCY_TIMEOUT', http: { status: 418 } } },
      'not an error',
      { path: ['citizen'] },
    ];
    const checked = checkRoot(goodCitizen(), errors);
    expect(checked.errors).toEqual([
      { message: 'x'.repeat(2000), extensions: { code: 'AGENCY_TIMEOUT' } },
      { message: 'the subgraph sent a malformed error entry', extensions: { code: 'AGENCY_BAD_RESPONSE' } },
      { message: 'the subgraph sent an error without a message', path: ['citizen'] },
    ]);
  });

  it('does not mistake an inherited property for a value (a field named like an Object method)', () => {
    const sdl = `${HEADER}\ntype Query { record: Record }\ntype Record { constructor: String  toString: String! }`;
    const own = new FetchedAnswerGuard({ logger: log.logger });
    own.adopt(composeSupergraph([{ name: 'oss', url: 'http://127.0.0.1:1/graphql', sdl }]).supergraphSdl);
    const checked = own.check('oss', { data: { record: { toString: 'x' } } }, '{record{constructor toString}}', undefined);
    expect(checked).toEqual({ data: { record: { toString: 'x', constructor: null } } });
    const missing = own.check('oss', { data: { record: {} } }, '{record{toString}}', undefined);
    expect(missing.errors).toEqual([badResponse('oss', ['record', 'toString'])]);
  });

  it('knows the in-process subgraphs of the supergraph as our own services', () => {
    expect(guard.isOwnService('polri')).toBe(true);
    expect(guard.isOwnService('dukcapil')).toBe(false);
  });

  it('only checks the envelope before a supergraph is adopted', () => {
    const fresh = new FetchedAnswerGuard({ logger: log.logger });
    expect(fresh.check('dukcapil', { data: { citizen: { ...goodCitizen(), age: 'old' } } }, ROOT_QUERY, { n: NIK })).toEqual({ data: { citizen: { ...goodCitizen(), age: 'old' } } });
    expect(fresh.check('dukcapil', { data: 'x' }, ROOT_QUERY, { n: NIK })).toEqual({ data: { citizen: null }, errors: [expect.objectContaining({ path: ['citizen'] })] });
  });
});
