import { ACCESS_CONTROL_OFF_WARNING, readAccessConfig, usesDemoKeys } from '../../../../gateway/access/access-config';
import { ConfigError } from '../../../../gateway/config';
import { tempDir } from './access-fixtures';

const files = tempDir('access-config');
const jwks = files.file('jwks.json', '{"keys":[]}');
const apiKeys = files.file('api-keys.json', '{}');
afterAll(() => files.remove());

function problemsOf(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    readAccessConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('the configuration was accepted');
}

describe('readAccessConfig', () => {
  it('defaults: development, access control on, the demo issuer and audience, no files', () => {
    const config = readAccessConfig({});
    expect(config).toEqual({
      mode: 'development',
      accessControl: true,
      jwt: { issuer: 'satu-demo', audience: 'satu-gateway', jwksFile: undefined, secretFile: undefined, clockToleranceSeconds: 30 },
      apiKeysFile: undefined,
      purposesFile: undefined,
    });
    expect(usesDemoKeys(config)).toBe(true);
  });

  it('reads every variable', () => {
    const config = readAccessConfig({
      SATU_MODE: 'production',
      SATU_JWT_ISSUER: 'https://id.example',
      SATU_JWT_AUDIENCE: 'satu-prod',
      SATU_JWKS_FILE: jwks,
      SATU_API_KEYS_FILE: apiKeys,
      SATU_JWT_CLOCK_TOLERANCE_SECONDS: '5',
    });
    expect(config.mode).toBe('production');
    expect(config.jwt).toMatchObject({ issuer: 'https://id.example', audience: 'satu-prod', jwksFile: jwks, clockToleranceSeconds: 5 });
    expect(config.apiKeysFile).toBe(apiKeys);
    expect(usesDemoKeys(config)).toBe(false);
  });

  it('NODE_ENV=production means production mode, even when SATU_MODE says development', () => {
    expect(readAccessConfig({ NODE_ENV: 'production', SATU_MODE: 'development', SATU_API_KEYS_FILE: apiKeys }).mode).toBe('production');
  });

  it('access control off in development: allowed, and the warning is loud', () => {
    const config = readAccessConfig({ SATU_ACCESS_CONTROL: 'OFF' });
    expect(config.accessControl).toBe(false);
    expect(usesDemoKeys(config)).toBe(false);
    expect(ACCESS_CONTROL_OFF_WARNING).toMatch(/ACCESS CONTROL IS OFF/);
  });

  it.each([
    ['SATU_MODE=production', { SATU_MODE: 'production', SATU_ACCESS_CONTROL: 'off', SATU_API_KEYS_FILE: apiKeys }],
    ['NODE_ENV=production', { NODE_ENV: 'production', SATU_ACCESS_CONTROL: 'off', SATU_API_KEYS_FILE: apiKeys }],
  ])('access control off is refused in production mode (%s)', (_name, env) => {
    expect(problemsOf(env)).toEqual([
      'SATU_ACCESS_CONTROL=off is refused in production mode (SATU_MODE=production or NODE_ENV=production): configure keys instead (SATU_JWKS_FILE, SATU_JWT_SECRET_FILE or SATU_API_KEYS_FILE)',
    ]);
  });

  it('production mode without any key source is refused (no demo keys in production)', () => {
    expect(problemsOf({ SATU_MODE: 'production' })).toEqual([
      'production mode needs credentials to check: set SATU_JWKS_FILE, SATU_JWT_SECRET_FILE or SATU_API_KEYS_FILE (demo keys are generated in development mode only)',
    ]);
  });

  it('production mode with JWT keys but the demo issuer/audience defaults is refused', () => {
    expect(problemsOf({ SATU_MODE: 'production', SATU_JWKS_FILE: jwks })).toEqual([
      'production mode with JWT keys needs SATU_JWT_ISSUER and SATU_JWT_AUDIENCE set explicitly (the defaults are the demo\'s)',
    ]);
  });

  it.each([
    [{ SATU_MODE: 'prod' }, 'SATU_MODE must be "production" or "development", got "prod"'],
    [{ SATU_ACCESS_CONTROL: 'disabled' }, 'SATU_ACCESS_CONTROL must be "on" or "off", got "disabled"'],
    [{ SATU_JWT_ISSUER: '  ' }, 'SATU_JWT_ISSUER must not be empty (leave it unset for the default "satu-demo")'],
    [{ SATU_JWT_AUDIENCE: '' }, 'SATU_JWT_AUDIENCE must not be empty (leave it unset for the default "satu-gateway")'],
    [{ SATU_JWKS_FILE: '/nonexistent/jwks.json' }, 'SATU_JWKS_FILE: no file at /nonexistent/jwks.json'],
    [{ SATU_JWT_SECRET_FILE: files.dir }, `SATU_JWT_SECRET_FILE: ${files.dir} is not a file`],
    [{ SATU_API_KEYS_FILE: '/nonexistent/keys.json' }, 'SATU_API_KEYS_FILE: no file at /nonexistent/keys.json'],
    [{ SATU_PURPOSES_FILE: '/nonexistent/purposes.json' }, 'SATU_PURPOSES_FILE: no file at /nonexistent/purposes.json'],
    [{ SATU_JWT_CLOCK_TOLERANCE_SECONDS: '-1' }, 'SATU_JWT_CLOCK_TOLERANCE_SECONDS must be a whole number of seconds from 0 to 300, got "-1"'],
    [{ SATU_JWT_CLOCK_TOLERANCE_SECONDS: '3600' }, 'SATU_JWT_CLOCK_TOLERANCE_SECONDS must be a whole number of seconds from 0 to 300, got "3600"'],
  ])('refuses %j', (env, problem) => {
    expect(problemsOf(env)).toEqual([problem]);
  });

  it('reports every problem at once', () => {
    expect(problemsOf({ SATU_MODE: 'staging', SATU_ACCESS_CONTROL: 'maybe', SATU_JWKS_FILE: '/nope' })).toHaveLength(3);
  });
});
