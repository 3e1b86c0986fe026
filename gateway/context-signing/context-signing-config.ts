import path from 'node:path';
import { ConfigError } from '../config';

/**
 * Where the gateway's context-signing key lives and how long a context lasts (issue 6, item 5),
 * read from the environment with defaults that let `npm start` work with no files: the key pair is
 * made under the data directory on first use. Production mode never makes a key: it must be given.
 */
export interface ContextSigningConfig {
  /** SATU_CONTEXT_SIGNING_KEY_FILE, else `<dataDir>/context-signing/gateway-context-key.pem`. PKCS#8 PEM, Ed25519 or P-256. */
  signingKeyFile: string;
  /**
   * SATU_CONTEXT_PUBLIC_KEY_FILE, else `<dataDir>/context-signing/gateway-context.pub.pem` when the
   * key is the generated one: where the public half is written for the subgraphs. Undefined when an
   * operator gave the signing key and no public key file (nothing is written next to their key).
   */
  publicKeyFile?: string;
  /** Make the key pair when the signing key file does not exist: only for the default location, outside production. */
  generateIfMissing: boolean;
  /** SATU_CONTEXT_LIFETIME_SECONDS: how long a signed context is valid, 5-300. @default 60 */
  lifetimeSeconds: number;
}

export const CONTEXT_SIGNING_DEFAULTS = {
  directory: 'context-signing',
  signingKeyFile: 'gateway-context-key.pem',
  publicKeyFile: 'gateway-context.pub.pem',
  lifetimeSeconds: 60,
} as const;

/** The gateway context is checked against the subgraph's limit (gateway-context.ts), so stay under it. */
const LIFETIME_RANGE = { min: 5, max: 300 } as const;

export interface ContextSigningConfigInput {
  /** Where generated keys go (the demo's data directory, or `data/` for `npm run gateway`). */
  dataDir: string;
  /** @default from the environment as the access configuration reads it: production when SATU_MODE or NODE_ENV says so */
  mode?: 'production' | 'development';
}

function modeOf(env: NodeJS.ProcessEnv): 'production' | 'development' {
  return env.SATU_MODE?.trim() === 'production' || env.NODE_ENV?.trim() === 'production' ? 'production' : 'development';
}

function readLifetime(env: NodeJS.ProcessEnv, problems: string[]): number {
  const name = 'SATU_CONTEXT_LIFETIME_SECONDS';
  const raw = env[name]?.trim();
  if (!raw) return CONTEXT_SIGNING_DEFAULTS.lifetimeSeconds;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < LIFETIME_RANGE.min || value > LIFETIME_RANGE.max) {
    problems.push(`${name} must be a whole number of seconds from ${LIFETIME_RANGE.min} to ${LIFETIME_RANGE.max}, got "${raw}"`);
    return CONTEXT_SIGNING_DEFAULTS.lifetimeSeconds;
  }
  return value;
}

export function readContextSigningConfig(input: ContextSigningConfigInput, env: NodeJS.ProcessEnv = process.env): ContextSigningConfig {
  const problems: string[] = [];
  const lifetimeSeconds = readLifetime(env, problems);
  const givenKey = env.SATU_CONTEXT_SIGNING_KEY_FILE?.trim() || undefined;
  const givenPublic = env.SATU_CONTEXT_PUBLIC_KEY_FILE?.trim() || undefined;
  if (!givenKey && (input.mode ?? modeOf(env)) === 'production') {
    problems.push(
      'SATU_CONTEXT_SIGNING_KEY_FILE must be set in production mode: the gateway signs the context it sends to subgraphs with it ' +
        '(make one with `openssl genpkey -algorithm ed25519 -out gateway-context-key.pem`, chmod 600, and give the subgraphs its public half)',
    );
  }
  if (givenPublic && !givenKey) {
    problems.push('SATU_CONTEXT_PUBLIC_KEY_FILE is set without SATU_CONTEXT_SIGNING_KEY_FILE: give the signing key too, or unset both for the generated pair');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const directory = path.join(input.dataDir, CONTEXT_SIGNING_DEFAULTS.directory);
  if (givenKey) return { signingKeyFile: path.resolve(givenKey), publicKeyFile: givenPublic && path.resolve(givenPublic), generateIfMissing: false, lifetimeSeconds };
  return {
    signingKeyFile: path.join(directory, CONTEXT_SIGNING_DEFAULTS.signingKeyFile),
    publicKeyFile: path.join(directory, CONTEXT_SIGNING_DEFAULTS.publicKeyFile),
    generateIfMissing: true,
    lifetimeSeconds,
  };
}
