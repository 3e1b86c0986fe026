import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { findApiKeyHolder, hashApiKey, parseApiKeyTable, type ApiKeyTable } from '../../../../gateway/access/api-keys';
import { createAuthenticator, createDevelopmentAuthenticator, type Authenticator } from '../../../../gateway/access/authenticate';
import { createJwtVerifier, type JwtVerifier } from '../../../../gateway/access/jwt-verifier';
import type { RequestHeaders } from '../../../../gateway/access/request-headers';
import { KNOWN_SCOPES } from '../../../../gateway/access/scopes';
import { AUDIENCE, ISSUER, NOW, makeSigningKey, signToken, type SigningKey } from './access-fixtures';

const KIOSK_KEY = 'satu_kiosk_4cJb0x9Qm2VtR7yLpA1sWn8e';
const PUBLISHER_KEY = 'satu_pub_simkim_ZxT3u8VvK1mQ0rYp2LsA9d';

const KEY_FILE = JSON.stringify({
  [hashApiKey(KIOSK_KEY)]: { clientId: 'kiosk-01', role: 'frontend', scopes: ['identity:read', 'vehicle:read'], agency: null },
  [hashApiKey(PUBLISHER_KEY).toUpperCase()]: { clientId: 'simkim-ci', role: 'agency-publisher', scopes: ['publish'], agency: 'imigrasi' },
});

let key: SigningKey;
let apiKeys: ApiKeyTable;
let verifyJwt: JwtVerifier;
let auth: Authenticator;

async function refusal(headers: RequestHeaders, authenticator: Authenticator = auth): Promise<string> {
  const error = await authenticator.authenticate(headers).then(
    () => {
      throw new Error('the request was authenticated');
    },
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(GraphQLError);
  expect((error as GraphQLError).extensions.code).toBe('UNAUTHENTICATED');
  return (error as GraphQLError).message;
}

beforeAll(async () => {
  key = await makeSigningKey('ES256', 'k1');
  apiKeys = parseApiKeyTable(KEY_FILE, 'test keys');
  verifyJwt = createJwtVerifier({ keys: { jwks: { keys: [key.publicJwk] }, algorithms: ['ES256'] }, issuer: ISSUER, audience: AUDIENCE, clockToleranceSeconds: 30, now: () => NOW });
  auth = createAuthenticator({ verifyJwt, apiKeys });
});

describe('bearer tokens', () => {
  it('authenticate through Authorization: Bearer, scheme in any case', async () => {
    const token = await signToken(key);
    expect((await auth.authenticate({ authorization: `Bearer ${token}` })).via).toBe('jwt');
    expect((await auth.authenticate({ authorization: `bearer ${token}` })).clientId).toBe('loket-imigrasi-01');
  });

  it('read headers from a Map-like (fetch Headers) as well as a Node header record', async () => {
    const token = await signToken(key);
    expect((await auth.authenticate(new Headers({ Authorization: `Bearer ${token}` }))).role).toBe('frontend');
    expect((await auth.authenticate({ Authorization: `Bearer ${token}` })).role).toBe('frontend');
  });

  it('an empty bearer token', async () => {
    expect(await refusal({ authorization: 'Bearer ' })).toBe('the bearer token is empty: send Authorization: Bearer <token>');
  });

  it('a bearer token when no JWT keys are configured', async () => {
    const apiOnly = createAuthenticator({ apiKeys });
    expect(await refusal({ authorization: `Bearer ${await signToken(key)}` }, apiOnly)).toBe('this gateway accepts no bearer tokens (no JWT keys are configured); send X-Api-Key: <key>');
  });
});

describe('API keys', () => {
  it.each([
    ['X-Api-Key', { 'x-api-key': KIOSK_KEY }],
    ['Authorization: ApiKey', { authorization: `ApiKey ${KIOSK_KEY}` }],
  ])('a good key through %s', async (_name, headers) => {
    const caller = await auth.authenticate(headers);
    expect(caller).toEqual({ clientId: 'kiosk-01', role: 'frontend', scopes: new Set(['identity:read', 'vehicle:read']), agency: null, via: 'api-key' });
  });

  it('hashes in the file may be upper-case hex', async () => {
    const caller = await auth.authenticate({ 'x-api-key': PUBLISHER_KEY });
    expect(caller).toMatchObject({ clientId: 'simkim-ci', role: 'agency-publisher', agency: 'imigrasi' });
  });

  it('an unknown key', async () => {
    const message = await refusal({ 'x-api-key': 'satu_kiosk_guessed_key_000000000000' });
    expect(message).toBe('the API key is not known: ask the gateway operator for a key');
  });

  it('a key that differs from a real one in its last character', async () => {
    expect(await refusal({ 'x-api-key': `${KIOSK_KEY.slice(0, -1)}f` })).toBe('the API key is not known: ask the gateway operator for a key');
  });

  it('an empty key', async () => {
    expect(await refusal({ 'x-api-key': '  ' })).toBe('the API key is empty');
  });

  it('a key Node joined from two X-Api-Key headers', async () => {
    expect(await refusal({ 'x-api-key': `${KIOSK_KEY}, ${PUBLISHER_KEY}` })).toBe('the API key is malformed (or was sent more than once); send exactly one key');
  });

  it('two X-Api-Key values', async () => {
    expect(await refusal({ 'x-api-key': [KIOSK_KEY, PUBLISHER_KEY] })).toBe('ambiguous credentials: more than one credential was sent; send exactly one');
  });

  it('an API key when no key file is configured', async () => {
    const jwtOnly = createAuthenticator({ verifyJwt });
    expect(await refusal({ 'x-api-key': KIOSK_KEY }, jwtOnly)).toBe('this gateway accepts no API keys (no key file is configured); send Authorization: Bearer <token>');
  });

  it('the key table holds hashes only, never a key in clear', () => {
    for (const entry of apiKeys) {
      expect(entry.hash.toString('hex')).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(entry)).not.toContain(KIOSK_KEY);
    }
    expect(findApiKeyHolder(apiKeys, KIOSK_KEY)?.clientId).toBe('kiosk-01');
    expect(findApiKeyHolder(apiKeys, createHash('sha256').update(KIOSK_KEY).digest('hex'))).toBeNull(); // the hash is not a key
  });

  it.each([
    ['not JSON', '{', /test keys is not JSON/],
    ['an array', '[]', /must be an object/],
    ['a key that is not a SHA-256 digest', JSON.stringify({ 'plain-key': { clientId: 'a', role: 'frontend', scopes: [] } }), /SHA-256 hex digests/],
    ['no clientId', JSON.stringify({ [hashApiKey('x')]: { role: 'frontend', scopes: [] } }), /"clientId" must be a non-empty string/],
    ['a bad role', JSON.stringify({ [hashApiKey('x')]: { clientId: 'a', role: 'root', scopes: [] } }), /"role" must be one of frontend, agency-publisher, auditor, operator/],
    ['scopes as a string', JSON.stringify({ [hashApiKey('x')]: { clientId: 'a', role: 'frontend', scopes: 'identity:read' } }), /"scopes" must be an array/],
    ['a publisher without agency', JSON.stringify({ [hashApiKey('x')]: { clientId: 'a', role: 'agency-publisher', scopes: [] } }), /an agency-publisher key must name its "agency"/],
  ])('a key file with %s is refused', (_name, content, message) => {
    expect(() => parseApiKeyTable(content, 'test keys')).toThrow(message);
  });
});

describe('credential headers', () => {
  it('no credentials at all', async () => {
    expect(await refusal({})).toBe('no credentials: send Authorization: Bearer <token> or X-Api-Key: <key>');
  });

  it('a bearer token and an API key together are refused as ambiguous', async () => {
    const message = await refusal({ authorization: `Bearer ${await signToken(key)}`, 'x-api-key': KIOSK_KEY });
    expect(message).toBe('ambiguous credentials: a bearer token and an API key were both sent; send exactly one');
  });

  it('ApiKey in Authorization and X-Api-Key together are refused', async () => {
    expect(await refusal({ authorization: `ApiKey ${KIOSK_KEY}`, 'x-api-key': KIOSK_KEY })).toBe('ambiguous credentials: more than one credential was sent; send exactly one');
  });

  it('an unsupported Authorization scheme, without echoing the credential', async () => {
    const message = await refusal({ authorization: 'Basic dXNlcjpwYXNzd29yZA==' });
    expect(message).toBe('the Authorization scheme is not supported: send Authorization: Bearer <token> or X-Api-Key: <key> (or Authorization: ApiKey <key>)');
    expect(message).not.toContain('dXNlcjpwYXNzd29yZA');
  });
});

describe('a scope or role forged in an unsigned header grants nothing', () => {
  const forged = {
    'x-satu-scopes': 'health:read tax:read audit:read',
    'x-satu-role': 'operator',
    'x-satu-client': 'operator-console',
    'x-satu-agency': 'bpjs-kesehatan',
    'x-forwarded-user': 'admin',
    scope: 'health:read',
  };

  it('with a valid frontend token, the caller keeps exactly the token\'s role and scopes', async () => {
    const token = await signToken(key);
    const honest = await auth.authenticate({ authorization: `Bearer ${token}` });
    const withForgery = await auth.authenticate({ authorization: `Bearer ${token}`, ...forged });
    expect(withForgery).toEqual(honest);
    expect(withForgery.role).toBe('frontend');
    expect(withForgery.scopes.has('health:read')).toBe(false);
    expect(withForgery.scopes.has('audit:read')).toBe(false);
    expect(withForgery.agency).toBeNull();
  });

  it('with an API key, the caller keeps exactly the key\'s role and scopes', async () => {
    const caller = await auth.authenticate({ 'x-api-key': KIOSK_KEY, ...forged });
    expect(caller).toEqual({ clientId: 'kiosk-01', role: 'frontend', scopes: new Set(['identity:read', 'vehicle:read']), agency: null, via: 'api-key' });
  });

  it('without credentials, the forged headers do not authenticate anyone', async () => {
    expect(await refusal(forged)).toBe('no credentials: send Authorization: Bearer <token> or X-Api-Key: <key>');
  });
});

describe('development switch', () => {
  it('every request is the development caller with every known scope, credentials or not', async () => {
    const development = createDevelopmentAuthenticator();
    for (const headers of [{}, { authorization: 'Bearer garbage' }, { 'x-satu-role': 'auditor' }]) {
      const caller = await development.authenticate(headers);
      expect(caller.via).toBe('development');
      expect([...caller.scopes].sort()).toEqual([...KNOWN_SCOPES].sort());
    }
  });
});
