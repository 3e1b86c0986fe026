import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../../../../gateway/config';
import { CONTEXT_SIGNING_DEFAULTS, readContextSigningConfig } from '../../../../gateway/context-signing/context-signing-config';
import { loadContextSigningKeys } from '../../../../gateway/context-signing/context-signing-keys';
import { readGatewayPublicKeys } from '../../../../subgraphs/kit/gateway-context-keys';
import { TempDirs } from '../../../support/temp-dir';

const dirs = new TempDirs();
afterAll(() => dirs.removeAll());

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

async function asyncProblemsOf(run: () => Promise<unknown>): Promise<readonly string[]> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const modeOf = (file: string): number => fs.statSync(file).mode & 0o777;

describe('readContextSigningConfig', () => {
  it('defaults to a generated pair under the data directory, valid 60 s', () => {
    expect(readContextSigningConfig({ dataDir: '/data', mode: 'development' }, {})).toEqual({
      signingKeyFile: path.join('/data', 'context-signing', CONTEXT_SIGNING_DEFAULTS.signingKeyFile),
      publicKeyFile: path.join('/data', 'context-signing', CONTEXT_SIGNING_DEFAULTS.publicKeyFile),
      generateIfMissing: true,
      lifetimeSeconds: 60,
    });
  });

  it('takes the key files and the lifetime from the environment', () => {
    const env = { SATU_CONTEXT_SIGNING_KEY_FILE: '/keys/ctx.pem', SATU_CONTEXT_PUBLIC_KEY_FILE: '/keys/ctx.pub.pem', SATU_CONTEXT_LIFETIME_SECONDS: '30' };
    expect(readContextSigningConfig({ dataDir: '/data', mode: 'production' }, env)).toEqual({
      signingKeyFile: '/keys/ctx.pem',
      publicKeyFile: '/keys/ctx.pub.pem',
      generateIfMissing: false,
      lifetimeSeconds: 30,
    });
  });

  it('never generates a key in production mode', () => {
    expect(problemsOf(() => readContextSigningConfig({ dataDir: '/data', mode: 'production' }, {}))).toEqual([expect.stringMatching(/^SATU_CONTEXT_SIGNING_KEY_FILE must be set in production mode/)]);
    // Without an explicit mode, the environment decides as the access configuration does.
    expect(problemsOf(() => readContextSigningConfig({ dataDir: '/data' }, { NODE_ENV: 'production' }))).toHaveLength(1);
    expect(readContextSigningConfig({ dataDir: '/data' }, { SATU_MODE: 'development' }).generateIfMissing).toBe(true);
  });

  it.each([
    [{ SATU_CONTEXT_LIFETIME_SECONDS: '4' }, 'SATU_CONTEXT_LIFETIME_SECONDS must be a whole number of seconds from 5 to 300, got "4"'],
    [{ SATU_CONTEXT_LIFETIME_SECONDS: '301' }, 'SATU_CONTEXT_LIFETIME_SECONDS must be a whole number of seconds from 5 to 300, got "301"'],
    [{ SATU_CONTEXT_LIFETIME_SECONDS: '1m' }, 'SATU_CONTEXT_LIFETIME_SECONDS must be a whole number of seconds from 5 to 300, got "1m"'],
    [{ SATU_CONTEXT_PUBLIC_KEY_FILE: '/k.pub' }, 'SATU_CONTEXT_PUBLIC_KEY_FILE is set without SATU_CONTEXT_SIGNING_KEY_FILE: give the signing key too, or unset both for the generated pair'],
  ])('refuses %o', (env, problem) => {
    expect(problemsOf(() => readContextSigningConfig({ dataDir: '/data', mode: 'development' }, env))).toEqual([problem]);
  });
});

describe('loadContextSigningKeys', () => {
  it('makes an Ed25519 pair on first use (private key mode 600), then reuses it', async () => {
    const dataDir = dirs.make('ctx-sign-');
    const config = readContextSigningConfig({ dataDir, mode: 'development' }, {});
    const first = await loadContextSigningKeys(config);
    expect(first.created).toBe(true);
    expect(first.publicKey.alg).toBe('EdDSA');
    expect(modeOf(config.signingKeyFile)).toBe(0o600);
    expect(modeOf(path.dirname(config.signingKeyFile))).toBe(0o700);
    // The published public half is what a subgraph reads, with the same kid.
    expect((await readGatewayPublicKeys(config.publicKeyFile!)).map((key) => key.kid)).toEqual([first.publicKey.kid]);
    const again = await loadContextSigningKeys(config);
    expect(again.created).toBe(false);
    expect(again.publicKey.kid).toBe(first.publicKey.kid);
  });

  it('tightens a generated key file someone loosened, and rewrites a drifted public file', async () => {
    const dataDir = dirs.make('ctx-sign-');
    const config = readContextSigningConfig({ dataDir, mode: 'development' }, {});
    const first = await loadContextSigningKeys(config);
    fs.chmodSync(config.signingKeyFile, 0o644);
    fs.writeFileSync(config.publicKeyFile!, 'stale');
    await loadContextSigningKeys(config);
    expect(modeOf(config.signingKeyFile)).toBe(0o600);
    expect((await readGatewayPublicKeys(config.publicKeyFile!)).map((key) => key.kid)).toEqual([first.publicKey.kid]);
  });

  it('loads an operator key (P-256 too), warns when others can read it, and writes the public half where asked', async () => {
    const dir = dirs.make('ctx-op-');
    const signingKeyFile = path.join(dir, 'ctx.pem');
    fs.writeFileSync(signingKeyFile, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o644 });
    const publicKeyFile = path.join(dir, 'ctx.pub.pem');
    const keys = await loadContextSigningKeys(readContextSigningConfig({ dataDir: dir, mode: 'production' }, { SATU_CONTEXT_SIGNING_KEY_FILE: signingKeyFile, SATU_CONTEXT_PUBLIC_KEY_FILE: publicKeyFile }));
    expect(keys.publicKey.alg).toBe('ES256');
    expect(keys.created).toBe(false);
    expect(keys.warnings).toEqual([expect.stringMatching(/is readable by other users: anyone who reads it can call subgraphs as the gateway; chmod 600 it$/)]);
    // An operator's key is not theirs to chmod.
    expect(modeOf(signingKeyFile)).toBe(0o644);
    expect((await readGatewayPublicKeys(publicKeyFile))[0]!.kid).toBe(keys.publicKey.kid);
  });

  it('refuses a configured public key file that belongs to another key', async () => {
    const dir = dirs.make('ctx-op-');
    const signingKeyFile = path.join(dir, 'ctx.pem');
    fs.writeFileSync(signingKeyFile, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    const publicKeyFile = path.join(dir, 'other.pub.pem');
    fs.writeFileSync(publicKeyFile, generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }));
    const config = readContextSigningConfig({ dataDir: dir, mode: 'production' }, { SATU_CONTEXT_SIGNING_KEY_FILE: signingKeyFile, SATU_CONTEXT_PUBLIC_KEY_FILE: publicKeyFile });
    expect(await asyncProblemsOf(() => loadContextSigningKeys(config))).toEqual([
      `SATU_CONTEXT_PUBLIC_KEY_FILE ${publicKeyFile} does not hold the public half of SATU_CONTEXT_SIGNING_KEY_FILE: subgraphs given it would refuse every call`,
    ]);
  });

  it.each([
    ['missing', null, /^SATU_CONTEXT_SIGNING_KEY_FILE: no file at /],
    ['not a key', 'hello', /is not a PEM private key .*give a PKCS#8 PEM Ed25519 or P-256 private key$/],
    ['an RSA key', 'rsa', /a key of type rsa cannot sign gateway contexts/],
  ])('refuses an operator signing key that is %s', async (_case, content, problem) => {
    const dir = dirs.make('ctx-op-');
    const signingKeyFile = path.join(dir, 'ctx.pem');
    if (content === 'rsa') fs.writeFileSync(signingKeyFile, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    else if (content !== null) fs.writeFileSync(signingKeyFile, content, { mode: 0o600 });
    const config = readContextSigningConfig({ dataDir: dir, mode: 'development' }, { SATU_CONTEXT_SIGNING_KEY_FILE: signingKeyFile });
    expect(await asyncProblemsOf(() => loadContextSigningKeys(config))).toEqual([expect.stringMatching(problem)]);
    // Never a key made at an operator's path.
    if (content === null) expect(fs.existsSync(signingKeyFile)).toBe(false);
  });
});
