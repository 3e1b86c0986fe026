import { fieldAccessPlugin, fieldAccessOutcomeOf } from '../../../../gateway/access-policy/field-access.plugin';
import type { ApolloServerPlugin } from '@apollo/server';
import { callerOf, startFederatedFixture, type FederatedFixture, type TestCaller, type TestContext } from './federated-fixture';

const IDENTITY: TestCaller = { clientId: 'counter-a', scopes: ['identity:read'] };
const IDENTITY_AND_HEALTH: TestCaller = { clientId: 'counter-b', scopes: ['identity:read', 'health:read'] };
const NOBODY_SPECIAL: TestCaller = { clientId: 'counter-c', scopes: [] };

const CITIZEN_WITH_INSURANCE = '{ citizen(nik: "1471") { nik fullName healthInsurance { status } } }';

describe('fieldAccessPlugin on a federated gateway (loopback)', () => {
  let fixture: FederatedFixture;
  const outcomes: unknown[] = [];
  // Reads what the field access plugin left for the audit ledger, as the audit plugin will.
  const outcomeSpy: ApolloServerPlugin<TestContext> = {
    async requestDidStart() {
      return {
        async willSendResponse(requestContext) {
          outcomes.push(fieldAccessOutcomeOf(requestContext));
        },
      };
    },
  };

  beforeAll(async () => {
    fixture = await startFederatedFixture({
      plugins: [
        fieldAccessPlugin<TestContext>({
          callerOf,
          purposeFilterOf: (context) =>
            context.identity?.purpose === 'vehicle-tax' ? (coordinate) => coordinate.startsWith('Query.') || ['Citizen.nik', 'Citizen.vehicles', 'Vehicle.plate'].includes(coordinate) : undefined,
        }),
        outcomeSpy,
      ],
    });
  });
  afterAll(async () => {
    await fixture?.stop();
  });
  beforeEach(() => {
    fixture.calls.reset();
    outcomes.splice(0);
  });

  test('a forbidden field is null with a FORBIDDEN error at its path, never fetched from its agency; the rest stands', async () => {
    const { status, body } = await fixture.post({ query: CITIZEN_WITH_INSURANCE }, IDENTITY);
    expect(status).toBe(200);
    expect(body.data).toEqual({ citizen: { nik: '1471', fullName: 'NAME 1471', healthInsurance: null } });
    expect(body.errors).toEqual([
      {
        message: 'Citizen.healthInsurance is not available to this caller: it needs the scope "health:read", which this caller\'s credentials do not carry. Its value is null; the rest of the answer stands.',
        path: ['citizen', 'healthInsurance'],
        extensions: { code: 'FORBIDDEN', coordinate: 'Citizen.healthInsurance', missingScopes: ['health:read'], purposeRefused: false },
      },
    ]);
    expect(fixture.calls.operations.health).toEqual([]);
    expect(fixture.calls.operations.registry).toHaveLength(1);
    expect(outcomes).toEqual([expect.objectContaining({ removedCoordinates: ['Citizen.healthInsurance'] })]);
  });

  test('two callers with different scopes never share a query plan (A, then B, then A again; same text)', async () => {
    const first = await fixture.post({ query: CITIZEN_WITH_INSURANCE }, IDENTITY);
    expect(first.body.data).toEqual({ citizen: { nik: '1471', fullName: 'NAME 1471', healthInsurance: null } });
    expect(fixture.calls.operations.health).toHaveLength(0);

    const second = await fixture.post({ query: CITIZEN_WITH_INSURANCE }, IDENTITY_AND_HEALTH);
    expect(second.body).toEqual({ data: { citizen: { nik: '1471', fullName: 'NAME 1471', healthInsurance: { status: 'ACTIVE' } } } });
    expect(fixture.calls.operations.health).toHaveLength(1);

    const third = await fixture.post({ query: CITIZEN_WITH_INSURANCE }, IDENTITY);
    expect(third.body.data).toEqual({ citizen: { nik: '1471', fullName: 'NAME 1471', healthInsurance: null } });
    expect(fixture.calls.operations.health).toHaveLength(1);
  });

  test.each([
    ['an alias', '{ c: citizen(nik: "1471") { nik cover: healthInsurance { status } } }', ['c', 'cover']],
    ['a named fragment', 'query Q { citizen(nik: "1471") { nik ...Cover } } fragment Cover on Citizen { healthInsurance { status } }', ['citizen', 'healthInsurance']],
    ['an inline fragment', '{ citizen(nik: "1471") { nik ... on Citizen { active: hasActiveHealthInsurance } } }', ['citizen', 'active']],
  ])('a forbidden field asked through %s is removed before planning (health never called)', async (_how, query, path) => {
    const { body } = await fixture.post({ query }, IDENTITY);
    expect(body.errors?.map((error) => [error.extensions?.code, error.path])).toEqual([['FORBIDDEN', path]]);
    expect(JSON.stringify(body.data)).not.toContain('ACTIVE');
    expect(JSON.stringify(body.data)).not.toContain('true');
    expect(fixture.calls.operations.health).toEqual([]);
  });

  test('an inline fragment on an interface: each concrete type is checked; the readable one is answered', async () => {
    const guarded = await fixture.post({ query: '{ documents { id ... on Document { number } } }' }, NOBODY_SPECIAL);
    expect(guarded.body.data).toEqual({ documents: [{ id: 'd1', number: null }, { id: 'd2', number: null }] });
    expect(guarded.body.errors?.map((error) => [error.extensions?.coordinate, error.path])).toEqual([
      ['Document.number', ['documents', 0, 'number']],
      ['Document.number', ['documents', 1, 'number']],
    ]);

    const perType = await fixture.post({ query: '{ documents { id ... on IdCard { number } ... on Licence { number } } }' }, NOBODY_SPECIAL);
    expect(perType.body.data).toEqual({ documents: [{ id: 'd1', number: null }, { id: 'd2', number: 'SIM-2' }] });
    expect(perType.body.errors?.map((error) => [error.extensions?.coordinate, error.path])).toEqual([['IdCard.number', ['documents', 0, 'number']]]);
  });

  test.each([
    ['_entities', '{ _entities(representations: [{ __typename: "Citizen", nik: "1471" }]) { ... on Citizen { healthInsurance { status } } } }'],
    ['_service', '{ _service { sdl } }'],
  ])('%s is not part of the gateway API: refused by validation, no agency called', async (_name, query) => {
    const { status, body } = await fixture.post({ query }, IDENTITY_AND_HEALTH);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors?.[0]?.message).toMatch(/Cannot query field "_(entities|service)" on type "Query"/);
    expect(fixture.calls.total()).toBe(0);
  });

  test('a forbidden root field is null with its error; when every root field is forbidden no agency is called', async () => {
    const { body } = await fixture.post({ query: '{ registryNote secret { code } }' }, IDENTITY);
    expect(body.data).toEqual({ registryNote: null, secret: null });
    expect(body.errors?.map((error) => [error.extensions?.coordinate, error.extensions?.missingScopes, error.path])).toEqual([
      ['Query.registryNote', ['audit:read'], ['registryNote']],
      ['Query.secret', ['secret:read'], ['secret']],
    ]);
    expect(fixture.calls.total()).toBe(0);
  });

  test('a non-null forbidden field nulls its parent, as GraphQL does', async () => {
    const { body } = await fixture.post({ query: '{ citizens(niks: ["1", "2"]) { nik fullName vehicles { plate } } }' }, NOBODY_SPECIAL);
    expect(body.data).toEqual({ citizens: [null, null] });
    expect(body.errors?.map((error) => error.path)).toEqual([
      ['citizens', 0, 'fullName'],
      ['citizens', 1, 'fullName'],
    ]);
  });

  test("the request's purpose removes fields it does not cover, with a message saying so", async () => {
    const { body } = await fixture.post({ query: '{ citizen(nik: "9") { nik fullName vehicles { plate } } }' }, { ...IDENTITY, purpose: 'vehicle-tax' });
    expect(body.data).toEqual({ citizen: null });
    expect(body.errors).toEqual([
      expect.objectContaining({ path: ['citizen', 'fullName'], message: expect.stringContaining("this request's purpose (X-Satu-Purpose) does not cover it"), extensions: expect.objectContaining({ purposeRefused: true, missingScopes: [] }) }),
    ]);
    expect(fixture.calls.operations.registry).toHaveLength(1);
    expect(fixture.calls.operations.vehicles).toHaveLength(1);
  });

  test('a request without a caller is refused before any agency is called', async () => {
    const { status, body } = await fixture.post({ query: CITIZEN_WITH_INSURANCE });
    expect(status).toBe(403);
    expect(body.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('no caller identity') });
    expect(fixture.calls.total()).toBe(0);
  });

  test("with access control switched off (via 'development') the operation is untouched", async () => {
    const { body } = await fixture.post({ query: CITIZEN_WITH_INSURANCE }, { scopes: [], via: 'development' });
    expect(body).toEqual({ data: { citizen: { nik: '1471', fullName: 'NAME 1471', healthInsurance: { status: 'ACTIVE' } } } });
  });
});

describe('fieldAccessPlugin with rejectWholeOperation', () => {
  let fixture: FederatedFixture;
  beforeAll(async () => {
    fixture = await startFederatedFixture({ plugins: [fieldAccessPlugin<TestContext>({ callerOf, rejectWholeOperation: true })] });
  });
  afterAll(async () => {
    await fixture?.stop();
  });

  test('refuses the operation with FORBIDDEN listing the coordinates; no agency is called', async () => {
    fixture.calls.reset();
    const { status, body } = await fixture.post({ query: '{ citizen(nik: "1") { fullName healthInsurance { status } registered: hasActiveHealthInsurance } }' }, NOBODY_SPECIAL);
    expect(status).toBe(403);
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.extensions).toEqual({ code: 'FORBIDDEN', coordinates: ['Citizen.fullName', 'Citizen.healthInsurance', 'Citizen.hasActiveHealthInsurance'], missingScopes: ['health:read', 'identity:read'] });
    expect(body.errors![0]!.message).toMatch(/^The operation asks for fields this caller may not read.*Citizen\.fullName \(it needs the scope "identity:read"/);
    expect(fixture.calls.total()).toBe(0);
  });

  test('an operation within the caller’s scopes runs', async () => {
    const { body } = await fixture.post({ query: '{ citizen(nik: "1") { fullName } }' }, IDENTITY);
    expect(body).toEqual({ data: { citizen: { fullName: 'NAME 1' } } });
  });
});
