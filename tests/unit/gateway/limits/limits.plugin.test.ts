import { Supergraph } from '@apollo/federation-internals';
import { parse } from 'graphql';
import { agencyFanOutFromSupergraph } from '../../../../gateway/limits/agency-fan-out';
import { LIMIT_DEFAULTS, type OperationLimits } from '../../../../gateway/limits/limits-config';
import { limitsPlugin } from '../../../../gateway/limits/limits.plugin';
import { measureOperation } from '../../../../gateway/limits/operation-measure';
import { countTokens, limitsParseOptions } from '../../../../gateway/limits/token-limit';
import { startFederatedFixture, type FederatedFixture, type TestCaller, type TestContext } from '../access-policy/federated-fixture';

const CALLER: TestCaller = { scopes: [] };

function expectRefused(response: Awaited<ReturnType<FederatedFixture['post']>>, limit: string, value: number, maximum: number): void {
  expect(response.status).toBe(400);
  expect(response.body.data).toBeUndefined();
  expect(response.body.errors).toHaveLength(1);
  expect(response.body.errors![0]!.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit, value, maximum, ...(limit === 'listArgument' ? { where: 'argument niks of Query.citizens' } : {}) });
  expect(response.body.errors![0]!.message).toMatch(new RegExp(`^The operation is too complex: .*${value}.*, maximum ${maximum}\\.`));
}

describe('limitsPlugin at each boundary: the maximum passes, one more is refused before any agency is called', () => {
  const limits: OperationLimits = { maxTokens: 60, maxDepth: 3, maxAliases: 2, maxDirectives: 2, maxRootFields: 2, maxListArgument: 5, maxCost: 32, assumedListSize: 5 };
  let fixture: FederatedFixture;
  beforeAll(async () => {
    fixture = await startFederatedFixture({ plugins: [limitsPlugin<TestContext>(limits)], apollo: { parseOptions: limitsParseOptions(limits) } });
  });
  afterAll(async () => {
    await fixture?.stop();
  });
  beforeEach(() => fixture.calls.reset());

  async function atBoundary(limit: string, maximum: number, passing: string, refused: string, refusedValue: number, variables?: [Record<string, unknown>, Record<string, unknown>]): Promise<void> {
    const ok = await fixture.post({ query: passing, variables: variables?.[0] }, CALLER);
    expect(ok.body.errors).toBeUndefined();
    expect(ok.status).toBe(200);
    expect(fixture.calls.total()).toBeGreaterThan(0);
    fixture.calls.reset();
    expectRefused(await fixture.post({ query: refused, variables: variables?.[1] }, CALLER), limit, refusedValue, maximum);
    expect(fixture.calls.total()).toBe(0);
  }

  test('depth', () => atBoundary('depth', 3, '{ citizen(nik: "1") { family { nik } } }', '{ citizen(nik: "1") { family { family { nik } } } }', 4));

  test('aliases', () => atBoundary('aliases', 2, '{ citizen(nik: "1") { a: nik b: nik } }', '{ citizen(nik: "1") { a: nik b: nik c: nik } }', 3));

  test('directives', () =>
    atBoundary('directives', 2, '{ citizen(nik: "1") { nik @include(if: true) vehicles @include(if: true) { plate } } }', '{ citizen(nik: "1") { nik @include(if: true) vehicles @include(if: true) { plate @skip(if: false) } } }', 3));

  test('root fields', () => atBoundary('rootFields', 2, '{ citizen(nik: "1") { nik } citizens(niks: ["2"]) { nik } }', '{ citizen(nik: "1") { nik } citizens(niks: ["2"]) { nik } documents { id } }', 3));

  test('list argument, from variables', () =>
    atBoundary('listArgument', 5, 'query($niks: [String!]!) { citizens(niks: $niks) { nik } }', 'query($niks: [String!]!) { citizens(niks: $niks) { nik } }', 6, [{ niks: ['1', '2', '3', '4', '5'] }, { niks: ['1', '2', '3', '4', '5', '6'] }]));

  test('estimated cost (agency fan-out)', async () => {
    const fiveWithVehicles = 'citizens(niks: ["1", "2", "3", "4", "5"]) { vehicles { plate } }';
    const passing = `{ ${fiveWithVehicles} citizen(nik: "6") { nik } }`;
    const refused = `{ ${fiveWithVehicles} citizen(nik: "6") { healthInsurance { status } } }`;
    const schema = Supergraph.build(fixture.supergraphSdl).apiSchema().toGraphQLJSSchema();
    const costOf = (query: string) => measureOperation({ schema, document: parse(query), fanOut: agencyFanOutFromSupergraph(fixture.supergraphSdl), assumedListSize: 5 })!.cost;
    // The boundary itself: the registry once, 5 citizens x (vehicles + 5 vehicle records) = 31, then
    // one citizen's key (+1, at the maximum) or its health record (+1 agency, +1 record: one over).
    expect([costOf(passing), costOf(refused)]).toEqual([32, 33]);
    await atBoundary('cost', 32, passing, refused, 33);
  });

  test('parser tokens: the parser stops at max + 1, and the error says QUERY_TOO_COMPLEX', async () => {
    const query = (extra: number) => `{ citizen(nik: "1") { nik${' nik'.repeat(extra)} } }`;
    expect(countTokens(query(49), 1000).count).toBe(60);
    expect(countTokens(query(50), 1000).count).toBe(61);
    await atBoundary('tokens', 60, query(49), query(50), 61);
  });

  test('a syntax error before the token limit stays a syntax error, even in a text over the limit', async () => {
    const response = await fixture.post({ query: `{ citizen(nik: "1") { nik } } } ${' nik'.repeat(100)}` }, CALLER);
    expect(response.status).toBe(400);
    expect(response.body.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([['GRAPHQL_PARSE_FAILED', 'Syntax Error: Unexpected "}".']]);
    expect(fixture.calls.total()).toBe(0);
  });
});

describe('limitsPlugin with the default limits, against the issue’s attacks', () => {
  let fixture: FederatedFixture;
  beforeAll(async () => {
    fixture = await startFederatedFixture({ plugins: [limitsPlugin<TestContext>(LIMIT_DEFAULTS)], apollo: { parseOptions: limitsParseOptions(LIMIT_DEFAULTS) } });
  });
  afterAll(async () => {
    await fixture?.stop();
  });
  beforeEach(() => fixture.calls.reset());

  test('an alias bomb within the token limit is refused by the alias limit', async () => {
    const aliases = Array.from({ length: 500 }, (_, index) => `a${index}: nik`).join(' ');
    expectRefused(await fixture.post({ query: `{ citizen(nik: "1") { ${aliases} } }` }, CALLER), 'aliases', 500, LIMIT_DEFAULTS.maxAliases);
    expect(fixture.calls.total()).toBe(0);
  });

  test('a huge alias bomb (20,000 aliased root fields) is stopped by the parser at the token limit, before it is parsed whole or validated', async () => {
    const aliases = Array.from({ length: 20_000 }, (_, index) => `a${index}: citizen(nik: "1") { nik }`).join(' ');
    const started = performance.now();
    const response = await fixture.post({ query: `{ ${aliases} }` }, CALLER);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'tokens', value: LIMIT_DEFAULTS.maxTokens * 10, maximum: LIMIT_DEFAULTS.maxTokens });
    expect(response.body.errors?.[0]?.message).toMatch(/parser tokens more than 20000, maximum 2000/);
    expect(fixture.calls.total()).toBe(0);
  });

  test('deep family-member recursion is refused by depth', async () => {
    let family = 'nik';
    for (let level = 0; level < 10; level += 1) family = `family { ${family} }`;
    expectRefused(await fixture.post({ query: `{ citizen(nik: "1") { ${family} } }` }, CALLER), 'depth', 12, LIMIT_DEFAULTS.maxDepth);
    expect(fixture.calls.total()).toBe(0);
  });

  test('a list of 10,000 NIKs is refused, as a variable (list limit) and inline (token limit)', async () => {
    const niks = Array.from({ length: 10_000 }, (_, index) => String(1_000_000 + index));
    expectRefused(await fixture.post({ query: 'query($niks: [String!]!) { citizens(niks: $niks) { nik } }', variables: { niks } }, CALLER), 'listArgument', 10_000, 100);
    const inline = await fixture.post({ query: `{ citizens(niks: ${JSON.stringify(niks)}) { nik } }` }, CALLER);
    expect(inline.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'tokens' });
    expect(fixture.calls.total()).toBe(0);
  });

  test('batched-array requests are refused (Apollo Server 5 default: allowBatchedHttpRequests false)', async () => {
    const response = await fixture.post(JSON.stringify([{ query: '{ citizen(nik: "1") { nik } }' }, { query: '{ citizen(nik: "2") { nik } }' }]), CALLER);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('Operation batching disabled.');
    expect(fixture.calls.total()).toBe(0);
  });

  test('a 10 MB body is refused by the HTTP layer before it is read whole', async () => {
    const response = await fetch(fixture.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ citizen(nik: "1") { nik } } #${'x'.repeat(10 * 1024 * 1024)}` }) });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ errors: [{ message: 'request body is larger than 1048576 bytes', extensions: { code: 'QUERY_TOO_COMPLEX' } }] });
    expect(fixture.calls.total()).toBe(0);
  });

  test('an ordinary query passes', async () => {
    const { body } = await fixture.post({ query: '{ citizen(nik: "1") { nik fullName vehicles { plate } healthInsurance { status } } }' }, CALLER);
    expect(body).toEqual({ data: { citizen: { nik: '1', fullName: 'NAME 1', vehicles: [{ plate: 'BM 1' }], healthInsurance: { status: 'ACTIVE' } } } });
  });
});
