import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GatewayContextKeyError, gatewayPublicKeyOf, readGatewayPublicKeys, type GatewayPublicKey } from '../../subgraphs/kit/gateway-context-keys';
import { ConfigError } from '../config';
import type { ContextSigningConfig } from './context-signing-config';

/** The gateway's context-signing key pair, loaded (or made on first use) and checked. */
export interface ContextSigningKeys {
  privateKey: KeyObject;
  /** The public half with its `kid` and algorithm: what subgraphs verify against. */
  publicKey: GatewayPublicKey;
  signingKeyFile: string;
  /** Where the public half was written (hand this file to the subgraphs), if anywhere. */
  publicKeyFile?: string;
  /** True when this start made the key pair. */
  created: boolean;
  /** Things to log at start (a signing key other users can read). */
  warnings: string[];
}

/** Writes `content` only if the file does not exist yet; false when another start won the race. */
function createExclusive(file: string, content: string, mode: number): boolean {
  try {
    writeFileSync(file, content, { flag: 'wx', mode });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function looserThanOwner(file: string): boolean {
  return process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0;
}

function readPrivateKey(file: string, fix: string): KeyObject {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError([code === 'ENOENT' ? `SATU_CONTEXT_SIGNING_KEY_FILE: no file at ${file}` : `the context-signing key ${file} cannot be read (${code ?? (error as Error).message})`]);
  }
  try {
    return createPrivateKey(text);
  } catch (error) {
    throw new ConfigError([`the context-signing key ${file} is not a PEM private key (${(error as Error).message}); ${fix}`]);
  }
}

function publicPem(key: GatewayPublicKey): string {
  return key.key.export({ format: 'pem', type: 'spki' }).toString();
}

/**
 * Writes the public half for the subgraphs. A generated pair's public file is derived data and is
 * rewritten when it drifted; a public file an operator configured must match the signing key, or
 * every subgraph given that file would refuse the gateway.
 */
async function publishPublicKey(file: string, publicKey: GatewayPublicKey, derived: boolean): Promise<void> {
  if (existsSync(file) && !derived) {
    let published: GatewayPublicKey[];
    try {
      published = await readGatewayPublicKeys(file, 'SATU_CONTEXT_PUBLIC_KEY_FILE');
    } catch (error) {
      if (error instanceof GatewayContextKeyError) throw new ConfigError([error.message]);
      throw error;
    }
    if (!published.some((key) => key.kid === publicKey.kid)) {
      throw new ConfigError([`SATU_CONTEXT_PUBLIC_KEY_FILE ${file} does not hold the public half of SATU_CONTEXT_SIGNING_KEY_FILE: subgraphs given it would refuse every call`]);
    }
    return;
  }
  const content = publicPem(publicKey);
  let current: string | undefined;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (current !== content) writeFileSync(file, content, { mode: 0o644 });
}

/**
 * Loads the signing key, or for the default location makes an Ed25519 pair on first use (the
 * private key mode 600, exclusive create so two starts racing end with one key), and writes the
 * public half where subgraphs can be pointed at it.
 */
export async function loadContextSigningKeys(config: ContextSigningConfig): Promise<ContextSigningKeys> {
  const warnings: string[] = [];
  let created = false;
  const fix = config.generateIfMissing ? 'delete it and start again to make a new pair' : 'give a PKCS#8 PEM Ed25519 or P-256 private key';
  if (config.generateIfMissing) {
    mkdirSync(path.dirname(config.signingKeyFile), { recursive: true, mode: 0o700 });
    if (!existsSync(config.signingKeyFile)) {
      const { privateKey } = generateKeyPairSync('ed25519');
      created = createExclusive(config.signingKeyFile, privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), 0o600);
    }
    // An older copy with looser bits is tightened: it is ours to fix.
    if (looserThanOwner(config.signingKeyFile)) chmodSync(config.signingKeyFile, 0o600);
  } else if (existsSync(config.signingKeyFile) && looserThanOwner(config.signingKeyFile)) {
    warnings.push(`SATU_CONTEXT_SIGNING_KEY_FILE ${config.signingKeyFile} is readable by other users: anyone who reads it can call subgraphs as the gateway; chmod 600 it`);
  }
  // Read back whatever is on disk, so two starts racing end up with the same key.
  const privateKey = readPrivateKey(config.signingKeyFile, fix);
  let publicKey: GatewayPublicKey;
  try {
    publicKey = await gatewayPublicKeyOf(privateKey, `the context-signing key ${config.signingKeyFile}`);
  } catch (error) {
    if (error instanceof GatewayContextKeyError) throw new ConfigError([`${error.message}; ${fix}`]);
    throw error;
  }
  if (config.publicKeyFile !== undefined) await publishPublicKey(config.publicKeyFile, publicKey, config.generateIfMissing);
  return { privateKey, publicKey, signingKeyFile: config.signingKeyFile, publicKeyFile: config.publicKeyFile, created, warnings };
}
