import type { Logger } from 'pino';
import { readErrorHygieneConfig } from '../errors';
import { readLimitsConfig } from '../limits';
import type { GatewayAccess } from '../server';
import { readAccessConfig } from './access-config';
import { createAccessControl } from './access-control';

/**
 * Access control and limits as the environment configures them (SATU_ACCESS_CONTROL, SATU_MODE,
 * key files, limits; see gateway/access/README.md and gateway/limits/README.md). Configuration
 * errors throw ConfigError, so a CLI can print them and exit 2. In development with no keys
 * configured, demo keys and tokens are made under `<dataDir>/access/`.
 */
export async function gatewayAccessFromEnv(options: { env?: NodeJS.ProcessEnv; dataDir: string; logger: Logger }): Promise<GatewayAccess> {
  const env = options.env ?? process.env;
  const config = readAccessConfig(env);
  const limits = readLimitsConfig(env);
  const errors = readErrorHygieneConfig(config.mode, env);
  const control = await createAccessControl(config, { dataDir: options.dataDir });
  for (const warning of control.warnings) options.logger.warn(warning);
  if (!config.accessControl) options.logger.warn(control.startupNotice);
  return { control, limits, errors };
}

/**
 * Access control switched off explicitly (every caller is the development caller), for local work
 * on arbitrary supergraphs and for tests about something else. Refused in production mode, like
 * SATU_ACCESS_CONTROL=off.
 */
export async function developmentGatewayAccess(options: { env?: NodeJS.ProcessEnv; dataDir: string; logger: Logger }): Promise<GatewayAccess> {
  return gatewayAccessFromEnv({ ...options, env: { ...(options.env ?? process.env), SATU_ACCESS_CONTROL: 'off' } });
}
