import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, type JWK, type KeyLike } from 'jose';

/** Shared by the access tests: keys, token minting, a temp directory per test file. */
export const NOW = new Date('2026-03-01T08:00:00Z');
export const NOW_SECONDS = Math.floor(NOW.getTime() / 1000);
export const ISSUER = 'https://id.mpp-pekanbaru.go.id';
export const AUDIENCE = 'satu-gateway';
export const HMAC_SECRET = 'a-shared-secret-of-well-over-thirty-two-bytes-for-hs256';

export interface SigningKey {
  privateKey: KeyLike;
  publicJwk: JWK;
  kid: string;
  alg: 'ES256' | 'RS256';
}

export async function makeSigningKey(alg: 'ES256' | 'RS256', kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { privateKey, publicJwk, kid, alg };
}

export interface TokenOverrides {
  claims?: Record<string, unknown>;
  issuer?: string;
  audience?: string;
  /** Seconds relative to NOW; null = no exp claim. */
  expiresIn?: number | null;
  /** Seconds relative to NOW; undefined = no nbf claim. */
  notBefore?: number;
}

export const FRONTEND_CLAIMS = { client_id: 'loket-imigrasi-01', role: 'frontend', scope: 'identity:read passport:read' };

export async function signToken(key: SigningKey | { secret: string }, overrides: TokenOverrides = {}): Promise<string> {
  const builder = new SignJWT(overrides.claims ?? FRONTEND_CLAIMS)
    .setIssuer(overrides.issuer ?? ISSUER)
    .setAudience(overrides.audience ?? AUDIENCE)
    .setIssuedAt(NOW_SECONDS);
  const expiresIn = overrides.expiresIn === undefined ? 3600 : overrides.expiresIn;
  if (expiresIn !== null) builder.setExpirationTime(NOW_SECONDS + expiresIn);
  if (overrides.notBefore !== undefined) builder.setNotBefore(NOW_SECONDS + overrides.notBefore);
  if ('secret' in key) return builder.setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(key.secret));
  return builder.setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
}

export function base64url(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

export function tempDir(prefix: string): { dir: string; file(name: string, content: string): string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `satu-${prefix}-`));
  return {
    dir,
    file(name, content) {
      const file = path.join(dir, name);
      writeFileSync(file, content);
      return file;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
