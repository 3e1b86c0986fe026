import { readFileSync, statSync } from 'node:fs';
import { importJWK, type JSONWebKeySet, type JWK } from 'jose';
import { ConfigError } from '../config';

/**
 * The keys tokens are checked against, all from local files (no JWKS URL: the mall's server has
 * no internet, and a remote key set would let a network fault decide who gets in).
 */
export type AsymmetricAlgorithm = 'RS256' | 'ES256';
export type JwtAlgorithm = AsymmetricAlgorithm | 'HS256';

/** The allow-list: anything else, `none` included, is refused before a key is looked at. */
export const JWT_ALGORITHMS: readonly JwtAlgorithm[] = ['RS256', 'ES256', 'HS256'];

export interface JwtKeys {
  /** Public keys, each RSA (RS256) or EC P-256 (ES256). */
  jwks?: JSONWebKeySet;
  /** The HS256 shared secret. */
  hmacSecret?: Uint8Array;
  /** The algorithms the configured keys can verify: only these are accepted. */
  algorithms: readonly JwtAlgorithm[];
}

/** RFC 7518 section 3.2: an HS256 key must be at least as long as the hash output. */
const MIN_HMAC_SECRET_BYTES = 32;
/** RFC 7518 section 3.3; jose enforces it too, but only when a token is verified. */
const MIN_RSA_BITS = 2048;

function algorithmOf(jwk: JWK, where: string): AsymmetricAlgorithm {
  if (jwk.kty === 'RSA') {
    if (jwk.alg !== undefined && jwk.alg !== 'RS256') throw new ConfigError([`${where}: an RSA key must be for RS256, got alg "${jwk.alg}"`]);
    // jose would refuse a short key only when a token arrives; say so at start instead.
    const bits = typeof jwk.n === 'string' ? Buffer.from(jwk.n, 'base64url').length * 8 : 0;
    if (bits < MIN_RSA_BITS) throw new ConfigError([`${where}: an RS256 key needs a modulus of at least ${MIN_RSA_BITS} bits, this one has ${bits}`]);
    return 'RS256';
  }
  if (jwk.kty === 'EC') {
    if (jwk.crv !== 'P-256') throw new ConfigError([`${where}: an EC key must be on curve P-256 (ES256), got "${String(jwk.crv)}"`]);
    if (jwk.alg !== undefined && jwk.alg !== 'ES256') throw new ConfigError([`${where}: an EC key must be for ES256, got alg "${jwk.alg}"`]);
    return 'ES256';
  }
  if (jwk.kty === 'oct') throw new ConfigError([`${where}: a symmetric (oct) key does not belong in the JWKS file; put the HS256 secret in SATU_JWT_SECRET_FILE`]);
  throw new ConfigError([`${where}: key type "${String(jwk.kty)}" is not supported; use RSA (RS256) or EC P-256 (ES256)`]);
}

/** Reads and checks a JWKS file; every key is imported once so a bad key fails the start, not a request. */
export async function loadJwksFile(file: string): Promise<{ jwks: JSONWebKeySet; algorithms: AsymmetricAlgorithm[] }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError([`SATU_JWKS_FILE ${file} is not readable JSON: ${(error as Error).message}`]);
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray(keys)) {
    throw new ConfigError([`SATU_JWKS_FILE ${file} must be a JWKS: { "keys": [ { "kty": "EC", "crv": "P-256", "x": "...", "y": "...", "kid": "..." } ] }`]);
  }
  if (keys.length === 0) throw new ConfigError([`SATU_JWKS_FILE ${file} holds no keys`]);
  const algorithms = new Set<AsymmetricAlgorithm>();
  const kids = new Set<string>();
  for (const [index, key] of keys.entries()) {
    const where = `SATU_JWKS_FILE ${file}, key ${index}`;
    if (typeof key !== 'object' || key === null || Array.isArray(key)) throw new ConfigError([`${where} is not a JSON object`]);
    const jwk = key as JWK;
    // A private key in a file meant to be shared is a leak waiting to happen: refuse it outright.
    if ('d' in jwk) throw new ConfigError([`${where} contains private key material ("d"); the JWKS file must hold public keys only`]);
    if (jwk.use !== undefined && jwk.use !== 'sig') throw new ConfigError([`${where} has use "${jwk.use}"; signature keys need use "sig" or none`]);
    const algorithm = algorithmOf(jwk, where);
    if (typeof jwk.kid === 'string') {
      if (kids.has(jwk.kid)) throw new ConfigError([`${where} repeats kid "${jwk.kid}"; each key needs its own kid`]);
      kids.add(jwk.kid);
    }
    try {
      await importJWK(jwk, algorithm);
    } catch (error) {
      throw new ConfigError([`${where} is not a usable ${algorithm} public key: ${(error as Error).message}`]);
    }
    algorithms.add(algorithm);
  }
  return { jwks: { keys: keys as JWK[] }, algorithms: [...algorithms] };
}

/** Reads the HS256 secret (the file's text, surrounding whitespace trimmed). */
export function loadHmacSecretFile(file: string): { secret: Uint8Array; warnings: string[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new ConfigError([`SATU_JWT_SECRET_FILE ${file} cannot be read: ${(error as Error).message}`]);
  }
  const secret = new TextEncoder().encode(text);
  if (secret.length < MIN_HMAC_SECRET_BYTES) {
    throw new ConfigError([`SATU_JWT_SECRET_FILE ${file} holds ${secret.length} bytes; an HS256 secret needs at least ${MIN_HMAC_SECRET_BYTES} (e.g. openssl rand -base64 48)`]);
  }
  const warnings: string[] = [];
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
    warnings.push(`SATU_JWT_SECRET_FILE ${file} is readable by other users; chmod 600 it`);
  }
  return { secret, warnings };
}

/** Every configured key source, loaded and checked. */
export async function loadJwtKeys(files: { jwksFile?: string; secretFile?: string }): Promise<{ keys: JwtKeys; warnings: string[] }> {
  const keys: JwtKeys = { algorithms: [] };
  const warnings: string[] = [];
  const algorithms: JwtAlgorithm[] = [];
  if (files.jwksFile !== undefined) {
    const loaded = await loadJwksFile(files.jwksFile);
    keys.jwks = loaded.jwks;
    algorithms.push(...loaded.algorithms);
  }
  if (files.secretFile !== undefined) {
    const loaded = loadHmacSecretFile(files.secretFile);
    keys.hmacSecret = loaded.secret;
    warnings.push(...loaded.warnings);
    algorithms.push('HS256');
  }
  keys.algorithms = JWT_ALGORITHMS.filter((algorithm) => algorithms.includes(algorithm));
  return { keys, warnings };
}
