import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { calculateJwkThumbprint, type JWK } from 'jose';

/**
 * The keys of the gateway context (gateway-context.ts): the gateway signs with a private key, every
 * subgraph verifies with the public half. Shared by both sides so that they compute the same `kid`
 * and accept the same key types. Ed25519 (EdDSA) is the default; EC P-256 (ES256) is accepted for
 * sites whose key tooling only makes NIST curves.
 */
export type GatewayContextAlgorithm = 'EdDSA' | 'ES256';

export interface GatewayPublicKey {
  /** RFC 7638 thumbprint of the public key: the gateway puts it in every token's `kid`. */
  kid: string;
  alg: GatewayContextAlgorithm;
  key: KeyObject;
}

/** A key file that cannot be used; the message names the file and what to do. */
export class GatewayContextKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GatewayContextKeyError';
  }
}

/** Ed25519 -> EdDSA, P-256 -> ES256; anything else is refused with the reason. */
export function algorithmOfKey(key: KeyObject, where: string): GatewayContextAlgorithm {
  if (key.asymmetricKeyType === 'ed25519') return 'EdDSA';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  const type = key.asymmetricKeyType === 'ec' ? `EC ${String(key.asymmetricKeyDetails?.namedCurve)}` : String(key.asymmetricKeyType ?? key.type);
  throw new GatewayContextKeyError(`${where}: a key of type ${type} cannot sign gateway contexts; use Ed25519 (openssl genpkey -algorithm ed25519) or EC P-256`);
}

/** The public half of `key` (a private key is reduced to its public half) with its `kid`. */
export async function gatewayPublicKeyOf(key: KeyObject, where: string): Promise<GatewayPublicKey> {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const alg = algorithmOfKey(publicKey, where);
  const kid = await calculateJwkThumbprint(publicKey.export({ format: 'jwk' }) as JWK);
  return { kid, alg, key: publicKey };
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

function keysFromPem(text: string, where: string): KeyObject[] {
  const blocks = [...text.matchAll(PEM_BLOCK)];
  if (blocks.length === 0) throw new GatewayContextKeyError(`${where} holds no PEM block and no JSON key; expected "-----BEGIN PUBLIC KEY-----" (openssl pkey -in key.pem -pubout)`);
  return blocks.map(([block, label], index) => {
    if (label !== 'PUBLIC KEY') {
      const hint = label?.includes('PRIVATE') ? 'it holds a private key; give subgraphs the public half only (openssl pkey -in key.pem -pubout)' : `"${label}" is not a public key`;
      throw new GatewayContextKeyError(`${where}, PEM block ${index + 1}: ${hint}`);
    }
    try {
      return createPublicKey(block);
    } catch (error) {
      throw new GatewayContextKeyError(`${where}, PEM block ${index + 1} is not a readable public key: ${(error as Error).message}`);
    }
  });
}

function keysFromJson(text: string, where: string): KeyObject[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new GatewayContextKeyError(`${where} starts like JSON but is not: ${(error as Error).message}`);
  }
  const keys = typeof parsed === 'object' && parsed !== null && Array.isArray((parsed as { keys?: unknown }).keys) ? (parsed as { keys: unknown[] }).keys : [parsed];
  if (keys.length === 0) throw new GatewayContextKeyError(`${where} is a JWKS with no keys`);
  return keys.map((jwk, index) => {
    const label = keys.length > 1 ? `${where}, key ${index}` : where;
    if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) throw new GatewayContextKeyError(`${label} is not a JWK object`);
    if ('d' in jwk) throw new GatewayContextKeyError(`${label} holds private key material ("d"); give subgraphs the public half only`);
    try {
      return createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
    } catch (error) {
      throw new GatewayContextKeyError(`${label} is not a usable public JWK: ${(error as Error).message}`);
    }
  });
}

/**
 * Reads the gateway's public key(s) from a PEM file (one or more "PUBLIC KEY" blocks), a JWK or a
 * JWKS. Several keys let a key be rotated without downtime: add the new public key, restart the
 * subgraphs, switch the gateway, then drop the old one.
 */
export async function readGatewayPublicKeys(file: string, what = 'SATU_GATEWAY_PUBLIC_KEY_FILE'): Promise<GatewayPublicKey[]> {
  const where = `${what} ${file}`;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new GatewayContextKeyError(code === 'ENOENT' ? `${what}: no file at ${file}` : `${what}: cannot read ${file} (${code ?? (error as Error).message})`);
  }
  const trimmed = text.trim();
  const keyObjects = trimmed.startsWith('{') ? keysFromJson(trimmed, where) : keysFromPem(trimmed, where);
  const keys = await Promise.all(keyObjects.map((key, index) => gatewayPublicKeyOf(key, keyObjects.length > 1 ? `${where}, key ${index + 1}` : where)));
  const kids = new Set<string>();
  for (const key of keys) {
    if (kids.has(key.kid)) throw new GatewayContextKeyError(`${where} lists the same public key twice`);
    kids.add(key.kid);
  }
  return keys;
}
