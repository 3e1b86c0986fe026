import { chmodSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { ConfigError } from '../../../../gateway/config';
import { loadApiKeyFile, findApiKeyHolder } from '../../../../gateway/access/api-keys';
import { DEMO_FILES, demoCredentials, formatDemoCredentials } from '../../../../gateway/access/demo-credentials';
import { loadJwtKeys } from '../../../../gateway/access/jwt-keys';
import { createJwtVerifier } from '../../../../gateway/access/jwt-verifier';
import { NOW, tempDir } from './access-fixtures';

const posix = process.platform !== 'win32';
let work: ReturnType<typeof tempDir>;
beforeEach(() => {
  work = tempDir('demo');
});
afterEach(() => work.remove());

function accessFile(name: string): string {
  return path.join(work.dir, 'access', name);
}

async function verifierFor(jwksFile: string, now = NOW) {
  const { keys } = await loadJwtKeys({ jwksFile });
  const verifier = createJwtVerifier({ keys, issuer: 'satu-demo', audience: 'satu-gateway', clockToleranceSeconds: 30, now: () => now });
  return async (token: string) => (await verifier.verify(token)).caller;
}

describe('demoCredentials', () => {
  it('mints one token per role that verifies against the generated JWKS, with the scopes of the role', async () => {
    const credentials = await demoCredentials(work.dir, { now: () => NOW });
    expect(credentials.tokens.map(({ role }) => role)).toEqual(['frontend', 'agency-publisher', 'auditor', 'operator']);
    expect(credentials.purpose).toBe('counter-service');
    const verify = await verifierFor(credentials.jwksFile);
    const callers = Object.fromEntries(await Promise.all(credentials.tokens.map(async ({ role, token }) => [role, await verify(token)] as const)));
    expect(callers.frontend).toEqual({
      clientId: 'demo-frontend',
      role: 'frontend',
      scopes: new Set(['identity:read', 'passport:read', 'police:read', 'vehicle:read', 'health:read', 'employment:read', 'tax:read', 'land:read', 'business:read', 'marriage:read']),
      agency: null,
      via: 'jwt',
    });
    expect(callers.auditor?.scopes).toEqual(new Set(['audit:read', 'lineage:read', 'schema:read']));
    expect(callers.operator?.scopes).toEqual(new Set(['schema:read', 'mpp:write', 'audit:read']));
    expect(callers['agency-publisher']).toMatchObject({ role: 'agency-publisher', agency: 'imigrasi', scopes: new Set(['schema:read', 'publish']) });
  });

  it('tokens are ES256, issued by satu-demo for satu-gateway, and expire after 12 hours', async () => {
    const { tokens, expiresAt } = await demoCredentials(work.dir, { now: () => NOW });
    for (const { token } of tokens) {
      expect(decodeProtectedHeader(token).alg).toBe('ES256');
      const claims = decodeJwt(token);
      expect(claims).toMatchObject({ iss: 'satu-demo', aud: 'satu-gateway' });
      expect((claims.exp as number) - (claims.iat as number)).toBe(12 * 3600);
    }
    expect(expiresAt.getTime() - NOW.getTime()).toBe(12 * 3600 * 1000);
    const afterExpiry = await verifierFor(accessFile(DEMO_FILES.jwks), new Date(expiresAt.getTime() + 60_000));
    await expect(afterExpiry(tokens[0]?.token as string)).rejects.toThrow(/^the token expired at /);
  });

  it('writes the private key and the API key readable by the owner only', async () => {
    await demoCredentials(work.dir, { now: () => NOW });
    for (const name of [DEMO_FILES.signingKey, DEMO_FILES.jwks, DEMO_FILES.apiKey, DEMO_FILES.apiKeys]) expect(existsSync(accessFile(name))).toBe(true);
    if (posix) {
      expect(statSync(accessFile(DEMO_FILES.signingKey)).mode & 0o777).toBe(0o600);
      expect(statSync(accessFile(DEMO_FILES.apiKey)).mode & 0o777).toBe(0o600);
    }
    const jwks = JSON.parse(readFileSync(accessFile(DEMO_FILES.jwks), 'utf8'));
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwks.keys[0].d).toBeUndefined();
  });

  it('reuses the key files on the next start and mints fresh tokens', async () => {
    const first = await demoCredentials(work.dir, { now: () => NOW });
    const keyBefore = readFileSync(accessFile(DEMO_FILES.signingKey), 'utf8');
    const jwksBefore = readFileSync(accessFile(DEMO_FILES.jwks), 'utf8');
    const later = new Date(NOW.getTime() + 3600_000);
    const second = await demoCredentials(work.dir, { now: () => later });
    expect(readFileSync(accessFile(DEMO_FILES.signingKey), 'utf8')).toBe(keyBefore);
    expect(readFileSync(accessFile(DEMO_FILES.jwks), 'utf8')).toBe(jwksBefore);
    expect(second.apiKey.key).toBe(first.apiKey.key);
    expect(second.tokens.map(({ token }) => token)).not.toEqual(first.tokens.map(({ token }) => token));
    expect(decodeJwt(second.tokens[0]?.token as string).iat).toBe(Math.floor(later.getTime() / 1000));
    // Yesterday's tokens still verify (same key) until they expire.
    const verify = await verifierFor(second.jwksFile, later);
    expect((await verify(first.tokens[0]?.token as string)).role).toBe('frontend');
  });

  it('rebuilds a deleted JWKS from the private key (same key id)', async () => {
    const first = await demoCredentials(work.dir, { now: () => NOW });
    const kid = decodeProtectedHeader(first.tokens[0]?.token as string).kid;
    rmSync(first.jwksFile);
    const second = await demoCredentials(work.dir, { now: () => NOW });
    expect(decodeProtectedHeader(second.tokens[0]?.token as string).kid).toBe(kid);
    expect((await (await verifierFor(second.jwksFile))(first.tokens[0]?.token as string)).clientId).toBe('demo-frontend');
  });

  (posix ? it : it.skip)('tightens a private key file someone made readable by others', async () => {
    await demoCredentials(work.dir, { now: () => NOW });
    chmodSync(accessFile(DEMO_FILES.signingKey), 0o644);
    await demoCredentials(work.dir, { now: () => NOW });
    expect(statSync(accessFile(DEMO_FILES.signingKey)).mode & 0o777).toBe(0o600);
  });

  it('refuses a damaged private key with what to do', async () => {
    await demoCredentials(work.dir, { now: () => NOW });
    writeFileSync(accessFile(DEMO_FILES.signingKey), 'not a key');
    await expect(demoCredentials(work.dir, { now: () => NOW })).rejects.toThrow(ConfigError);
    await expect(demoCredentials(work.dir, { now: () => NOW })).rejects.toThrow(/cannot be read .*; delete it and start again to make a new one/);
  });

  it('the demo API key authenticates as frontend; its file holds only the hash', async () => {
    const { apiKey, apiKeysFile } = await demoCredentials(work.dir, { now: () => NOW });
    expect(readFileSync(apiKeysFile, 'utf8')).not.toContain(apiKey.key);
    expect(findApiKeyHolder(loadApiKeyFile(apiKeysFile), apiKey.key)).toMatchObject({ role: 'frontend', via: 'api-key' });
  });
});

describe('formatDemoCredentials', () => {
  it('prints each token on its own line after the role\'s name, the API key, and the purpose to send', async () => {
    const credentials = await demoCredentials(work.dir, { now: () => NOW });
    const banner = formatDemoCredentials(credentials);
    const lines = banner.split('\n');
    for (const { role, token } of credentials.tokens) {
      const line = lines.find((candidate) => candidate.includes(token));
      expect(line).toMatch(new RegExp(`^  ${role} +${token.replace(/[.]/g, '\\.')}$`));
    }
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^  frontend-api-key +${credentials.apiKey.key}$`)));
    expect(banner).toContain('X-Satu-Purpose: counter-service');
    expect(banner).toContain('Authorization: Bearer <token>');
  });
});
