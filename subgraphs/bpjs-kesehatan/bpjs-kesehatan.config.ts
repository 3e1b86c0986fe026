/**
 * Settings of the bpjs-kesehatan subgraph and its VClaim simulator, read from the
 * environment in one place and validated at start with one message per bad value.
 */

/** A VClaim consumer's credentials (issued by BPJS Kesehatan to each integrating system). */
export interface VClaimCredentials {
  /** `X-cons-id`: the consumer id, digits. */
  consId: string;
  /** The consumer secret: signs requests and, with the cons-id and timestamp, keys the response cipher. */
  secret: string;
  /** `user_key`: the API-gateway key sent with every call. */
  userKey: string;
}

/**
 * Demo credentials, known to both the simulator and the subgraph so `npm start` works
 * out of the box. Not secrets: a real deployment sets the SATU_BPJS_KESEHATAN_* variables.
 */
export const DEMO_CREDENTIALS: VClaimCredentials = Object.freeze({
  consId: '21095',
  secret: 'satu-demo-vclaim-secret',
  userKey: 'satu-demo-user-key-0f3a9c',
});

export interface BpjsKesehatanConfig {
  credentials: VClaimCredentials;
  /** Most VClaim calls one request may have in flight (VClaim has no batch call). @default 4 */
  concurrency: number;
  /** Simulator: requests per second allowed per cons-id before HTTP 429. @default 5000 */
  simulatorRateLimitPerSecond: number;
  /** Simulator: largest accepted difference between X-timestamp and its clock, in seconds. @default 300 */
  simulatorMaxSkewSeconds: number;
}

export const DEFAULT_CONCURRENCY = 4;
/** Generous on purpose: the demo and the benchmark must not be throttled; tests lower it. */
export const DEFAULT_RATE_LIMIT_PER_SECOND = 5000;
export const DEFAULT_MAX_SKEW_SECONDS = 300;

export class BpjsKesehatanConfigError extends Error {}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new BpjsKesehatanConfigError(`${name} must be a whole number >= 1, got "${raw}"`);
  }
  return value;
}

function text(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined) return fallback;
  if (raw.trim() === '') throw new BpjsKesehatanConfigError(`${name} is set but empty; unset it to use the demo value`);
  return raw;
}

/**
 * SATU_BPJS_KESEHATAN_CONS_ID, _SECRET, _USER_KEY (demo values when unset),
 * SATU_BPJS_KESEHATAN_CONCURRENCY, SATU_BPJS_KESEHATAN_SIM_RATE_LIMIT, SATU_BPJS_KESEHATAN_SIM_MAX_SKEW_S.
 */
export function readBpjsKesehatanConfig(env: NodeJS.ProcessEnv = process.env): BpjsKesehatanConfig {
  return {
    credentials: {
      consId: text(env, 'SATU_BPJS_KESEHATAN_CONS_ID', DEMO_CREDENTIALS.consId),
      secret: text(env, 'SATU_BPJS_KESEHATAN_SECRET', DEMO_CREDENTIALS.secret),
      userKey: text(env, 'SATU_BPJS_KESEHATAN_USER_KEY', DEMO_CREDENTIALS.userKey),
    },
    concurrency: positiveInteger(env, 'SATU_BPJS_KESEHATAN_CONCURRENCY', DEFAULT_CONCURRENCY),
    simulatorRateLimitPerSecond: positiveInteger(env, 'SATU_BPJS_KESEHATAN_SIM_RATE_LIMIT', DEFAULT_RATE_LIMIT_PER_SECOND),
    simulatorMaxSkewSeconds: positiveInteger(env, 'SATU_BPJS_KESEHATAN_SIM_MAX_SKEW_S', DEFAULT_MAX_SKEW_SECONDS),
  };
}
