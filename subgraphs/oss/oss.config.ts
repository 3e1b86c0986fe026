/**
 * Settings of the oss subgraph and its OSS-RBA simulator, read from the environment in
 * one place and validated at start with one message per bad value.
 */

/**
 * What OSS-RBA asks of a partner system on every call: the API gateway's `user_key` and,
 * behind the gateway, HTTP Basic auth with the partner's account. Both must be right.
 */
export interface OssCredentials {
  /** `user_key` header, checked by the API gateway in front of OSS-RBA. */
  userKey: string;
  /** HTTP Basic account of the partner system (DPMPTSP Kota Pekanbaru's integration account). */
  username: string;
  password: string;
}

/**
 * Demo credentials, known to both the simulator and the subgraph so `npm start` works out
 * of the box. Not secrets: a real deployment sets SATU_OSS_USER_KEY, SATU_OSS_USERNAME and
 * SATU_OSS_PASSWORD.
 */
export const DEMO_CREDENTIALS: OssCredentials = Object.freeze({
  userKey: 'satu-demo-oss-user-key-5e2b71',
  username: 'dpmptsp-pekanbaru-satu',
  password: 'satu-demo-oss-password',
});

export interface OssConfig {
  credentials: OssCredentials;
  /** Most OSS-RBA calls one request may have in flight (OSS has no batch call). @default 4 */
  concurrency: number;
  /** Simulator: requests per second allowed per user_key before HTTP 429. @default 5000 */
  simulatorRateLimitPerSecond: number;
}

export const DEFAULT_CONCURRENCY = 4;
/** Generous on purpose: the demo and the benchmark must not be throttled; tests lower it. */
export const DEFAULT_RATE_LIMIT_PER_SECOND = 5000;

export class OssConfigError extends Error {}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new OssConfigError(`${name} must be a whole number >= 1, got "${raw}"`);
  return value;
}

function text(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined) return fallback;
  if (raw.trim() === '') throw new OssConfigError(`${name} is set but empty; unset it to use the demo value`);
  // HTTP Basic cannot carry a colon in the user name: say so now rather than get a 401 later.
  if (name === 'SATU_OSS_USERNAME' && raw.includes(':')) throw new OssConfigError(`${name} must not contain ":" (HTTP Basic separates user and password with it)`);
  return raw;
}

/**
 * SATU_OSS_USER_KEY, SATU_OSS_USERNAME, SATU_OSS_PASSWORD (demo values when unset),
 * SATU_OSS_CONCURRENCY, SATU_OSS_SIM_RATE_LIMIT.
 */
export function readOssConfig(env: NodeJS.ProcessEnv = process.env): OssConfig {
  return {
    credentials: {
      userKey: text(env, 'SATU_OSS_USER_KEY', DEMO_CREDENTIALS.userKey),
      username: text(env, 'SATU_OSS_USERNAME', DEMO_CREDENTIALS.username),
      password: text(env, 'SATU_OSS_PASSWORD', DEMO_CREDENTIALS.password),
    },
    concurrency: positiveInteger(env, 'SATU_OSS_CONCURRENCY', DEFAULT_CONCURRENCY),
    simulatorRateLimitPerSecond: positiveInteger(env, 'SATU_OSS_SIM_RATE_LIMIT', DEFAULT_RATE_LIMIT_PER_SECOND),
  };
}

/** `Authorization: Basic base64(user:password)` (RFC 7617, UTF-8). */
export function basicAuthorization(credentials: Pick<OssCredentials, 'username' | 'password'>): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}`;
}
