import { GraphQLError } from 'graphql';
import { createAuthenticator, type Authenticator } from '../../../../gateway/access/authenticate';
import type { Caller } from '../../../../gateway/access/caller';
import { createJwtVerifier, type JwtVerifier, type TokenLifetime, type VerifiedJwt } from '../../../../gateway/access/jwt-verifier';
import { DEFAULT_VERIFIED_TOKEN_ENTRIES, VerifiedTokenCache } from '../../../../gateway/access/verified-token-cache';
import { AUDIENCE, ISSUER, NOW, NOW_SECONDS, makeSigningKey, signToken, type SigningKey } from './access-fixtures';

const TOLERANCE_SECONDS = 30;

let key: SigningKey;
/** The test clock every verifier here reads; each test starts at NOW. */
let clock: Date;

beforeAll(async () => {
  key = await makeSigningKey('ES256', 'k1');
});

beforeEach(() => {
  clock = NOW;
});

function setClock(secondsAfterNow: number): void {
  clock = new Date(NOW.getTime() + secondsAfterNow * 1000);
}

/** The real verifier, wrapped so a test can count how often a token is verified in full. */
function countedVerifier(): { verifier: JwtVerifier; verifications: () => number } {
  const real = createJwtVerifier({
    keys: { jwks: { keys: [key.publicJwk] }, algorithms: ['ES256'] },
    issuer: ISSUER,
    audience: AUDIENCE,
    clockToleranceSeconds: TOLERANCE_SECONDS,
    now: () => clock,
  });
  let count = 0;
  const verifier: JwtVerifier = {
    verify: (token) => {
      count += 1;
      return real.verify(token);
    },
    isCurrent: (lifetime) => real.isCurrent(lifetime),
  };
  return { verifier, verifications: () => count };
}

function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

async function refusal(auth: Authenticator, token: string): Promise<string> {
  const error = await auth.authenticate(bearer(token)).then(
    () => {
      throw new Error('the token was accepted');
    },
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(GraphQLError);
  expect((error as GraphQLError).extensions.code).toBe('UNAUTHENTICATED');
  return (error as GraphQLError).message;
}

/** `token` with the character at `index` replaced by another base64url character. */
function withOneCharacterChanged(token: string, index: number): string {
  const replacement = token[index] === 'A' ? 'B' : 'A';
  return `${token.slice(0, index)}${replacement}${token.slice(index + 1)}`;
}

describe('the authenticator remembers verified tokens', () => {
  it('verifies a token once: the same token again is not verified again, and names the same caller', async () => {
    const { verifier, verifications } = countedVerifier();
    const auth = createAuthenticator({ verifyJwt: verifier });
    const token = await signToken(key);
    const first = await auth.authenticate(bearer(token));
    expect(verifications()).toBe(1);
    for (let request = 0; request < 5; request += 1) {
      expect(await auth.authenticate(bearer(token))).toEqual(first);
    }
    expect(verifications()).toBe(1);
    expect(first).toEqual({ clientId: 'loket-imigrasi-01', role: 'frontend', scopes: new Set(['identity:read', 'passport:read']), agency: null, via: 'jwt' });
  });

  it('refuses a remembered token with the usual expired message once the clock passes exp (tolerance included)', async () => {
    const { verifier, verifications } = countedVerifier();
    const auth = createAuthenticator({ verifyJwt: verifier });
    const token = await signToken(key, { expiresIn: 60 });
    await auth.authenticate(bearer(token));

    // exp + tolerance is the first second jose refuses; the last millisecond before it still counts.
    setClock(60 + TOLERANCE_SECONDS - 0.001);
    expect((await auth.authenticate(bearer(token))).clientId).toBe('loket-imigrasi-01');
    expect(verifications()).toBe(1);

    setClock(60 + TOLERANCE_SECONDS);
    const expired = `the token expired at ${new Date((NOW_SECONDS + 60) * 1000).toISOString()}; get a new one from the issuer`;
    expect(await refusal(auth, token)).toBe(expired);
    expect(verifications()).toBe(2); // dropped from the cache and verified in full
    expect(await refusal(auth, token)).toBe(expired);
    expect(verifications()).toBe(3); // the refusal was not remembered either
  });

  it('refuses a remembered token when the clock goes back before nbf (minus tolerance)', async () => {
    const { verifier, verifications } = countedVerifier();
    const auth = createAuthenticator({ verifyJwt: verifier });
    const token = await signToken(key, { notBefore: 10, expiresIn: 600 });
    await auth.authenticate(bearer(token));
    setClock(10 - TOLERANCE_SECONDS - 1);
    expect(await refusal(auth, token)).toBe(`the token is not valid before ${new Date((NOW_SECONDS + 10) * 1000).toISOString()}`);
    expect(verifications()).toBe(2);
  });

  it('refuses a token with one character changed, every time, while the good token stays remembered', async () => {
    const { verifier, verifications } = countedVerifier();
    const auth = createAuthenticator({ verifyJwt: verifier });
    const token = await signToken(key);
    await auth.authenticate(bearer(token));
    const signatureStart = token.lastIndexOf('.') + 1;
    // One change in the payload, one in the middle of the signature.
    const tampered = [withOneCharacterChanged(token, token.indexOf('.') + 10), withOneCharacterChanged(token, signatureStart + 20)];
    for (const forged of tampered) {
      for (let attempt = 0; attempt < 2; attempt += 1) {
        expect(await refusal(auth, forged)).toBe('the token\'s signature does not verify against the configured keys');
      }
    }
    expect(verifications()).toBe(1 + 4); // each forged request was verified in full, and refused
    expect((await auth.authenticate(bearer(token))).role).toBe('frontend');
    expect(verifications()).toBe(5);
  });

  it('hands each request its own copy of the caller: changing one cannot widen the next', async () => {
    const { verifier } = countedVerifier();
    const auth = createAuthenticator({ verifyJwt: verifier });
    const token = await signToken(key);
    const first = await auth.authenticate(bearer(token));
    (first.scopes as Set<string>).add('audit:read');
    first.role = 'operator';
    const second = await auth.authenticate(bearer(token));
    (second.scopes as Set<string>).add('health:read');
    const third = await auth.authenticate(bearer(token));
    expect(third.role).toBe('frontend');
    expect([...third.scopes].sort()).toEqual(['identity:read', 'passport:read']);
  });

  it('keeps the most recently used tokens within its bound', async () => {
    const { verifier, verifications } = countedVerifier();
    const auth = createAuthenticator({ verifyJwt: verifier, verifiedTokenEntries: 2 });
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((clientId) => signToken(key, { claims: { client_id: clientId, role: 'frontend' } })));
    for (const token of [a, b, c]) await auth.authenticate(bearer(token as string)); // remembers b, c
    expect(verifications()).toBe(3);
    await auth.authenticate(bearer(c as string)); // hit; c is now the most recent
    expect(verifications()).toBe(3);
    await auth.authenticate(bearer(b as string)); // hit
    expect(verifications()).toBe(3);
    expect((await auth.authenticate(bearer(a as string))).clientId).toBe('a'); // a was pushed out: verified again, pushes out c
    expect(verifications()).toBe(4);
    await auth.authenticate(bearer(b as string));
    expect(verifications()).toBe(4);
    await auth.authenticate(bearer(c as string));
    expect(verifications()).toBe(5);
  });

  it('forgets every token when told to (what a key reload must do)', async () => {
    const { verifier, verifications } = countedVerifier();
    const auth = createAuthenticator({ verifyJwt: verifier });
    const token = await signToken(key);
    await auth.authenticate(bearer(token));
    auth.forgetVerifiedTokens();
    await auth.authenticate(bearer(token));
    expect(verifications()).toBe(2);
  });

  it('verifies every request in full when the cache is turned off (0 entries)', async () => {
    const { verifier, verifications } = countedVerifier();
    const auth = createAuthenticator({ verifyJwt: verifier, verifiedTokenEntries: 0 });
    const token = await signToken(key);
    for (let request = 0; request < 3; request += 1) expect((await auth.authenticate(bearer(token))).via).toBe('jwt');
    expect(verifications()).toBe(3);
  });

  it.each([[-1], [2.5], [Number.NaN]])('refuses a cache size of %p', (entries) => {
    const { verifier } = countedVerifier();
    expect(() => createAuthenticator({ verifyJwt: verifier, verifiedTokenEntries: entries })).toThrow(
      new RangeError(`the verified-token cache needs room for a whole number of tokens, at least 1, not ${entries}`),
    );
  });
});

describe('VerifiedTokenCache', () => {
  const LIFETIME: TokenLifetime = { expiresAt: NOW_SECONDS + 3600 };
  function callerNamed(clientId: string): Caller {
    return { clientId, role: 'frontend', scopes: new Set(['identity:read']), agency: null, via: 'jwt' };
  }
  /** A stand-in verifier that accepts any token and names the caller after it. */
  function acceptAll(): { verify: (token: string) => Promise<VerifiedJwt>; calls: string[] } {
    const calls: string[] = [];
    return {
      calls,
      verify: async (token) => {
        calls.push(token);
        return { caller: callerNamed(token), lifetime: LIFETIME };
      },
    };
  }

  it('holds at most its default of 10,000 tokens however many distinct ones arrive', async () => {
    const cache = new VerifiedTokenCache({ isCurrent: () => true });
    const { verify, calls } = acceptAll();
    const distinct = DEFAULT_VERIFIED_TOKEN_ENTRIES + 500;
    for (let index = 0; index < distinct; index += 1) await cache.callerFor(`token-${index}`, verify);
    expect(cache.maxEntries).toBe(10_000);
    expect(cache.size).toBe(10_000);
    expect(calls).toHaveLength(distinct);
    // The newest are remembered, the oldest were pushed out.
    expect((await cache.callerFor(`token-${distinct - 1}`, verify)).clientId).toBe(`token-${distinct - 1}`);
    expect(calls).toHaveLength(distinct);
    await cache.callerFor('token-0', verify);
    expect(calls).toHaveLength(distinct + 1);
    expect(cache.size).toBe(10_000);
  });

  it('stores nothing when verification fails, and passes the refusal on unchanged', async () => {
    const cache = new VerifiedTokenCache({ maxEntries: 5, isCurrent: () => true });
    const refusal = new GraphQLError('the token\'s signature does not verify against the configured keys');
    const verify = jest.fn(async (): Promise<VerifiedJwt> => {
      throw refusal;
    });
    for (let attempt = 0; attempt < 3; attempt += 1) await expect(cache.callerFor('bad-token', verify)).rejects.toBe(refusal);
    expect(verify).toHaveBeenCalledTimes(3);
    expect(cache.size).toBe(0);
  });

  it('drops an entry that is no longer current instead of keeping it', async () => {
    let current = true;
    const cache = new VerifiedTokenCache({ maxEntries: 5, isCurrent: () => current });
    const { verify, calls } = acceptAll();
    await cache.callerFor('t', verify);
    current = false;
    const failing = jest.fn(async (): Promise<VerifiedJwt> => {
      throw new GraphQLError('expired');
    });
    await expect(cache.callerFor('t', failing)).rejects.toThrow('expired');
    expect(cache.size).toBe(0);
    expect(calls).toEqual(['t']);
  });

  it.each([[0], [-3], [1.5]])('refuses room for %p tokens', (maxEntries) => {
    expect(() => new VerifiedTokenCache({ maxEntries, isCurrent: () => true })).toThrow(/needs room for a whole number of tokens, at least 1/);
  });
});
