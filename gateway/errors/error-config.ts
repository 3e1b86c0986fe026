import type { RunMode } from '../access/access-config';
import { ConfigError } from '../config';

/**
 * Error hygiene configuration (issue 6, item 8): one typed module read from the environment,
 * with one clear message per bad value. The run mode is not read again here: it comes from
 * readAccessConfig(env).mode, so the whole gateway agrees on what "production" means.
 */
export interface ErrorHygieneConfig {
  /**
   * SATU_DEBUG_ERRORS=true: clients also get stack traces and, under `extensions.debug`, the
   * original text of what was hidden (NIKs still masked). Development mode only.
   */
  debugErrors: boolean;
  /**
   * "Did you mean ...?" suggestions in validation errors. They name schema fields a caller may not
   * be shown, so they are on in development only; SATU_FIELD_SUGGESTIONS=off turns them off there.
   */
  fieldSuggestions: boolean;
}

function readSwitch(env: NodeJS.ProcessEnv, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === 'on') return true;
  if (raw === 'false' || raw === 'off') return false;
  problems.push(`${name} must be true or false, got "${env[name]}"`);
  return fallback;
}

export function readErrorHygieneConfig(mode: RunMode, env: NodeJS.ProcessEnv = process.env): ErrorHygieneConfig {
  const problems: string[] = [];
  const debugErrors = readSwitch(env, 'SATU_DEBUG_ERRORS', false, problems);
  const fieldSuggestions = readSwitch(env, 'SATU_FIELD_SUGGESTIONS', mode === 'development', problems);
  if (mode === 'production' && debugErrors) {
    problems.push('SATU_DEBUG_ERRORS=true is refused in production mode (SATU_MODE=production or NODE_ENV=production): it would show clients stack traces and agency error text; unset it');
  }
  if (mode === 'production' && fieldSuggestions) {
    problems.push('SATU_FIELD_SUGGESTIONS=on is refused in production mode: suggestions name schema fields the caller may not be shown; unset it');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { debugErrors, fieldSuggestions };
}
