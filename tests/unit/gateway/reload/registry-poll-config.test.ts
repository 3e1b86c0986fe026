import { ConfigError, readGatewayConfig } from '../../../../gateway/config';

describe('SATU_REGISTRY_POLL_MS', () => {
  it('defaults to one second and takes a whole number of milliseconds', () => {
    expect(readGatewayConfig({}, {}).registryPollMs).toBe(1000);
    expect(readGatewayConfig({}, { SATU_REGISTRY_POLL_MS: '250' }).registryPollMs).toBe(250);
  });

  it.each(['0', '49', '1.5', 'fast', '-100', '3600001'])('refuses %p, naming the variable and the range', (value) => {
    let error: unknown;
    try {
      readGatewayConfig({}, { SATU_REGISTRY_POLL_MS: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([`SATU_REGISTRY_POLL_MS must be a whole number from 50 to 3600000, got "${value}"`]);
  });
});
