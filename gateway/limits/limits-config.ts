import { ConfigError } from '../config';

/**
 * Query limits (issue 6, item 4), one typed module read from the environment with a clear
 * message per bad value; the defaults are embedded so `npm start` needs no file. How each
 * default was chosen is in gateway/limits/README.md (measured on the demo's real queries).
 */
export interface OperationLimits {
  /** SATU_MAX_TOKENS: lexical tokens in the query text (the parser stops at max + 1). */
  maxTokens: number;
  /** SATU_MAX_DEPTH: nesting of fields (a root field is depth 1; introspection not counted). */
  maxDepth: number;
  /** SATU_MAX_ALIASES: aliased fields, counted once per place a fragment is spread. */
  maxAliases: number;
  /** SATU_MAX_DIRECTIVES: directive uses in the operation, counted the same way. */
  maxDirectives: number;
  /** SATU_MAX_ROOT_FIELDS: fields at the root of the operation (each is its own plan branch). */
  maxRootFields: number;
  /** SATU_MAX_LIST_ARGUMENT: items in any list argument, variables included (`citizens(niks:)`). */
  maxListArgument: number;
  /** SATU_MAX_COST: the estimated number of agency record look-ups (see estimateCost). */
  maxCost: number;
  /** SATU_ASSUMED_LIST_SIZE: items assumed in a returned list whose size no argument tells. */
  assumedListSize: number;
}

export interface RateLimitConfig {
  /** SATU_RATE_LIMIT_REQUESTS: operations one consumer may send per window. */
  requests: number;
  /** SATU_RATE_LIMIT_WINDOW_SECONDS: the window. */
  windowSeconds: number;
}

/** `required`: only registered operations run (production); `register`: APQ-style registration allowed (development). */
export type SafelistMode = 'required' | 'register';

export interface LimitsConfig extends OperationLimits {
  rateLimit: RateLimitConfig;
  /** SATU_SAFELIST: `required` (the only choice in production mode) or `register`. */
  safelist: SafelistMode;
  /** Production mode (SATU_MODE=production or NODE_ENV=production), as the rest of the gateway reads it. */
  production: boolean;
}

export const LIMIT_DEFAULTS: Readonly<OperationLimits & { rateLimit: RateLimitConfig }> = Object.freeze({
  maxTokens: 2000,
  maxDepth: 8,
  maxAliases: 20,
  maxDirectives: 20,
  maxRootFields: 10,
  maxListArgument: 100,
  maxCost: 20_000,
  assumedListSize: 5,
  rateLimit: Object.freeze({ requests: 6000, windowSeconds: 60 }),
});

function wholeNumber(env: NodeJS.ProcessEnv, name: string, min: number, max: number, fallback: number, problems: string[]): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max}, got "${env[name]}"`);
    return fallback;
  }
  return value;
}

function isProduction(env: NodeJS.ProcessEnv): boolean {
  return env.SATU_MODE?.trim() === 'production' || env.NODE_ENV?.trim() === 'production';
}

function readSafelistMode(env: NodeJS.ProcessEnv, production: boolean, problems: string[]): SafelistMode {
  const raw = env.SATU_SAFELIST?.trim().toLowerCase();
  if (!raw) return production ? 'required' : 'register';
  if (raw !== 'required' && raw !== 'register') {
    problems.push(`SATU_SAFELIST must be "required" (only registered operations run) or "register" (clients may register operations), got "${env.SATU_SAFELIST}"`);
    return 'required';
  }
  if (raw === 'register' && production) {
    problems.push('SATU_SAFELIST=register is refused in production mode: only operations registered ahead of time may run there (unset SATU_SAFELIST)');
    return 'required';
  }
  return raw;
}

/** Reads and validates every limit; throws ConfigError listing every bad value at once. */
export function readLimitsConfig(env: NodeJS.ProcessEnv = process.env): LimitsConfig {
  const problems: string[] = [];
  const production = isProduction(env);
  const config: LimitsConfig = {
    maxTokens: wholeNumber(env, 'SATU_MAX_TOKENS', 10, 1_000_000, LIMIT_DEFAULTS.maxTokens, problems),
    maxDepth: wholeNumber(env, 'SATU_MAX_DEPTH', 1, 1000, LIMIT_DEFAULTS.maxDepth, problems),
    maxAliases: wholeNumber(env, 'SATU_MAX_ALIASES', 0, 100_000, LIMIT_DEFAULTS.maxAliases, problems),
    maxDirectives: wholeNumber(env, 'SATU_MAX_DIRECTIVES', 0, 100_000, LIMIT_DEFAULTS.maxDirectives, problems),
    maxRootFields: wholeNumber(env, 'SATU_MAX_ROOT_FIELDS', 1, 10_000, LIMIT_DEFAULTS.maxRootFields, problems),
    maxListArgument: wholeNumber(env, 'SATU_MAX_LIST_ARGUMENT', 1, 1_000_000, LIMIT_DEFAULTS.maxListArgument, problems),
    maxCost: wholeNumber(env, 'SATU_MAX_COST', 1, 1_000_000_000, LIMIT_DEFAULTS.maxCost, problems),
    assumedListSize: wholeNumber(env, 'SATU_ASSUMED_LIST_SIZE', 1, 10_000, LIMIT_DEFAULTS.assumedListSize, problems),
    rateLimit: {
      requests: wholeNumber(env, 'SATU_RATE_LIMIT_REQUESTS', 1, 10_000_000, LIMIT_DEFAULTS.rateLimit.requests, problems),
      windowSeconds: wholeNumber(env, 'SATU_RATE_LIMIT_WINDOW_SECONDS', 1, 86_400, LIMIT_DEFAULTS.rateLimit.windowSeconds, problems),
    },
    safelist: readSafelistMode(env, production, problems),
    production,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
