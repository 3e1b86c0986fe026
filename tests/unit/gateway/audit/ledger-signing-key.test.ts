import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkpointPayload } from '../../../../gateway/audit/checkpoint';
import { LedgerKeyError, loadOrCreateLedgerSigner, PRIVATE_KEY_FILE, PUBLIC_KEY_FILE, readLedgerPublicKeys, signatureMatches } from '../../../../gateway/audit/ledger-signing-key';
import { TempDirs } from '../../../support/temp-dir';

describe('ledger signing key', () => {
  const dirs = new TempDirs();
  afterAll(() => dirs.removeAll());

  it('creates an Ed25519 key on first use, private key mode 600, public key beside it, and reuses it', () => {
    const dir = path.join(dirs.make('satu-key-'), 'data', 'audit');
    const signer = loadOrCreateLedgerSigner(dir);
    expect(statSync(path.join(dir, PRIVATE_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(signer.publicKeyFile).toBe(path.join(dir, PUBLIC_KEY_FILE));
    expect(readFileSync(signer.publicKeyFile, 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(signer.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(loadOrCreateLedgerSigner(dir).keyId).toBe(signer.keyId);

    const keys = readLedgerPublicKeys([signer.publicKeyFile]);
    const payload = checkpointPayload({ upToSequence: 7, headHash: 'a'.repeat(64), createdAt: '2026-12-05T08:00:00.000Z', keyId: signer.keyId });
    const signature = signer.sign(payload);
    expect(signatureMatches(payload, signature, keys.get(signer.keyId)!)).toBe(true);
    expect(signatureMatches(payload.replace('"upToSequence":7', '"upToSequence":8'), signature, keys.get(signer.keyId)!)).toBe(false);
    expect(signatureMatches(payload, 'not base64 at all', keys.get(signer.keyId)!)).toBe(false);
  });

  it('rewrites a missing public key from the private one', () => {
    const dir = dirs.make('satu-key-');
    const signer = loadOrCreateLedgerSigner(dir);
    writeFileSync(signer.publicKeyFile, 'gone');
    loadOrCreateLedgerSigner(dir);
    expect([...readLedgerPublicKeys([signer.publicKeyFile]).keys()]).toEqual([signer.keyId]);
  });

  it('refuses a private key others can read', () => {
    const dir = dirs.make('satu-key-');
    loadOrCreateLedgerSigner(dir);
    chmodSync(path.join(dir, PRIVATE_KEY_FILE), 0o644);
    expect(() => loadOrCreateLedgerSigner(dir)).toThrow(new LedgerKeyError(`the ledger signing key ${path.join(dir, PRIVATE_KEY_FILE)} is readable by others (mode 644): run chmod 600 on it, and replace the key if others may have read it`));
  });

  it('refuses a private key that is not Ed25519, or not a key', () => {
    const dir = dirs.make('satu-key-');
    const file = path.join(dir, PRIVATE_KEY_FILE);
    writeFileSync(file, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    expect(() => loadOrCreateLedgerSigner(dir)).toThrow('is a ec key; it must be Ed25519');
    writeFileSync(file, 'hello', { mode: 0o600 });
    expect(() => loadOrCreateLedgerSigner(dir)).toThrow(/is not a PEM private key/);
  });

  it('says which public key file is missing, unreadable or of the wrong kind', () => {
    const dir = dirs.make('satu-key-');
    expect(() => readLedgerPublicKeys([path.join(dir, 'nope.pem')])).toThrow(`cannot read the public key file ${path.join(dir, 'nope.pem')}: no such file`);
    const text = path.join(dir, 'text.pem');
    writeFileSync(text, 'not a key');
    expect(() => readLedgerPublicKeys([text])).toThrow(`${text} is not a PEM public key`);
    const rsa = path.join(dir, 'rsa.pem');
    writeFileSync(rsa, generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }));
    expect(() => readLedgerPublicKeys([rsa])).toThrow(`${rsa} holds a rsa key; ledger checkpoints are signed with Ed25519`);
  });
});
