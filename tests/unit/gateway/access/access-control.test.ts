import { chmodSync, existsSync } from 'node:fs';
import path from 'node:path';
import { GraphQLError } from 'graphql';
import { ConfigError } from '../../../../gateway/config';
import { ACCESS_CONTROL_OFF_WARNING, readAccessConfig } from '../../../../gateway/access/access-config';
import { createAccessControl } from '../../../../gateway/access/access-control';
import { hashApiKey } from '../../../../gateway/access/api-keys';
import { AUDIENCE, HMAC_SECRET, ISSUER, NOW, makeSigningKey, signToken, tempDir } from './access-fixtures';

let work: ReturnType<typeof tempDir>;
beforeEach(() => {
  work = tempDir('access-control');
});
afterEach(() => work.remove());

async function unauthenticatedMessage(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => {
      throw new Error('the request was authenticated');
    },
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(GraphQLError);
  expect((error as GraphQLError).extensions.code).toBe('UNAUTHENTICATED');
  return (error as GraphQLError).message;
}

describe('createAccessControl', () => {
  it('off (development): everyone is the development caller, and the start notice is the loud warning', async () => {
    const access = await createAccessControl(readAccessConfig({ SATU_ACCESS_CONTROL: 'off' }), { dataDir: work.dir });
    expect((await access.authenticator.authenticate({})).via).toBe('development');
    expect(access.startupNotice).toBe(ACCESS_CONTROL_OFF_WARNING);
    expect(access.demo).toBeNull();
    expect(existsSync(path.join(work.dir, 'access'))).toBe(false);
  });

  it('on with no keys configured (development): demo keys, a banner, and every demo credential works', async () => {
    const access = await createAccessControl(readAccessConfig({}), { dataDir: work.dir, now: () => NOW });
    expect(access.demo).not.toBeNull();
    const demo = access.demo!;
    for (const { role, token } of demo.tokens) {
      expect(access.startupNotice).toContain(token);
      expect((await access.authenticator.authenticate({ authorization: `Bearer ${token}` })).role).toBe(role);
    }
    expect((await access.authenticator.authenticate({ 'x-api-key': demo.apiKey.key })).via).toBe('api-key');
    expect(await unauthenticatedMessage(access.authenticator.authenticate({}))).toMatch(/^no credentials/);
    expect(access.purposes.purposes.has(demo.purpose)).toBe(true);
  });

  it('on with configured keys: no demo material, the configured JWKS, secret and API keys are used', async () => {
    const key = await makeSigningKey('RS256', 'prod-1');
    const apiKey = 'satu_kiosk_configured_key_0123456789';
    const env = {
      SATU_JWT_ISSUER: ISSUER,
      SATU_JWT_AUDIENCE: AUDIENCE,
      SATU_JWKS_FILE: work.file('jwks.json', JSON.stringify({ keys: [key.publicJwk] })),
      SATU_JWT_SECRET_FILE: work.file('secret', HMAC_SECRET),
      SATU_API_KEYS_FILE: work.file('keys.json', JSON.stringify({ [hashApiKey(apiKey)]: { clientId: 'kiosk', role: 'frontend', scopes: ['identity:read'] } })),
    };
    chmodSync(env.SATU_JWT_SECRET_FILE, 0o600);
    const access = await createAccessControl(readAccessConfig(env), { dataDir: work.dir, now: () => NOW });
    expect(access.demo).toBeNull();
    expect(access.startupNotice).toBe('');
    expect(existsSync(path.join(work.dir, 'access'))).toBe(false);
    expect((await access.authenticator.authenticate({ authorization: `Bearer ${await signToken(key)}` })).clientId).toBe('loket-imigrasi-01');
    expect((await access.authenticator.authenticate({ authorization: `Bearer ${await signToken({ secret: HMAC_SECRET })}` })).via).toBe('jwt');
    expect((await access.authenticator.authenticate({ 'x-api-key': apiKey })).clientId).toBe('kiosk');
    // A demo-issued token is not accepted by a gateway with its own issuer and keys.
    const demo = await createAccessControl(readAccessConfig({}), { dataDir: work.dir, now: () => NOW });
    const demoToken = demo.demo!.tokens[0]!.token;
    expect(await unauthenticatedMessage(access.authenticator.authenticate({ authorization: `Bearer ${demoToken}` }))).toBe('the token\'s algorithm "ES256" is not supported: this gateway accepts RS256, HS256');
  });

  it('only an API key file configured: bearer tokens are refused with what to send instead', async () => {
    const env = { SATU_API_KEYS_FILE: work.file('keys.json', '{}') };
    const access = await createAccessControl(readAccessConfig(env), { dataDir: work.dir });
    expect(await unauthenticatedMessage(access.authenticator.authenticate({ authorization: 'Bearer a.b.c' }))).toBe('this gateway accepts no bearer tokens (no JWT keys are configured); send X-Api-Key: <key>');
  });

  (process.platform !== 'win32' ? it : it.skip)('warns about a secret file others can read', async () => {
    const secretFile = work.file('secret', HMAC_SECRET);
    chmodSync(secretFile, 0o644);
    const access = await createAccessControl(readAccessConfig({ SATU_JWT_SECRET_FILE: secretFile }), { dataDir: work.dir });
    expect(access.warnings).toEqual([`SATU_JWT_SECRET_FILE ${secretFile} is readable by other users; chmod 600 it`]);
  });

  it('a broken key or purpose file fails the start, not a request', async () => {
    await expect(createAccessControl(readAccessConfig({ SATU_API_KEYS_FILE: work.file('keys.json', '[1]') }), { dataDir: work.dir })).rejects.toThrow(ConfigError);
    await expect(createAccessControl(readAccessConfig({ SATU_JWKS_FILE: work.file('jwks.json', '{"keys":[]}') }), { dataDir: work.dir })).rejects.toThrow(/holds no keys/);
    await expect(createAccessControl(readAccessConfig({ SATU_PURPOSES_FILE: work.file('p.json', '{"purposes":[]}') }), { dataDir: work.dir })).rejects.toThrow(/the purpose list is empty/);
  });
});
