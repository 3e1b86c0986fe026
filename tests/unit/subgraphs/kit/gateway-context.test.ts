import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { SignJWT, UnsecuredJWT } from 'jose';
import nock from 'nock';
import {
  GATEWAY_CONTEXT_HEADER,
  GATEWAY_CONTEXT_ISSUER,
  GATEWAY_CONTEXT_TYPE,
  GatewayContextRefusal,
  createGatewayContextVerifier,
  currentGatewayContext,
  legacyRequestIdHeaders,
  legacyRequestIdSqlComment,
  runWithGatewayContext,
  type GatewayCallContext,
} from '../../../../subgraphs/kit/gateway-context';
import { legacyFetchText } from '../../../../subgraphs/kit/legacy-http';
import { runInRequestScope } from '../../../../subgraphs/kit/request-scope';
import { startSubgraphServer, type GatewayAwareContext, type RunningService } from '../../../../subgraphs/kit/subgraph-server';
import { makeContextKeys, requirementOf, signedContext, type TestContextKeys } from '../../../support/gateway-context';
import { useNockHygiene } from '../../../support/nock-hygiene';

const SUBGRAPH = 'dukcapil';

async function refusalOf(promise: Promise<unknown>): Promise<GatewayContextRefusal> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GatewayContextRefusal) return error;
    throw error;
  }
  throw new Error('expected the context to be refused');
}

/** A token signed with `keys` but built by hand, for claims the gateway's signer never makes. */
function handMade(keys: TestContextKeys, claims: Record<string, unknown>, header: Record<string, unknown> = {}): SignJWT {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: 'frontend', purpose: null, request_id: 'hand-made-1', ...claims })
    .setProtectedHeader({ alg: keys.publicKey.alg, kid: keys.publicKey.kid, typ: GATEWAY_CONTEXT_TYPE, ...header })
    .setIssuer(GATEWAY_CONTEXT_ISSUER)
    .setAudience(SUBGRAPH)
    .setSubject('test-client')
    .setIssuedAt(now)
    .setExpirationTime(now + 60);
}

describe('createGatewayContextVerifier', () => {
  let keys: TestContextKeys;
  let otherKeys: TestContextKeys;

  beforeAll(async () => {
    keys = await makeContextKeys();
    otherKeys = await makeContextKeys();
  });

  it('accepts a context signed for this subgraph and gives its claims', async () => {
    const verifier = createGatewayContextVerifier(requirementOf(keys), SUBGRAPH);
    const token = await signedContext(keys, SUBGRAPH, { requestId: 'req-42', clientId: 'kiosk-07', purpose: 'vehicle-tax', traceId: '4bf92f3577b34da6a3ce929d0e0e4736' });
    const context = await verifier.verify(token);
    expect(context).toEqual({
      requestId: 'req-42',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      clientId: 'kiosk-07',
      role: 'frontend',
      purpose: 'vehicle-tax',
      subgraph: SUBGRAPH,
      expiresAt: expect.any(Date),
    });
    expect(context.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });

  it('accepts ES256 (P-256) keys as well as Ed25519', async () => {
    const es256 = await makeContextKeys('es256');
    expect(es256.publicKey.alg).toBe('ES256');
    const verifier = createGatewayContextVerifier(requirementOf(es256), SUBGRAPH);
    await expect(verifier.verify(await signedContext(es256, SUBGRAPH))).resolves.toMatchObject({ requestId: 'test-request-1' });
  });

  it('keeps a null purpose as null', async () => {
    const verifier = createGatewayContextVerifier(requirementOf(keys), SUBGRAPH);
    await expect(verifier.verify(await signedContext(keys, SUBGRAPH, { purpose: null }))).resolves.toMatchObject({ purpose: null });
  });

  it.each([
    ['missing', undefined, /X-Satu-Context header is missing/],
    ['empty', '  ', /X-Satu-Context header is missing/],
    ['not a JWT', 'hello', /not a well-formed signed context/],
    ['far too long', 'a'.repeat(5000), /too long/],
  ])('refuses a header that is %s', async (_case, header, message) => {
    const verifier = createGatewayContextVerifier(requirementOf(keys), SUBGRAPH);
    const refusal = await refusalOf(verifier.verify(header));
    expect(refusal.message).toMatch(/^calls must come through the Satu gateway: /);
    expect(refusal.reason).toMatch(message);
  });

  it('refuses a context addressed to another subgraph, naming both', async () => {
    const verifier = createGatewayContextVerifier(requirementOf(keys), SUBGRAPH);
    const refusal = await refusalOf(verifier.verify(await signedContext(keys, 'samsat')));
    expect(refusal.reason).toBe('the context is addressed to samsat, not to dukcapil');
  });

  it('refuses an expired context, saying when it expired', async () => {
    const verifier = createGatewayContextVerifier(requirementOf(keys), SUBGRAPH);
    const signedAt = Date.now() - 10 * 60 * 1000;
    const refusal = await refusalOf(verifier.verify(await signedContext(keys, SUBGRAPH, { signedAt })));
    expect(refusal.reason).toBe(`the context expired at ${new Date(Math.floor(signedAt / 1000) * 1000 + 60_000).toISOString()} (contexts live seconds: is this a replayed call, or are the clocks apart?)`);
  });

  it('honours the clock tolerance: a context expired 3 s ago passes with 5 s of slack, not with 0', async () => {
    const token = await signedContext(keys, SUBGRAPH, { signedAt: Date.now() - 63_000 });
    await expect(createGatewayContextVerifier({ keys: [keys.publicKey], clockToleranceSeconds: 5 }, SUBGRAPH).verify(token)).resolves.toMatchObject({ subgraph: SUBGRAPH });
    expect((await refusalOf(createGatewayContextVerifier({ keys: [keys.publicKey], clockToleranceSeconds: 0 }, SUBGRAPH).verify(token))).reason).toMatch(/expired/);
  });

  it('refuses a context signed with another key under a kid it does not know', async () => {
    const verifier = createGatewayContextVerifier(requirementOf(keys), SUBGRAPH);
    const refusal = await refusalOf(verifier.verify(await signedContext(otherKeys, SUBGRAPH)));
    expect(refusal.reason).toMatch(/signed with a key this subgraph does not trust/);
  });

  it('refuses a forgery: another key claiming the trusted kid', async () => {
    const verifier = createGatewayContextVerifier(requirementOf(keys), SUBGRAPH);
    const forged = await handMade(keys, {}).sign(otherKeys.privateKey);
    expect((await refusalOf(verifier.verify(forged))).reason).toBe('the context signature does not verify');
  });

  it('refuses a tampered payload (a role raised after signing)', async () => {
    const verifier = createGatewayContextVerifier(requirementOf(keys), SUBGRAPH);
    const [header, payload, signature] = (await signedContext(keys, SUBGRAPH)).split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const raised = Buffer.from(JSON.stringify({ ...claims, role: 'operator' })).toString('base64url');
    expect((await refusalOf(verifier.verify(`${header}.${raised}.${signature}`))).reason).toBe('the context signature does not verify');
  });

  it('refuses an unsigned token (alg none)', async () => {
    const verifier = createGatewayContextVerifier(requirementOf(keys), SUBGRAPH);
    const unsigned = new UnsecuredJWT({ role: 'operator', request_id: 'x-1' }).setIssuer(GATEWAY_CONTEXT_ISSUER).setAudience(SUBGRAPH).setSubject('x').setIssuedAt().setExpirationTime('1m').encode();
    expect((await refusalOf(verifier.verify(unsigned))).reason).toMatch(/does not trust/);
    // Even when the attacker copies the trusted kid into the header, alg none is not an allowed algorithm.
    const [, body] = unsigned.split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'none', kid: keys.publicKey.kid, typ: GATEWAY_CONTEXT_TYPE })).toString('base64url');
    expect((await refusalOf(verifier.verify(`${header}.${body}.`))).reason).toMatch(/algorithm this key does not use|not a well-formed/);
  });

  it.each([
    ['another issuer', { iss: 'someone-else' }, {}, `the context was not issued by ${GATEWAY_CONTEXT_ISSUER}`],
    ['another token type (a client bearer token)', {}, { typ: 'JWT' }, `the token is not a gateway context (typ must be ${GATEWAY_CONTEXT_TYPE})`],
    ['a NIK-like request id', { request_id: '1471100405960001' }, {}, 'the context request_id is missing or malformed'],
    ['a request id that would close a SQL comment', { request_id: 'a*/DROP' }, {}, 'the context request_id is missing or malformed'],
    ['no role', { role: '' }, {}, 'the context names no role'],
    ['a purpose that is not a string', { purpose: 7 }, {}, 'the context purpose is not a string'],
  ])('refuses a context with %s', async (_case, claims, header, reason) => {
    const verifier = createGatewayContextVerifier(requirementOf(keys), SUBGRAPH);
    const { iss, ...rest } = claims as { iss?: string };
    let builder = handMade(keys, rest, header);
    if (iss) builder = builder.setIssuer(iss);
    expect((await refusalOf(verifier.verify(await builder.sign(keys.privateKey)))).reason).toBe(reason);
  });

  it('refuses a context meant to live longer than any gateway context may, whether young or old', async () => {
    const verifier = createGatewayContextVerifier(requirementOf(keys), SUBGRAPH);
    const now = Math.floor(Date.now() / 1000);
    const young = await handMade(keys, {}).setIssuedAt(now).setExpirationTime(now + 7200).sign(keys.privateKey);
    expect((await refusalOf(verifier.verify(young))).reason).toBe('the context is meant to live longer than 300 s');
    const old = await handMade(keys, {}).setIssuedAt(now - 3600).setExpirationTime(now + 3600).sign(keys.privateKey);
    expect((await refusalOf(verifier.verify(old))).reason).toBe('the context was issued more than 300 s ago (is this a replayed call, or are the clocks apart?)');
  });

  it('refuses a context issued in the future', async () => {
    const verifier = createGatewayContextVerifier(requirementOf(keys), SUBGRAPH);
    const later = Math.floor(Date.now() / 1000) + 120;
    const token = await handMade(keys, {}).setIssuedAt(later).setExpirationTime(later + 60).sign(keys.privateKey);
    expect((await refusalOf(verifier.verify(token))).reason).toBe('the context was issued in the future (are the clocks apart?)');
  });

  it('trusts every key of a rotation list', async () => {
    const verifier = createGatewayContextVerifier({ keys: [keys.publicKey, otherKeys.publicKey] }, SUBGRAPH);
    await expect(verifier.verify(await signedContext(keys, SUBGRAPH))).resolves.toMatchObject({ subgraph: SUBGRAPH });
    await expect(verifier.verify(await signedContext(otherKeys, SUBGRAPH))).resolves.toMatchObject({ subgraph: SUBGRAPH });
  });

  it('serves a repeated token from its cache only until the token expires', async () => {
    let now = Date.now();
    const verifier = createGatewayContextVerifier({ keys: [keys.publicKey], clockToleranceSeconds: 0 }, SUBGRAPH, () => now);
    const token = await signedContext(keys, SUBGRAPH, { signedAt: now, lifetimeSeconds: 10 });
    const first = await verifier.verify(token);
    expect(await verifier.verify(token)).toBe(first);
    now += 11_000;
    expect((await refusalOf(verifier.verify(token))).reason).toMatch(/expired/);
  });

  it('needs at least one key', () => {
    expect(() => createGatewayContextVerifier({ keys: [] }, SUBGRAPH)).toThrow('at least one public key');
  });
});

describe('startSubgraphServer with a required gateway context', () => {
  const typeDefs = parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    type Query { whoAsks: Asker }
    type Asker { requestId: String clientId: String purpose: String fromStore: String }
  `);
  let keys: TestContextKeys;
  let resolverCalls = 0;
  let required: RunningService;
  let open: RunningService;

  beforeAll(async () => {
    keys = await makeContextKeys();
    const schema = buildSubgraphSchema([
      {
        typeDefs,
        resolvers: {
          Query: {
            whoAsks: (_root: unknown, _args: unknown, context: GatewayAwareContext) => {
              resolverCalls += 1;
              return { ...context.gateway, fromStore: currentGatewayContext()?.requestId ?? null };
            },
          },
        },
      },
    ]);
    const built = { name: SUBGRAPH, schema, sdl: '' };
    required = await startSubgraphServer({ built, host: '127.0.0.1', port: 0, createContext: () => ({}), gatewayContext: requirementOf(keys) });
    open = await startSubgraphServer({ built, host: '127.0.0.1', port: 0, createContext: () => ({}) });
  });

  afterAll(async () => {
    await required?.stop();
    await open?.stop();
  });

  async function post(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: { data?: { whoAsks: Record<string, unknown> }; errors?: Array<{ message: string; extensions?: { code?: string } }> }; requestId: string | null }> {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ whoAsks { requestId clientId purpose fromStore } }' }) });
    return { status: response.status, body: (await response.json()) as never, requestId: response.headers.get('x-request-id') };
  }

  it('refuses a call without the header with UNAUTHENTICATED, before any resolver runs', async () => {
    const before = resolverCalls;
    const answer = await post(required.url);
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ errors: [{ message: 'calls must come through the Satu gateway: the X-Satu-Context header is missing', extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(resolverCalls).toBe(before);
  });

  it('refuses a context for another subgraph, and one signed with another key', async () => {
    const before = resolverCalls;
    const otherSubgraph = await post(required.url, { [GATEWAY_CONTEXT_HEADER]: await signedContext(keys, 'imigrasi') });
    expect(otherSubgraph.status).toBe(401);
    expect(otherSubgraph.body.errors?.[0]?.message).toBe('calls must come through the Satu gateway: the context is addressed to imigrasi, not to dukcapil');
    const forged = await post(required.url, { [GATEWAY_CONTEXT_HEADER]: await signedContext(await makeContextKeys(), SUBGRAPH) });
    expect(forged.status).toBe(401);
    expect(forged.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(resolverCalls).toBe(before);
  });

  it('serves a call with a valid context; resolvers and adapters see it, and so do the log lines', async () => {
    const answer = await post(required.url, {
      [GATEWAY_CONTEXT_HEADER]: await signedContext(keys, SUBGRAPH, { requestId: 'req-served-1', clientId: 'kiosk-03', purpose: 'vehicle-tax' }),
      // An unsigned X-Request-Id does not override the signed one.
      'x-request-id': 'spoofed-id',
    });
    expect(answer.status).toBe(200);
    expect(answer.body.data?.whoAsks).toEqual({ requestId: 'req-served-1', clientId: 'kiosk-03', purpose: 'vehicle-tax', fromStore: 'req-served-1' });
    expect(answer.requestId).toBe('req-served-1');
  });

  it('leaves the health check open', async () => {
    const response = await fetch(required.url.replace(/\/graphql$/, '/healthz'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', subgraph: SUBGRAPH });
  });

  it('refuses unknown paths too without a context (nothing but the health check is open)', async () => {
    const response = await fetch(required.url.replace(/\/graphql$/, '/anything'), { method: 'POST' });
    expect(response.status).toBe(401);
  });

  it('without a key configured, accepts calls as before (no context to show)', async () => {
    const answer = await post(open.url);
    expect(answer.status).toBe(200);
    expect(answer.body.data?.whoAsks).toEqual({ requestId: null, clientId: null, purpose: null, fromStore: null });
  });
});

describe('the request id towards legacy systems', () => {
  const context: GatewayCallContext = {
    requestId: 'req-legacy-9',
    clientId: 'c',
    role: 'frontend',
    purpose: null,
    subgraph: SUBGRAPH,
    expiresAt: new Date(Date.now() + 60_000),
  };

  it('is the verified context request id, as a header and as a SQL comment', () => {
    runWithGatewayContext(context, () => {
      expect(legacyRequestIdHeaders()).toEqual({ 'x-request-id': 'req-legacy-9' });
      expect(legacyRequestIdSqlComment()).toBe('/* satu request req-legacy-9 */ ');
    });
  });

  it('falls back to the request scope id where no context is required, and is absent outside a request', () => {
    runInRequestScope({ requestId: 'scope-id-1' }, () => expect(legacyRequestIdHeaders()).toEqual({ 'x-request-id': 'scope-id-1' }));
    expect(legacyRequestIdHeaders()).toEqual({});
    expect(legacyRequestIdSqlComment()).toBe('');
  });

  it('prefers the signed id over the request scope id', () => {
    runInRequestScope({ requestId: 'scope-id-2' }, () => runWithGatewayContext(context, () => expect(legacyRequestIdHeaders()).toEqual({ 'x-request-id': 'req-legacy-9' })));
  });

  it('never pastes an id into SQL that could end the comment', () => {
    runInRequestScope({ requestId: 'x*/ DROP TABLE t; --' }, () => {
      expect(legacyRequestIdSqlComment()).toBe('');
      expect(legacyRequestIdHeaders()).toEqual({});
    });
  });

  describe('legacyFetchText', () => {
    // Restores node:http when done: tests run in one process on a 2-core machine, and a nock left
    // in place breaks every later file's real loopback requests.
    useNockHygiene();

    it('sends X-Request-Id inside a request, next to the caller’s own headers (and on every retry)', async () => {
      nock('http://legacy.test', { reqheaders: { 'x-request-id': 'req-legacy-9', 'x-cons-id': '1' } })
        .post('/x')
        .reply(429, 'slow down', { 'retry-after': '0' })
        .post('/x')
        .reply(200, 'ok');
      const text = await runWithGatewayContext(context, () =>
        legacyFetchText('http://legacy.test/x', { agency: 'a', timeoutMs: 1000, headers: () => ({ 'x-cons-id': '1' }), retryOn429: { maxRetries: 1, backoffMs: 0 } }),
      );
      expect(text).toBe('ok');
    });

    it('sends no X-Request-Id outside a request', async () => {
      nock('http://legacy.test', { badheaders: ['x-request-id'] }).post('/x').reply(200, 'ok');
      await expect(legacyFetchText('http://legacy.test/x', { agency: 'a', timeoutMs: 1000 })).resolves.toBe('ok');
    });
  });
});
