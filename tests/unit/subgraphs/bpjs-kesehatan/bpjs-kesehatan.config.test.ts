import { DEMO_CREDENTIALS, readBpjsKesehatanConfig } from '../../../../subgraphs/bpjs-kesehatan/bpjs-kesehatan.config';

describe('readBpjsKesehatanConfig', () => {
  it('uses the demo credentials and defaults when nothing is set', () => {
    expect(readBpjsKesehatanConfig({})).toEqual({
      credentials: DEMO_CREDENTIALS,
      concurrency: 4,
      simulatorRateLimitPerSecond: 5000,
      simulatorMaxSkewSeconds: 300,
    });
  });

  it('takes credentials and limits from the environment', () => {
    const config = readBpjsKesehatanConfig({
      SATU_BPJS_KESEHATAN_CONS_ID: '12345',
      SATU_BPJS_KESEHATAN_SECRET: 's3cret',
      SATU_BPJS_KESEHATAN_USER_KEY: 'key',
      SATU_BPJS_KESEHATAN_CONCURRENCY: '8',
      SATU_BPJS_KESEHATAN_SIM_RATE_LIMIT: '10',
    });
    expect(config).toMatchObject({ credentials: { consId: '12345', secret: 's3cret', userKey: 'key' }, concurrency: 8, simulatorRateLimitPerSecond: 10 });
  });

  it.each([
    ['SATU_BPJS_KESEHATAN_CONCURRENCY', '0', /SATU_BPJS_KESEHATAN_CONCURRENCY must be a whole number >= 1, got "0"/],
    ['SATU_BPJS_KESEHATAN_SIM_RATE_LIMIT', 'many', /SATU_BPJS_KESEHATAN_SIM_RATE_LIMIT must be a whole number/],
    ['SATU_BPJS_KESEHATAN_SECRET', ' ', /SATU_BPJS_KESEHATAN_SECRET is set but empty/],
  ])('names the bad value: %s=%s', (name, value, message) => {
    expect(() => readBpjsKesehatanConfig({ [name]: value })).toThrow(message);
  });
});
