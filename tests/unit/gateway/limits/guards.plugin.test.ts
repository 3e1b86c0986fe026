import { getIntrospectionQuery, parse } from 'graphql';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { flexibleRateLimiter, memoryRateLimiter, type ConsumerRateLimiter } from '../../../../gateway/limits/consumer-rate-limiter';
import { asksIntrospection, introspectionPlugin } from '../../../../gateway/limits/introspection.plugin';
import { rateLimitPlugin } from '../../../../gateway/limits/rate-limit.plugin';
import { startFederatedFixture, type FederatedFixture, type TestContext } from '../access-policy/federated-fixture';

describe('asksIntrospection', () => {
  test.each([
    ['{ __schema { queryType { name } } }', true],
    ['{ __type(name: "Citizen") { name } }', true],
    ['query { citizen(nik: "1") { ...Sneaky } } fragment Sneaky on Citizen { nik ... on Citizen { __typename } }', false],
    ['query { ...Root } fragment Root on Query { citizen(nik: "1") { nik } ... on Query { __schema { types { name } } } }', true],
    ['{ citizen(nik: "1") { __typename nik } }', false],
  ])('%s -> %s', (query, expected) => {
    expect(asksIntrospection(parse(query))).toBe(expected);
  });
});

describe('introspectionPlugin', () => {
  let fixture: FederatedFixture;
  beforeAll(async () => {
    fixture = await startFederatedFixture({
      plugins: [introspectionPlugin<TestContext>({ mayIntrospect: (context) => context.identity?.caller.scopes.has('schema:read') === true })],
      // Apollo's own switch stays on; the plugin decides per caller.
      apollo: { introspection: true },
    });
  });
  afterAll(async () => {
    await fixture?.stop();
  });

  test('a caller who may see the schema gets it', async () => {
    const { status, body } = await fixture.post({ query: getIntrospectionQuery() }, { scopes: ['schema:read'] });
    expect(status).toBe(200);
    expect((body.data as { __schema: { queryType: { name: string } } }).__schema.queryType.name).toBe('Query');
  });

  test.each([
    ['__schema', '{ __schema { types { name } } }'],
    ['__type in a fragment', 'query { ...T } fragment T on Query { __type(name: "Citizen") { fields { name } } }'],
  ])('anyone else is refused %s with FORBIDDEN, and no agency is called', async (_name, query) => {
    fixture.calls.reset();
    const { status, body } = await fixture.post({ query }, { scopes: ['identity:read'] });
    expect(status).toBe(403);
    expect(body.errors).toEqual([
      {
        message: 'Introspection (__schema, __type) is only for callers who may see the schema (the schema:read scope); this caller may not. The client-facing schema is published as schema/api.graphql.',
        extensions: { code: 'FORBIDDEN' },
      },
    ]);
    expect(fixture.calls.total()).toBe(0);
  });

  test('__typename is not introspection', async () => {
    const { body } = await fixture.post({ query: '{ citizen(nik: "1") { __typename nik } }' }, { scopes: [] });
    expect(body).toEqual({ data: { citizen: { __typename: 'Citizen', nik: '1' } } });
  });
});

describe('rateLimitPlugin', () => {
  let fixture: FederatedFixture;
  const limiterErrors: Error[] = [];
  let limiter: ConsumerRateLimiter;
  beforeAll(async () => {
    fixture = await startFederatedFixture({
      plugins: [
        rateLimitPlugin<TestContext>({
          limiter: { consume: (consumer) => limiter.consume(consumer) },
          consumerOf: (context) => context.identity?.caller.clientId,
          onLimiterError: (error) => limiterErrors.push(error),
        }),
      ],
    });
  });
  afterAll(async () => {
    await fixture?.stop();
  });
  beforeEach(() => {
    fixture.calls.reset();
    limiterErrors.splice(0);
  });

  const QUERY = { query: '{ citizen(nik: "1") { nik } }' };

  test('a consumer gets its budget; one more is RATE_LIMITED with Retry-After, before any agency; others are unaffected', async () => {
    limiter = memoryRateLimiter({ requests: 3, windowSeconds: 60 });
    for (let index = 0; index < 3; index += 1) expect((await fixture.post(QUERY, { clientId: 'kiosk-1', scopes: [] })).body).toEqual({ data: { citizen: { nik: '1' } } });
    const callsBefore = fixture.calls.total();
    const refused = await fixture.post(QUERY, { clientId: 'kiosk-1', scopes: [] });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(59);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.body.errors).toEqual([
      { message: `Too many requests from client "kiosk-1": its rate limit is used up. Retry after ${retryAfter} s.`, extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter } },
    ]);
    expect(fixture.calls.total()).toBe(callsBefore);
    expect((await fixture.post(QUERY, { clientId: 'kiosk-2', scopes: [] })).status).toBe(200);
  });

  test('unparseable requests count against the budget too', async () => {
    limiter = memoryRateLimiter({ requests: 2, windowSeconds: 60 });
    expect((await fixture.post({ query: '{ citizen(' }, { clientId: 'junk', scopes: [] })).status).toBe(400);
    expect((await fixture.post({ query: '{ citizen(' }, { clientId: 'junk', scopes: [] })).status).toBe(400);
    expect((await fixture.post(QUERY, { clientId: 'junk', scopes: [] })).status).toBe(429);
  });

  test('a limiter whose store fails lets the request through and reports the failure', async () => {
    limiter = flexibleRateLimiter({ consume: async () => Promise.reject(new Error('redis: connection refused')) });
    expect((await fixture.post(QUERY, { clientId: 'kiosk-3', scopes: [] })).body).toEqual({ data: { citizen: { nik: '1' } } });
    expect(limiterErrors.map((error) => error.message)).toEqual([]);
    // flexibleRateLimiter reports through its own callback; the plugin's is for limiters that reject.
    const reported: string[] = [];
    limiter = flexibleRateLimiter({ consume: async () => Promise.reject(new Error('redis: timeout')) }, (error) => reported.push(error.message));
    await fixture.post(QUERY, { clientId: 'kiosk-3', scopes: [] });
    expect(reported).toEqual(['redis: timeout']);
    limiter = { consume: async () => Promise.reject(new Error('limiter crashed')) };
    expect((await fixture.post(QUERY, { clientId: 'kiosk-3', scopes: [] })).status).toBe(200);
    expect(limiterErrors.map((error) => error.message)).toEqual(['limiter crashed']);
  });

  test('flexibleRateLimiter reads the library’s rejection as "wait", in whole seconds, at least 1', async () => {
    const waiting = flexibleRateLimiter({ consume: async () => Promise.reject(new RateLimiterRes(0, 250, 5, false)) });
    expect(await waiting.consume('x')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });
});
