import { FaultInjector, FaultSettingsError, faultSettingsFromEnv, mergeFaultSettings, NO_FAULTS } from '../../../../subgraphs/kit/simulator/faults';

describe('simulator fault settings', () => {
  it('decides by the configured shares', () => {
    const rolls = [0.05, 0.15, 0.25, 0.5];
    const injector = new FaultInjector({ hangRate: 0.1, errorRate: 0.1, malformedRate: 0.1 }, () => rolls.shift() ?? 0.9);
    expect([injector.decide(), injector.decide(), injector.decide(), injector.decide()]).toEqual(['hang', 'error', 'malformed', 'answer']);
  });

  it('refuses unknown keys, negative numbers and shares above 1, naming them', () => {
    expect(() => mergeFaultSettings(NO_FAULTS, { latency: 3 })).toThrow(/unknown fault setting "latency"/);
    expect(() => mergeFaultSettings(NO_FAULTS, { delayMinMs: -1 })).toThrow(/delayMinMs/);
    expect(() => mergeFaultSettings(NO_FAULTS, { errorRate: 2 })).toThrow(FaultSettingsError);
  });

  it('reads delay ranges and rates from the environment', () => {
    expect(faultSettingsFromEnv({ SATU_SIM_DELAY_MS: '20-60', SATU_SIM_ERROR_RATE: '0.1' })).toMatchObject({ delayMinMs: 20, delayMaxMs: 60, errorRate: 0.1 });
    expect(() => faultSettingsFromEnv({ SATU_SIM_DELAY_MS: 'slow' })).toThrow(/SATU_SIM_DELAY_MS/);
  });
});
