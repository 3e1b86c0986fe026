import { ACCESS_CONTROL_OFF_WARNING, usesDemoKeys, type AccessConfig } from './access-config';
import { loadApiKeyFile, type ApiKeyTable } from './api-keys';
import { createAuthenticator, createDevelopmentAuthenticator, type Authenticator } from './authenticate';
import { demoCredentials, formatDemoCredentials, type DemoCredentials } from './demo-credentials';
import { loadJwtKeys } from './jwt-keys';
import { createJwtVerifier, type JwtVerifier } from './jwt-verifier';
import { readPurposeConfig, type PurposeConfig } from './purpose';

/**
 * Everything the gateway needs to know who is calling and why, built once at start from the
 * access configuration. Bad key files throw ConfigError here, so a broken deployment fails at
 * start rather than on the first request.
 */
export interface AccessControl {
  authenticator: Authenticator;
  purposes: PurposeConfig;
  /** Set when demo keys are in use (development mode, access control on, no keys configured). */
  demo: DemoCredentials | null;
  /** What to print at start: the OFF warning, or the demo credentials banner; empty otherwise. */
  startupNotice: string;
  /** Non-fatal findings (e.g. a secret file readable by others), one line each. */
  warnings: string[];
}

export interface AccessControlOptions {
  /** Where demo key material lives (`<dataDir>/access/`). */
  dataDir: string;
  /** The clock, for tests. @default () => new Date() */
  now?: () => Date;
}

export async function createAccessControl(config: AccessConfig, options: AccessControlOptions): Promise<AccessControl> {
  const purposes = readPurposeConfig(config.purposesFile);
  if (!config.accessControl) {
    return { authenticator: createDevelopmentAuthenticator(), purposes, demo: null, startupNotice: ACCESS_CONTROL_OFF_WARNING, warnings: [] };
  }
  const warnings: string[] = [];
  let demo: DemoCredentials | null = null;
  let jwksFile = config.jwt.jwksFile;
  let apiKeysFile = config.apiKeysFile;
  if (usesDemoKeys(config)) {
    demo = await demoCredentials(options.dataDir, { issuer: config.jwt.issuer, audience: config.jwt.audience, now: options.now });
    jwksFile = demo.jwksFile;
    apiKeysFile = demo.apiKeysFile;
  }
  const loaded = await loadJwtKeys({ jwksFile, secretFile: config.jwt.secretFile });
  warnings.push(...loaded.warnings);
  const verifyJwt: JwtVerifier | undefined = loaded.keys.algorithms.length > 0
    ? createJwtVerifier({ keys: loaded.keys, issuer: config.jwt.issuer, audience: config.jwt.audience, clockToleranceSeconds: config.jwt.clockToleranceSeconds, now: options.now })
    : undefined;
  const apiKeys: ApiKeyTable | undefined = apiKeysFile === undefined ? undefined : loadApiKeyFile(apiKeysFile);
  return {
    authenticator: createAuthenticator({ verifyJwt, apiKeys }),
    purposes,
    demo,
    startupNotice: demo ? formatDemoCredentials(demo) : '',
    warnings,
  };
}
