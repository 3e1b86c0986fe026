import { DEMO_CREDENTIALS, basicAuthorization, readOssConfig } from '../../../../subgraphs/oss/oss.config';

describe('readOssConfig', () => {
  it('uses the demo credentials and defaults when nothing is set', () => {
    expect(readOssConfig({})).toEqual({ credentials: DEMO_CREDENTIALS, concurrency: 4, simulatorRateLimitPerSecond: 5000 });
  });

  it('takes credentials and limits from the environment', () => {
    const config = readOssConfig({
      SATU_OSS_USER_KEY: 'key',
      SATU_OSS_USERNAME: 'dpmptsp',
      SATU_OSS_PASSWORD: 'p:ss',
      SATU_OSS_CONCURRENCY: '8',
      SATU_OSS_SIM_RATE_LIMIT: '10',
    });
    expect(config).toEqual({ credentials: { userKey: 'key', username: 'dpmptsp', password: 'p:ss' }, concurrency: 8, simulatorRateLimitPerSecond: 10 });
  });

  it.each([
    ['SATU_OSS_CONCURRENCY', '0', /SATU_OSS_CONCURRENCY must be a whole number >= 1, got "0"/],
    ['SATU_OSS_SIM_RATE_LIMIT', 'many', /SATU_OSS_SIM_RATE_LIMIT must be a whole number/],
    ['SATU_OSS_PASSWORD', ' ', /SATU_OSS_PASSWORD is set but empty/],
    ['SATU_OSS_USERNAME', 'a:b', /SATU_OSS_USERNAME must not contain ":"/],
  ])('names the bad value: %s=%s', (name, value, message) => {
    expect(() => readOssConfig({ [name]: value })).toThrow(message);
  });

  it('builds the HTTP Basic header (RFC 7617)', () => {
    expect(basicAuthorization({ username: 'Aladdin', password: 'open sesame' })).toBe('Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==');
  });
});
