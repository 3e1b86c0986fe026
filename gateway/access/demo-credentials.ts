import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SignJWT, calculateJwkThumbprint, type JWK } from 'jose';
import { ConfigError } from '../config';
import { ROLES, type Role } from './caller';
import { ACCESS_DEFAULTS } from './access-config';
import { hashApiKey, type ApiKeyHolder } from './api-keys';
import { DEMO_PUBLISHER_AGENCY, DEMO_SCOPES_BY_ROLE } from './scopes';

/**
 * Demo credentials for `npm start` with access control on and no keys configured (development
 * mode only). The ES256 key pair and the frontend API key are made once under
 * `<dataDir>/access/` and reused; the tokens are minted at every start because they expire.
 * data/ is git-ignored, so nothing secret is committed.
 */
export const DEMO_FILES = {
  /** PKCS#8 PEM, mode 600. */
  signingKey: 'demo-signing-key.pem',
  /** The public half as a JWKS: what the gateway verifies against (SATU_JWKS_FILE format). */
  jwks: 'demo-jwks.json',
  /** The demo API key in clear, mode 600, so the banner can show it again next start. */
  apiKey: 'demo-api-key.txt',
  /** SHA-256 of the demo API key -> holder (SATU_API_KEYS_FILE format). */
  apiKeys: 'demo-api-keys.json',
} as const;

/** The purpose code the banner tells you to send with the demo tokens. */
export const DEMO_PURPOSE = 'counter-service';
export const DEMO_TOKEN_LIFETIME_SECONDS = 12 * 60 * 60;

export interface DemoCredentials {
  tokens: Array<{ role: Role; token: string }>;
  /** Send as X-Satu-Purpose. */
  purpose: string;
  /** A frontend API key (X-Api-Key). */
  apiKey: { role: Role; key: string };
  expiresAt: Date;
  jwksFile: string;
  apiKeysFile: string;
}

export interface DemoCredentialOptions {
  /** @default "satu-demo" */
  issuer?: string;
  /** @default "satu-gateway" */
  audience?: string;
  /** @default () => new Date() */
  now?: () => Date;
  /** @default 12 hours */
  lifetimeSeconds?: number;
}

function accessDir(dataDir: string): string {
  return path.join(dataDir, 'access');
}

/** Writes `content` only if the file does not exist yet; false when another start won the race. */
function createExclusive(file: string, content: string): boolean {
  try {
    writeFileSync(file, content, { flag: 'wx', mode: 0o600 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** A secret the owner alone may read; an older copy with looser bits is tightened. */
function keepPrivate(file: string): void {
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
}

function readSigningKey(file: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError([`the demo signing key ${file} cannot be read (${(error as Error).message}); delete it and start again to make a new one`]);
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new ConfigError([`the demo signing key ${file} is not an EC P-256 private key; delete it and start again to make a new one`]);
  }
  return key;
}

function ensureSigningKey(file: string): KeyObject {
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    createExclusive(file, privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
  }
  keepPrivate(file);
  // Read back whatever is on disk, so two starts racing end up with the same key.
  return readSigningKey(file);
}

/** Rewrites `file` only when its content would change (keeps mtimes meaningful). */
function writeIfChanged(file: string, content: string, mode?: number): void {
  let current: string | undefined;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (current !== content) writeFileSync(file, content, mode === undefined ? undefined : { mode });
}

export interface DemoKeyMaterial {
  signingKey: KeyObject;
  kid: string;
  apiKey: string;
  jwksFile: string;
  apiKeysFile: string;
}

/** Makes (first start) or reuses (later starts) the demo key pair and API key. */
export async function ensureDemoKeyMaterial(dataDir: string): Promise<DemoKeyMaterial> {
  const dir = accessDir(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const signingKey = ensureSigningKey(path.join(dir, DEMO_FILES.signingKey));
  // The JWKS is derived from the private key each start, so the two can never drift apart.
  const publicJwk = createPublicKey(signingKey).export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint(publicJwk);
  const jwksFile = path.join(dir, DEMO_FILES.jwks);
  writeIfChanged(jwksFile, JSON.stringify({ keys: [{ ...publicJwk, kid, alg: 'ES256', use: 'sig' }] }, null, 2) + '\n');

  const apiKeyFile = path.join(dir, DEMO_FILES.apiKey);
  createExclusive(apiKeyFile, `satu_demo_frontend_${randomBytes(24).toString('base64url')}\n`);
  keepPrivate(apiKeyFile);
  const apiKey = readFileSync(apiKeyFile, 'utf8').trim();
  if (!/^[A-Za-z0-9_-]{20,}$/.test(apiKey)) throw new ConfigError([`the demo API key file ${apiKeyFile} is damaged; delete it and start again to make a new one`]);
  const holder: ApiKeyHolder = { clientId: 'demo-frontend-api-key', role: 'frontend', scopes: DEMO_SCOPES_BY_ROLE.frontend, agency: null };
  const apiKeysFile = path.join(dir, DEMO_FILES.apiKeys);
  writeIfChanged(apiKeysFile, JSON.stringify({ [hashApiKey(apiKey)]: holder }, null, 2) + '\n');
  return { signingKey, kid, apiKey, jwksFile, apiKeysFile };
}

async function mintDemoToken(material: DemoKeyMaterial, role: Role, issuedAt: number, options: Required<DemoCredentialOptions>): Promise<string> {
  const claims: Record<string, unknown> = { role, scope: DEMO_SCOPES_BY_ROLE[role].join(' '), client_id: `demo-${role}` };
  if (role === 'agency-publisher') claims.agency = DEMO_PUBLISHER_AGENCY;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: material.kid, typ: 'JWT' })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setSubject(`demo-${role}`)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + options.lifetimeSeconds)
    .sign(material.signingKey);
}

/** Ensures the demo key material and mints one fresh token per role. */
export async function demoCredentials(dataDir: string, options: DemoCredentialOptions = {}): Promise<DemoCredentials> {
  const resolved: Required<DemoCredentialOptions> = {
    issuer: options.issuer ?? ACCESS_DEFAULTS.issuer,
    audience: options.audience ?? ACCESS_DEFAULTS.audience,
    now: options.now ?? (() => new Date()),
    lifetimeSeconds: options.lifetimeSeconds ?? DEMO_TOKEN_LIFETIME_SECONDS,
  };
  const material = await ensureDemoKeyMaterial(dataDir);
  const issuedAt = Math.floor(resolved.now().getTime() / 1000);
  const tokens = await Promise.all(ROLES.map(async (role) => ({ role, token: await mintDemoToken(material, role, issuedAt, resolved) })));
  return {
    tokens,
    purpose: DEMO_PURPOSE,
    apiKey: { role: 'frontend', key: material.apiKey },
    expiresAt: new Date((issuedAt + resolved.lifetimeSeconds) * 1000),
    jwksFile: material.jwksFile,
    apiKeysFile: material.apiKeysFile,
  };
}

/**
 * The banner lines for `npm start`: one line per token, the role's name first, so a person can
 * copy one and a script can pick it with `grep '^  frontend '`.
 */
export function formatDemoCredentials(credentials: DemoCredentials): string {
  const width = Math.max(...credentials.tokens.map(({ role }) => role.length), 'frontend-api-key'.length);
  return [
    `Access control is on. Demo tokens (send as "Authorization: Bearer <token>"; valid until ${credentials.expiresAt.toISOString()}, new ones at every start):`,
    ...credentials.tokens.map(({ role, token }) => `  ${role.padEnd(width)}  ${token}`),
    `Demo API key (send as "X-Api-Key: <key>"; role ${credentials.apiKey.role}):`,
    `  ${`${credentials.apiKey.role}-api-key`.padEnd(width)}  ${credentials.apiKey.key}`,
    `With every query that reads personal data, send its purpose:  X-Satu-Purpose: ${credentials.purpose}`,
  ].join('\n');
}
