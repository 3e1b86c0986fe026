import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SUBGRAPH_CONTEXT_OFF_WARNING, SubgraphContextConfigError, readSubgraphContextSetting } from '../../../../subgraphs/kit/gateway-context-config';
import { GatewayContextKeyError, readGatewayPublicKeys } from '../../../../subgraphs/kit/gateway-context-keys';
import { makeContextKeys } from '../../../support/gateway-context';
import { TempDirs } from '../../../support/temp-dir';

const dirs = new TempDirs();
afterAll(() => dirs.removeAll());

function write(name: string, content: string): string {
  const file = path.join(dirs.make('ctx-keys-'), name);
  fs.writeFileSync(file, content);
  return file;
}

async function keyError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GatewayContextKeyError || error instanceof SubgraphContextConfigError) return error.message;
    throw error;
  }
  throw new Error('expected the key to be refused');
}

describe('readGatewayPublicKeys', () => {
  it('reads a PEM public key and gives the same kid the signer uses', async () => {
    const keys = await makeContextKeys();
    const file = write('gateway.pub.pem', keys.publicKey.key.export({ format: 'pem', type: 'spki' }).toString());
    const read = await readGatewayPublicKeys(file);
    expect(read.map(({ kid, alg }) => ({ kid, alg }))).toEqual([{ kid: keys.publicKey.kid, alg: 'EdDSA' }]);
  });

  it('reads several PEM blocks (a rotation), a JWK and a JWKS', async () => {
    const [a, b] = [await makeContextKeys(), await makeContextKeys('es256')];
    const pem = (key: typeof a) => key.publicKey.key.export({ format: 'pem', type: 'spki' }).toString();
    expect((await readGatewayPublicKeys(write('two.pem', `${pem(a)}\n${pem(b)}`))).map((key) => key.kid)).toEqual([a.publicKey.kid, b.publicKey.kid]);
    const jwk = (key: typeof a) => key.publicKey.key.export({ format: 'jwk' });
    expect((await readGatewayPublicKeys(write('one.jwk', JSON.stringify(jwk(b))))).map((key) => key.alg)).toEqual(['ES256']);
    expect((await readGatewayPublicKeys(write('set.jwks', JSON.stringify({ keys: [jwk(a), jwk(b)] })))).length).toBe(2);
  });

  it.each([
    ['a private key in PEM', () => generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), /PEM block 1: it holds a private key; give subgraphs the public half only/],
    ['a private JWK', () => JSON.stringify(generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' })), /holds private key material \("d"\)/],
    ['an RSA key', () => generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'pem', type: 'spki' }).toString(), /a key of type rsa cannot sign gateway contexts; use Ed25519/],
    ['an EC P-384 key', () => generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({ format: 'pem', type: 'spki' }).toString(), /a key of type EC secp384r1 cannot sign/],
    ['no key at all', () => 'hello', /holds no PEM block and no JSON key/],
    ['broken JSON', () => '{"kty": ', /starts like JSON but is not/],
    ['an empty JWKS', () => '{"keys": []}', /is a JWKS with no keys/],
    ['a damaged PEM', () => '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----', /PEM block 1 is not a readable public key/],
  ])('refuses %s, naming the file', async (_case, content, message) => {
    const file = write('bad.key', content());
    const error = await keyError(readGatewayPublicKeys(file));
    expect(error).toContain(`SATU_GATEWAY_PUBLIC_KEY_FILE ${file}`);
    expect(error).toMatch(message);
  });

  it('refuses the same key listed twice', async () => {
    const pem = (await makeContextKeys()).publicKey.key.export({ format: 'pem', type: 'spki' }).toString();
    expect(await keyError(readGatewayPublicKeys(write('twice.pem', pem + pem)))).toMatch(/lists the same public key twice/);
  });

  it('says when the file is not there', async () => {
    expect(await keyError(readGatewayPublicKeys('/nonexistent/gateway.pub.pem'))).toBe('SATU_GATEWAY_PUBLIC_KEY_FILE: no file at /nonexistent/gateway.pub.pem');
  });
});

describe('readSubgraphContextSetting (npm run subgraph)', () => {
  let publicKeyFile: string;
  beforeAll(async () => {
    publicKeyFile = write('gateway.pub.pem', (await makeContextKeys()).publicKey.key.export({ format: 'pem', type: 'spki' }).toString());
  });

  it('requires the context with the key file given', async () => {
    const setting = await readSubgraphContextSetting({ SATU_GATEWAY_PUBLIC_KEY_FILE: publicKeyFile, SATU_GATEWAY_CONTEXT_CLOCK_TOLERANCE_SECONDS: '2' });
    expect(setting).toEqual({ required: true, publicKeyFile, requirement: { keys: [expect.objectContaining({ alg: 'EdDSA' })], clockToleranceSeconds: 2 } });
  });

  it('refuses to start with no key, saying how to give one or switch the check off', async () => {
    const message = await keyError(readSubgraphContextSetting({}));
    expect(message).toMatch(/SATU_GATEWAY_PUBLIC_KEY_FILE is not set/);
    expect(message).toMatch(/SATU_SUBGRAPH_CONTEXT=off accepts every call/);
  });

  it('switches the check off only when told, with the loud warning', async () => {
    expect(await readSubgraphContextSetting({ SATU_SUBGRAPH_CONTEXT: 'off' })).toEqual({ required: false, warning: SUBGRAPH_CONTEXT_OFF_WARNING });
    expect(SUBGRAPH_CONTEXT_OFF_WARNING).toMatch(/GATEWAY CONTEXT CHECK IS OFF/);
  });

  it.each([
    [{ SATU_SUBGRAPH_CONTEXT: 'off', SATU_MODE: 'production' }, /SATU_SUBGRAPH_CONTEXT=off is refused in production mode/],
    [{ SATU_SUBGRAPH_CONTEXT: 'off', NODE_ENV: 'production' }, /SATU_SUBGRAPH_CONTEXT=off is refused in production mode/],
    [{ SATU_SUBGRAPH_CONTEXT: 'maybe' }, /SATU_SUBGRAPH_CONTEXT must be "on" or "off", got "maybe"/],
    [{ SATU_SUBGRAPH_CONTEXT: 'off', SATU_GATEWAY_PUBLIC_KEY_FILE: '/x.pem' }, /both set: unset one of them/],
    [{ SATU_GATEWAY_PUBLIC_KEY_FILE: '/nonexistent.pem' }, /SATU_GATEWAY_PUBLIC_KEY_FILE: no file at \/nonexistent.pem/],
    [{ SATU_GATEWAY_CONTEXT_CLOCK_TOLERANCE_SECONDS: '61' }, /must be a whole number of seconds from 0 to 60, got "61"/],
    [{ SATU_GATEWAY_CONTEXT_CLOCK_TOLERANCE_SECONDS: '-1' }, /must be a whole number of seconds from 0 to 60, got "-1"/],
  ])('refuses %o', async (env, message) => {
    expect(await keyError(readSubgraphContextSetting(env as NodeJS.ProcessEnv))).toMatch(message);
  });
});
