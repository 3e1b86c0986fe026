import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The Ed25519 key that signs ledger checkpoints. Generated on first use in the gateway's data
 * directory: the private key only readable by its owner (mode 600), the public key beside it as a
 * file auditors take away and verify with, offline. Each gateway process has its own key; the key
 * id in every checkpoint says which one signed it.
 */
export const PRIVATE_KEY_FILE = 'access-ledger-signing.key.pem';
export const PUBLIC_KEY_FILE = 'access-ledger-signing.pub.pem';

export class LedgerKeyError extends Error {}

export interface LedgerSigner {
  keyId: string;
  publicKeyFile: string;
  sign(payload: string): string;
}

/** The key id: the first 16 hex digits of the SHA-256 of the public key (SPKI DER), as short as a git commit and as stable. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

function signerOf(privateKey: KeyObject, publicKeyFile: string): LedgerSigner {
  const keyId = keyIdOf(createPublicKey(privateKey));
  return { keyId, publicKeyFile, sign: (payload) => sign(null, Buffer.from(payload, 'utf8'), privateKey).toString('base64') };
}

function readPrivateKey(file: string): KeyObject {
  const mode = statSync(file).mode & 0o777;
  // Anyone else who can read the key can forge checkpoints over a rewritten ledger.
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new LedgerKeyError(`the ledger signing key ${file} is readable by others (mode ${mode.toString(8)}): run chmod 600 on it, and replace the key if others may have read it`);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(readFileSync(file));
  } catch (error) {
    throw new LedgerKeyError(`the ledger signing key ${file} is not a PEM private key: ${(error as Error).message}`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new LedgerKeyError(`the ledger signing key ${file} is a ${key.asymmetricKeyType} key; it must be Ed25519`);
  return key;
}

/**
 * The signer for checkpoints, from `directory` (created if missing): the existing key, or a new one
 * written with mode 600. Two processes starting at once on a fresh directory end up with the same
 * key: the file is created exclusively and the loser reads the winner's.
 */
export function loadOrCreateLedgerSigner(directory: string): LedgerSigner {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const privateFile = path.join(directory, PRIVATE_KEY_FILE);
  const publicFile = path.join(directory, PUBLIC_KEY_FILE);
  let privateKey: KeyObject;
  try {
    privateKey = readPrivateKey(privateFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const generated = generateKeyPairSync('ed25519');
    try {
      writeFileSync(privateFile, generated.privateKey.export({ type: 'pkcs8', format: 'pem' }), { flag: 'wx', mode: 0o600 });
      // The mode given to open() is cut by the umask; make sure it is exactly 600.
      chmodSync(privateFile, 0o600);
      privateKey = generated.privateKey;
    } catch (writeError) {
      if ((writeError as NodeJS.ErrnoException).code !== 'EEXIST') throw new LedgerKeyError(`cannot write the ledger signing key ${privateFile}: ${(writeError as Error).message}`);
      privateKey = readPrivateKey(privateFile);
    }
  }
  // The public key is derived: (re)write it whenever it is missing or not this key's.
  const publicPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  let current: string | null = null;
  try {
    current = readFileSync(publicFile, 'utf8');
  } catch {
    current = null;
  }
  if (current !== publicPem) writeFileSync(publicFile, publicPem, { mode: 0o644 });
  return signerOf(privateKey, publicFile);
}

/** Public keys by key id, read from PEM files (SPKI); a clear error for a missing, unreadable or non-Ed25519 file. */
export function readLedgerPublicKeys(files: readonly string[]): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  for (const file of files) {
    let pem: Buffer;
    try {
      pem = readFileSync(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new LedgerKeyError(`cannot read the public key file ${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    }
    let key: KeyObject;
    try {
      key = createPublicKey(pem);
    } catch (error) {
      throw new LedgerKeyError(`${file} is not a PEM public key (${(error as Error).message}); give the ${PUBLIC_KEY_FILE} the gateway wrote`);
    }
    if (key.asymmetricKeyType !== 'ed25519') throw new LedgerKeyError(`${file} holds a ${key.asymmetricKeyType} key; ledger checkpoints are signed with Ed25519`);
    keys.set(keyIdOf(key), key);
  }
  return keys;
}

/** Whether `signature` (base64) is `publicKey`'s Ed25519 signature of `payload`. Never throws. */
export function signatureMatches(payload: string, signature: string, publicKey: KeyObject): boolean {
  try {
    return verify(null, Buffer.from(payload, 'utf8'), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
