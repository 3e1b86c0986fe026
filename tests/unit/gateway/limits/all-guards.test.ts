import { fieldAccessPlugin } from '../../../../gateway/access-policy/field-access.plugin';
import { introspectionPlugin } from '../../../../gateway/limits/introspection.plugin';
import { LIMIT_DEFAULTS } from '../../../../gateway/limits/limits-config';
import { limitsPlugin } from '../../../../gateway/limits/limits.plugin';
import { memoryRateLimiter } from '../../../../gateway/limits/consumer-rate-limiter';
import { rateLimitPlugin } from '../../../../gateway/limits/rate-limit.plugin';
import { safelistPlugin } from '../../../../gateway/limits/safelist/safelist.plugin';
import { MemorySafelistStore, operationHash } from '../../../../gateway/limits/safelist/safelist.store';
import { limitsParseOptions } from '../../../../gateway/limits/token-limit';
import { callerOf, startFederatedFixture, type FederatedFixture, type TestCaller, type TestContext } from '../access-policy/federated-fixture';

/** The guards together, in the order the gateway lists them, as one request meets them. */
describe('every guard of items 3 and 4 on one gateway', () => {
  let fixture: FederatedFixture;
  const store = new MemorySafelistStore();
  beforeAll(async () => {
    fixture = await startFederatedFixture({
      plugins: [
        safelistPlugin<TestContext>({ store, mode: 'register' }),
        rateLimitPlugin<TestContext>({ limiter: memoryRateLimiter({ requests: 100, windowSeconds: 60 }), consumerOf: (context) => context.identity?.caller.clientId }),
        limitsPlugin<TestContext>(LIMIT_DEFAULTS),
        introspectionPlugin<TestContext>({ mayIntrospect: (context) => context.identity?.caller.scopes.has('schema:read') === true }),
        fieldAccessPlugin<TestContext>({ callerOf }),
      ],
      apollo: { parseOptions: limitsParseOptions(LIMIT_DEFAULTS), introspection: true },
    });
  });
  afterAll(async () => {
    await fixture?.stop();
  });
  beforeEach(() => fixture.calls.reset());

  const COUNTER: TestCaller = { clientId: 'samsat-counter', scopes: ['identity:read', 'vehicle:read'] };

  test('an operation registered by hash, with a field outside the caller’s scopes: answered without it', async () => {
    const query = 'query Counter($nik: String!) { citizen(nik: $nik) { fullName vehicles { plate } healthInsurance { status } } }';
    const persisted = { version: 1, sha256Hash: operationHash(query) };
    await fixture.post({ query, variables: { nik: '5' }, extensions: { persistedQuery: persisted } }, COUNTER);
    fixture.calls.reset();
    const { body } = await fixture.post({ variables: { nik: '5' }, extensions: { persistedQuery: persisted } }, COUNTER);
    expect(body.data).toEqual({ citizen: { fullName: 'NAME 5', vehicles: [{ plate: 'BM 5' }], healthInsurance: null } });
    expect(body.errors?.map((error) => [error.extensions?.code, error.path])).toEqual([['FORBIDDEN', ['citizen', 'healthInsurance']]]);
    expect(Object.keys(fixture.calls.operations).filter((name) => fixture.calls.operations[name]!.length > 0).sort()).toEqual(['registry', 'vehicles']);
  });

  test('a too-deep operation is refused as too complex, whatever the caller may read', async () => {
    let family = 'nik';
    for (let level = 0; level < 9; level += 1) family = `family { ${family} }`;
    const { body } = await fixture.post({ query: `{ citizen(nik: "1") { ${family} } }` }, COUNTER);
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(fixture.calls.total()).toBe(0);
  });
});
