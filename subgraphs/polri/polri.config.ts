/**
 * Settings of the polri subgraph and its POLRI-SIM simulator, read from the environment in
 * one place and validated at start with one message per bad value.
 */

/**
 * Demo API key, known to both the simulator and the subgraph so `npm start` works out of the
 * box. Not a secret: a real deployment sets SATU_POLRI_API_KEY to the key Polri issued.
 */
export const DEMO_API_KEY = 'satu-demo-polri-7c41e2';

export interface PolriConfig {
  /** Sent as `X-Api-Key`; the simulator accepts exactly this key. */
  apiKey: string;
  /** Most SKCK look-ups (one call per NIK, no batch call) one request may have in flight. @default 4 */
  concurrency: number;
  /** Simulator: requests per second per API key before HTTP 429. @default 5000 */
  simulatorRateLimitPerSecond: number;
}

export const DEFAULT_CONCURRENCY = 4;
/** Generous on purpose: the demo and the benchmark must not be throttled; tests lower it. */
export const DEFAULT_RATE_LIMIT_PER_SECOND = 5000;

export class PolriConfigError extends Error {}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new PolriConfigError(`${name} must be a whole number >= 1, got "${raw}"`);
  return value;
}

/** SATU_POLRI_API_KEY (demo key when unset), SATU_POLRI_CONCURRENCY, SATU_POLRI_SIM_RATE_LIMIT. */
export function readPolriConfig(env: NodeJS.ProcessEnv = process.env): PolriConfig {
  const apiKey = env.SATU_POLRI_API_KEY ?? DEMO_API_KEY;
  if (apiKey.trim() === '') throw new PolriConfigError('SATU_POLRI_API_KEY is set but empty; unset it to use the demo key or give the key Polri issued');
  return {
    apiKey,
    concurrency: positiveInteger(env, 'SATU_POLRI_CONCURRENCY', DEFAULT_CONCURRENCY),
    simulatorRateLimitPerSecond: positiveInteger(env, 'SATU_POLRI_SIM_RATE_LIMIT', DEFAULT_RATE_LIMIT_PER_SECOND),
  };
}
