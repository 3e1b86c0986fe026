import { accessSync, constants, statSync } from 'node:fs';
import { ConfigError } from '../config';

/**
 * Access control configuration (issue 6): read from the environment, defaults embedded so
 * `npm start` works with no files, validated with one clear message per bad value.
 */
export type RunMode = 'production' | 'development';

export interface JwtConfig {
  /** SATU_JWT_ISSUER: the `iss` every token must carry. */
  issuer: string;
  /** SATU_JWT_AUDIENCE: the `aud` every token must carry. */
  audience: string;
  /** SATU_JWKS_FILE: public keys (RS256/ES256) as a JWKS JSON file. */
  jwksFile?: string;
  /** SATU_JWT_SECRET_FILE: the shared HS256 secret. */
  secretFile?: string;
  /** SATU_JWT_CLOCK_TOLERANCE_SECONDS: slack for `exp`/`nbf` between our clock and the issuer's. */
  clockToleranceSeconds: number;
}

export interface AccessConfig {
  /** SATU_MODE=production or NODE_ENV=production; development otherwise. */
  mode: RunMode;
  /** SATU_ACCESS_CONTROL=on|off; off is refused in production mode. */
  accessControl: boolean;
  jwt: JwtConfig;
  /** SATU_API_KEYS_FILE: SHA-256 of each API key -> who holds it. */
  apiKeysFile?: string;
  /** SATU_PURPOSES_FILE: purpose codes (and their allowed fields) replacing the embedded defaults. */
  purposesFile?: string;
}

export const ACCESS_DEFAULTS = {
  issuer: 'satu-demo',
  audience: 'satu-gateway',
  clockToleranceSeconds: 30,
} as const;

/** Printed at start, on its own, when SATU_ACCESS_CONTROL=off. */
export const ACCESS_CONTROL_OFF_WARNING = [
  '!!! ACCESS CONTROL IS OFF (SATU_ACCESS_CONTROL=off) !!!',
  '!!! Every request is served as the "development" caller with every scope: no credentials, no',
  '!!! purpose and no field restriction are checked. For local work on a laptop only; the gateway',
  '!!! refuses this switch in production mode. Unset SATU_ACCESS_CONTROL to turn access control on.',
].join('\n');

function readMode(env: NodeJS.ProcessEnv, problems: string[]): RunMode {
  const raw = env.SATU_MODE?.trim();
  let mode: RunMode = 'development';
  if (raw) {
    if (raw === 'production' || raw === 'development') mode = raw;
    else problems.push(`SATU_MODE must be "production" or "development", got "${raw}"`);
  }
  // NODE_ENV=production is how most deployments say it; it must not be overridable into development.
  if (env.NODE_ENV?.trim() === 'production') mode = 'production';
  return mode;
}

function readSwitch(env: NodeJS.ProcessEnv, problems: string[]): boolean {
  const raw = env.SATU_ACCESS_CONTROL?.trim().toLowerCase();
  if (!raw || raw === 'on') return true;
  if (raw === 'off') return false;
  problems.push(`SATU_ACCESS_CONTROL must be "on" or "off", got "${env.SATU_ACCESS_CONTROL}"`);
  return true;
}

function readText(env: NodeJS.ProcessEnv, name: string, fallback: string, problems: string[]): string {
  const raw = env[name];
  if (raw === undefined) return fallback;
  if (raw.trim() === '') problems.push(`${name} must not be empty (leave it unset for the default "${fallback}")`);
  return raw.trim();
}

function readFile(env: NodeJS.ProcessEnv, name: string, problems: string[]): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  try {
    if (!statSync(raw).isFile()) {
      problems.push(`${name}: ${raw} is not a file`);
      return raw;
    }
    accessSync(raw, constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems.push(code === 'ENOENT' ? `${name}: no file at ${raw}` : `${name}: cannot read ${raw} (${code ?? (error as Error).message})`);
  }
  return raw;
}

function readTolerance(env: NodeJS.ProcessEnv, problems: string[]): number {
  const name = 'SATU_JWT_CLOCK_TOLERANCE_SECONDS';
  const raw = env[name]?.trim();
  if (!raw) return ACCESS_DEFAULTS.clockToleranceSeconds;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value > 300) {
    problems.push(`${name} must be a whole number of seconds from 0 to 300, got "${raw}"`);
    return ACCESS_DEFAULTS.clockToleranceSeconds;
  }
  return value;
}

export function readAccessConfig(env: NodeJS.ProcessEnv = process.env): AccessConfig {
  const problems: string[] = [];
  const mode = readMode(env, problems);
  const accessControl = readSwitch(env, problems);
  if (!accessControl && mode === 'production') {
    problems.push('SATU_ACCESS_CONTROL=off is refused in production mode (SATU_MODE=production or NODE_ENV=production): configure keys instead (SATU_JWKS_FILE, SATU_JWT_SECRET_FILE or SATU_API_KEYS_FILE)');
  }
  const config: AccessConfig = {
    mode,
    accessControl,
    jwt: {
      issuer: readText(env, 'SATU_JWT_ISSUER', ACCESS_DEFAULTS.issuer, problems),
      audience: readText(env, 'SATU_JWT_AUDIENCE', ACCESS_DEFAULTS.audience, problems),
      jwksFile: readFile(env, 'SATU_JWKS_FILE', problems),
      secretFile: readFile(env, 'SATU_JWT_SECRET_FILE', problems),
      clockToleranceSeconds: readTolerance(env, problems),
    },
    apiKeysFile: readFile(env, 'SATU_API_KEYS_FILE', problems),
    purposesFile: readFile(env, 'SATU_PURPOSES_FILE', problems),
  };
  if (mode === 'production' && accessControl) {
    const hasJwtKeys = config.jwt.jwksFile !== undefined || config.jwt.secretFile !== undefined;
    if (!hasJwtKeys && config.apiKeysFile === undefined) {
      problems.push('production mode needs credentials to check: set SATU_JWKS_FILE, SATU_JWT_SECRET_FILE or SATU_API_KEYS_FILE (demo keys are generated in development mode only)');
    }
    // The defaults name the demo issuer; a production gateway trusting them would accept demo tokens.
    if (hasJwtKeys && (env.SATU_JWT_ISSUER === undefined || env.SATU_JWT_AUDIENCE === undefined)) {
      problems.push('production mode with JWT keys needs SATU_JWT_ISSUER and SATU_JWT_AUDIENCE set explicitly (the defaults are the demo\'s)');
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** True when no key source is configured, so development mode falls back to demo keys. */
export function usesDemoKeys(config: AccessConfig): boolean {
  return config.accessControl && config.mode === 'development' && config.jwt.jwksFile === undefined && config.jwt.secretFile === undefined && config.apiKeysFile === undefined;
}
