import { createPublicKey } from 'node:crypto';
import { SignJWT, exportJWK, type JWTPayload, type KeyLike } from 'jose';
import { GraphQLError } from 'graphql';
import { loadJwtKeys } from '../../../../gateway/access/jwt-keys';
import type { Caller } from '../../../../gateway/access/caller';
import { createJwtVerifier } from '../../../../gateway/access/jwt-verifier';
import {
  AUDIENCE,
  FRONTEND_CLAIMS,
  HMAC_SECRET,
  ISSUER,
  NOW,
  NOW_SECONDS,
  base64url,
  makeSigningKey,
  signToken,
  tempDir,
  type SigningKey,
} from './access-fixtures';

let es: SigningKey;
let rs: SigningKey;
let stranger: SigningKey;
let files: ReturnType<typeof tempDir>;
/** A verifier reduced to what most tests here look at: the caller, or the refusal. */
type VerifyCaller = (token: string) => Promise<Caller>;
/** ES256 + RS256 public keys only: no HS256 secret. */
let asymmetricOnly: VerifyCaller;
/** The same keys plus an HS256 secret. */
let withSecret: VerifyCaller;

async function verifierFor(jwksKeys: SigningKey[], secret?: string, clockToleranceSeconds = 30): Promise<VerifyCaller> {
  const jwksFile = files.file(`jwks-${Math.random().toString(36).slice(2)}.json`, JSON.stringify({ keys: jwksKeys.map((key) => key.publicJwk) }));
  const secretFile = secret === undefined ? undefined : files.file(`secret-${Math.random().toString(36).slice(2)}`, secret);
  const { keys } = await loadJwtKeys({ jwksFile, secretFile });
  const verifier = createJwtVerifier({ keys, issuer: ISSUER, audience: AUDIENCE, clockToleranceSeconds, now: () => NOW });
  return async (token) => (await verifier.verify(token)).caller;
}

/** The UNAUTHENTICATED error `verify(token)` throws; fails the test if it resolves. */
async function refusal(verify: VerifyCaller, token: string): Promise<GraphQLError> {
  const error = await verify(token).then(
    () => {
      throw new Error('the token was accepted');
    },
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(GraphQLError);
  const graphqlError = error as GraphQLError;
  expect(graphqlError.extensions.code).toBe('UNAUTHENTICATED');
  // No part of the token ever comes back to the client.
  for (const part of token.split('.').filter((segment) => segment.length > 8)) expect(graphqlError.message).not.toContain(part);
  return graphqlError;
}

beforeAll(async () => {
  files = tempDir('jwt');
  es = await makeSigningKey('ES256', 'es-2026');
  rs = await makeSigningKey('RS256', 'rs-2026');
  stranger = await makeSigningKey('ES256', 'es-2026'); // same kid, different key
  asymmetricOnly = await verifierFor([es, rs]);
  withSecret = await verifierFor([es, rs], HMAC_SECRET);
});

afterAll(() => files.remove());

describe('valid tokens map to a Caller', () => {
  it.each([['ES256'], ['RS256']])('accepts a %s token and reads client, role, scopes', async (alg) => {
    const caller = await asymmetricOnly(await signToken(alg === 'ES256' ? es : rs));
    expect(caller).toEqual({ clientId: 'loket-imigrasi-01', role: 'frontend', scopes: new Set(['identity:read', 'passport:read']), agency: null, via: 'jwt' });
  });

  it('accepts an HS256 token when a secret is configured', async () => {
    const caller = await withSecret(await signToken({ secret: HMAC_SECRET }));
    expect(caller.clientId).toBe('loket-imigrasi-01');
    expect(caller.via).toBe('jwt');
  });

  it('takes the client from sub when there is no client_id, and scopes from a "scopes" array', async () => {
    const caller = await asymmetricOnly(await signToken(es, { claims: { sub: 'kiosk-7', role: 'auditor', scopes: ['audit:read', 'lineage:read'] } }));
    expect(caller.clientId).toBe('kiosk-7');
    expect(caller.role).toBe('auditor');
    expect([...caller.scopes].sort()).toEqual(['audit:read', 'lineage:read']);
  });

  it('prefers client_id over sub', async () => {
    const caller = await asymmetricOnly(await signToken(es, { claims: { sub: 'user-1', client_id: 'app-1', role: 'frontend' } }));
    expect(caller.clientId).toBe('app-1');
  });

  it('keeps unknown scopes on the caller (they grant nothing because nothing asks for them)', async () => {
    const caller = await asymmetricOnly(await signToken(es, { claims: { ...FRONTEND_CLAIMS, scope: 'identity:read galaxy:conquer' } }));
    expect([...caller.scopes]).toEqual(['identity:read', 'galaxy:conquer']);
  });

  it('reads the agency of a publisher', async () => {
    const caller = await asymmetricOnly(await signToken(es, { claims: { client_id: 'simkim', role: 'agency-publisher', scope: 'schema:read publish', agency: 'imigrasi' } }));
    expect(caller.role).toBe('agency-publisher');
    expect(caller.agency).toBe('imigrasi');
  });

  it('tolerates a small clock difference on exp and nbf', async () => {
    expect((await asymmetricOnly(await signToken(es, { expiresIn: -20 }))).role).toBe('frontend');
    expect((await asymmetricOnly(await signToken(es, { notBefore: 20 }))).role).toBe('frontend');
  });
});

describe('the lifetime of a verified token (what a cache of verdicts relies on)', () => {
  it('carries the token\'s exp and nbf', async () => {
    const verifier = createJwtVerifier({ keys: { jwks: { keys: [es.publicJwk] }, algorithms: ['ES256'] }, issuer: ISSUER, audience: AUDIENCE, clockToleranceSeconds: 30, now: () => NOW });
    expect((await verifier.verify(await signToken(es, { expiresIn: 600, notBefore: -60 }))).lifetime).toEqual({ expiresAt: NOW_SECONDS + 600, notBefore: NOW_SECONDS - 60 });
    expect((await verifier.verify(await signToken(es, { expiresIn: 600 }))).lifetime).toEqual({ expiresAt: NOW_SECONDS + 600 });
  });

  // isCurrent must say "still valid" exactly when a fresh verification would accept the token:
  // checked at every second (and within the second) around both edges, tolerance 0 and 30.
  it.each([[0], [30]])('isCurrent agrees with a fresh verification around nbf and exp, tolerance %i s', async (tolerance) => {
    let clock = NOW;
    const verifier = createJwtVerifier({ keys: { jwks: { keys: [es.publicJwk] }, algorithms: ['ES256'] }, issuer: ISSUER, audience: AUDIENCE, clockToleranceSeconds: tolerance, now: () => clock });
    const tokens = [await signToken(es, { notBefore: 100, expiresIn: 200 }), await signToken(es, { expiresIn: 200 })];
    const verdicts = new Set<boolean>();
    for (const token of tokens) {
      clock = new Date(NOW.getTime() + 150_000);
      const { lifetime } = await verifier.verify(token);
      const edges = [100 - tolerance, 200 + tolerance];
      for (const edge of edges) {
        for (let second = edge - 2; second <= edge + 2; second += 1) {
          for (const millis of [0, 1, 500, 999]) {
            clock = new Date(NOW.getTime() + second * 1000 + millis);
            const fresh = await verifier.verify(token).then(() => true, () => false);
            expect({ second, millis, current: verifier.isCurrent(lifetime) }).toEqual({ second, millis, current: fresh });
            verdicts.add(fresh);
          }
        }
      }
    }
    expect([...verdicts].sort()).toEqual([false, true]); // both sides of the edges were reached
  });
});

describe('bad tokens are refused, each with its own message', () => {
  it('expired', async () => {
    const error = await refusal(asymmetricOnly, await signToken(es, { expiresIn: -3600 }));
    expect(error.message).toBe(`the token expired at ${new Date((NOW_SECONDS - 3600) * 1000).toISOString()}; get a new one from the issuer`);
  });

  it('expired just past the clock tolerance', async () => {
    const verify = await verifierFor([es], undefined, 5);
    const error = await refusal(verify, await signToken(es, { expiresIn: -6 }));
    expect(error.message).toMatch(/^the token expired at /);
  });

  it('not yet valid', async () => {
    const error = await refusal(asymmetricOnly, await signToken(es, { notBefore: 600 }));
    expect(error.message).toBe(`the token is not valid before ${new Date((NOW_SECONDS + 600) * 1000).toISOString()}`);
  });

  it('without an expiry', async () => {
    const error = await refusal(asymmetricOnly, await signToken(es, { expiresIn: null }));
    expect(error.message).toBe('the token has no "exp" claim; tokens without an expiry are refused');
  });

  it('wrong issuer', async () => {
    const error = await refusal(asymmetricOnly, await signToken(es, { issuer: 'https://evil.example' }));
    expect(error.message).toBe(`the token has the wrong issuer: this gateway accepts tokens issued by "${ISSUER}"`);
    expect(error.message).not.toContain('evil.example');
  });

  it('wrong audience', async () => {
    const error = await refusal(asymmetricOnly, await signToken(es, { audience: 'another-gateway' }));
    expect(error.message).toBe(`the token has the wrong audience: this gateway accepts tokens for "${AUDIENCE}"`);
  });

  it('unsigned (alg: none), with and without a signature part', async () => {
    const header = base64url({ alg: 'none', typ: 'JWT' });
    const payload = base64url({ ...FRONTEND_CLAIMS, iss: ISSUER, aud: AUDIENCE, exp: NOW_SECONDS + 3600 });
    for (const token of [`${header}.${payload}.`, `${header}.${payload}.c2lnbmF0dXJl`]) {
      const error = await refusal(withSecret, token);
      expect(error.message).toBe('the token\'s algorithm "none" is not supported: this gateway accepts RS256, ES256, HS256');
    }
  });

  it('an algorithm outside the allow-list (PS256), whatever its signature', async () => {
    const header = base64url({ alg: 'PS256', kid: rs.kid });
    const payload = base64url({ ...FRONTEND_CLAIMS, iss: ISSUER, aud: AUDIENCE, exp: NOW_SECONDS + 3600 });
    const error = await refusal(asymmetricOnly, `${header}.${payload}.c2lnbmF0dXJlLXNpZ25hdHVyZQ`);
    expect(error.message).toBe('the token\'s algorithm "PS256" is not supported: this gateway accepts RS256, ES256');
  });

  it('tampered payload (role raised to operator, signature kept)', async () => {
    const [header, , signature] = (await signToken(es)).split('.');
    const forged = base64url({ ...FRONTEND_CLAIMS, role: 'operator', scope: 'audit:read schema:read', iss: ISSUER, aud: AUDIENCE, exp: NOW_SECONDS + 3600 });
    const error = await refusal(asymmetricOnly, `${header}.${forged}.${signature}`);
    expect(error.message).toBe('the token\'s signature does not verify against the configured keys');
  });

  it('signed by a key we do not hold (same kid)', async () => {
    const error = await refusal(asymmetricOnly, await signToken(stranger));
    expect(error.message).toBe('the token\'s signature does not verify against the configured keys');
  });

  it('naming a kid we do not have', async () => {
    const other = { ...stranger, kid: 'unknown-kid' };
    const error = await refusal(asymmetricOnly, await signToken(other));
    expect(error.message).toBe('the token\'s signature does not verify against the configured keys');
  });

  it('HS256 signed with our own public key as the secret, when only RS/ES keys are configured (algorithm confusion)', async () => {
    const publicPem = createPublicKey({ key: rs.publicJwk as never, format: 'jwk' }).export({ format: 'pem', type: 'spki' }).toString();
    const token = await signToken({ secret: publicPem });
    const error = await refusal(asymmetricOnly, token);
    expect(error.message).toBe('the token\'s algorithm "HS256" is not supported: this gateway accepts RS256, ES256');
  });

  it('HS256 signed with the public key, when a secret is configured too: the secret is the only HS256 key', async () => {
    const publicPem = createPublicKey({ key: rs.publicJwk as never, format: 'jwk' }).export({ format: 'pem', type: 'spki' }).toString();
    const error = await refusal(withSecret, await signToken({ secret: publicPem }));
    expect(error.message).toBe('the token\'s signature does not verify against the configured keys');
  });

  it('HS256 signed with the wrong secret', async () => {
    const error = await refusal(withSecret, await signToken({ secret: 'another-secret-that-is-also-long-enough-for-hs256' }));
    expect(error.message).toBe('the token\'s signature does not verify against the configured keys');
  });

  it('an RS256 header on a token signed with ES256 (kty mismatch)', async () => {
    const [, payload, signature] = (await signToken(es)).split('.');
    const header = base64url({ alg: 'RS256', kid: es.kid });
    const error = await refusal(asymmetricOnly, `${header}.${payload}.${signature}`);
    expect(error.message).toBe('the token\'s signature does not verify against the configured keys');
  });

  it.each([
    ['not a JWT', 'hello'],
    ['two parts', 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0'],
    ['header is not JSON', `${base64url('not json')}.${base64url({ sub: 'x' })}.c2ln`],
    ['characters outside base64url', 'eyJhbGciOiJFUzI1NiJ9.eyJz dWIi.c2ln'],
    ['far too long', `${base64url({ alg: 'ES256' })}.${'A'.repeat(9000)}.c2ln`],
  ])('malformed: %s', async (_name, token) => {
    const error = await refusal(asymmetricOnly, token);
    expect(error.message).toBe('the bearer token is malformed: expected a signed JWT (three base64url parts separated by dots)');
  });

  it('a payload that is not a JSON object, correctly signed', async () => {
    const header = base64url({ alg: 'HS256' });
    const payload = base64url('"just a string"');
    const { createHmac } = await import('node:crypto');
    const signature = createHmac('sha256', HMAC_SECRET).update(`${header}.${payload}`).digest('base64url');
    const error = await refusal(withSecret, `${header}.${payload}.${signature}`);
    expect(error.message).toBe('the bearer token is malformed: expected a signed JWT (three base64url parts separated by dots)');
  });

  it('exp that is not a number', async () => {
    const token = await new SignJWT({ ...FRONTEND_CLAIMS, exp: 'tomorrow' } as unknown as JWTPayload)
      .setProtectedHeader({ alg: 'ES256', kid: es.kid })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .sign(es.privateKey as KeyLike);
    const error = await refusal(asymmetricOnly, token);
    expect(error.message).toBe('the token\'s "exp" claim is not a number of seconds');
  });
});

describe('signed but unusable claims are refused', () => {
  it.each([
    ['no client', { role: 'frontend' }, 'the token names no client: it needs a "client_id" or "sub" claim (a non-empty string of at most 200 characters)'],
    ['empty client', { client_id: ' ', role: 'frontend' }, 'the token names no client: it needs a "client_id" or "sub" claim (a non-empty string of at most 200 characters)'],
    ['no role', { client_id: 'a' }, 'the token\'s "role" claim must be one of frontend, agency-publisher, auditor, operator'],
    ['unknown role', { client_id: 'a', role: 'admin' }, 'the token\'s "role" claim must be one of frontend, agency-publisher, auditor, operator'],
    ['publisher without agency', { client_id: 'a', role: 'agency-publisher' }, 'an agency-publisher token must name its agency in an "agency" claim'],
    ['agency not a name', { client_id: 'a', role: 'agency-publisher', agency: 'Imigrasi; DROP' }, 'the token\'s "agency" claim must be an agency name in lower case (e.g. "imigrasi")'],
    ['scope not a string', { client_id: 'a', role: 'frontend', scope: ['identity:read'] }, 'the token\'s "scope" claim must be a space-separated string of scopes'],
    ['scopes not strings', { client_id: 'a', role: 'frontend', scopes: [1, 2] }, 'the token\'s "scopes" claim must be an array of strings'],
  ])('%s', async (_name, claims, message) => {
    const error = await refusal(asymmetricOnly, await signToken(es, { claims }));
    expect(error.message).toBe(message);
  });
});

describe('key files', () => {
  it('refuse a JWKS holding a private key', async () => {
    const { privateKey } = await import('jose').then((jose) => jose.generateKeyPair('ES256'));
    const privateJwk = await exportJWK(privateKey);
    const file = files.file('private.json', JSON.stringify({ keys: [privateJwk] }));
    await expect(loadJwtKeys({ jwksFile: file })).rejects.toThrow(/contains private key material \("d"\); the JWKS file must hold public keys only/);
  });

  it.each([
    ['not JSON', '{', /is not readable JSON/],
    ['no keys array', '{"k":1}', /must be a JWKS/],
    ['empty', '{"keys":[]}', /holds no keys/],
    ['symmetric key', '{"keys":[{"kty":"oct","k":"c2VjcmV0"}]}', /a symmetric \(oct\) key does not belong in the JWKS file/],
    ['P-384 curve', '{"keys":[{"kty":"EC","crv":"P-384","x":"a","y":"b"}]}', /must be on curve P-256 \(ES256\)/],
    ['RSA key for PS256', '{"keys":[{"kty":"RSA","alg":"PS256","n":"a","e":"AQAB"}]}', /an RSA key must be for RS256, got alg "PS256"/],
    ['Ed25519', '{"keys":[{"kty":"OKP","crv":"Ed25519","x":"a"}]}', /key type "OKP" is not supported/],
    ['garbage coordinates', '{"keys":[{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}]}', /is not a usable ES256 public key/],
  ])('refuse a JWKS that is %s', async (_name, content, message) => {
    await expect(loadJwtKeys({ jwksFile: files.file('bad.json', content) })).rejects.toThrow(message);
  });

  it('refuse an RSA key shorter than 2048 bits', async () => {
    const { publicKey } = await import('node:crypto').then((crypto) => crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }));
    const file = files.file('short-rsa.json', JSON.stringify({ keys: [publicKey.export({ format: 'jwk' })] }));
    await expect(loadJwtKeys({ jwksFile: file })).rejects.toThrow(/an RS256 key needs a modulus of at least 2048 bits, this one has 1024/);
  });

  it('refuse two keys with the same kid', async () => {
    const file = files.file('dup.json', JSON.stringify({ keys: [es.publicJwk, { ...rs.publicJwk, kid: es.kid }] }));
    await expect(loadJwtKeys({ jwksFile: file })).rejects.toThrow(/repeats kid "es-2026"/);
  });

  it('refuse an HS256 secret shorter than 32 bytes', async () => {
    await expect(loadJwtKeys({ secretFile: files.file('short', 'too-short\n') })).rejects.toThrow(/holds 9 bytes; an HS256 secret needs at least 32/);
  });

  it('accept only the algorithms of the configured keys', async () => {
    expect((await loadJwtKeys({ jwksFile: files.file('es.json', JSON.stringify({ keys: [es.publicJwk] })) })).keys.algorithms).toEqual(['ES256']);
    expect((await loadJwtKeys({ secretFile: files.file('s', HMAC_SECRET) })).keys.algorithms).toEqual(['HS256']);
  });
});
