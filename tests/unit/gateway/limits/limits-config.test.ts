import { ConfigError } from '../../../../gateway/config';
import { LIMIT_DEFAULTS, readLimitsConfig } from '../../../../gateway/limits/limits-config';

describe('readLimitsConfig', () => {
  test('with no environment: the embedded defaults, development, APQ registration allowed', () => {
    expect(readLimitsConfig({})).toEqual({ ...LIMIT_DEFAULTS, rateLimit: { ...LIMIT_DEFAULTS.rateLimit }, safelist: 'register', production: false });
  });

  test('reads every limit from the environment', () => {
    const config = readLimitsConfig({
      SATU_MAX_TOKENS: '500',
      SATU_MAX_DEPTH: '5',
      SATU_MAX_ALIASES: '0',
      SATU_MAX_DIRECTIVES: '3',
      SATU_MAX_ROOT_FIELDS: '2',
      SATU_MAX_LIST_ARGUMENT: '50',
      SATU_MAX_COST: '900',
      SATU_ASSUMED_LIST_SIZE: '3',
      SATU_RATE_LIMIT_REQUESTS: '10',
      SATU_RATE_LIMIT_WINDOW_SECONDS: '1',
      SATU_SAFELIST: 'required',
    });
    expect(config).toEqual({
      maxTokens: 500,
      maxDepth: 5,
      maxAliases: 0,
      maxDirectives: 3,
      maxRootFields: 2,
      maxListArgument: 50,
      maxCost: 900,
      assumedListSize: 3,
      rateLimit: { requests: 10, windowSeconds: 1 },
      safelist: 'required',
      production: false,
    });
  });

  test.each([
    [{ SATU_MODE: 'production' }],
    [{ NODE_ENV: 'production' }],
  ])('production mode (%j) requires the safelist', (env) => {
    expect(readLimitsConfig(env)).toMatchObject({ production: true, safelist: 'required' });
  });

  test('registration in production is refused with a message saying why', () => {
    expect(() => readLimitsConfig({ SATU_MODE: 'production', SATU_SAFELIST: 'register' })).toThrow(/SATU_SAFELIST=register is refused in production mode/);
  });

  test('every bad value is listed at once, each naming the variable, the range and what was given', () => {
    let caught: unknown;
    try {
      readLimitsConfig({ SATU_MAX_DEPTH: 'deep', SATU_MAX_COST: '-1', SATU_MAX_LIST_ARGUMENT: '0', SATU_RATE_LIMIT_WINDOW_SECONDS: '1.5', SATU_SAFELIST: 'maybe' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).problems).toEqual([
      'SATU_MAX_DEPTH must be a whole number from 1 to 1000, got "deep"',
      'SATU_MAX_LIST_ARGUMENT must be a whole number from 1 to 1000000, got "0"',
      'SATU_MAX_COST must be a whole number from 1 to 1000000000, got "-1"',
      'SATU_RATE_LIMIT_WINDOW_SECONDS must be a whole number from 1 to 86400, got "1.5"',
      'SATU_SAFELIST must be "required" (only registered operations run) or "register" (clients may register operations), got "maybe"',
    ]);
  });
});
