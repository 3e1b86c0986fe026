import { DEMO_API_KEY, readPolriConfig } from '../../../../subgraphs/polri/polri.config';

describe('readPolriConfig', () => {
  it('uses the demo key and defaults when nothing is set', () => {
    expect(readPolriConfig({})).toEqual({ apiKey: DEMO_API_KEY, concurrency: 4, simulatorRateLimitPerSecond: 5000 });
  });

  it('takes the key and limits from the environment', () => {
    expect(readPolriConfig({ SATU_POLRI_API_KEY: 'k-123', SATU_POLRI_CONCURRENCY: '8', SATU_POLRI_SIM_RATE_LIMIT: '10' })).toEqual({
      apiKey: 'k-123',
      concurrency: 8,
      simulatorRateLimitPerSecond: 10,
    });
  });

  it.each([
    ['SATU_POLRI_API_KEY', ' ', /SATU_POLRI_API_KEY is set but empty/],
    ['SATU_POLRI_CONCURRENCY', '0', /SATU_POLRI_CONCURRENCY must be a whole number >= 1, got "0"/],
    ['SATU_POLRI_SIM_RATE_LIMIT', 'lots', /SATU_POLRI_SIM_RATE_LIMIT must be a whole number/],
  ])('names the bad value: %s=%j', (name, value, message) => {
    expect(() => readPolriConfig({ [name]: value })).toThrow(message);
  });
});
